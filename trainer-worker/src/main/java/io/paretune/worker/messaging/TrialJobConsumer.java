package io.paretune.worker.messaging;

import io.paretune.contract.messaging.Json;
import io.paretune.contract.messaging.MalformedMessageException;
import io.paretune.contract.messaging.Topics;
import io.paretune.contract.trial.TrialJob;
import io.paretune.kafka.admin.BrokerSetup;
import io.paretune.kafka.admin.ShareGroupSettings;
import io.paretune.kafka.client.KafkaClients;
import io.paretune.kafka.client.KafkaIdentity;
import io.paretune.kafka.consume.Backoff;
import io.paretune.kafka.consume.LoopThread;
import io.paretune.kafka.deadletter.DeadLetterPublisher;
import io.paretune.kafka.publish.PublishException;
import io.paretune.worker.config.WorkerConfig;
import io.paretune.worker.service.TrialService;
import io.paretune.worker.service.TrialSupervisor;
import io.paretune.worker.state.CancelledCampaigns;
import io.paretune.worker.state.WorkerIdentity;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.apache.kafka.clients.consumer.AcknowledgeType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaShareConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicIdPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Takes trial jobs from the trainers' share group, one at a time, on its own thread, and hands each to the
 * {@link TrialSupervisor}. A raw share-group client, not shared/kafka's consumer loop: it acknowledges each record
 * itself and closes its consumer between jobs.
 *
 * <p>Per job: an unreadable record is dead-lettered and accepted. A readable one is announced (its STARTED report
 * stored on the broker) and accepted, the share consumer is closed, and the job trains under the supervisor (which
 * sends heartbeats while the trainer moves). Then a new share consumer takes the next job.
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
 * taken): their jobs are accepted unannounced and untrained.
 */
@ApplicationScoped
public class TrialJobConsumer {

    /** The worker on Kafka: clients named {@code paretune-worker-*}, dead letters signed {@code worker}. */
    @Produces
    static final KafkaIdentity IDENTITY = new KafkaIdentity("worker", List.of(Topics.TRIAL_JOBS));
    private static final Logger LOG = Logger.getLogger(TrialJobConsumer.class);
    /** Longest wait at start-up for the cancellations published before it; a worker must take jobs even without. */
    private static final Duration CANCELLATIONS_WAIT = Duration.ofSeconds(30);
    /** Room for a trial to stop and its release to be sent at shutdown. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(30);

    private final KafkaClients clients;
    private final BrokerSetup broker;
    private final DeadLetterPublisher deadLetters;
    private final TrialService trials;
    private final TrialSupervisor supervisor;
    private final CancelledCampaigns cancelled;
    private final ShareGroupSettings shareGroup;
    private final String workerId;
    private final Duration pollTimeout;
    private final Backoff backoff = Backoff.DEFAULT;
    private final LoopThread thread = new LoopThread("trial-job-consumer", false, this::run);

    private volatile boolean subscribed;
    private volatile long lastTickNanos;
    private volatile KafkaShareConsumer<byte[], byte[]> consumer;

    public TrialJobConsumer(KafkaClients clients, BrokerSetup broker, DeadLetterPublisher deadLetters,
                            WorkerConfig config, TrialService trials, TrialSupervisor supervisor,
                            CancelledCampaigns cancelled, WorkerIdentity identity) {
        this.clients = clients;
        this.broker = broker;
        this.deadLetters = deadLetters;
        this.trials = trials;
        this.supervisor = supervisor;
        this.cancelled = cancelled;
        this.shareGroup = new ShareGroupSettings(config.worker().recordLockDurationMs(),
                config.worker().deliveryCountLimit());
        this.workerId = identity.id();
        this.pollTimeout = Duration.ofMillis(config.worker().pollTimeoutMs());
    }

    void onStart(@Observes StartupEvent event) {
        start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    public void start() {
        lastTickNanos = System.nanoTime();
        thread.start();
        LOG.infof("worker %s consuming %s as share group %s", workerId, Topics.TRIAL_JOBS, Topics.TRAINERS_SHARE_GROUP);
    }

    /** Stops the trial being trained (its job is released to the controller) and the loop. */
    public void stop() {
        thread.stop(() -> {
            supervisor.shutDown();
            KafkaShareConsumer<byte[], byte[]> c = consumer;
            if (c != null) {
                c.wakeup();
            }
        }, STOP_WAIT);
    }

    /**
     * True while the loop runs, is subscribed or training, and has gone round recently (it never blocks long, even
     * mid-trial).
     */
    public boolean alive() {
        long quiet = System.nanoTime() - lastTickNanos;
        long limit = Math.max(TimeUnit.SECONDS.toNanos(30), 5 * pollTimeout.toNanos());
        return thread.running() && thread.alive() && (subscribed || supervisor.supervising()) && quiet < limit;
    }

    private void run() {
        boolean prepared = false;
        int failures = 0;
        while (thread.running()) {
            try {
                if (!prepared) {
                    broker.ensureTopics();
                    broker.configureShareGroup(Topics.TRAINERS_SHARE_GROUP, shareGroup);
                    prepared = true;
                    awaitCancellations();
                }
                Taken taken = takeJob();
                failures = 0;
                if (taken != null) {
                    supervisor.supervise(taken.job(), taken.attempt(), this::tick);
                }
                if (Thread.currentThread().isInterrupted()) {
                    break; // nobody interrupts this thread but a shutdown
                }
            } catch (WakeupException e) {
                LOG.debug("trial job consumer woken up to stop");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                if (thread.running()) {
                    prepared = false;
                    failures++;
                    Duration pause = backoff.delay(failures);
                    LOG.errorf("trial job consumer failed (%s); starting again in %d ms", e, pause.toMillis());
                    LOG.debug("consumer failure", e);
                    thread.pause(pause);
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
        while (thread.running() && !cancelled.caughtUp()) {
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
     *
     * @throws PublishException when a job's start could not be reported (the job is released first)
     */
    private Taken takeJob() {
        try (KafkaShareConsumer<byte[], byte[]> c = clients.shareConsumer(Topics.TRAINERS_SHARE_GROUP, workerId)) {
            consumer = c;
            c.subscribe(List.of(Topics.TRIAL_JOBS));
            subscribed = true;
            while (thread.running()) {
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

    /**
     * Announces and accepts a job (null: it was dead-lettered, or dropped because its campaign was cancelled).
     *
     * @throws PublishException when its start could not be reported: the job is released first
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
        } catch (PublishException e) {
            LOG.errorf("trial %s: could not report its start (%s); releasing the job", job.trialId(), e.getMessage());
            c.acknowledge(record, AcknowledgeType.RELEASE);
            commit(c);
            throw e;
        }
        c.acknowledge(record, AcknowledgeType.ACCEPT);
        commit(c);
        LOG.infof("trial %s (campaign %s) segment %d attempt %d (delivery %d): starting", job.trialId(),
                job.campaignId(), job.segment(), attempt, deliveries);
        return new Taken(job, attempt);
    }

    private void deadLetter(KafkaShareConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record,
                            MalformedMessageException e) {
        try {
            deadLetters.deadLetter(record, e.getMessage(), e);
            c.acknowledge(record, AcknowledgeType.ACCEPT);
        } catch (PublishException failed) {
            LOG.errorf("could not dead-letter %s@%d (%s); releasing it", record.topic(), record.offset(), failed.getMessage());
            c.acknowledge(record, AcknowledgeType.RELEASE);
        }
        commit(c);
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
