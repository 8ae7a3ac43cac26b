package io.paretune.contract.campaign;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which data a campaign trains on: {@code {"name": "fashion-mnist", "validationFraction": 0.1, "trainLimit": 5000}}.
 *
 * @param validationFraction share of the 60,000 training images held out for validation (the same images for every
 *                           trial of a campaign, chosen by {@code splitSeed})
 * @param trainLimit         at most this many training images (after the split), for quick runs; null for all
 * @param splitSeed          seed of the shuffle that picks the validation images
 */
@Schema(description = "Required for pipeline campaigns, refused for external ones",
        additionalProperties = Schema.False.class)
public record DatasetSpec(
        @Schema(required = true, enumeration = DatasetSpec.FASHION_MNIST)
        String name,
        @Schema(minimum = "0", exclusiveMinimum = true, maximum = "0.5",
                defaultValue = "" + DatasetSpec.DEFAULT_VALIDATION_FRACTION)
        double validationFraction,
        @Schema(minimum = "10", maximum = "" + CampaignSpecParser.FASHION_MNIST_TRAIN_IMAGES, nullable = true)
        Integer trainLimit,
        @Schema(defaultValue = "" + DatasetSpec.DEFAULT_SPLIT_SEED)
        long splitSeed) {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final double DEFAULT_VALIDATION_FRACTION = 0.1;
    public static final long DEFAULT_SPLIT_SEED = 42L;
}
