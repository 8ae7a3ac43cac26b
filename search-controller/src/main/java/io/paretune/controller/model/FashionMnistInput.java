package io.paretune.controller.model;

import io.paretune.contract.api.ModelCard;
import io.paretune.contract.search.ModelFamily;

import java.util.List;

/**
 * What a Fashion-MNIST model takes and gives, as {@code shared/ml}'s data code prepares it for training and scoring
 * ({@code ImageBatches}: each pixel byte / 255 as float32, no other normalization; {@code FashionMnist}: 28 × 28
 * images, ten classes in label order). The controller does not load that code; a test holds these facts to it.
 */
final class FashionMnistInput {

    static final int PIXELS = 28 * 28;
    static final int TEST_IMAGES = 10_000;
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal",
            "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final String PIXEL_SCALING = "each pixel byte (0 = background … 255) divided by 255, giving [0, 1]; no "
            + "mean subtraction, no standardization";

    private FashionMnistInput() {
    }

    static ModelCard.PreprocessingView of(ModelFamily family) {
        String input = "one 28×28 grayscale image as 784 values, row by row from the top left pixel"
                + (family == ModelFamily.CNN ? "; the network itself reshapes them to [1, 1, 28, 28] (NCHW)" : "");
        return new ModelCard.PreprocessingView(input, List.of(1, PIXELS), "float32", PIXEL_SCALING,
                "10 class probabilities (softmax), in the order of classes", CLASSES);
    }
}
