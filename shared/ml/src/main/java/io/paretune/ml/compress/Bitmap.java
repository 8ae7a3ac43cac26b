package io.paretune.ml.compress;

/**
 * One bit per value, set where the value is kept (nonzero), least significant bit first: the index of a sparse
 * tensor and the content of a mask, an eighth of a byte per weight whatever the sparsity.
 */
final class Bitmap {

    private Bitmap() {
    }

    static int bytesFor(int values) {
        return (values + 7) / 8;
    }

    /** Bits set where {@code values} is not zero. */
    static byte[] ofNonzero(float[] values) {
        byte[] bits = new byte[bytesFor(values.length)];
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0) {
                bits[i >>> 3] |= (byte) (1 << (i & 7));
            }
        }
        return bits;
    }

    static boolean isSet(byte[] bits, int index) {
        return (bits[index >>> 3] & (1 << (index & 7))) != 0;
    }

    /** Set bits among the first {@code values} (bits past them are ignored). */
    static int count(byte[] bits, int values) {
        int count = 0;
        for (int i = 0; i < values; i++) {
            if (isSet(bits, i)) {
                count++;
            }
        }
        return count;
    }

    /** Whether the padding bits after the first {@code values} are all clear (a well-formed bitmap). */
    static boolean paddingClear(byte[] bits, int values) {
        for (int i = values; i < bits.length * 8; i++) {
            if (isSet(bits, i)) {
                return false;
            }
        }
        return true;
    }
}
