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

    /**
     * Every header of a dead letter, in order, as UTF-8 bytes: what a service adds to the record it sets aside.
     *
     * <pre>{@code
     * DeadLetterHeaders.of(reason, cause, record.topic(), record.partition(), record.offset(), "worker")
     *         .forEach(letter.headers()::add);
     * }</pre>
     *
     * @param cause the exception that rejected the record; null when there was none
     */
    public static java.util.Map<String, byte[]> of(String reason, Throwable cause, String sourceTopic,
                                                   int sourcePartition, long sourceOffset, String service) {
        java.util.Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
        headers.put(REASON, utf8(reason));
        headers.put(EXCEPTION, utf8(cause == null ? "" : cause.getClass().getName()));
        headers.put(SOURCE_TOPIC, utf8(sourceTopic));
        headers.put(SOURCE_PARTITION, utf8(Integer.toString(sourcePartition)));
        headers.put(SOURCE_OFFSET, utf8(Long.toString(sourceOffset)));
        headers.put(SERVICE, utf8(service));
        return java.util.Collections.unmodifiableMap(headers);
    }

    private static byte[] utf8(String s) {
        return (s == null ? "" : s).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
