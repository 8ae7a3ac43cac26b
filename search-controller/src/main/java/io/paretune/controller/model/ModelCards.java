package io.paretune.controller.model;

import io.paretune.contract.api.ModelCard;
import io.paretune.contract.campaign.CampaignSpec;
import io.paretune.contract.campaign.CampaignSpecParser;
import io.paretune.contract.campaign.DatasetSpec;
import io.paretune.contract.campaign.Metric;
import io.paretune.contract.search.CompressionConfig;
import io.paretune.contract.search.CompressionConfig.Pruning;
import io.paretune.contract.search.ModelFamily;
import io.paretune.controller.persistence.JsonColumns;
import io.paretune.controller.persistence.TrialEntity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The model card of a scored trial ({@link ModelCard}), from what the worker, the evaluator and the campaign spec
 * recorded. Figures are the recorded ones; nothing is estimated.
 */
@ApplicationScoped
public class ModelCards {

    /** The artifact format the workers write ({@code shared/ml}'s {@code CompressedArtifact}). */
    static final String FORMAT = "paretune-compressed-model v1 (zip)";

    private final ScoredModels scored;
    private final ModelArtifacts artifacts;

    public ModelCards(ScoredModels scored, ModelArtifacts artifacts) {
        this.scored = scored;
        this.artifacts = artifacts;
    }

    /** The same refusals as {@link ScoredModels#find}; a model file gone from the store still has its card. */
    @Transactional
    public ModelCard card(String campaignId, String trialId) {
        ScoredModels.Scored found = scored.lookup(campaignId, trialId);
        CampaignSpec spec = found.spec();
        TrialEntity t = found.trial();
        ScoredModel model = found.model();
        ModelFamily family = ModelFamily.require(spec.modelFamily() == null ? CampaignSpec.MLP : spec.modelFamily());
        Map<String, Object> params = JsonColumns.readParams(t.params);
        Map<String, Double> metrics = JsonColumns.readMetrics(t.metrics);
        int maxEpochs = t.lastEpoch != null ? t.lastEpoch : spec.budget().maxEpochsPerTrial();
        CompressionConfig compression = family.resolve(params, maxEpochs).compression();
        Optional<Long> fileSize = artifacts.size(model.artifactPath());
        Long size = fileSize.orElseGet(() -> asLong(metrics.get(Metric.MODEL_SIZE_BYTES.wireName())));
        return new ModelCard(t.id, t.number, found.campaign().id, found.campaign().name, family.wireName(), params,
                metrics,
                compression(compression, t, metrics),
                FashionMnistInput.of(family),
                data(spec.dataset()),
                new ModelCard.TrainingView(t.trainSeed, t.epochsTrained, t.bestEpoch, t.stoppedEarly, t.lastEpoch,
                        t.trainSeconds, t.backend, t.workerId),
                new ModelCard.EvaluationView(t.hardware, t.finishedAt),
                new ModelCard.ArtifactView(model.fileName(), FORMAT, model.artifactPath(), size, model.sha256(),
                        fileSize.isPresent(), downloadPath(model)),
                LoadSnippet.forFile(model.fileName()));
    }

    static String downloadPath(ScoredModel model) {
        return "/api/v1/campaigns/" + model.campaignId() + "/trials/" + model.trialId() + "/model";
    }

    /** Settings as the worker applied them (null where the pruning method does not use one), then what they gave. */
    static ModelCard.CompressionView compression(CompressionConfig c, TrialEntity t, Map<String, Double> metrics) {
        boolean prunes = c.prunes();
        boolean oneShot = c.pruning() == Pruning.MAGNITUDE || c.pruning() == Pruning.STRUCTURED;
        boolean gradual = c.pruning() == Pruning.GRADUAL;
        Double valAccuracy = metrics.get(Metric.VAL_ACCURACY.wireName());
        Double drop = metrics.get(Metric.ACCURACY_DROP.wireName());
        if (drop == null && valAccuracy != null && t.uncompressedValAccuracy != null) {
            drop = t.uncompressedValAccuracy - valAccuracy;
        }
        return new ModelCard.CompressionView(c.pruning().wireName(),
                prunes ? c.targetSparsity() : null,
                prunes ? c.scope().wireName() : null,
                oneShot ? c.fineTuneEpochs() : null,
                gradual ? c.pruneStartEpoch() : null,
                gradual ? c.pruneEndEpoch() : null,
                t.prunedAfterEpoch,
                c.precision().wireName(),
                t.computePrecision,
                metrics.get(Metric.SPARSITY.wireName()),
                asLong(metrics.get(Metric.NONZERO_PARAMS.wireName())),
                asLong(metrics.get(Metric.PARAM_COUNT.wireName())),
                metrics.get(Metric.COMPRESSION_RATIO.wireName()),
                t.uncompressedValAccuracy,
                valAccuracy,
                drop);
    }

    /** The split {@code shared/ml}'s DataSplit makes of the 60,000 training images. */
    static ModelCard.DataView data(DatasetSpec d) {
        int total = CampaignSpecParser.FASHION_MNIST_TRAIN_IMAGES;
        int validation = (int) Math.round(total * d.validationFraction());
        int train = total - validation;
        if (d.trainLimit() != null) {
            train = Math.min(train, d.trainLimit());
        }
        String trainPart = d.trainLimit() == null ? "the other " + count(train) + " train"
                : "the next " + count(train) + " train (trainLimit " + count(d.trainLimit()) + ")";
        String split = "the " + count(total) + " training images shuffled with splitSeed " + d.splitSeed()
                + ": the first " + count(validation) + " validate (validationFraction " + d.validationFraction()
                + "), the same for every trial of the campaign; " + trainPart + "; the "
                + count(FashionMnistInput.TEST_IMAGES) + " test images are never trained or selected on";
        return new ModelCard.DataView(d.name(), d.validationFraction(), d.trainLimit(), d.splitSeed(), train,
                validation, FashionMnistInput.TEST_IMAGES, split);
    }

    private static String count(int n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static Long asLong(Double value) {
        return value == null || !Double.isFinite(value) ? null : Math.round(value);
    }
}
