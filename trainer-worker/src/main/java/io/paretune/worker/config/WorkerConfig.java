package io.paretune.worker.config;

import io.paretune.artifacts.ArtifactStoreConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Optional;

/** Settings of the trainer-worker ({@code paretune.*} in application.properties). */
@ConfigMapping(prefix = "paretune")
public interface WorkerConfig {

    Dataset dataset();

    Artifacts artifacts();

    Worker worker();

    Nd4j nd4j();

    /**
     * The ND4J native build. Read by {@code NativeBuild.apply()} from the system property or the environment
     * ({@code PARETUNE_ND4J_BUILD}) before Quarkus starts, so a value in application.properties is not seen; declared
     * here so that Quarkus accepts the keys.
     */
    interface Nd4j {
        /** {@code auto} (the best build on the class path the CPU runs), or one build: generic, avx2, avx512, ... */
        @WithDefault("auto")
        String build();

        /** The cpuinfo file the choice reads (default /proc/cpuinfo); lets a test play an older CPU. */
        Optional<String> cpuinfo();
    }

    interface Dataset {
        /** Directory holding the Fashion-MNIST IDX files (Debian package dataset-fashion-mnist). */
        @WithDefault("/usr/share/datasets/fashion-mnist")
        String dir();
    }

    /** The artifact store: a shared directory or S3-compatible object storage ({@code paretune.artifacts.*}). */
    interface Artifacts extends ArtifactStoreConfig {
    }

    interface Worker {
        /** Name of this worker in progress and result messages; default: host name and process id. */
        Optional<String> id();

        /**
         * {@code share.record.lock.duration.ms} set on the trainers' share group: how long a job stays locked to a
         * worker that took it (or fetched it ahead) but has neither reported its start nor released it (15,000 to
         * 60,000 unless the broker allows otherwise). A worker accepts its job as soon as the start is reported, so
         * this only matters for a worker that hangs in between.
         */
        @WithDefault("30000")
        int recordLockDurationMs();

        /**
         * {@code share.delivery.count.limit} set on the trainers' share group (2 to 10): deliveries before a job is
         * archived. A job fetched ahead by a worker that then closes its consumer counts one, so this is the
         * broker's maximum; the controller's {@code max-trial-attempts} is what stops a job that kills its workers.
         */
        @WithDefault("10")
        int deliveryCountLimit();

        /**
         * How often a worker whose trainer moves tells the controller it is alive; must stay well under the
         * controller's {@code trial-stale-after}.
         */
        @WithDefault("10000")
        int heartbeatIntervalMs();

        /** Longest wait of one poll for a new job; also bounds how fast the worker notices shutdown. */
        @WithDefault("1000")
        int pollTimeoutMs();

        /** Longest wait for the broker to acknowledge a trial's STARTED report or result. */
        @WithDefault("30000")
        int sendTimeoutMs();

        /**
         * Memory this worker grants one trial's network to train, in MB ({@code MemoryEstimate}: parameters,
         * gradients, optimizer state and a minibatch's activations, beyond the JVM and the data set); a job whose
         * network needs more ends FAILED with the estimate instead of running the process out of memory.
         */
        @WithDefault("1024")
        int memoryBudgetMb();
    }
}
