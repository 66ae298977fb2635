package dev.tacit.data.ratings;

import java.io.IOException;
import java.util.Locale;

/**
 * Reads the Matrix Market coordinate format: the banner
 * {@code %%MatrixMarket matrix coordinate <field> general}, {@code %} comment lines, the size line
 * {@code rows cols nnz}, then exactly nnz lines {@code row col [value]} with 1-based indices.
 */
final class MatrixMarketParser {

    /** Receives each entry, with 0-based indices. */
    interface Sink {
        void entry(int row, int col, double value) throws IOException;
    }

    /** The banner and size line: dimensions, declared entries, whether entries carry values. */
    record Header(int rows, int cols, int entries, boolean hasValues, long sizeLine) {
    }

    private MatrixMarketParser() {
    }

    /**
     * Parses the banner (already read) and the size line.
     *
     * @param banner the first non-blank line
     * @param in the file, just after the banner
     * @param needValues whether a pattern matrix (no values) is an error
     */
    static Header header(String banner, TextLines in, boolean needValues) throws IOException {
        Fields f = new Fields(RatingsFormat.MATRIX_MARKET);
        int n = f.split(banner);
        if (n != 5) {
            throw in.error("expected the banner '%%MatrixMarket matrix coordinate real general', found "
                    + RatingsFormatException.quote(banner.strip()));
        }
        String object = f.raw(1).toLowerCase(Locale.ROOT);
        String layout = f.raw(2).toLowerCase(Locale.ROOT);
        String field = f.raw(3).toLowerCase(Locale.ROOT);
        String symmetry = f.raw(4).toLowerCase(Locale.ROOT);
        if (!object.equals("matrix")) {
            throw in.error("a Matrix Market " + RatingsFormatException.quote(object) + " is not a matrix");
        }
        if (!layout.equals("coordinate")) {
            throw in.error("only the Matrix Market coordinate format holds ratings, found "
                    + RatingsFormatException.quote(layout));
        }
        boolean hasValues;
        if (field.equals("real") || field.equals("integer") || field.equals("double")) {
            hasValues = true;
        } else if (field.equals("pattern")) {
            if (needValues) {
                throw in.error("a Matrix Market pattern matrix has no values to read as ratings");
            }
            hasValues = false;
        } else {
            throw in.error("unsupported Matrix Market field " + RatingsFormatException.quote(field)
                    + " (expected real or integer)");
        }
        if (!symmetry.equals("general")) {
            throw in.error("only general Matrix Market matrices are supported, found "
                    + RatingsFormatException.quote(symmetry));
        }
        String line;
        do {
            line = in.nextNonBlank();
        } while (line != null && line.stripLeading().startsWith("%"));
        if (line == null) {
            throw new RatingsFormatException(in.file(), 0, "no ratings: the Matrix Market file has no size line");
        }
        if (f.split(line) != 3) {
            throw in.error("expected the size line 'rows columns entries', found " + RatingsFormatException.quote(line));
        }
        long rows;
        long cols;
        long nnz;
        try {
            rows = f.integer(0);
            cols = f.integer(1);
            nnz = f.integer(2);
        } catch (NumberFormatException e) {
            throw in.error("expected the size line 'rows columns entries' of integers, found "
                    + RatingsFormatException.quote(line));
        }
        long max = Integer.MAX_VALUE - 8;
        if (rows < 1 || cols < 1 || nnz < 0 || rows > max || cols > max || nnz > max) {
            throw in.error("size line " + RatingsFormatException.quote(line.strip())
                    + " is out of range (rows and columns must be in 1.." + max + ", entries in 0.." + max + ")");
        }
        return new Header((int) rows, (int) cols, (int) nnz, hasValues, in.line());
    }

    /**
     * Reads the entries after the size line, checking indices and their count.
     *
     * @throws RatingsFormatException on a malformed entry, an index out of range, or a count other than
     *     the declared one
     */
    static void entries(Header h, TextLines in, Sink sink) throws IOException {
        Fields f = new Fields(RatingsFormat.MATRIX_MARKET);
        int expect = h.hasValues() ? 3 : 2;
        long found = 0;
        String line;
        while ((line = in.next()) != null) {
            int n = f.split(line);
            if (n == 0 || line.stripLeading().startsWith("%")) {
                continue;
            }
            if (n != expect) {
                throw in.error("expected " + expect + " fields '" + (h.hasValues() ? "row column value" : "row column")
                        + "' separated by spaces, found " + n);
            }
            if (found == h.entries()) {
                throw in.error("more entries than the " + h.entries() + " declared on line " + h.sizeLine());
            }
            int row = index(f, 0, h.rows(), "row", in);
            int col = index(f, 1, h.cols(), "column", in);
            double value = 0;
            if (h.hasValues()) {
                value = RatingsReader.rating(f, 2, in);
            }
            sink.entry(row - 1, col - 1, value);
            found++;
        }
        if (found != h.entries()) {
            throw new RatingsFormatException(in.file(), 0, "the size line (line " + h.sizeLine() + ") declares "
                    + h.entries() + " entries, found " + found);
        }
    }

    private static int index(Fields f, int k, int max, String what, TextLines in) throws RatingsFormatException {
        long v;
        try {
            v = f.integer(k);
        } catch (NumberFormatException e) {
            throw in.error(what + " index " + RatingsFormatException.quote(f.raw(k)) + " is not an integer");
        }
        if (v < 1 || v > max) {
            throw in.error(what + " index " + v + " is outside 1.." + max);
        }
        return (int) v;
    }
}
