package dev.tacit.data.ratings;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Growable columns of (user, item, rating) rows read from a file, with the line each row came from
 * stored compactly: row r is on line {@code r + offset}, and the offset is recorded only where it
 * changes (after a header, blank or comment line).
 */
final class RowBuffer {

    private int[] users = new int[1024];
    private int[] items = new int[1024];
    private double[] values = new double[1024];
    private int size;

    private int[] breakRow = new int[8];
    private long[] breakOffset = new long[8];
    private int breaks;

    /** Appends a row read from 1-based {@code line}. */
    void add(int user, int item, double value, long line) {
        if (size == values.length) {
            int cap = grow(size);
            users = Arrays.copyOf(users, cap);
            items = Arrays.copyOf(items, cap);
            values = Arrays.copyOf(values, cap);
        }
        long offset = line - size;
        if (breaks == 0 || breakOffset[breaks - 1] != offset) {
            if (breaks == breakRow.length) {
                breakRow = Arrays.copyOf(breakRow, 2 * breaks);
                breakOffset = Arrays.copyOf(breakOffset, 2 * breaks);
            }
            breakRow[breaks] = size;
            breakOffset[breaks] = offset;
            breaks++;
        }
        users[size] = user;
        items[size] = item;
        values[size] = value;
        size++;
    }

    private static int grow(int n) {
        long cap = Math.max(1024, (long) n + (n >> 1));
        if (cap > Integer.MAX_VALUE - 8) {
            if (n >= Integer.MAX_VALUE - 8) {
                throw new IllegalStateException("more than " + n + " rows do not fit in an array");
            }
            cap = Integer.MAX_VALUE - 8;
        }
        return (int) cap;
    }

    /** @return the number of rows */
    int size() {
        return size;
    }

    int user(int r) {
        return users[r];
    }

    int item(int r) {
        return items[r];
    }

    double value(int r) {
        return values[r];
    }

    /** @return the 1-based line row r was read from */
    long lineOf(int r) {
        int lo = 0;
        int hi = breaks - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (breakRow[mid] <= r) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return r + breakOffset[lo];
    }

    /**
     * Keeps only the rows flagged in {@code keep} (by position), in order, with the given values. Line
     * numbers are no longer tracked afterwards.
     */
    void compact(boolean[] keep, double[] newValues) {
        int m = 0;
        for (int r = 0; r < size; r++) {
            if (keep[r]) {
                users[m] = users[r];
                items[m] = items[r];
                values[m] = newValues[r];
                m++;
            }
        }
        size = m;
        breaks = 0;
    }

    /** @return the rows as ratings (arrays trimmed to size; this buffer must not be used afterwards) */
    Ratings toRatings(IdMap userIds, IdMap itemIds, Path source) {
        return new Ratings(trim(users), trim(items), trim(values), userIds, itemIds, source);
    }

    private int[] trim(int[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }

    private double[] trim(double[] a) {
        return a.length == size ? a : Arrays.copyOf(a, size);
    }
}
