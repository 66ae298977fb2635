package dev.tacit.data.table;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The layout of a numeric input table, told from its first non-blank line, never from the file name: a
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
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                String t = line.strip();
                if (t.startsWith("\uFEFF")) {
                    t = t.substring(1).strip();
                }
                if (!t.isEmpty()) {
                    return t.toLowerCase(Locale.ROOT).startsWith(BANNER) ? MATRIX_MARKET_COORDINATE : DELIMITED;
                }
            }
        } catch (IOException | RuntimeException e) {
            return DELIMITED;
        }
        return DELIMITED;
    }
}
