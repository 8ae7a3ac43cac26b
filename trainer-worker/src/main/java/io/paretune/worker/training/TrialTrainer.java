package io.paretune.worker.training;

import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.search.MemoryEstimate;
import io.paretune.contract.search.ModelConfig;
import io.paretune.contract.search.ModelFamily;
import io.paretune.contract.trial.ArtifactPaths;
import io.paretune.contract.trial.TrialJob;
import io.paretune.ml.data.DataSplit;
import io.paretune.ml.data.FashionMnist;
import io.paretune.ml.data.ImageBatches;
import io.paretune.ml.compress.ArtifactFacts;
import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.artifacts.ArtifactStore;
import io.paretune.artifacts.ArtifactStoreException;
import io.paretune.ml.model.NetworkFactory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one attempt of a trial (of any {@link ModelFamily}), or of one segment of it, on Fashion-MNIST: the job's
 * split of the training images, a fresh order every epoch (from the job's seed and the epoch number), validation
 * after every epoch, early stopping on validation loss with the job's patience (the best epoch's parameters are
 * kept), the trial's compression applied as it trains ({@link TrialCompression}: pruning, then fine-tuning), and
 * the model saved atomically in the artifact store as a compressed artifact in the trial's precision. A segment that
 * stops before the trial's last epoch saves a {@link Checkpoint} instead, from which the next segment resumes as if
 * training had never stopped. Domain failures (invalid parameters, divergence, a missing checkpoint) come back as a
 * failed {@link TrainingOutcome}, never as exceptions.
 *
 * <pre>{@code
 * TrialTrainer trainer = new TrialTrainer(Path.of(FashionMnist.DEFAULT_DIR), new FileArtifactStore(artifacts));
 * TrainingOutcome outcome = trainer.train(job, attempt, stats -> log(stats), new TrainingPulse());
 * }</pre>
 */
public final class TrialTrainer {

    private static final Logger LOG = Logger.getLogger(TrialTrainer.class);

    /** Builds the network of a trial; the worker uses {@link NetworkFactory#build(ModelConfig, long)}. */
    @FunctionalInterface
    public interface NetworkBuilder {
        MultiLayerNetwork build(ModelConfig config, long seed);
    }

    private final Path datasetDir;
    private final ArtifactStore store;
    private final NetworkBuilder networks;
    private final long memoryBudgetBytes;

    public TrialTrainer(Path datasetDir, ArtifactStore store) {
        this(datasetDir, store, NetworkFactory::build);
    }

    /** A trainer that takes any network, however much memory it needs. */
    public TrialTrainer(Path datasetDir, ArtifactStore store, NetworkBuilder networks) {
        this(datasetDir, store, networks, Long.MAX_VALUE);
    }

    /** @param memoryBudgetBytes the most a trial's network may need ({@link MemoryEstimate}); more fails the job */
    public TrialTrainer(Path datasetDir, ArtifactStore store, NetworkBuilder networks, long memoryBudgetBytes) {
        this.datasetDir = datasetDir;
        this.store = store;
        this.networks = networks;
        this.memoryBudgetBytes = memoryBudgetBytes;
    }

    /**
     * Trains the segment of {@code job} (epochs {@code startEpoch + 1} to {@code stopEpoch}, resuming from its
     * checkpoint when it has one) and saves the final model, or a checkpoint when the segment stops before the
     * trial's last epoch and early stopping has not ended the trial.
     *
     * @param attempt the job's {@link TrialJob#attempt()}: part of the saved file's path, so that two attempts never
     *                share a file
     * @throws TrainingCancelledException when {@code pulse} was cancelled
     * @throws FashionMnist.DatasetMissingException when the data set is not installed
     */
    public TrainingOutcome train(TrialJob job, int attempt, EpochListener listener, TrainingPulse pulse) {
        long started = System.nanoTime();
        pulse.attachTrainerThread();
        ModelConfig config;
        Checkpoint start;
        try {
            ModelFamily family = checkJob(job);
            config = family.resolve(job.params(), job.maxEpochs());
            MemoryEstimate need = MemoryEstimate.of(config);
            if (need.totalBytes() > memoryBudgetBytes) {
                throw new IllegalArgumentException("the network needs " + need.describe() + " to train, more than the "
                        + MemoryEstimate.bytes(memoryBudgetBytes) + " this worker grants a trial "
                        + "(paretune.worker.memory-budget-mb)");
            }
            if (job.startEpoch() >= config.epochs()) {
                throw new IllegalArgumentException("startEpoch " + job.startEpoch()
                        + " leaves nothing to train: the trial's last epoch is " + config.epochs());
            }
            start = job.resumes() ? resume(job) : fresh(networks.build(config, job.seed()));
        } catch (IllegalArgumentException | ClassCastException e) {
            return TrainingOutcome.failed(e.getMessage(), job.startEpoch(), 0, secondsSince(started), 0);
        }
        long paramCount = start.state().pruning().denseTrainableParams();

        FashionMnist data = FashionMnist.load(datasetDir);
        DataSplit split = DataSplit.of(data.trainCount(), job.dataset());
        if (split.train().length == 0) {
            return TrainingOutcome.failed("the data set split leaves no training images", 0, 0, secondsSince(started), paramCount);
        }
        TrialCompression compression;
        try {
            long stepsPerEpoch = (split.train().length + config.batchSize() - 1) / config.batchSize();
            compression = TrialCompression.of(config.compression(), config.epochs(), start, stepsPerEpoch);
        } catch (IllegalArgumentException e) {
            return TrainingOutcome.failed(e.getMessage(), job.startEpoch(), 0, secondsSince(started), paramCount);
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
            return fit(job, attempt, config, start, compression, paramCount, train, validation, listener, pulse,
                    started);
        } finally {
            for (INDArray buffer : buffers) {
                if (buffer.closeable()) {
                    buffer.close();
                }
            }
        }
    }

    private static Checkpoint fresh(MultiLayerNetwork net) {
        return new Checkpoint(net, new Checkpoint.State(0, 0, null, null, 0, PruningState.dense(net)), null, null);
    }

    /** The checkpoint the job resumes from; a missing or unreadable one fails the trial, naming it. */
    private Checkpoint resume(TrialJob job) {
        Checkpoint checkpoint;
        try {
            checkpoint = store.read(job.resumeFrom(), file -> Checkpoint.read(file, store.limits()));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("checkpoint " + job.resumeFrom() + " is not in the artifact store");
        } catch (InvalidArtifactException | IllegalArgumentException e) {
            LOG.warnf(e, "trial %s: checkpoint %s refused", job.trialId(), job.resumeFrom());
            throw new IllegalArgumentException("checkpoint " + job.resumeFrom() + " refused: " + e.getMessage());
        } catch (ArtifactStoreException e) {
            LOG.warnf(e, "trial %s: cannot fetch checkpoint %s", job.trialId(), job.resumeFrom());
            throw new IllegalArgumentException("cannot resume: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            // The reason goes to the controller and its API: the exception, which may name absolute paths, stays here.
            LOG.warnf(e, "trial %s: cannot read checkpoint %s", job.trialId(), job.resumeFrom());
            throw new IllegalArgumentException("cannot resume from checkpoint " + job.resumeFrom() + ": "
                    + e.getClass().getSimpleName() + " (details in the worker's log)");
        }
        Checkpoint.State state = checkpoint.state();
        if (state.epoch() != job.startEpoch()) {
            throw new IllegalArgumentException("checkpoint " + job.resumeFrom() + " was taken after epoch "
                    + state.epoch() + ", but the job starts after epoch " + job.startEpoch());
        }
        if (state.pruning() == null) { // written before workers pruned: the network was never pruned
            state = new Checkpoint.State(state.epoch(), state.bestEpoch(), state.bestValLoss(), state.bestValAccuracy(),
                    state.trainSeconds(), PruningState.dense(checkpoint.network()));
            return new Checkpoint(checkpoint.network(), state, checkpoint.bestParams(), checkpoint.masks());
        }
        return checkpoint;
    }

    private TrainingOutcome fit(TrialJob job, int attempt, ModelConfig config, Checkpoint start,
                                TrialCompression compression, long paramCount, DataSet train,
                                ValidationScorer validation, EpochListener listener, TrainingPulse pulse,
                                long started) {
        MinibatchStatsListener minibatches = new MinibatchStatsListener(pulse);
        compression.listen(minibatches);
        int patience = job.patience();
        Checkpoint.State resumed = start.state();
        double bestLoss = resumed.bestValLoss() == null ? Double.POSITIVE_INFINITY : resumed.bestValLoss();
        Double bestAccuracy = resumed.bestValAccuracy();
        int bestEpoch = resumed.bestEpoch();
        int epoch = resumed.epoch();
        // The best parameters so far: the checkpoint's own, or the network's when its last epoch was the best.
        INDArray bestParams = start.bestParams() != null ? start.bestParams()
                : resumed.bestValLoss() != null && bestEpoch == epoch ? compression.network().params().dup() : null;
        ValidationScorer.Score score = null;
        boolean stoppedEarly = false;
        pulse.epochFinished(epoch);
        try (ShuffledBatchIterator batches = new ShuffledBatchIterator(train, config.batchSize(), job.seed(), epoch,
                () -> pulse.cancelled() || minibatches.diverged())) {
            // One-shot pruning shortens the trial when early stopping ended its dense phase: the bound moves.
            while (epoch < Math.min(job.stopEpoch(), compression.lastEpoch())) {
                MultiLayerNetwork net = compression.network();
                epoch++;
                long epochStart = System.nanoTime();
                batches.reset();
                // Dropout masks from (seed, epoch) too, so that a resumed segment trains as an uninterrupted run.
                Nd4j.getRandom().setSeed(EpochSeeds.dropout(job.seed(), epoch));
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
                score = validation == null ? null : validation.score(net);
                double validationSeconds = secondsSince(validationStart);
                if (score != null && !Double.isFinite(score.loss())) {
                    return diverged(score.loss(), epoch, bestEpoch, started, paramCount);
                }
                listener.epochFinished(new EpochStats(epoch, trainLoss, minibatches.accuracy(),
                        score == null ? null : score.loss(), score == null ? null : score.accuracy(),
                        epochSeconds, batches.count() / epochSeconds, validationSeconds));
                pulse.epochFinished(epoch);
                compression.epochScored(epoch, score);

                boolean patienceRanOut = false;
                if (epoch >= compression.firstKeptEpoch()) {
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
                    } else {
                        patienceRanOut = patience > 0 && epoch - bestEpoch >= patience;
                    }
                }
                if (compression.densePhaseEndsAfter(epoch, patienceRanOut)) {
                    if (bestParams != null && bestEpoch != epoch) {
                        net.setParams(bestParams);
                    }
                    ValidationScorer.Score dense = bestAccuracy == null ? null
                            : new ValidationScorer.Score(bestLoss, bestAccuracy);
                    MultiLayerNetwork pruned;
                    try {
                        pruned = compression.prune(epoch, dense, minibatches);
                    } catch (IllegalArgumentException e) {
                        return TrainingOutcome.failed("cannot prune after epoch " + epoch + ": " + e.getMessage(), epoch,
                                bestEpoch, secondsSince(started), paramCount);
                    }
                    // Selection starts again among pruned models, the first being the one just pruned.
                    ValidationScorer.Score prunedScore = validation == null ? null : validation.score(pruned);
                    if (prunedScore != null && !Double.isFinite(prunedScore.loss())) {
                        return diverged(prunedScore.loss(), epoch, bestEpoch, started, paramCount);
                    }
                    bestEpoch = epoch;
                    bestLoss = prunedScore == null ? Double.POSITIVE_INFINITY : prunedScore.loss();
                    bestAccuracy = prunedScore == null ? null : prunedScore.accuracy();
                    bestParams = prunedScore == null ? null : pruned.params().dup();
                    LOG.debugf("trial %s pruned (%s) after epoch %d: validation accuracy %s before, %s after",
                            job.trialId(), config.compression().pruning().wireName(), epoch,
                            dense == null ? null : dense.accuracy(), bestAccuracy);
                } else if (patienceRanOut) {
                    stoppedEarly = epoch < compression.lastEpoch();
                    break;
                }
            }
        }
        MultiLayerNetwork net = compression.network();
        double trainSeconds = resumed.trainSeconds() + secondsSince(started);
        Double bestValLoss = validation == null || !Double.isFinite(bestLoss) ? null : bestLoss;
        Double lastValLoss = score == null ? null : score.loss();
        Double lastValAccuracy = score == null ? null : score.accuracy();
        if (!stoppedEarly && epoch < compression.lastEpoch()) {
            String checkpoint = store.checkpointPath(job.campaignId(), job.trialId(), epoch, attempt);
            Checkpoint.State state = new Checkpoint.State(epoch, bestEpoch, bestValLoss, bestAccuracy, trainSeconds,
                    compression.state());
            INDArray best = bestEpoch != epoch ? bestParams : null;
            save(job, checkpoint, file -> Checkpoint.write(file, net, state, best, compression.masks()));
            LOG.debugf("trial %s segment %d attempt %d: epochs %d-%d, checkpoint %s", job.trialId(), job.segment(),
                    attempt, job.startEpoch() + 1, epoch, checkpoint);
            return new TrainingOutcome(true, null, null, epoch, bestEpoch, false, trainSeconds, bestValLoss,
                    bestAccuracy, paramCount, checkpoint, lastValLoss, lastValAccuracy, null, null);
        }
        if (bestParams != null && bestEpoch != epoch) {
            net.setParams(bestParams);
        }
        // Fine-tuning after pruning a dense phase that early stopping ended leaves the trial short of its epochs.
        stoppedEarly = stoppedEarly || epoch < config.epochs();
        String artifact = store.modelPath(job.campaignId(), job.trialId(), job.segment(), attempt);
        ArtifactFacts[] written = new ArtifactFacts[1];
        save(job, artifact, file -> written[0] = compression.write(file));
        LOG.debugf("trial %s attempt %d: %d epochs, best %d, saved %s (%d bytes, %s, sparsity %.3f)", job.trialId(),
                attempt, epoch, bestEpoch, artifact, written[0].fileBytes(), written[0].precision().wireName(),
                written[0].sparsity());
        return new TrainingOutcome(true, null, artifact, epoch, bestEpoch, stoppedEarly, trainSeconds, bestValLoss,
                bestAccuracy, paramCount, null, lastValLoss, lastValAccuracy,
                compression.uncompressedValAccuracy(bestAccuracy), compression.prunedAfterEpoch());
    }

    private void save(TrialJob job, String relative, ArtifactStore.FileWriter writer) {
        try {
            store.writeAtomically(relative, writer);
        } catch (ArtifactStoreException e) { // its message names no local path, so it may travel in the reason
            throw new UncheckedIOException("cannot save " + relative + " of " + job.trialId() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save " + relative + " of " + job.trialId(), e);
        }
    }

    private static TrainingOutcome diverged(double loss, int epoch, int bestEpoch, long started, long paramCount) {
        return TrainingOutcome.failed("training diverged: loss is " + loss + " at epoch " + epoch, epoch, bestEpoch,
                secondsSince(started), paramCount);
    }

    /** Refuses jobs this worker cannot train, naming what is wrong; else the job's model family. */
    static ModelFamily checkJob(TrialJob job) {
        ModelFamily family = ModelFamily.fromWire(job.modelFamily()).orElseThrow(() -> new IllegalArgumentException(
                "unknown model family '" + job.modelFamily() + "'; this worker trains " + ModelFamily.wireNames()));
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
        if (job.maxEpochs() < 1 || job.maxEpochs() > CampaignSpecParser.MAX_EPOCHS_PER_TRIAL) {
            throw new IllegalArgumentException("maxEpochs must be in 1.." + CampaignSpecParser.MAX_EPOCHS_PER_TRIAL
                    + ": " + job.maxEpochs());
        }
        if (job.patience() < 0) {
            throw new IllegalArgumentException("patience must not be negative: " + job.patience());
        }
        if (job.startEpoch() < 0) {
            throw new IllegalArgumentException("startEpoch must not be negative: " + job.startEpoch());
        }
        if (job.stopEpoch() <= job.startEpoch()) {
            throw new IllegalArgumentException("stopEpoch " + job.stopEpoch() + " must be after startEpoch "
                    + job.startEpoch());
        }
        if (job.stopEpoch() > job.maxEpochs()) {
            throw new IllegalArgumentException("stopEpoch " + job.stopEpoch() + " is beyond the job's maxEpochs "
                    + job.maxEpochs());
        }
        if (job.resumes() && !ArtifactPaths.isCheckpoint(job.resumeFrom(), job.campaignId(), job.trialId(),
                job.startEpoch())) {
            // Only the trial's own checkpoint: resuming from any other file would train another campaign's model on.
            throw new IllegalArgumentException("resumeFrom " + job.resumeFrom() + " is not a checkpoint of trial "
                    + job.trialId() + " after epoch " + job.startEpoch());
        }
        if (job.startEpoch() > 0 && !job.resumes()) {
            throw new IllegalArgumentException("a job starting after epoch " + job.startEpoch() + " needs resumeFrom");
        }
        if (job.startEpoch() == 0 && job.resumes()) {
            throw new IllegalArgumentException("resumeFrom is set but the job starts at epoch 0");
        }
        return family;
    }

    private static double secondsSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1e9;
    }
}
