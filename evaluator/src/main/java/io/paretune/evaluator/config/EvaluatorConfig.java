package io.paretune.evaluator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of the evaluator, under {@code paretune.evaluator}. */
@ConfigMapping(prefix = "paretune.evaluator")
public interface EvaluatorConfig {

    /** Name written into every score as {@code evaluatorId}; defaults to {@code evaluator-<hostname>}. */
    Optional<String> id();

    /** Images per forward pass when measuring accuracy and loss (memory, not results, depends on it). Default 1000. */
    @WithDefault("1000")
    int inferenceBatchSize();

    Latency latency();

    Throughput throughput();

    Consumer consumer();

    /** Batch-1 latency measurement. */
    interface Latency {
        /** Untimed single-row forward passes before timing starts (JIT, caches, allocator). Default 50. */
        @WithDefault("50")
        int warmup();

        /** Timed single-row forward passes; p50 and p95 are taken over these. Default 500. */
        @WithDefault("500")
        int repetitions();
    }

    /** Batched throughput measurement. */
    interface Throughput {
        /** Images per timed batch. Default 256. */
        @WithDefault("256")
        int batchSize();

        /** Untimed batches before timing starts. Default 3. */
        @WithDefault("3")
        int warmupBatches();

        /** Timed batches; throughput is their images divided by their wall-clock time. Default 20. */
        @WithDefault("20")
        int batches();
    }

    /** The trial-results consumer loop. */
    interface Consumer {
        /** How long one poll waits for records. Default 1s. */
        @WithDefault("1s")
        Duration pollTimeout();

        /**
         * Kafka {@code max.poll.interval.ms}: scoring one model must finish within it, or the group rebalances and
         * the result is scored again elsewhere. Also the time after which readiness reports a stuck loop. Default 30m.
         */
        @WithDefault("30m")
        Duration maxPollInterval();

        /** Pause before retrying after the broker could not be reached or a score could not be published. Default 5s. */
        @WithDefault("5s")
        Duration retryBackoff();
    }
}
