package io.paretune.contract.messaging;

/**
 * Header names on a {@link Topics#DEAD_LETTER} record. The record's key and value are the original ones, untouched.
 *
 * <pre>{@code
 * headers.add(DeadLetterHeaders.REASON, "unreadable TrialJob: ...".getBytes(UTF_8));
 * }</pre>
 */
public final class DeadLetterHeaders {
    /** Why the record was set aside, in words. */
    public static final String REASON = "paretune.dlq.reason";
    /** Class name of the exception that rejected it. */
    public static final String EXCEPTION = "paretune.dlq.exception";
    public static final String SOURCE_TOPIC = "paretune.dlq.topic";
    public static final String SOURCE_PARTITION = "paretune.dlq.partition";
    public static final String SOURCE_OFFSET = "paretune.dlq.offset";
    /** Which service set it aside (worker, evaluator, controller). */
    public static final String SERVICE = "paretune.dlq.service";

    private DeadLetterHeaders() {
    }
}
