package io.paretune.worker.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.paretune.contract.trial.TrialResult;
import io.paretune.ml.backend.BackendInfo;
import io.paretune.worker.state.WorkerStatus;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The worker's meters. Registered at start-up so that every series is exported from the first scrape, at zero.
 * No trial id is ever a tag (unbounded series). The dead-letter counter is shared/kafka's {@code DeadLetterPublisher}'s.
 */
@Startup
@ApplicationScoped
public class WorkerMetrics {

    /** Where a job of a cancelled campaign was stopped. */
    public enum CancelledAt {
        /** Taken from the queue and dropped, untrained. */
        QUEUED,
        /** Stopped while it trained. */
        TRAINING
    }

    private final MeterRegistry registry;
    private final Map<TrialResult.Outcome, Counter> outcomes = new EnumMap<>(TrialResult.Outcome.class);
    private final Map<CancelledAt, Counter> cancelled = new EnumMap<>(CancelledAt.class);
    private final Timer epochDuration;
    private final Timer trialDuration;
    private final AtomicReference<Double> samplesPerSecond = new AtomicReference<>(0.0);

    public WorkerMetrics(MeterRegistry registry, WorkerStatus status) {
        this.registry = registry;
        for (TrialResult.Outcome outcome : TrialResult.Outcome.values()) {
            outcomes.put(outcome, trials(outcome));
        }
        for (CancelledAt stage : CancelledAt.values()) {
            cancelled.put(stage, Counter.builder("paretune.worker.jobs.cancelled")
                    .description("Jobs of cancelled campaigns: dropped from the queue untrained, or stopped in training")
                    .tag("stage", stage.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        this.epochDuration = Timer.builder("paretune.worker.epoch.duration")
                .description("Training pass of one epoch, validation excluded")
                .register(registry);
        this.trialDuration = Timer.builder("paretune.worker.trial.duration")
                .description("One trial attempt from start to result, trained or failed")
                .register(registry);
        Gauge.builder("paretune.worker.samples.per.second", samplesPerSecond, AtomicReference::get)
                .description("Training images per second in the last finished epoch")
                .register(registry);
        Gauge.builder("paretune.worker.busy", status, s -> s.busy() ? 1 : 0)
                .description("1 while the worker trains a trial, else 0")
                .register(registry);
        backendInfo(BackendInfo.current());
    }

    /** An info series (value 1): what this worker computes on, so dashboards can tell workers' speeds apart. */
    private void backendInfo(BackendInfo info) {
        Gauge.builder("paretune.worker.backend.info", () -> 1)
                .description("Always 1; the tags name the ND4J backend, native build, CPU, OpenMP threads and GPU")
                .tag("backend", info.backend())
                .tag("build", info.build())
                .tag("cpu", info.cpu())
                .tag("threads", String.valueOf(info.ompThreads()))
                .tag("gpu", info.gpus().isEmpty() ? "none" : info.gpus().get(0).name())
                .register(registry);
    }

    private Counter trials(TrialResult.Outcome outcome) {
        return Counter.builder("paretune.worker.trials")
                .description("Trial attempts finished, by outcome (trained, checkpointed: a segment done, failed)")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry);
    }

    public void trialFinished(TrialResult.Outcome outcome, Duration duration) {
        outcomes.get(outcome).increment();
        trialDuration.record(duration);
    }

    public void jobCancelled(CancelledAt stage) {
        cancelled.get(stage).increment();
    }

    public void epochFinished(double epochSeconds, double samplesPerSecond) {
        epochDuration.record(Duration.ofNanos((long) (epochSeconds * 1e9)));
        this.samplesPerSecond.set(samplesPerSecond);
    }
}
