package io.paretune.ml.compress;

/**
 * IEEE 754 half precision (binary16) as a storage format: 1 sign, 5 exponent and 10 fraction bits, rounded to
 * nearest, ties to even. Relative error at most 2⁻¹¹ for magnitudes from 6.1e-5 to 65,504; below, subnormals keep an
 * absolute error of at most 2⁻²⁵; above, infinity. Java 17 has no {@code Float.floatToFloat16}, and training in
 * {@code DataType.HALF} on the CPU is far too slow, so weights train in fp32 and are only stored in fp16.
 *
 * <pre>{@code
 * short h = Fp16.fromFloat(0.1f);   // 0x2E66
 * float back = Fp16.toFloat(h);     // 0.099975586
 * }</pre>
 */
public final class Fp16 {

    private Fp16() {
    }

    public static short fromFloat(float value) {
        int bits = Float.floatToRawIntBits(value);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = (bits >>> 23) & 0xff;
        int fraction = bits & 0x7fffff;
        if (exponent == 0xff) {
            return (short) (sign | 0x7c00 | (fraction != 0 ? 0x200 : 0)); // infinity, or a quiet NaN
        }
        int e = exponent - 127 + 15;
        if (e >= 0x1f) {
            return (short) (sign | 0x7c00);
        }
        if (e <= 0) {
            // Subnormal half: the 24-bit significand shifted down to units of 2^-24.
            int shift = 14 - e;
            if (shift > 24) {
                return (short) sign;
            }
            int significand = fraction | 0x800000;
            return (short) (sign | roundShifted(significand, shift));
        }
        // A carry out of the fraction rightly raises the exponent (to infinity at the top).
        return (short) (sign | ((e << 10) + roundShifted(fraction, 13)));
    }

    /** {@code value >>> shift}, rounded to nearest with ties to even. */
    private static int roundShifted(int value, int shift) {
        int kept = value >>> shift;
        int rest = value & ((1 << shift) - 1);
        int half = 1 << (shift - 1);
        return rest > half || (rest == half && (kept & 1) != 0) ? kept + 1 : kept;
    }

    public static float toFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int fraction = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (fraction << 13));
        }
        if (exponent == 0) {
            float subnormal = fraction * 0x1p-24f;
            return sign != 0 ? -subnormal : subnormal;
        }
        return Float.intBitsToFloat(sign | ((exponent - 15 + 127) << 23) | (fraction << 13));
    }
}
