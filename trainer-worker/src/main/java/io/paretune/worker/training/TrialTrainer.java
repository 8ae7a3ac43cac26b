package io.paretune.worker.training;

import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.search.MlpParameters;
import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.model.ArtifactStore;
import io.paretune.ml.model.MlpNetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one attempt of a trial on Fashion-MNIST: the job's split of the training images, a fresh order every epoch
 * (from the job's seed), validation after every epoch, early stopping on validation loss with the job's patience
 * (the best epoch's parameters are kept), and the model saved atomically in the artifact store. Domain failures
 * (invalid parameters, divergence) come back as a failed {@link TrainingOutcome}, never as exceptions.
 *
 * <pre>{@code
 * TrialTrainer trainer = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), new ArtifactStore(artifacts));
 * TrainingOutcome outcome = trainer.train(job, attempt, stats -> log(stats), new TrainingPulse());
 * }</pre>
 */
public final class TrialTrainer {

    public static final String MODEL_FAMILY = "mlp";

    private static final Logger LOG = Logger.getLogger(TrialTrainer.class);

    /** Builds the network of a trial; the worker uses {@link MlpNetworkFactory#build(MlpParameters.Config, long)}. */
    @FunctionalInterface
    public interface NetworkBuilder {
        MultiLayerNetwork build(MlpParameters.Config config, long seed);
    }

    private final Path datasetDir;
    private final ArtifactStore store;
    private final NetworkBuilder networks;

    public TrialTrainer(Path datasetDir, ArtifactStore store) {
        this(datasetDir, store, MlpNetworkFactory::build);
    }

    public TrialTrainer(Path datasetDir, ArtifactStore store, NetworkBuilder networks) {
        this.datasetDir = datasetDir;
        this.store = store;
        this.networks = networks;
    }

    /**
     * Trains and saves the model of {@code job}.
     *
     * @param attempt the job's delivery count: part of the model's path, so that two attempts never share a file
     * @throws TrainingCancelledException when {@code pulse} was cancelled
     * @throws FashionMnist.DatasetMissingException when the data set is not installed
     */
    public TrainingOutcome train(TrialJob job, int attempt, EpochListener listener, TrainingPulse pulse) {
        long started = System.nanoTime();
        pulse.attachTrainerThread();
        MlpParameters.Config config;
        MultiLayerNetwork net;
        try {
            checkJob(job);
            config = MlpParameters.resolve(job.params(), job.maxEpochs());
            net = networks.build(config, job.seed());
        } catch (IllegalArgumentException | ClassCastException e) {
            return TrainingOutcome.failed(e.getMessage(), 0, 0, secondsSince(started), 0);
        }
        long paramCount = MlpNetworkFactory.trainableParamCount(net);

        FashionMnist data = FashionMnist.load(datasetDir);
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        if (split.train().length == 0) {
            return TrainingOutcome.failed("the data set split leaves no training images", 0, 0, secondsSince(started), paramCount);
        }
        List<INDArray> buffers = new ArrayList<>();
        try {
            DataSet train = ImageBatches.of(data.trainImages(), data::trainLabel, split.train());
            buffers.add(train.getFeatures());
            buffers.add(train.getLabels());
            ValidationScorer validation = null;
            if (split.validation().length > 0) {
                DataSet validationSet = ImageBatches.of(data.trainImages(), data::trainLabel, split.validation());
                buffers.add(validationSet.getFeatures());
                buffers.add(validationSet.getLabels());
                validation = new ValidationScorer(validationSet);
            }
            return fit(job, attempt, config, net, paramCount, train, validation, listener, pulse, started);
        } finally {
            for (INDArray buffer : buffers) {
                if (buffer.closeable()) {
                    buffer.close();
                }
            }
        }
    }

    private TrainingOutcome fit(TrialJob job, int attempt, MlpParameters.Config config, MultiLayerNetwork net,
                                long paramCount, DataSet train, ValidationScorer validation, EpochListener listener,
                                TrainingPulse pulse, long started) {
        MinibatchStatsListener minibatches = new MinibatchStatsListener(pulse);
        net.setListeners(minibatches);
        int epochs = config.epochs();
        int patience = job.patience();
        double bestLoss = Double.POSITIVE_INFINITY;
        Double bestAccuracy = null;
        int bestEpoch = 0;
        INDArray bestParams = null;
        boolean stoppedEarly = false;
        int epoch = 0;
        try (ShuffledBatchIterator batches = new ShuffledBatchIterator(train, config.batchSize(), job.seed(),
                () -> pulse.cancelled() || minibatches.diverged())) {
            while (epoch < epochs) {
                epoch++;
                long epochStart = System.nanoTime();
                batches.reset();
                minibatches.startEpoch();
                net.fit(batches);
                minibatches.endEpoch();
                double epochSeconds = secondsSince(epochStart);
                if (pulse.cancelled()) {
                    throw new TrainingCancelledException("training of " + job.trialId() + " cancelled at epoch " + epoch);
                }
                double trainLoss = minibatches.meanLoss();
                if (!Double.isFinite(trainLoss)) {
                    return diverged(trainLoss, epoch, bestEpoch, started, paramCount);
                }
                long validationStart = System.nanoTime();
                ValidationScorer.Score score = validation == null ? null : validation.score(net);
                double validationSeconds = secondsSince(validationStart);
                if (score != null && !Double.isFinite(score.loss())) {
                    return diverged(score.loss(), epoch, bestEpoch, started, paramCount);
                }
                listener.epochFinished(new EpochStats(epoch, trainLoss, minibatches.accuracy(),
                        score == null ? null : score.loss(), score == null ? null : score.accuracy(),
                        epochSeconds, batches.count() / epochSeconds, validationSeconds));
                pulse.epochFinished(epoch);

                if (score == null) {
                    bestEpoch = epoch; // nothing to select on: keep the last parameters
                } else if (score.loss() < bestLoss) {
                    bestLoss = score.loss();
                    bestAccuracy = score.accuracy();
                    bestEpoch = epoch;
                    if (bestParams == null) {
                        bestParams = net.params().dup();
                    } else {
                        bestParams.assign(net.params());
                    }
                } else if (patience > 0 && epoch - bestEpoch >= patience) {
                    stoppedEarly = epoch < epochs;
                    break;
                }
            }
        }
        if (bestParams != null && bestEpoch != epoch) {
            net.setParams(bestParams);
        }
        String artifact = store.modelPath(job.campaignId(), job.trialId(), attempt);
        try {
            store.writeAtomically(artifact, file -> ModelSerializer.writeModel(net, file.toFile(), false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the model of " + job.trialId() + " to " + artifact, e);
        }
        LOG.debugf("trial %s attempt %d: %d epochs, best %d, saved %s", job.trialId(), attempt, epoch, bestEpoch, artifact);
        return new TrainingOutcome(true, null, artifact, epoch, bestEpoch, stoppedEarly, secondsSince(started),
                validation == null ? null : bestLoss, bestAccuracy, paramCount);
    }

    private static TrainingOutcome diverged(double loss, int epoch, int bestEpoch, long started, long paramCount) {
        return TrainingOutcome.failed("training diverged: loss is " + loss + " at epoch " + epoch, epoch, bestEpoch,
                secondsSince(started), paramCount);
    }

    /** Refuses jobs this worker cannot train, naming what is wrong. */
    static void checkJob(TrialJob job) {
        if (!MODEL_FAMILY.equals(job.modelFamily())) {
            throw new IllegalArgumentException("unknown model family '" + job.modelFamily() + "'; this worker trains "
                    + MODEL_FAMILY);
        }
        DatasetSpec dataset = job.dataset();
        if (dataset == null) {
            throw new IllegalArgumentException("job has no dataset");
        }
        if (!DatasetSpec.FASHION_MNIST.equals(dataset.name())) {
            throw new IllegalArgumentException("unknown dataset '" + dataset.name() + "'; this worker trains on "
                    + DatasetSpec.FASHION_MNIST);
        }
        if (!(dataset.validationFraction() >= 0 && dataset.validationFraction() < 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1): " + dataset.validationFraction());
        }
        if (dataset.trainLimit() != null && dataset.trainLimit() < 1) {
            throw new IllegalArgumentException("trainLimit must be positive: " + dataset.trainLimit());
        }
        if (job.maxEpochs() < 1) {
            throw new IllegalArgumentException("maxEpochs must be at least 1: " + job.maxEpochs());
        }
        if (job.patience() < 0) {
            throw new IllegalArgumentException("patience must not be negative: " + job.patience());
        }
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
