package dev.tacit.data.ratings;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded train/test splits of {@link Ratings}: k-fold cross-validation, a random holdout (e.g. a 5%
 * validation set), and the official split of a data set that ships its test file. A random split is a
 * function of the ratings' order and the seed only: the same seed gives the same split. Both parts of
 * a split keep the ratings' order and share their id maps.
 */
public final class Splits {

    private Splits() {
    }

    /**
     * Splits the ratings into k near-equal parts by a seeded random permutation; fold f tests on part f
     * and trains on the rest. The parts are disjoint, cover all ratings, and their sizes differ by at
     * most one.
     *
     * @param r the ratings
     * @param k the number of folds, {@code 2 ≤ k ≤ r.size()}
     * @param seed the seed of the permutation ({@link SplittableRandom})
     * @return the k folds, in order of index
     * @throws IllegalArgumentException if k is out of range
     */
    public static List<Fold> kFold(Ratings r, int k, long seed) {
        int n = r.size();
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("number of folds must be in 2.." + n + " (the number of ratings), got " + k);
        }
        int[] perm = permutation(n, seed);
        int[] foldOf = new int[n];
        int[] sizes = new int[k];
        for (int f = 0; f < k; f++) {
            int lo = (int) ((long) f * n / k);
            int hi = (int) ((long) (f + 1) * n / k);
            for (int p = lo; p < hi; p++) {
                foldOf[perm[p]] = f;
            }
            sizes[f] = hi - lo;
        }
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] test = new int[sizes[f]];
            int[] train = new int[n - sizes[f]];
            int a = 0;
            int b = 0;
            for (int p = 0; p < n; p++) {
                if (foldOf[p] == f) {
                    test[a++] = p;
                } else {
                    train[b++] = p;
                }
            }
            folds.add(new Fold(f, r.subset(train), r.subset(test)));
        }
        return List.copyOf(folds);
    }

    /**
     * Holds out a seeded random {@code round(fraction·size)} ratings (at least 1, and at least 1 left to
     * train on).
     *
     * @param r the ratings, at least 2
     * @param fraction the share to hold out, in (0, 1)
     * @param seed the seed ({@link SplittableRandom})
     * @return fold 0: the rest to train on, the held-out ratings to test on
     * @throws IllegalArgumentException if fraction is outside (0, 1) or there are fewer than 2 ratings
     */
    public static Fold holdout(Ratings r, double fraction, long seed) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("holdout fraction must be in (0, 1), got " + fraction);
        }
        int n = r.size();
        if (n < 2) {
            throw new IllegalArgumentException("a holdout split needs at least 2 ratings, got " + n);
        }
        int m = (int) Math.max(1, Math.min(n - 1, Math.round(fraction * n)));
        int[] idx = new int[n];
        for (int p = 0; p < n; p++) {
            idx[p] = p;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        boolean[] held = new boolean[n];
        for (int p = 0; p < m; p++) {
            int j = p + rng.nextInt(n - p);
            int t = idx[p];
            idx[p] = idx[j];
            idx[j] = t;
            held[idx[p]] = true;
        }
        int[] test = new int[m];
        int[] train = new int[n - m];
        int a = 0;
        int b = 0;
        for (int p = 0; p < n; p++) {
            if (held[p]) {
                test[a++] = p;
            } else {
                train[b++] = p;
            }
        }
        return new Fold(0, r.subset(train), r.subset(test));
    }

    /**
     * The official split of a data set that ships its test ratings (MovieLens {@code uK.test}): train on
     * all ratings whose (user id, item id) pair is not in the test file, as {@code uK.base} is made.
     *
     * @param all all ratings ({@code u.data})
     * @param test the official test ratings
     * @return fold 0: {@code all.without(test)} and {@code test}
     */
    public static Fold official(Ratings all, Ratings test) {
        return new Fold(0, all.without(test), test);
    }

    /** @return a uniformly random permutation of 0..n-1 (Fisher-Yates) drawn from the seed */
    static int[] permutation(int n, long seed) {
        int[] perm = new int[n];
        for (int p = 0; p < n; p++) {
            perm[p] = p;
        }
        SplittableRandom rng = new SplittableRandom(seed);
        for (int p = n - 1; p > 0; p--) {
            int j = rng.nextInt(p + 1);
            int t = perm[p];
            perm[p] = perm[j];
            perm[j] = t;
        }
        return perm;
    }
}
