package dev.tacit.data.ratings;

import dev.tacit.data.EntrySample;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable list of ratings as columns of triples (user index, item index, rating), with the
 * {@link IdMap}s that translate the indices back to the ids of the file.
 *
 * <p>The id maps are shared, not copied: ratings read into the same maps (a train and a test file)
 * index users and items alike, and {@link #numUsers()} / {@link #numItems()} follow the maps as they
 * grow. Readers return each (user, item) pair at most once; {@link #of} does not require it.
 */
public final class Ratings {

    private final int[] users;
    private final int[] items;
    private final double[] values;
    private final IdMap userIds;
    private final IdMap itemIds;
    private final Path source;
    private final double mean;
    private final double min;
    private final double max;

    /** Takes ownership of the arrays, which the caller has validated. */
    Ratings(int[] users, int[] items, double[] values, IdMap userIds, IdMap itemIds, Path source) {
        this.users = users;
        this.items = items;
        this.values = values;
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.source = source;
        double sum = 0;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            sum += v;
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        this.mean = values.length == 0 ? Double.NaN : sum / values.length;
        this.min = values.length == 0 ? Double.NaN : lo;
        this.max = values.length == 0 ? Double.NaN : hi;
    }

    /**
     * Creates ratings from columns, with no source file.
     *
     * @param users user indices into {@code userIds} (copied)
     * @param items item indices into {@code itemIds} (copied)
     * @param values ratings (copied), finite
     * @param userIds the user ids (shared)
     * @param itemIds the item ids (shared)
     * @return the ratings
     * @throws IllegalArgumentException on mismatched lengths, indices outside the maps or non-finite
     *     values
     */
    public static Ratings of(int[] users, int[] items, double[] values, IdMap userIds, IdMap itemIds) {
        return of(users, items, values, userIds, itemIds, null);
    }

    /**
     * Creates ratings from columns.
     *
     * @param users user indices into {@code userIds} (copied)
     * @param items item indices into {@code itemIds} (copied)
     * @param values ratings (copied), finite
     * @param userIds the user ids (shared)
     * @param itemIds the item ids (shared)
     * @param source the file they came from, or null
     * @return the ratings
     * @throws IllegalArgumentException on mismatched lengths, indices outside the maps or non-finite
     *     values
     */
    public static Ratings of(int[] users, int[] items, double[] values, IdMap userIds, IdMap itemIds,
            Path source) {
        Objects.requireNonNull(userIds, "userIds");
        Objects.requireNonNull(itemIds, "itemIds");
        int n = users.length;
        if (items.length != n || values.length != n) {
            throw new IllegalArgumentException("users, items and values differ in length: " + n + ", "
                    + items.length + ", " + values.length);
        }
        int nu = userIds.size();
        int ni = itemIds.size();
        for (int k = 0; k < n; k++) {
            if (users[k] < 0 || users[k] >= nu) {
                throw new IllegalArgumentException("rating " + k + " has user index " + users[k]
                        + " outside the " + nu + " user ids");
            }
            if (items[k] < 0 || items[k] >= ni) {
                throw new IllegalArgumentException("rating " + k + " has item index " + items[k]
                        + " outside the " + ni + " item ids");
            }
            if (!Double.isFinite(values[k])) {
                throw new IllegalArgumentException("rating " + k + " is not finite: " + values[k]);
            }
        }
        return new Ratings(users.clone(), items.clone(), values.clone(), userIds, itemIds, source);
    }

    /** @return the number of ratings */
    public int size() {
        return values.length;
    }

    /** @return the user index of rating k */
    public int user(int k) {
        return users[k];
    }

    /** @return the item index of rating k */
    public int item(int k) {
        return items[k];
    }

    /** @return the value of rating k */
    public double value(int k) {
        return values[k];
    }

    /** @return the user id (as in the file) of rating k */
    public String userId(int k) {
        return userIds.id(users[k]);
    }

    /** @return the item id (as in the file) of rating k */
    public String itemId(int k) {
        return itemIds.id(items[k]);
    }

    /** @return a copy of the user indices */
    public int[] users() {
        return users.clone();
    }

    /** @return a copy of the item indices */
    public int[] items() {
        return items.clone();
    }

    /** @return a copy of the ratings */
    public double[] values() {
        return values.clone();
    }

    /** @return the user ids (the shared map, not a copy) */
    public IdMap userIds() {
        return userIds;
    }

    /** @return the item ids (the shared map, not a copy) */
    public IdMap itemIds() {
        return itemIds;
    }

    /** @return {@code userIds().size()}: the rows of the rating matrix, including users rated elsewhere */
    public int numUsers() {
        return userIds.size();
    }

    /** @return {@code itemIds().size()}: the columns of the rating matrix */
    public int numItems() {
        return itemIds.size();
    }

    /** @return the mean rating, NaN when empty */
    public double mean() {
        return mean;
    }

    /** @return the smallest rating, NaN when empty */
    public double min() {
        return min;
    }

    /** @return the largest rating, NaN when empty */
    public double max() {
        return max;
    }

    /** @return the file these ratings were read from, or null */
    public Path source() {
        return source;
    }

    /**
     * @param positions indices {@code 0 ≤ k < size()}, in the order wanted
     * @return the ratings at those positions, with the same id maps and source
     * @throws IndexOutOfBoundsException if a position is out of range
     */
    public Ratings subset(int[] positions) {
        int m = positions.length;
        int[] u = new int[m];
        int[] i = new int[m];
        double[] v = new double[m];
        for (int k = 0; k < m; k++) {
            int p = Objects.checkIndex(positions[k], values.length);
            u[k] = users[p];
            i[k] = items[p];
            v[k] = values[p];
        }
        return new Ratings(u, i, v, userIds, itemIds, source);
    }

    /**
     * The ratings whose (user id, item id) pair is not rated in {@code other}, in their order here. Pairs
     * are compared by id strings, so the two may use different id maps. This is how MovieLens builds
     * {@code uK.base} from {@code u.data} and {@code uK.test}.
     *
     * @param other ratings to leave out
     * @return the rest, with the same id maps and source
     */
    public Ratings without(Ratings other) {
        long[] drop = other.pairKeys(userIds, itemIds);
        Arrays.sort(drop);
        int[] keep = new int[values.length];
        int m = 0;
        for (int k = 0; k < values.length; k++) {
            if (Arrays.binarySearch(drop, key(users[k], items[k])) < 0) {
                keep[m++] = k;
            }
        }
        return subset(Arrays.copyOf(keep, m));
    }

    /**
     * Keys {@link #key} of this ratings' pairs translated into the given maps; pairs with an id the maps
     * lack get -1 (which matches no key).
     */
    long[] pairKeys(IdMap userMap, IdMap itemMap) {
        int[] tu = translate(userIds, userMap);
        int[] ti = translate(itemIds, itemMap);
        long[] keys = new long[values.length];
        for (int k = 0; k < values.length; k++) {
            int u = tu[users[k]];
            int i = ti[items[k]];
            keys[k] = u < 0 || i < 0 ? -1 : key(u, i);
        }
        return keys;
    }

    /** @return for each index of {@code from}, the index of the same id in {@code to}, or -1 */
    static int[] translate(IdMap from, IdMap to) {
        int[] t = new int[from.size()];
        for (int k = 0; k < t.length; k++) {
            t[k] = from == to ? k : to.indexOf(from.id(k));
        }
        return t;
    }

    /** @return a sortable key of a pair of non-negative indices */
    static long key(int user, int item) {
        return ((long) user << 32) | item;
    }

    /**
     * @return these ratings as an entry sample of the {@code numUsers()×numItems()} matrix, for the
     *     completion objectives
     * @throws IllegalArgumentException if a (user, item) pair occurs twice
     */
    public EntrySample toEntrySample() {
        return EntrySample.of(numUsers(), numItems(), users, items, values);
    }

    @Override
    public String toString() {
        Path name = source == null ? null : source.getFileName();
        return "Ratings[" + size() + " ratings, " + numUsers() + " users, " + numItems() + " items"
                + (name == null ? "" : ", from " + name) + "]";
    }
}
