package dev.tacit.data;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from one experiment seed, so that one seed determines the ground
 * truth, the observed sample and the initialization, and changing how many numbers one stage draws
 * never shifts another stage.
 */
public final class Seeds {

    /** The stages of a run that draw random numbers. */
    public enum Stream {
        /** Ground-truth matrix. */
        GROUND_TRUTH,
        /** Which entries are observed / which measurement matrices. */
        OBSERVATIONS,
        /** Parameter initialization. */
        INITIALIZATION,
        /** Anything else a method needs (e.g. data splits, mini-batches). */
        OTHER
    }

    private Seeds() {
    }

    /**
     * @param seed the run's seed
     * @param stream the stage
     * @return a generator for that stage, identical for identical arguments
     */
    public static SplittableRandom stream(long seed, Stream stream) {
        return new SplittableRandom(mix(seed * 0x9E3779B97F4A7C15L + stream.ordinal() + 1));
    }

    /**
     * The seed of the k-th of several runs derived from one seed (ensemble members, epochs, …): k = 0 gives
     * {@code seed} itself, k ≥ 1 a hashed value. Unlike {@code seed + k}, the runs derived from two different
     * seeds do not overlap (with {@code seed + k}, seed 0's second run would be seed 1's first).
     *
     * @param seed the parent seed
     * @param k the run's index, ≥ 0
     * @return the run's seed
     */
    public static long derive(long seed, long k) {
        if (k < 0) {
            throw new IllegalArgumentException("run index must be >= 0, got " + k);
        }
        return k == 0 ? seed : mix(mix(seed ^ 0xD1B54A32D192ED03L) + k * 0xDB4F0B9175AE2165L);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
