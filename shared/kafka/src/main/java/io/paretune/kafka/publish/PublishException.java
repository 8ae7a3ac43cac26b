package io.paretune.kafka.publish;

/**
 * The broker did not store a record (refused, not reached in time, or the sender was interrupted; then the thread's
 * interrupt flag is set again). Whatever the record answers, such as a consumed offset, must not be committed.
 *
 * <pre>{@code
 * try {
 *     publisher.publish(Topics.TRIAL_SCORES, score.trialId(), Json.write(score));
 * } catch (PublishException e) {
 *     return Verdict.retry(e); // the result is read and scored again
 * }
 * }</pre>
 */
public class PublishException extends RuntimeException {

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
