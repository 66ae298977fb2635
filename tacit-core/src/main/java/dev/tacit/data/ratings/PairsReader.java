package dev.tacit.data.ratings;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads prediction requests, {@code user,item} pairs, into {@link Pairs}, streaming line by line. The
 * separator is recognized from the content as for ratings ({@link RatingsReader#detect}): tabs,
 * {@code ::}, commas, spaces, or a Matrix Market coordinate file (pattern allowed, values ignored).
 * Every row needs at least 2 fields; further fields (a rating, a timestamp) are ignored, so a rating
 * file is also a pairs file.
 *
 * <p>The first row is a header, and skipped, when its first field is a usual column name ({@code user},
 * {@code userId}, {@code user_id}, ...), or when one of its first three fields is not a number where the
 * second row has a number.
 */
public final class PairsReader {

    private static final Set<String> USER_COLUMN_NAMES = Set.of("user", "users", "userid", "username", "uid");

    private PairsReader() {
    }

    /**
     * @param file a pairs (or ratings) file
     * @return its pairs, in file order (repeats kept)
     * @throws RatingsFormatException if the file is missing, empty or malformed (names file and line)
     * @throws IOException if it cannot be read
     */
    public static Pairs read(Path file) throws IOException {
        List<String> users = new ArrayList<>();
        List<String> items = new ArrayList<>();
        try (TextLines in = TextLines.open(file)) {
            String first = in.nextNonBlank();
            if (first == null) {
                throw new RatingsFormatException(file, 0, "no pairs: the file is empty");
            }
            RatingsFormat fmt = FormatDetector.detect(first, in);
            if (fmt == RatingsFormat.MATRIX_MARKET) {
                MatrixMarketParser.Header h = MatrixMarketParser.header(first, in, false);
                MatrixMarketParser.entries(h, in, (r, c, v) -> {
                    users.add(Integer.toString(r + 1));
                    items.add(Integer.toString(c + 1));
                });
            } else {
                readDelimited(in, first, fmt, users, items);
            }
        }
        if (users.isEmpty()) {
            throw new RatingsFormatException(file, 0, "no pairs");
        }
        return new Pairs(users, items, file);
    }

    private static void readDelimited(TextLines in, String first, RatingsFormat fmt, List<String> users,
            List<String> items) throws IOException {
        Fields f = new Fields(fmt);
        long firstLine = in.line();
        String second = in.nextNonBlank();
        long secondLine = in.line();
        boolean header = isHeader(fmt, first, second);
        if (!header) {
            add(fmt, f, first, firstLine, in, users, items);
        }
        if (second != null) {
            add(fmt, f, second, secondLine, in, users, items);
        }
        for (String line = in.next(); line != null; line = in.next()) {
            if (!TextLines.isBlank(line)) {
                add(fmt, f, line, in.line(), in, users, items);
            }
        }
        if (users.isEmpty()) {
            throw new RatingsFormatException(in.file(), 0, "no pairs: only a header row");
        }
    }

    private static void add(RatingsFormat fmt, Fields f, String line, long lineNo, TextLines in,
            List<String> users, List<String> items)
            throws RatingsFormatException {
        int n = f.split(line);
        if (n < 2) {
            throw new RatingsFormatException(in.file(), lineNo, "expected at least 2 fields 'user item' separated by "
                    + fmt.separator() + ", found " + n);
        }
        if (f.isEmpty(0)) {
            throw new RatingsFormatException(in.file(), lineNo, "empty user id");
        }
        if (f.isEmpty(1)) {
            throw new RatingsFormatException(in.file(), lineNo, "empty item id");
        }
        users.add(f.text(0));
        items.add(f.text(1));
    }

    private static boolean isHeader(RatingsFormat fmt, String first, String second) {
        Fields a = new Fields(fmt);
        int na = a.split(first);
        if (na >= 2 && USER_COLUMN_NAMES.contains(a.text(0).toLowerCase(Locale.ROOT).replaceAll("[_\\- .]", ""))) {
            return true;
        }
        if (second == null) {
            return false;
        }
        Fields b = new Fields(fmt);
        int nb = b.split(second);
        for (int k = 0; k < Math.min(3, Math.min(na, nb)); k++) {
            if (!a.isNumber(k) && b.isNumber(k)) {
                return true;
            }
        }
        return false;
    }
}
