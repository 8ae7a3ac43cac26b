package io.paretune.ml.compress;

/**
 * Weights quantized to int8, symmetric, with one scale per output channel (a dense layer's unit, a convolution's
 * filter): {@code q = round(w / s)} in [−127, 127] with {@code s = max|w| / 127} over the channel, and back
 * {@code w ≈ q · s}. Per channel, because one layer's units can differ in range by orders of magnitude; symmetric,
 * so a pruned (zero) weight stays exactly zero. The error of every weight is at most {@code s / 2} of its channel.
 *
 * <p>The CPU backend has no int8 kernels: a network built from these weights computes in fp32 on the dequantized
 * values. The gain is size on disk and in transfer, not arithmetic.
 *
 * <pre>{@code
 * Int8Weights q = Int8Weights.quantize(PrunableWeights.values(w), w.shape(), PrunableWeights.outputAxis(layer));
 * float[] approx = q.dequantize();
 * }</pre>
 *
 * @param values      quantized weights, row-major in {@code shape}
 * @param scales      one per output channel
 * @param channelAxis the axis of {@code shape} that indexes output channels
 */
public record Int8Weights(byte[] values, float[] scales, long[] shape, int channelAxis) {

    public static final int MAX = 127;

    public static Int8Weights quantize(float[] weights, long[] shape, int channelAxis) {
        ChannelLayout layout = new ChannelLayout(shape, channelAxis);
        float[] max = new float[layout.channels()];
        for (int i = 0; i < weights.length; i++) {
            int c = layout.channelOf(i);
            max[c] = Math.max(max[c], Math.abs(weights[i]));
        }
        float[] scales = new float[max.length];
        for (int c = 0; c < max.length; c++) {
            scales[c] = max[c] / MAX;
        }
        byte[] q = new byte[weights.length];
        for (int i = 0; i < weights.length; i++) {
            float s = scales[layout.channelOf(i)];
            q[i] = s == 0 ? 0 : (byte) Math.max(-MAX, Math.min(MAX, Math.round(weights[i] / s)));
        }
        return new Int8Weights(q, scales, shape.clone(), channelAxis);
    }

    public float[] dequantize() {
        ChannelLayout layout = new ChannelLayout(shape, channelAxis);
        float[] w = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            w[i] = values[i] * scales[layout.channelOf(i)];
        }
        return w;
    }

}
