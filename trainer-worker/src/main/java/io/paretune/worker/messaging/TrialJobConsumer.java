package io.paretune.worker.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.worker.config.WorkerConfig;
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
 * <p>Per job: an unreadable record is dead-lettered and accepted; a readable one is trained on the trainer thread
 * while this thread keeps the job's lock: about every third of the lock duration, if the trainer moved since the
 * last renewal (a hung trainer must lose its job), it acknowledges the record with {@code RENEW} and polls, which
 * hands back the same record as a new object (KAFKA-20458: the renewed object is dead; the new one is used for
 * the next renewal and the final acknowledgement), then publishes a heartbeat. The job is accepted only after its
 * result is stored on the broker; if the result cannot be stored, or the worker shuts down mid-training, the job
 * is released to another worker.
 */
@ApplicationScoped
public class TrialJobConsumer {

    private static final Logger LOG = Logger.getLogger(TrialJobConsumer.class);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(5);
    private static final Duration REACQUIRE_TIMEOUT = Duration.ofSeconds(5);

    private final String bootstrapServers;
    private final WorkerConfig config;
    private final TrialService trials;
    private final TrialEventPublisher publisher;
    private final String workerId;
    private final Duration pollTimeout;
    private final long renewEveryNanos;

    private volatile boolean running;
    private volatile boolean subscribed;
    private volatile long lastTickNanos;
    private volatile Thread thread;
    private volatile KafkaShareConsumer<byte[], byte[]> consumer;
    private volatile RunningTrial runningTrial;

    public TrialJobConsumer(@ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092") String bootstrapServers,
                            WorkerConfig config, TrialService trials, TrialEventPublisher publisher,
                            WorkerIdentity identity) {
        this.bootstrapServers = bootstrapServers;
        this.config = config;
        this.trials = trials;
        this.publisher = publisher;
        this.workerId = identity.id();
        this.pollTimeout = Duration.ofMillis(config.worker().pollTimeoutMs());
        this.renewEveryNanos = TimeUnit.MILLISECONDS.toNanos(config.worker().renewEveryMs());
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
        Thread t = thread;
        if (t != null) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** True while the loop runs, is subscribed and has gone round recently (it never blocks long, even mid-trial). */
    public boolean alive() {
        Thread t = thread;
        long quiet = System.nanoTime() - lastTickNanos;
        long limit = Math.max(TimeUnit.SECONDS.toNanos(30), 5 * pollTimeout.toNanos());
        return running && t != null && t.isAlive() && subscribed && quiet < limit;
    }

    private void run() {
        while (running) {
            try {
                KafkaSetup.prepare(bootstrapServers, config.worker().recordLockDurationMs(),
                        config.worker().deliveryCountLimit());
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
                            handle(c, first);
                        }
                    }
                } finally {
                    subscribed = false;
                    consumer = null;
                }
            } catch (WakeupException e) {
                LOG.debug("trial job consumer woken up to stop");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            } catch (Exception e) {
                if (running) {
                    LOG.errorf("trial job consumer failed (%s); starting again in %d s", e,
                            RECONNECT_BACKOFF.toSeconds());
                    LOG.debug("consumer failure", e);
                    sleep(RECONNECT_BACKOFF);
                }
            }
        }
        LOG.info("trial job consumer stopped");
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

    private void handle(KafkaShareConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
        TrialJob job;
        try {
            job = Json.read(record.value(), TrialJob.class);
        } catch (MalformedMessageException e) {
            deadLetter(c, record, e);
            return;
        }
        int attempt = record.deliveryCount().map(Short::intValue).orElse(1);
        LOG.infof("trial %s (campaign %s) attempt %d: starting", job.trialId(), job.campaignId(), attempt);
        RunningTrial trial = trials.start(job, attempt);
        runningTrial = trial;
        try {
            ConsumerRecord<byte[], byte[]> lease = keepLockWhileTraining(c, record, trial);
            finish(c, record, lease, trial);
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
     * Waits for the trainer, renewing the job's lock while it moves.
     *
     * @return the live record object of the job, or null when it could not be re-acquired after a renewal
     */
    private ConsumerRecord<byte[], byte[]> keepLockWhileTraining(KafkaShareConsumer<byte[], byte[]> c,
                                                                 ConsumerRecord<byte[], byte[]> record,
                                                                 RunningTrial trial) {
        ConsumerRecord<byte[], byte[]> lease = record;
        TrainingPulse.Mark mark = trial.pulse().mark();
        long nextRenewal = System.nanoTime() + renewEveryNanos;
        while (!trial.result().isDone()) {
            long wait = Math.min(pollTimeout.toNanos(), Math.max(0, nextRenewal - System.nanoTime()));
            try {
                trial.result().get(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                // still training, or finished with an error that finish() reports
            } catch (InterruptedException e) {
                // nobody interrupts this thread but stop(); treat it as one (and keep waiting for the trainer)
                running = false;
            }
            tick();
            if (!running) {
                trial.pulse().cancel(); // the trainer stops at its next minibatch; the job is released
                continue;
            }
            if (trial.result().isDone() || System.nanoTime() < nextRenewal) {
                continue;
            }
            if (trial.pulse().movedSince(mark)) {
                if (lease != null) {
                    c.acknowledge(lease, AcknowledgeType.RENEW);
                }
                lease = reacquire(c, record);
                mark = trial.pulse().mark();
                if (lease != null) {
                    trials.heartbeat(trial);
                }
            } else {
                LOG.warnf("trial %s made no progress for %d ms: not renewing its lock, another worker may take it",
                        trial.job().trialId(), TimeUnit.NANOSECONDS.toMillis(renewEveryNanos));
            }
            nextRenewal = System.nanoTime() + renewEveryNanos;
        }
        return lease;
    }

    private void finish(KafkaShareConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record,
                        ConsumerRecord<byte[], byte[]> lease, RunningTrial trial) {
        String trialId = trial.job().trialId();
        try {
            trial.result().get();
        } catch (ExecutionException | InterruptedException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            if (cause instanceof TrainingCancelledException) {
                LOG.infof("trial %s cancelled by shutdown; releasing the job", trialId);
            } else {
                LOG.errorf("trial %s ended without a stored result (%s); releasing the job", trialId, cause);
            }
            if (lease != null) {
                c.acknowledge(lease, AcknowledgeType.RELEASE);
                commit(c);
            }
            return;
        }
        if (lease == null) {
            lease = reacquire(c, record);
        }
        if (lease == null) {
            LOG.warnf("trial %s: lost the job's lock before accepting it; it may be trained again", trialId);
            return;
        }
        c.acknowledge(lease, AcknowledgeType.ACCEPT);
        commit(c);
    }

    /** Polls until the broker hands the renewed job back; anything else polled meanwhile is released. */
    private ConsumerRecord<byte[], byte[]> reacquire(KafkaShareConsumer<byte[], byte[]> c,
                                                     ConsumerRecord<byte[], byte[]> job) {
        long deadline = System.nanoTime() + REACQUIRE_TIMEOUT.toNanos();
        do {
            ConsumerRecord<byte[], byte[]> found = null;
            for (ConsumerRecord<byte[], byte[]> r : c.poll(pollTimeout)) {
                if (found == null && sameRecord(r, job)) {
                    found = r;
                } else {
                    c.acknowledge(r, AcknowledgeType.RELEASE);
                }
            }
            if (found != null) {
                return found;
            }
        } while (System.nanoTime() < deadline);
        LOG.warnf("job %s@%d was not handed back after renewal", job.topic(), job.offset());
        return null;
    }

    private static boolean sameRecord(ConsumerRecord<?, ?> a, ConsumerRecord<?, ?> b) {
        return a.topic().equals(b.topic()) && a.partition() == b.partition() && a.offset() == b.offset();
    }

    private static void commit(KafkaShareConsumer<byte[], byte[]> c) {
        Map<TopicIdPartition, Optional<KafkaException>> outcome = c.commitSync();
        outcome.forEach((partition, error) -> error.ifPresent(e ->
                LOG.warnf("acknowledgement on %s not committed: %s", partition, e.toString())));
    }

    private void tick() {
        lastTickNanos = System.nanoTime();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
