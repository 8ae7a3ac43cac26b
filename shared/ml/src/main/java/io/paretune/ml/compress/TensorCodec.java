package io.paretune.ml.compress;

import io.paretune.artifacts.InvalidArtifactException;
import io.paretune.contract.search.CompressionConfig.Precision;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Locale;

/**
 * One parameter array of a compressed artifact as bytes, little-endian: for int8 first one fp32 scale per output
 * channel; for the {@code bitmap} encoding then a bitmap of the stored (nonzero) values; then the values, every one
 * ({@code dense}) or only those the bitmap marks, as fp32, fp16 or int8. Of the two encodings the smaller is
 * written: a bitmap costs an eighth of a byte per value and saves a value's width per zero.
 */
final class TensorCodec {

    enum Encoding {
        DENSE, BITMAP;

        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Encoding fromWire(String name) {
            for (Encoding e : values()) {
                if (e.wireName().equals(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("unknown encoding '" + name + "'");
        }
    }

    /** An encoded array; {@code nonzeros}: values that are not zero once stored (after quantization). */
    record Encoded(byte[] bytes, Encoding encoding, long nonzeros) {
    }

    private TensorCodec() {
    }

    static int width(Precision dtype) {
        return switch (dtype) {
            case FP32 -> 4;
            case FP16 -> 2;
            case INT8 -> 1;
        };
    }

    /**
     * @param channelAxis the output-channel axis of {@code shape}; read for int8 only
     */
    static Encoded encode(float[] values, long[] shape, Precision dtype, int channelAxis) {
        int n = values.length;
        Int8Weights int8 = dtype == Precision.INT8 ? Int8Weights.quantize(values, shape, channelAxis) : null;
        short[] fp16 = dtype == Precision.FP16 ? new short[n] : null;
        float[] stored = int8 != null ? int8.dequantize() : values;
        if (fp16 != null) {
            stored = new float[n];
            for (int i = 0; i < n; i++) {
                fp16[i] = Fp16.fromFloat(values[i]);
                stored[i] = Fp16.toFloat(fp16[i]);
            }
        }
        byte[] bitmap = Bitmap.ofNonzero(stored);
        int nonzeros = Bitmap.count(bitmap, n);
        int w = width(dtype);
        Encoding encoding = Bitmap.bytesFor(n) + (long) nonzeros * w < (long) n * w ? Encoding.BITMAP : Encoding.DENSE;
        int scales = int8 == null ? 0 : int8.scales().length;
        ByteBuffer out = ByteBuffer.allocate(size(n, scales, dtype, encoding, nonzeros)).order(ByteOrder.LITTLE_ENDIAN);
        if (int8 != null) {
            for (float s : int8.scales()) {
                out.putFloat(s);
            }
        }
        if (encoding == Encoding.BITMAP) {
            out.put(bitmap);
        }
        for (int i = 0; i < n; i++) {
            if (encoding == Encoding.DENSE || stored[i] != 0) {
                switch (dtype) {
                    case FP32 -> out.putFloat(values[i]);
                    case FP16 -> out.putShort(fp16[i]);
                    case INT8 -> out.put(int8.values()[i]);
                }
            }
        }
        return new Encoded(out.array(), encoding, nonzeros);
    }

    /** Bytes an array of {@code n} values takes; what a reader expects, whatever the file says. */
    static int size(int n, int scales, Precision dtype, Encoding encoding, long nonzeros) {
        long stored = encoding == Encoding.DENSE ? n : nonzeros;
        long bytes = (long) scales * 4 + (encoding == Encoding.BITMAP ? Bitmap.bytesFor(n) : 0) + stored * width(dtype);
        return Math.toIntExact(bytes);
    }

    /**
     * The values back, in fp32.
     *
     * @throws InvalidArtifactException when the bytes do not hold what the header says (wrong length, a bitmap
     *                                  that disagrees with the count, a non-finite value or scale)
     */
    static float[] decode(byte[] bytes, long[] shape, Precision dtype, Encoding encoding, long nonzeros,
                          int channelAxis, String name) throws InvalidArtifactException {
        int n = Math.toIntExact(elements(shape));
        ChannelLayout layout = new ChannelLayout(shape, channelAxis);
        int scales = dtype == Precision.INT8 ? layout.channels() : 0;
        if (bytes.length != size(n, scales, dtype, encoding, nonzeros)) {
            throw new InvalidArtifactException(name + " holds " + bytes.length + " bytes, not the "
                    + size(n, scales, dtype, encoding, nonzeros) + " its header describes");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] scale = new float[scales];
        for (int c = 0; c < scales; c++) {
            scale[c] = in.getFloat();
            if (!(scale[c] >= 0 && Float.isFinite(scale[c]))) {
                throw new InvalidArtifactException(name + " has an invalid int8 scale " + scale[c]);
            }
        }
        byte[] bitmap = null;
        if (encoding == Encoding.BITMAP) {
            bitmap = new byte[Bitmap.bytesFor(n)];
            in.get(bitmap);
            if (Bitmap.count(bitmap, n) != nonzeros || !Bitmap.paddingClear(bitmap, n)) {
                throw new InvalidArtifactException(name + "'s bitmap does not mark the " + nonzeros + " values it declares");
            }
        }
        float[] values = new float[n];
        long found = 0;
        for (int i = 0; i < n; i++) {
            if (bitmap != null && !Bitmap.isSet(bitmap, i)) {
                continue;
            }
            float v = switch (dtype) {
                case FP32 -> in.getFloat();
                case FP16 -> Fp16.toFloat(in.getShort());
                case INT8 -> int8(in.get(), name) * scale[layout.channelOf(i)];
            };
            if (!Float.isFinite(v)) {
                throw new InvalidArtifactException(name + " holds a non-finite value at " + i);
            }
            values[i] = v;
            if (v != 0) {
                found++;
            }
        }
        if (found != nonzeros) {
            throw new InvalidArtifactException(name + " holds " + found + " nonzero values, not the " + nonzeros
                    + " its header declares");
        }
        return values;
    }

    private static int int8(byte q, String name) throws InvalidArtifactException {
        if (q < -Int8Weights.MAX) {
            throw new InvalidArtifactException(name + " holds int8 " + q + ", outside the symmetric range");
        }
        return q;
    }

    static long elements(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }
}
