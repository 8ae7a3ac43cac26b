package io.paretune.worker.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.service.CancelledCampaigns;
import io.paretune.worker.service.RunningTrial;
import io.paretune.worker.service.TrialService;
import io.paretune.worker.service.WorkerIdentity;
import io.paretune.worker.training.TrainingCancelledException;
import io.paretune.worker.training.TrainingPulse;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Takes trial jobs from the trainers' share group, one at a time, on its own thread.
 *
 * <p>Per job: an unreadable record is dead-lettered and accepted. A readable one is announced (its STARTED report
 * stored on the broker) and accepted, the share consumer is closed, and the job trains on the trainer thread while
 * this thread sends a heartbeat about every {@code heartbeat-interval-ms} as long as the trainer moves (a hung
 * trainer must fall silent). Then a new share consumer takes the next job.
 *
 * <p>Why no consumer stays open while a trial trains: a share consumer acquires records ahead of the application
 * (prefetch), and the lock of a record sitting in its buffer runs out while the worker trains; the broker then
 * counts a delivery, hands the record to someone else, and the stale copy still comes out of the buffer later (the
 * same job trained twice; jobs archived untrained after {@code share.delivery.count.limit} such rounds). Renewing
 * the trained job's lock instead needs polls, which acquire yet more records. Closing the consumer releases what it
 * prefetched at once, to workers that are free. So the controller owns an attempt from its STARTED report on: an
 * attempt that goes silent (worker killed, host lost, result not stored) is dispatched again by the controller, up
 * to its attempt limit, and a worker shutting down mid-training reports the job RELEASED. The broker only
 * redelivers a job whose worker died between taking it and reporting its start.
 *
 * <p>Cancelled campaigns ({@link CancelledCampaigns}, read from the campaign-control topic before the first job is
 * taken): their jobs are accepted unannounced and untrained, and a trial of one that trains is stopped within a
 * poll period of the cancellation being read.
 */
@ApplicationScoped
public class TrialJobConsumer {

    private static final Logger LOG = Logger.getLogger(TrialJobConsumer.class);
    /** Longest wait at start-up for the cancellations published before it; a worker must take jobs even without. */
    private static final Duration CANCELLATIONS_WAIT = Duration.ofSeconds(30);

    private final String bootstrapServers;
    private final WorkerConfig config;
    private final TrialService trials;
    private final TrialEventPublisher publisher;
    private final CancelledCampaigns cancelled;
    private final String workerId;
    private final Duration pollTimeout;
    private final long heartbeatEveryNanos;

    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile long lastTickNanos;
    private volatile Thread thread;
    private volatile KafkaShareConsumer<byte[], byte[]> consumer;
    private volatile RunningTrial runningTrial;

    public TrialJobConsumer(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
                            WorkerConfig config, TrialService trials, TrialEventPublisher publisher,
                            CancelledCampaigns cancelled, WorkerIdentity identity) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.trials = trials;
        this.publisher = publisher;
        this.cancelled = cancelled;
        this.workerId = identity.id();
        this.pollTimeout = Duration.ofMillis(config.worker().pollTimeoutMs());
        this.heartbeatEveryNanos = TimeUnit.MILLISECONDS.toNanos(config.worker().heartbeatIntervalMs());
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        lastTickNanos = System.nanoTime();
        thread = new Thread(this::run, "trial-job-consumer");
        thread.start();
        LOG.infof("worker %s consuming %s as share group %s", workerId, Topics.TRIAL_JOBS, Topics.TRAINERS_SHARE_GROUP);
    }

    public synchronized void stop() {
        running = false;
        RunningTrial trial = runningTrial;
        if (trial != null) {
            trial.pulse().cancel();
        }
        KafkaShareConsumer<byte[], byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        LoopThreads.join(thread, Duration.ofSeconds(30));
        thread = null;
    }

    /**
     * True while the loop runs, is subscribed or training, and has gone round recently (it never blocks long, even
     * mid-trial).
     */
    public boolean alive() {
        Thread t = thread;
        long quiet = System.nanoTime() - lastTickNanos;
        long limit = Math.max(TimeUnit.SECONDS.toNanos(30), 5 * pollTimeout.toNanos());
        return running && t != null && t.isAlive() && (subscribed || runningTrial != null) && quiet < limit;
    }

    private void run() {
        boolean prepared = false;
        while (running) {
            try {
                if (!prepared) {
                    KafkaSetup.prepare(bootstrapServers, config.worker().recordLockDurationMs(),
                            config.worker().deliveryCountLimit());
                    prepared = true;
                    awaitCancellations();
                }
                Taken taken = takeJob();
                if (taken != null) {
                    train(taken);
                }
            } catch (WakeupException e) {
                LOG.debug("trial job consumer woken up to stop");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Exception e) {
                if (running) {
                    prepared = false;
                    LOG.errorf("trial job consumer failed (%s); starting again in %d s", e,
                            LoopThreads.RECONNECT_BACKOFF.toSeconds());
                    LOG.debug("consumer failure", e);
                    LoopThreads.sleep(LoopThreads.RECONNECT_BACKOFF);
                }
            }
        }
        LOG.info("trial job consumer stopped");
    }

    /**
     * Waits until the cancellations published before this worker started have been read, so that it never
     * starts a job of a campaign cancelled long ago; after {@link #CANCELLATIONS_WAIT} it takes jobs anyway.
     */
    private void awaitCancellations() throws InterruptedException {
        long deadline = System.nanoTime() + CANCELLATIONS_WAIT.toNanos();
        while (running && !cancelled.caughtUp()) {
            if (System.nanoTime() > deadline) {
                LOG.warnf("%s not read to its end within %d s; taking jobs anyway (a cancelled campaign's trial is"
                        + " stopped once its cancellation is read)", Topics.CAMPAIGN_CONTROL, CANCELLATIONS_WAIT.toSeconds());
                return;
            }
            tick();
            cancelled.awaitCaughtUp(pollTimeout);
        }
    }

    /** A job announced and accepted, with the attempt it was announced as. */
    private record Taken(TrialJob job, int attempt) {
    }

    /**
     * Polls with a fresh share consumer until a job is announced and accepted (null when the worker stops), and
     * closes the consumer, which releases anything it fetched ahead.
     */
    private Taken takeJob() {
        try (KafkaShareConsumer<byte[], byte[]> c = newConsumer()) {
            consumer = c;
            c.subscribe(List.of(Topics.TRIAL_JOBS));
            subscribed = true;
            while (running) {
                tick();
                Iterator<ConsumerRecord<byte[], byte[]>> records = c.poll(pollTimeout).iterator();
                if (records.hasNext()) {
                    ConsumerRecord<byte[], byte[]> first = records.next();
                    // max.poll.records=1 makes this rare; a job we cannot start now goes to another worker
                    records.forEachRemaining(other -> c.acknowledge(other, AcknowledgeType.RELEASE));
                    Taken taken = take(c, first);
                    if (taken != null) {
                        return taken;
                    }
                }
            }
            return null;
        } finally {
            subscribed = false;
            consumer = null;
        }
    }

    private KafkaShareConsumer<byte[], byte[]> newConsumer() {
        return new KafkaShareConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, Topics.TRAINERS_SHARE_GROUP,
                ConsumerConfig.CLIENT_ID_CONFIG, "paretune-worker-" + workerId,
                ConsumerConfig.SHARE_ACKNOWLEDGEMENT_MODE_CONFIG, "explicit",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1,
                ConsumerConfig.SHARE_ACQUIRE_MODE_CONFIG, "record_limit"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * Announces and accepts a job (null: it was dead-lettered, dropped because its campaign was cancelled, or released
     * because its start could not be reported).
     */
    private Taken take(KafkaShareConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
        TrialJob job;
        try {
            job = Json.read(record.value(), TrialJob.class);
        } catch (MalformedMessageException e) {
            deadLetter(c, record, e);
            return null;
        }
        if (trials.dropIfCancelled(job)) {
            c.acknowledge(record, AcknowledgeType.ACCEPT);
            commit(c);
            return null;
        }
        // The controller numbers attempts; the broker's count says only how often the record was handed out
        int attempt = job.attempt();
        int deliveries = record.deliveryCount().map(Short::intValue).orElse(1);
        try {
            trials.announce(job, attempt);
        } catch (TrialEventPublisher.PublishException e) {
            LOG.errorf("trial %s: could not report its start (%s); releasing the job", job.trialId(), e.getMessage());
            c.acknowledge(record, AcknowledgeType.RELEASE);
            commit(c);
            LoopThreads.sleep(LoopThreads.RECONNECT_BACKOFF);
            return null;
        }
        c.acknowledge(record, AcknowledgeType.ACCEPT);
        commit(c);
        LOG.infof("trial %s (campaign %s) segment %d attempt %d (delivery %d): starting", job.trialId(),
                job.campaignId(), job.segment(), attempt, deliveries);
        return new Taken(job, attempt);
    }

    private void train(Taken taken) {
        RunningTrial trial = trials.start(taken.job(), taken.attempt());
        runningTrial = trial;
        try {
            heartbeatWhileTraining(trial);
            reportEnd(trial);
        } finally {
            runningTrial = null;
        }
    }

    private void deadLetter(KafkaShareConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record,
                            MalformedMessageException e) {
        LOG.warnf("unreadable job at %s-%d@%d set aside: %s", record.topic(), record.partition(), record.offset(),
                e.getMessage());
        try {
            publisher.deadLetter(record, e);
            c.acknowledge(record, AcknowledgeType.ACCEPT);
        } catch (TrialEventPublisher.PublishException failed) {
            LOG.errorf("could not dead-letter %s@%d (%s); releasing it", record.topic(), record.offset(), failed.getMessage());
            c.acknowledge(record, AcknowledgeType.RELEASE);
        }
        commit(c);
    }

    /**
     * Waits for the trainer, sending a heartbeat every period in which it moved; cancels it on shutdown, or when its
     * campaign is cancelled.
     */
    private void heartbeatWhileTraining(RunningTrial trial) {
        TrainingPulse.Mark mark = trial.pulse().mark();
        long nextHeartbeat = System.nanoTime() + heartbeatEveryNanos;
        while (!trial.result().isDone()) {
            long wait = Math.min(pollTimeout.toNanos(), Math.max(0, nextHeartbeat - System.nanoTime()));
            try {
                trial.result().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still training, or finished with an error that reportEnd() logs
            } catch (InterruptedException e) {
                // nobody interrupts this thread but stop(); treat it as one (and keep waiting for the trainer)
                running = false;
            }
            tick();
            trials.stopIfCancelled(trial);
            if (!running) {
                trial.pulse().cancel(); // the trainer stops at its next minibatch
                continue;
            }
            if (trial.result().isDone() || System.nanoTime() < nextHeartbeat) {
                continue;
            }
            if (trial.pulse().movedSince(mark)) {
                trials.heartbeat(trial);
                mark = trial.pulse().mark();
            } else {
                LOG.warnf("trial %s made no progress for %d ms: no heartbeat, the controller may give it to another"
                        + " worker", trial.job().trialId(), TimeUnit.NANOSECONDS.toMillis(heartbeatEveryNanos));
            }
            nextHeartbeat = System.nanoTime() + heartbeatEveryNanos;
        }
    }

    /** A cancelled attempt is released to the controller; a result that could not be stored is left to it. */
    private void reportEnd(RunningTrial trial) {
        String trialId = trial.job().trialId();
        try {
            trial.result().get();
        } catch (ExecutionException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof TrainingCancelledException) {
                LOG.infof("trial %s cancelled by shutdown; releasing the job to the controller", trialId);
                trials.release(trial);
            } else {
                LOG.errorf("trial %s ended without a stored result (%s); the controller dispatches it again once it"
                        + " has been silent for its stale period", trialId, cause);
            }
        }
    }

    private static void commit(KafkaShareConsumer<byte[], byte[]> c) {
        Map<TopicIdPartition, Optional<KafkaException>> outcome = c.commitSync();
        outcome.forEach((partition, error) -> error.ifPresent(e ->
                LOG.warnf("acknowledgement on %s not committed: %s", partition, e.toString())));
    }

    private void tick() {
        lastTickNanos = System.nanoTime();
    }
}
