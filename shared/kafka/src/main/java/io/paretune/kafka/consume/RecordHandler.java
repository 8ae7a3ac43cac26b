package io.paretune.kafka.consume;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a {@link ConsumerLoop} does with each record: the service's domain code behind a verdict. A domain failure
 * (a trial that diverged) is the domain's business and ends in an ack; {@link Verdict#deadLetter} is for a record
 * that is wrong as a message, or that keeps failing; {@link Verdict#retry} for infrastructure that may come back.
 *
 * <pre>{@code
 * RecordHandler handler = (record, attempt) -> {
 *     try {
 *         service.onScore(Json.read(record.value(), TrialScore.class));
 *         return Verdict.ack();
 *     } catch (MalformedMessageException e) {
 *         return Verdict.deadLetter(e.getMessage(), e);
 *     }
 * };
 * }</pre>
 */
@FunctionalInterface
public interface RecordHandler {

    /**
     * Handles one record, on the loop's thread. An exception thrown here counts as {@link Verdict#retry}.
     *
     * @param attempt 1 the first time this loop hands the record over, 2 the first time it tries it again, ...
     */
    Verdict handle(ConsumerRecord<byte[], byte[]> record, int attempt);

    /**
     * Called on the loop's thread after the records of each poll were handled (and, in a group, committed), empty
     * polls included: for figures the consumer knows, such as its lag or whether it has read a topic to its end.
     */
    default void afterPoll(Consumer<byte[], byte[]> consumer) {
    }
}
