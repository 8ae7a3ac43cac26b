package io.paretune.ml.compress;

import io.paretune.contract.search.CompressionConfig.Precision;

/**
 * What a compressed artifact is, for the figures a trial reports: its size on disk, how many values it stores and
 * how many of those are not zero, the sparsity of its prunable weights, and the dense fp32 size of the architecture
 * before pruning, against which compression is measured.
 *
 * <pre>{@code
 * ArtifactFacts facts = CompressedArtifact.write(file, net, Precision.INT8, denseParamsBeforePruning);
 * metrics.put("model_size_bytes", (double) facts.fileBytes());
 * metrics.put("compression_ratio", facts.compressionRatio());
 * }</pre>
 *
 * @param paramCount    values the artifact holds: every parameter of the network as shipped (batch
 *                      normalization's running statistics included)
 * @param nonzeroParams of those, the ones that are not zero as stored (after quantization)
 * @param sparsity      fraction of the {@linkplain PrunableWeights prunable weights} that are zero
 * @param denseParams   values of the same architecture before any pruning (more than {@code paramCount} after
 *                      structured pruning)
 * @param fileBytes     size of the file on disk
 * @param sha256        hex SHA-256 of the file
 */
public record ArtifactFacts(Precision precision, long paramCount, long nonzeroParams, double sparsity,
                            long denseParams, long fileBytes, String sha256) {

    /** The unpruned architecture's parameters as raw fp32: {@code 4 · denseParams} bytes. */
    public long denseFp32Bytes() {
        return 4 * denseParams;
    }

    /** {@link #denseFp32Bytes()} over the file's size. */
    public double compressionRatio() {
        return (double) denseFp32Bytes() / fileBytes;
    }

    /**
     * The arithmetic a loaded network really does: always fp32 on this CPU backend, on dequantized weights when
     * they were stored in fp16 or int8 (DL4J has no int8 or fast fp16 kernels here), e.g. {@code "fp32
     * (dequantized int8 weights)"}. Latency measured on such a network is fp32 latency.
     */
    public String computePrecision() {
        return precision == Precision.FP32 ? "fp32" : "fp32 (dequantized " + precision.wireName() + " weights)";
    }
}
