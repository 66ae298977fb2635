package dev.tacit.data.ratings;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Finds (user, item) pairs read more than once from one file and applies a {@link DuplicatePolicy}.
 * The common case, no duplicate, costs one sort of one {@code long} per row; rows of duplicated pairs
 * are then found by binary search among the (few) duplicated keys.
 */
final class Duplicates {

    private Duplicates() {
    }

    /**
     * Applies {@code policy} to the rows, in place.
     *
     * @throws RatingsFormatException under {@link DuplicatePolicy#ERROR} if a pair repeats, at the line of
     *     its earliest second occurrence
     */
    static void resolve(RowBuffer rows, DuplicatePolicy policy, Path file, IdMap userIds, IdMap itemIds)
            throws RatingsFormatException {
        int n = rows.size();
        long[] sorted = new long[n];
        for (int r = 0; r < n; r++) {
            sorted[r] = Ratings.key(rows.user(r), rows.item(r));
        }
        Arrays.parallelSort(sorted);
        int d = 0;
        for (int k = 1; k < n; k++) {
            if (sorted[k] == sorted[k - 1] && (k == 1 || sorted[k - 1] != sorted[k - 2])) {
                d++;
            }
        }
        if (d == 0) {
            return;
        }
        long[] dup = new long[d];
        d = 0;
        for (int k = 1; k < n; k++) {
            if (sorted[k] == sorted[k - 1] && (k == 1 || sorted[k - 1] != sorted[k - 2])) {
                dup[d++] = sorted[k];
            }
        }
        sorted = null;
        int[] first = new int[d];
        Arrays.fill(first, -1);
        double[] sum = new double[d];
        int[] count = new int[d];
        double[] last = new double[d];
        boolean[] keep = new boolean[n];
        for (int r = 0; r < n; r++) {
            int k = Arrays.binarySearch(dup, Ratings.key(rows.user(r), rows.item(r)));
            if (k < 0) {
                keep[r] = true;
                continue;
            }
            if (first[k] < 0) {
                first[k] = r;
                keep[r] = true;
            } else if (policy == DuplicatePolicy.ERROR) {
                throw new RatingsFormatException(file, rows.lineOf(r), "user "
                        + RatingsFormatException.quote(userIds.id(rows.user(r))) + " rated item "
                        + RatingsFormatException.quote(itemIds.id(rows.item(r))) + " again (first on line "
                        + rows.lineOf(first[k]) + "); keep one with --duplicates last|mean (DuplicatePolicy.LAST or MEAN)");
            }
            sum[k] += rows.value(r);
            count[k]++;
            last[k] = rows.value(r);
        }
        double[] values = new double[n];
        for (int r = 0; r < n; r++) {
            values[r] = rows.value(r);
        }
        for (int k = 0; k < d; k++) {
            values[first[k]] = policy == DuplicatePolicy.MEAN ? sum[k] / count[k] : last[k];
        }
        rows.compact(keep, values);
    }
}
