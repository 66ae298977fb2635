package dev.tacit.data.ratings;

import java.util.Locale;

/**
 * Tells the {@link RatingsFormat} of a file from its first non-blank line, never from its name: a
 * {@code %%MatrixMarket} banner, else a {@code ::}, else a tab (a header row, whose third field is not
 * a number, makes it {@link RatingsFormat#TSV}, otherwise {@link RatingsFormat#MOVIELENS_TAB}), else a
 * comma, else a space.
 */
final class FormatDetector {

    private FormatDetector() {
    }

    /**
     * @param first the first non-blank line of the file
     * @param lines the file, positioned just after that line (for the message)
     * @return its format
     * @throws RatingsFormatException if no separator is found
     */
    static RatingsFormat detect(String first, TextLines lines) throws RatingsFormatException {
        String t = first.strip();
        if (t.toLowerCase(Locale.ROOT).startsWith("%%matrixmarket")) {
            return RatingsFormat.MATRIX_MARKET;
        }
        if (t.contains("::")) {
            return RatingsFormat.DOUBLE_COLON;
        }
        if (t.indexOf('\t') >= 0) {
            Fields f = new Fields(RatingsFormat.TSV);
            return f.split(t) >= 3 && !f.isNumber(2) ? RatingsFormat.TSV : RatingsFormat.MOVIELENS_TAB;
        }
        if (t.indexOf(',') >= 0) {
            return RatingsFormat.CSV;
        }
        if (t.indexOf(' ') >= 0) {
            return RatingsFormat.SPACE;
        }
        throw lines.error("cannot tell the format: no tab, comma, '::' or space separates the fields of "
                + RatingsFormatException.quote(t));
    }
}
