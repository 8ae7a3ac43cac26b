package io.paretune.kafka.consume;

/**
 * What a {@link RecordHandler} made of a record.
 *
 * <pre>{@code
 * return Verdict.ack();                                  // done: commit it
 * return Verdict.retry(e);                               // not done (the database is down): try it again later
 * return Verdict.deadLetter("unreadable TrialScore", e); // can never be done: set it aside, then commit it
 * }</pre>
 *
 * @param reason why it is retried or set aside, in words (null for ack)
 * @param cause  the exception behind it, if any
 */
public record Verdict(Kind kind, String reason, Throwable cause) {

    public enum Kind {
        /** Handled; its offset may be committed. */
        ACK,
        /** Not handled, for a reason that may pass: the same record is handled again after a pause. */
        RETRY,
        /** Can never be handled: it goes to the dead-letter topic, then its offset may be committed. */
        DEAD_LETTER
    }

    private static final Verdict ACK = new Verdict(Kind.ACK, null, null);

    public static Verdict ack() {
        return ACK;
    }

    public static Verdict retry(Throwable cause) {
        return new Verdict(Kind.RETRY, String.valueOf(cause), cause);
    }

    public static Verdict deadLetter(String reason, Throwable cause) {
        return new Verdict(Kind.DEAD_LETTER, reason, cause);
    }
}
