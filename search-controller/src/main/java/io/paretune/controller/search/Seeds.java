package io.paretune.controller.search;

/**
 * Derives independent seeds from a campaign seed, so that what trial {@code n} gets depends only on the campaign seed
 * and {@code n}: never on how many trials were proposed before, nor on restarts.
 */
public final class Seeds {

    /** Stream for the values a sampler draws. */
    public static final long SAMPLING = 0x5A3D_1E0F_7C11_9B01L;
    /** Stream for the seed a worker initialises weights and shuffles batches with. */
    public static final long TRAINING = 0x2B7E_1516_28AE_D2A6L;

    private Seeds() {
    }

    /** A well-mixed seed for ({@code seed}, {@code stream}, {@code index}); distinct inputs give unrelated outputs. */
    public static long derive(long seed, long stream, long index) {
        long h = mix(seed ^ mix(stream));
        return mix(h + 0x9E37_79B9_7F4A_7C15L * (index + 1));
    }

    /** The training seed of trial {@code trialNumber} in a campaign seeded with {@code campaignSeed}. */
    public static long trialSeed(long campaignSeed, int trialNumber) {
        return derive(campaignSeed, TRAINING, trialNumber);
    }

    /** Murmur3's 64-bit finalizer. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51_AFD7_ED55_8CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CE_B9FE_1A85_EC53L;
        return z ^ (z >>> 33);
    }
}
