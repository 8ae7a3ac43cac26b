package io.paretune.contract.campaign;

import java.util.Arrays;
import java.util.Optional;

/**
 * The metrics the evaluator reports for every trained model; objectives and constraints name them by
 * {@link #wireName()}.
 *
 * <pre>{@code
 * Metric.fromWire("latency_ms_p50").map(Metric::naturalDirection); // MINIMIZE
 * }</pre>
 */
public enum Metric {
    VAL_ACCURACY("val_accuracy", Direction.MAXIMIZE, true, "accuracy on the held-out validation split"),
    VAL_LOSS("val_loss", Direction.MINIMIZE, true, "cross-entropy on the validation split"),
    TRAIN_ACCURACY("train_accuracy", Direction.MAXIMIZE, true, "accuracy on the training split"),
    GENERALIZATION_GAP("generalization_gap", Direction.MINIMIZE, true, "train_accuracy - val_accuracy"),
    TEST_ACCURACY("test_accuracy", Direction.MAXIMIZE, false, "accuracy on the 10k test images: reported, never used to choose"),
    PARAM_COUNT("param_count", Direction.MINIMIZE, true, "trainable parameters"),
    MODEL_SIZE_BYTES("model_size_bytes", Direction.MINIMIZE, true, "size on disk of the artifact as shipped (compressed)"),
    NONZERO_PARAMS("nonzero_params", Direction.MINIMIZE, true, "trainable parameters that are not zero in the shipped model"),
    SPARSITY("sparsity", Direction.MAXIMIZE, true, "fraction of the prunable weights that are zero"),
    MACS("macs", Direction.MINIMIZE, true, "multiply-accumulates per example of the network as it runs (dense kernels)"),
    COMPRESSION_RATIO("compression_ratio", Direction.MAXIMIZE, true,
            "fp32 size of the dense architecture before pruning / size of the shipped artifact"),
    ACCURACY_DROP("accuracy_drop", Direction.MINIMIZE, true,
            "validation accuracy before compression minus that of the shipped model"),
    LATENCY_MS_P50("latency_ms_p50", Direction.MINIMIZE, true, "median batch-1 inference latency on the evaluator, ms"),
    LATENCY_MS_P95("latency_ms_p95", Direction.MINIMIZE, true, "95th percentile batch-1 inference latency, ms"),
    THROUGHPUT_PER_S("throughput_per_s", Direction.MAXIMIZE, true, "inference samples per second at batch 256"),
    TRAIN_SECONDS("train_seconds", Direction.MINIMIZE, true, "wall-clock training time"),
    EPOCHS_TRAINED("epochs_trained", Direction.MINIMIZE, true, "epochs actually trained");

    private final String wireName;
    private final Direction naturalDirection;
    private final boolean selectable;
    private final String description;

    Metric(String wireName, Direction naturalDirection, boolean selectable, String description) {
        this.wireName = wireName;
        this.naturalDirection = naturalDirection;
        this.selectable = selectable;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public Direction naturalDirection() {
        return naturalDirection;
    }

    /** False for metrics that must never drive selection (test accuracy). */
    public boolean selectable() {
        return selectable;
    }

    public String description() {
        return description;
    }

    public static Optional<Metric> fromWire(String name) {
        return Arrays.stream(values()).filter(m -> m.wireName.equals(name)).findFirst();
    }
}
