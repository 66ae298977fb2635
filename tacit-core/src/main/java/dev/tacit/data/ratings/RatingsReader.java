package dev.tacit.data.ratings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Reads a rating file into {@link Ratings}, streaming it line by line into primitive arrays (the text
 * is never held in memory whole), so that files of tens of millions of ratings load in a modest heap.
 *
 * <p>The {@link RatingsFormat} is recognized from the content of the file ({@link #detect(Path)}),
 * never from its name: MovieLens {@code u1.base} has no extension. Accepted everywhere: a UTF-8
 * byte-order mark, LF or CRLF line ends, blank lines (trailing ones included), white space around
 * fields, and a 4th timestamp field, which is ignored. CSV, TSV and space-separated files may start with
 * a header row, recognized by a rating field that is not a number.
 *
 * <p>A reader is an immutable set of options; {@code with...} methods return a new reader. Everything
 * wrong with a file (missing, empty, wrong field count, a rating that is not a finite number, a
 * repeated (user, item) pair under {@link DuplicatePolicy#ERROR}, a Matrix Market index out of range or
 * entry count other than declared) is reported by a {@link RatingsFormatException} naming the file and
 * the line.
 */
public final class RatingsReader {

    private static final RatingsReader DEFAULTS = new RatingsReader(DuplicatePolicy.ERROR, null, null, null);

    private final DuplicatePolicy duplicates;
    private final IdMap userIds;
    private final IdMap itemIds;
    private final RatingsFormat format;

    private RatingsReader(DuplicatePolicy duplicates, IdMap userIds, IdMap itemIds, RatingsFormat format) {
        this.duplicates = duplicates;
        this.userIds = userIds;
        this.itemIds = itemIds;
        this.format = format;
    }

    /**
     * @return a reader that detects the format, rejects duplicate pairs ({@link DuplicatePolicy#ERROR})
     *     and gives each file fresh id maps
     */
    public static RatingsReader defaults() {
        return DEFAULTS;
    }

    /**
     * @param policy what to do with a (user, item) pair rated twice in one file
     * @return a reader like this one with that policy
     */
    public RatingsReader withDuplicates(DuplicatePolicy policy) {
        return new RatingsReader(Objects.requireNonNull(policy, "policy"), userIds, itemIds, format);
    }

    /**
     * Reads into shared id maps, so that the ids of, say, a test file get the indices they have in the
     * train file read before it. The maps are <b>mutated</b>: ids not yet in them are appended (by
     * {@link IdMap#getOrAdd(String)}) when a read succeeds; a read that fails leaves them unchanged. The
     * returned {@link Ratings} hold these very maps.
     *
     * @param users the user ids to read into
     * @param items the item ids to read into
     * @return a reader like this one that reads into those maps
     */
    public RatingsReader withIds(IdMap users, IdMap items) {
        return new RatingsReader(duplicates, Objects.requireNonNull(users, "users"),
                Objects.requireNonNull(items, "items"), format);
    }

    /**
     * @param forced the format to read files as, instead of detecting it; null to detect
     * @return a reader like this one with that format
     */
    public RatingsReader withFormat(RatingsFormat forced) {
        return new RatingsReader(duplicates, userIds, itemIds, forced);
    }

    /** @return the duplicate policy */
    public DuplicatePolicy duplicates() {
        return duplicates;
    }

    /**
     * Recognizes the format of a file from its first non-blank line (see {@link RatingsFormat}).
     *
     * @param file a rating file
     * @return its format
     * @throws RatingsFormatException if the file is missing, empty or in no known format
     * @throws IOException if it cannot be read
     */
    public static RatingsFormat detect(Path file) throws IOException {
        try (TextLines in = TextLines.open(file)) {
            String first = in.nextNonBlank();
            if (first == null) {
                throw new RatingsFormatException(file, 0, "no ratings: the file is empty");
            }
            return FormatDetector.detect(first, in);
        }
    }

    /**
     * @param file a rating file
     * @return the format this reader reads it as: the forced one ({@link #withFormat}) or the detected one
     * @throws IOException as {@link #detect(Path)}
     */
    public RatingsFormat format(Path file) throws IOException {
        return format != null ? format : detect(file);
    }

    /**
     * Reads a rating file.
     *
     * @param file the file
     * @return its ratings, in file order, each (user, item) pair once, with {@code source() == file}
     * @throws RatingsFormatException if the file is missing, empty or malformed (names file and line)
     * @throws IOException if it cannot be read
     */
    public Ratings read(Path file) throws IOException {
        return read(file, null);
    }

    /**
     * Reads a rating file that must be in a given format, e.g. a test file that must be in the format of
     * its train file.
     *
     * @param file the file
     * @param expected the format it must have, or null for any
     * @return its ratings
     * @throws RatingsFormatException if its format differs from {@code expected} (the message names both),
     *     or as {@link #read(Path)}
     * @throws IOException if it cannot be read
     */
    public Ratings read(Path file, RatingsFormat expected) throws IOException {
        IdMap users = userIds == null ? new IdMap() : userIds.copy();
        IdMap items = itemIds == null ? new IdMap() : itemIds.copy();
        RowBuffer rows = new RowBuffer();
        try (TextLines in = TextLines.open(file)) {
            String first = in.nextNonBlank();
            if (first == null) {
                throw new RatingsFormatException(file, 0, "no ratings: the file is empty");
            }
            RatingsFormat fmt = format != null ? format : FormatDetector.detect(first, in);
            // TSV is MOVIELENS_TAB with a header row: the same layout, as a CSV file with or without a header is
            if (expected != null && fmt != expected && !(tabs(fmt) && tabs(expected))) {
                throw new RatingsFormatException(file, 0, "format " + fmt + " differs from the expected format "
                        + expected);
            }
            if (fmt == RatingsFormat.MATRIX_MARKET) {
                readMatrixMarket(in, first, users, items, rows);
            } else {
                readDelimited(in, first, fmt, users, items, rows);
            }
        }
        Duplicates.resolve(rows, duplicates, file, users, items);
        IdMap u = commit(users, userIds);
        IdMap i = commit(items, itemIds);
        return rows.toRatings(u, i, file);
    }

    private static boolean tabs(RatingsFormat f) {
        return f == RatingsFormat.MOVIELENS_TAB || f == RatingsFormat.TSV;
    }

    /** Appends the ids read into the copy {@code read} to the shared map (if any) and returns the map to use. */
    private static IdMap commit(IdMap read, IdMap shared) {
        if (shared == null) {
            return read;
        }
        for (int k = shared.size(); k < read.size(); k++) {
            if (shared.getOrAdd(read.id(k)) != k) {
                throw new IllegalStateException("the shared id map changed while a file was read into it");
            }
        }
        return shared;
    }

    private static void readDelimited(TextLines in, String first, RatingsFormat fmt, IdMap users, IdMap items,
            RowBuffer rows) throws IOException {
        Fields f = new Fields(fmt);
        String line = first;
        boolean headerAllowed = fmt == RatingsFormat.CSV || fmt == RatingsFormat.TSV || fmt == RatingsFormat.SPACE;
        boolean header = false;
        if (headerAllowed && f.split(first) >= 3 && !f.isNumber(2)) {
            header = true;
            line = in.next();
        }
        String lastUser = null;
        String lastItem = null;
        int u = -1;
        int i = -1;
        for (; line != null; line = in.next()) {
            if (TextLines.isBlank(line)) {
                continue;
            }
            int n = f.split(line);
            if (n < 3 || n > 4) {
                throw in.error("expected 3 or 4 fields separated by " + fmt.separator() + ", found " + n);
            }
            if (f.isEmpty(0)) {
                throw in.error("empty user id");
            }
            if (f.isEmpty(1)) {
                throw in.error("empty item id");
            }
            // files sorted by user (or item) repeat the id of the line before: skip the map look-up
            if (!f.is(0, lastUser)) {
                lastUser = f.text(0);
                u = users.getOrAdd(lastUser);
            }
            if (!f.is(1, lastItem)) {
                lastItem = f.text(1);
                i = items.getOrAdd(lastItem);
            }
            rows.add(u, i, rating(f, 2, in), in.line());
        }
        if (rows.size() == 0) {
            throw new RatingsFormatException(in.file(), 0, header ? "no ratings: only a header row" : "no ratings");
        }
    }

    private static void readMatrixMarket(TextLines in, String banner, IdMap users, IdMap items, RowBuffer rows)
            throws IOException {
        MatrixMarketParser.Header h = MatrixMarketParser.header(banner, in, true);
        long idBytes = ((long) h.rows() + h.cols()) * BYTES_PER_ID;
        long heap = Runtime.getRuntime().maxMemory();
        if (idBytes > heap / 2) { // every declared row and column gets an id: fail now, not after minutes of GC
            throw new RatingsFormatException(in.file(), h.sizeLine(), String.format(java.util.Locale.ROOT,
                    "the size line declares %d rows and %d columns, whose ids alone need about %.1f GB, more than "
                            + "half the %.1f GB heap (check the size line, or raise -Xmx through TACIT_JAVA_OPTS)",
                    h.rows(), h.cols(), idBytes / 1e9, heap / 1e9));
        }
        int[] rowIndex = numbered(h.rows(), users);
        int[] colIndex = numbered(h.cols(), items);
        MatrixMarketParser.entries(h, in, (r, c, v) -> rows.add(rowIndex[r], colIndex[c], v, in.line()));
        if (rows.size() == 0) {
            throw new RatingsFormatException(in.file(), h.sizeLine(), "no ratings: the size line declares 0 entries");
        }
    }

    /** Heap per row or column id of a Matrix Market file (a short String, its map entry and index), roughly. */
    static final long BYTES_PER_ID = 100;

    /** @return the indices in {@code ids} of the ids "1".."n", added in that order where absent */
    static int[] numbered(int n, IdMap ids) {
        int[] index = new int[n];
        for (int k = 0; k < n; k++) {
            index[k] = ids.getOrAdd(Integer.toString(k + 1));
        }
        return index;
    }

    /** @return field k of the current line as a finite rating */
    static double rating(Fields f, int k, TextLines in) throws RatingsFormatException {
        double v;
        try {
            v = f.number(k);
        } catch (NumberFormatException e) {
            throw in.error(f.isEmpty(k) ? "empty rating" : "rating " + RatingsFormatException.quote(f.raw(k))
                    + " is not a number");
        }
        if (!Double.isFinite(v)) {
            throw in.error("rating " + RatingsFormatException.quote(f.raw(k)) + " is not finite");
        }
        return v;
    }
}
