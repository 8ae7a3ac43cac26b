package io.paretune.evaluator.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialResult;
import io.paretune.evaluator.config.EvaluatorConfig;
import io.paretune.evaluator.service.EvaluationService;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.client.ConsumerSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.client.KafkaIdentity;
import io.paretune.kafka.consume.Backoff;
import io.paretune.kafka.consume.ConsumerLoop;
import io.paretune.kafka.consume.LoopStatus;
import io.paretune.kafka.consume.RecordHandler;
import io.paretune.kafka.consume.Subscription;
import io.paretune.kafka.consume.Verdict;
import io.paretune.kafka.deadletter.DeadLetterPublisher;
import io.paretune.kafka.publish.PublishException;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Reads {@link Topics#TRIAL_RESULTS} in a loop of its own (shared/kafka's {@link ConsumerLoop}), one record per poll,
 * and answers every trained result with a score on {@link Topics#TRIAL_SCORES}. The offset is committed only after
 * the score (or dead letter) is acknowledged: a crash in between scores the result again, and the controller keeps
 * the first score per trial. A score or dead letter the broker did not take is retried: the same record is read
 * again after {@code retry-backoff}. Failed results are skipped (the controller already knows), and so are
 * checkpointed ones (a segment of a trial done, no model yet: the controller decides whether it goes on); unreadable
 * records are dead-lettered. Nothing that happens to one record stops the loop.
 */
@ApplicationScoped
public class TrialResultConsumer implements RecordHandler {

    /** The evaluator on Kafka: clients named {@code paretune-evaluator-*}, dead letters signed {@code evaluator}. */
    @Produces
    static final KafkaIdentity IDENTITY = new KafkaIdentity("evaluator", List.of(Topics.TRIAL_RESULTS));
    private static final Logger LOG = Logger.getLogger(TrialResultConsumer.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    /** What readiness and the status endpoint report: the loop's status and the trial being scored, if any. */
    public record Status(LoopStatus.State state, boolean threadAlive, Instant lastProgress, String scoringTrialId,
                         String lastError) {
    }

    private final EvaluationService evaluations;
    private final ScorePublisher scores;
    private final ConsumerLag lag;
    private final ConsumerLoop loop;

    private volatile String scoringTrialId;

    public TrialResultConsumer(KafkaClients clients, BrokerSetup broker, EvaluationService evaluations,
                               ScorePublisher scores, DeadLetterPublisher deadLetters, EvaluatorConfig config,
                               MeterRegistry registry) {
        this.evaluations = evaluations;
        this.scores = scores;
        this.lag = new ConsumerLag(registry);
        EvaluatorConfig.Consumer settings = config.consumer();
        // One record per poll, since one evaluation can take a while, and a poll interval long enough for it.
        this.loop = ConsumerLoop.builder("paretune-trial-result-consumer",
                        () -> clients.consumer(ConsumerSettings.inGroup(Topics.EVALUATORS_GROUP)
                                .withMaxPollRecords(1)
                                .withMaxPollInterval(settings.maxPollInterval())),
                        Subscription.group(List.of(Topics.TRIAL_RESULTS)), this)
                .beforeConnect(broker::ensureTopics)
                .deadLetters(deadLetters)
                .pollTimeout(settings.pollTimeout())
                .backoff(Backoff.constant(settings.retryBackoff()))
                .stuckAfter(settings.maxPollInterval())
                .build();
    }

    void onStart(@Observes StartupEvent event) {
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        loop.stop(SHUTDOWN_WAIT);
    }

    public Status status() {
        LoopStatus status = loop.status();
        return new Status(status.state(), status.threadAlive(), status.lastProgress(), scoringTrialId,
                status.lastError());
    }

    /**
     * Ready when the loop polls (not retrying a record or reconnecting) and has not been stuck on one record longer
     * than Kafka would allow.
     */
    public boolean isHealthy() {
        return loop.live() && loop.status().state() == LoopStatus.State.POLLING;
    }

    @Override
    public Verdict handle(ConsumerRecord<byte[], byte[]> record, int attempt) {
        TrialResult result;
        try {
            result = Json.read(record.value(), TrialResult.class);
            if (result.outcome() == null) {
                throw new MalformedMessageException("TrialResult " + result.trialId() + " without outcome");
            }
        } catch (MalformedMessageException e) {
            return Verdict.deadLetter(e.getMessage(), e);
        }
        if (result.outcome() != TrialResult.Outcome.TRAINED) { // FAILED, CHECKPOINTED: nothing to score
            LOG.debugf("skipping %s result of trial %s: the controller handles it", result.outcome(), result.trialId());
            return Verdict.ack();
        }
        scoringTrialId = result.trialId();
        try {
            scores.publish(evaluations.evaluate(result));
            return Verdict.ack();
        } catch (MalformedMessageException e) {
            return Verdict.deadLetter(e.getMessage(), e);
        } catch (PublishException e) {
            return Verdict.retry(e);
        } finally {
            scoringTrialId = null;
        }
    }

    @Override
    public void afterPoll(Consumer<byte[], byte[]> consumer) {
        lag.update(consumer);
    }
}
