package dev.tacit.data.table;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a numeric input table, told from its first non-blank line (within the first
 * {@value #HEAD_CHARS} characters, so a file without line ends is not read whole), never from the file name: a
 * {@code %%MatrixMarket} banner makes it {@link #MATRIX_MARKET_COORDINATE} (read by
 * {@link SparseMatrixReader}, which refuses the Matrix Market variants it does not read), anything else
 * {@link #DELIMITED} (read by {@link LabeledMatrixReader}).
 */
public enum TableFormat {

    /** A dense labelled table: comma, tab or semicolon separated. */
    DELIMITED("table"),

    /** A sparse Matrix Market coordinate file: {@code i j value} lines, 1-based. */
    MATRIX_MARKET_COORDINATE("matrix-market-coordinate");

    private static final String BANNER = "%%matrixmarket";
    private static final int HEAD_CHARS = 1 << 13;

    private final String label;

    TableFormat(String label) {
        this.label = label;
    }

    /** @return the name used in metrics and messages, e.g. {@code matrix-market-coordinate} */
    public String label() {
        return label;
    }

    /**
     * @param file a file
     * @return its format; {@link #DELIMITED} when the file is missing, unreadable or empty (its reader then
     *     reports the problem)
     */
    public static TableFormat detect(Path file) {
        if (!Files.isRegularFile(file)) {
            return DELIMITED;
        }
        char[] head = new char[HEAD_CHARS];
        int n = 0;
        try (Reader in = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8)) { // lenient
            int got;
            while (n < head.length && (got = in.read(head, n, head.length - n)) > 0) {
                n += got;
            }
        } catch (IOException | RuntimeException e) {
            return DELIMITED;
        }
        String t = new String(head, 0, n);
        if (t.startsWith("\uFEFF")) {
            t = t.substring(1);
        }
        t = t.stripLeading();
        return t.regionMatches(true, 0, BANNER, 0, BANNER.length()) ? MATRIX_MARKET_COORDINATE : DELIMITED;
    }
}
