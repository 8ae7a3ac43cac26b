package io.paretune.evaluator.config;

import io.paretune.evaluator.scoring.Hardware;
import io.paretune.evaluator.scoring.ModelScorer;
import io.paretune.evaluator.scoring.ScoringSettings;
import io.paretune.ml.data.FashionMnist;
import io.paretune.artifacts.ArtifactStore;
import io.paretune.artifacts.ArtifactStores;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** Builds the scoring objects, which know nothing of CDI, from the configuration. */
public class ScoringBeans {

    @Produces
    @Singleton
    ArtifactStore artifactStore(ArtifactsConfig config) {
        return ArtifactStores.open(config);
    }

    void closeArtifactStore(@Disposes ArtifactStore store) throws Exception {
        if (store instanceof AutoCloseable closeable) { // the S3 store's HTTP connections
            closeable.close();
        }
    }

    @Produces
    @Singleton
    ModelScorer modelScorer(ArtifactStore artifacts, DatasetConfig dataset, EvaluatorConfig config) {
        ScoringSettings settings = new ScoringSettings(config.inferenceBatchSize(), config.latency().warmup(),
                config.latency().repetitions(), config.throughput().batchSize(), config.throughput().warmupBatches(),
                config.throughput().batches());
        Path datasetDir = Path.of(dataset.dir());
        return new ModelScorer(artifacts, () -> FashionMnist.load(datasetDir), settings,
                config.id().orElseGet(ScoringBeans::defaultEvaluatorId), Hardware.detect().describe());
    }

    private static String defaultEvaluatorId() {
        try {
            return "evaluator-" + InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "evaluator-" + ProcessHandle.current().pid();
        }
    }
}
