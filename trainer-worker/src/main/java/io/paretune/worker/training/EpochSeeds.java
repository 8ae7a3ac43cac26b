package io.paretune.worker.training;

/**
 * The random seeds of one epoch of a trial, from the trial's seed and the epoch number alone: a segment resumed from
 * a checkpoint on another worker draws the same batch order and the same dropout masks for epoch {@code n} as an
 * uninterrupted run would, without replaying the epochs before it.
 */
final class EpochSeeds {

    private static final long SHUFFLE = 1;
    private static final long DROPOUT = 2;

    private EpochSeeds() {
    }

    /** Seed of the order in which epoch {@code epoch} (1-based) visits the training images. */
    static long shuffle(long trialSeed, int epoch) {
        return mix(trialSeed, SHUFFLE, epoch);
    }

    /** Seed of ND4J's random generator (dropout masks) for epoch {@code epoch}. */
    static long dropout(long trialSeed, int epoch) {
        return mix(trialSeed, DROPOUT, epoch);
    }

    /** SplitMix64's finalizer over the seed moved by (stream, epoch): nearby inputs give unrelated seeds. */
    private static long mix(long seed, long stream, int epoch) {
        long z = seed + 0x9E3779B97F4A7C15L * ((stream << 32) + epoch);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
