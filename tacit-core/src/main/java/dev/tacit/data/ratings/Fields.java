package dev.tacit.data.ratings;

/**
 * Splits one line into fields by the separator of a {@link RatingsFormat}, by scanning with
 * {@code indexOf} (no regular expressions) and keeping only the positions of the first few fields.
 * Fields are trimmed of white space; a CSV field may be enclosed in double quotes (a quote inside
 * written twice).
 */
final class Fields {

    private static final int KEPT = 8;

    private final RatingsFormat format;
    private final int[] start = new int[KEPT];
    private final int[] end = new int[KEPT];
    private String line = "";
    private int count;

    Fields(RatingsFormat format) {
        this.format = format;
    }

    /**
     * @param line a line
     * @return the number of fields in it (all are counted, the first {@value #KEPT} kept)
     */
    int split(String line) {
        this.line = line;
        this.count = 0;
        switch (format) {
            case MOVIELENS_TAB, TSV -> splitOn('\t');
            case CSV -> splitCsv();
            case DOUBLE_COLON -> splitOnDoubleColon();
            case SPACE, MATRIX_MARKET -> splitOnWhiteSpace();
            default -> throw new AssertionError(format);
        }
        return count;
    }

    private void add(int s, int e) {
        while (s < e && line.charAt(s) <= ' ') {
            s++;
        }
        while (e > s && line.charAt(e - 1) <= ' ') {
            e--;
        }
        if (count < KEPT) {
            start[count] = s;
            end[count] = e;
        }
        count++;
    }

    private void splitOn(char c) {
        int from = 0;
        int k;
        while ((k = line.indexOf(c, from)) >= 0) {
            add(from, k);
            from = k + 1;
        }
        add(from, line.length());
    }

    private void splitOnDoubleColon() {
        int from = 0;
        int k;
        while ((k = line.indexOf("::", from)) >= 0) {
            add(from, k);
            from = k + 2;
        }
        add(from, line.length());
    }

    private void splitOnWhiteSpace() {
        int n = line.length();
        int k = 0;
        while (true) {
            while (k < n && (line.charAt(k) == ' ' || line.charAt(k) == '\t')) {
                k++;
            }
            if (k >= n) {
                return;
            }
            int s = k;
            while (k < n && line.charAt(k) != ' ' && line.charAt(k) != '\t') {
                k++;
            }
            add(s, k);
        }
    }

    private void splitCsv() {
        int n = line.length();
        int from = 0;
        while (true) {
            int k = from;
            while (k < n && line.charAt(k) == ' ') {
                k++;
            }
            int comma;
            if (k < n && line.charAt(k) == '"') {
                int q = k + 1;
                while (true) {
                    q = line.indexOf('"', q);
                    if (q < 0 || q + 1 >= n || line.charAt(q + 1) != '"') {
                        break;
                    }
                    q += 2;
                }
                comma = line.indexOf(',', q < 0 ? n : q);
            } else {
                comma = line.indexOf(',', from);
            }
            if (comma < 0) {
                add(from, n);
                return;
            }
            add(from, comma);
            from = comma + 1;
        }
    }

    /** @return the number of fields of the last line split */
    int count() {
        return count;
    }

    /** @return whether field f (f &lt; count) is empty */
    boolean isEmpty(int f) {
        return start[f] == end[f];
    }

    /** @return field f as written (trimmed, quotes kept) */
    String raw(int f) {
        return line.substring(start[f], end[f]);
    }

    /** @return field f as text: trimmed, and for CSV without its enclosing quotes */
    String text(int f) {
        int s = start[f];
        int e = end[f];
        if (format == RatingsFormat.CSV && e - s >= 2 && line.charAt(s) == '"' && line.charAt(e - 1) == '"') {
            String inner = line.substring(s + 1, e - 1);
            return inner.indexOf('"') < 0 ? inner : inner.replace("\"\"", "\"");
        }
        return line.substring(s, e);
    }

    /**
     * @return field f as a number
     * @throws NumberFormatException if it is not one
     */
    double number(int f) {
        double fast = simpleDecimal(line, start[f], end[f]);
        if (!Double.isNaN(fast)) {
            return fast;
        }
        String t = format == RatingsFormat.CSV ? text(f) : raw(f);
        if (t.isEmpty()) {
            throw new NumberFormatException("empty");
        }
        if (!NUMBER.matcher(t).matches()) { // not Java's literal forms: 4d, 4f, 0x1p2
            throw new NumberFormatException(t);
        }
        return Double.parseDouble(t);
    }

    /** A decimal number as data files write it, NaN and Infinity included (rejected later as not finite). */
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(NaN|Infinity)");

    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
        1e13, 1e14, 1e15};

    /**
     * Parses the common case, an optional sign and at most 15 decimal digits with an optional point, as
     * an exact integer divided by an exact power of ten: one correctly rounded division, so the result
     * equals {@link Double#parseDouble}'s.
     *
     * @return the value, or NaN when the text is not of that simple form
     */
    static double simpleDecimal(String s, int from, int to) {
        int k = from;
        boolean negative = false;
        if (k < to && (s.charAt(k) == '-' || s.charAt(k) == '+')) {
            negative = s.charAt(k) == '-';
            k++;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        for (; k < to; k++) {
            char c = s.charAt(k);
            if (c >= '0' && c <= '9') {
                mantissa = 10 * mantissa + (c - '0');
                digits++;
                if (fraction >= 0) {
                    fraction++;
                }
            } else if (c == '.' && fraction < 0) {
                fraction = 0;
            } else {
                return Double.NaN;
            }
        }
        if (digits == 0 || digits > 15) {
            return Double.NaN;
        }
        double v = fraction <= 0 ? mantissa : mantissa / POW10[fraction];
        return negative ? -v : v;
    }

    /** @return whether field f, unquoted, is exactly {@code s} (false for a quoted CSV field) */
    boolean is(int f, String s) {
        int n = end[f] - start[f];
        return s != null && n == s.length() && (format != RatingsFormat.CSV || n == 0 || line.charAt(start[f]) != '"')
                && line.regionMatches(start[f], s, 0, n);
    }

    /** @return whether field f is a number (possibly not finite) */
    boolean isNumber(int f) {
        try {
            number(f);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * @return field f as a decimal integer
     * @throws NumberFormatException if it is not one
     */
    long integer(int f) {
        return Long.parseLong(line, start[f], end[f], 10);
    }
}
