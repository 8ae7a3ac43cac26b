package io.paretune.artifacts;

/**
 * What a reader of models and checkpoints accepts from a file it did not write itself. Every bound holds whatever
 * the file's own headers claim: sizes are counted as bytes are inflated, not taken from the zip's directory.
 *
 * <pre>{@code
 * ArtifactLimits limits = ArtifactLimits.DEFAULT.withMaxUncompressedBytes(512L << 20);
 * CompressedModel model = CompressedArtifact.read(file, limits);
 * }</pre>
 *
 * @param maxFileBytes         size of the file on disk
 * @param maxEntries           zip entries (and tensors of a compressed artifact)
 * @param maxUncompressedBytes bytes inflated from all entries together, nested zips included (zip bombs)
 * @param maxJsonBytes         one JSON entry (configuration, manifest, checkpoint state), uncompressed
 * @param maxLayers            layers of the network
 * @param maxParams            parameter values the configuration may declare
 */
public record ArtifactLimits(long maxFileBytes, int maxEntries, long maxUncompressedBytes, int maxJsonBytes,
                             int maxLayers, long maxParams) {

    /**
     * Room for the largest network either family's catalogue allows (an mlp of 8 × 4,096 units has ~121 million
     * parameters) and no more: 2²⁷ parameters. Its checkpoint holds the parameters, Adam's two moments and the best
     * epoch's parameters (4 × 512 MiB), and its nested network zip is counted twice (inflated from the checkpoint,
     * then from itself): 4 GiB.
     */
    public static final ArtifactLimits DEFAULT = new ArtifactLimits(4L << 30, 1024, 4L << 30, 4 << 20, 256, 1L << 27);

    public ArtifactLimits {
        if (maxFileBytes < 1 || maxEntries < 1 || maxUncompressedBytes < 1 || maxJsonBytes < 1 || maxLayers < 1
                || maxParams < 1) {
            throw new IllegalArgumentException("artifact limits must be positive");
        }
    }

    public ArtifactLimits withMaxFileBytes(long bytes) {
        return new ArtifactLimits(bytes, maxEntries, maxUncompressedBytes, maxJsonBytes, maxLayers, maxParams);
    }

    public ArtifactLimits withMaxUncompressedBytes(long bytes) {
        return new ArtifactLimits(maxFileBytes, maxEntries, bytes, maxJsonBytes, maxLayers, maxParams);
    }

    public ArtifactLimits withMaxParams(long params) {
        return new ArtifactLimits(maxFileBytes, maxEntries, maxUncompressedBytes, maxJsonBytes, maxLayers, params);
    }
}
