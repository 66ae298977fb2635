package dev.tacit.data.table;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting a line into cells and telling numbers from text. */
final class Cells {

    private static final Pattern NUMBER = Pattern.compile(
            "[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(?i:nan|inf|infinity)");

    private Cells() {
    }

    /**
     * @param firstLine the table's first line
     * @return the delimiter: tab or semicolon when that is the most frequent of the three in the line,
     *     else comma
     */
    static char delimiter(String firstLine) {
        long commas = firstLine.chars().filter(c -> c == ',').count();
        long tabs = firstLine.chars().filter(c -> c == '\t').count();
        long semicolons = firstLine.chars().filter(c -> c == ';').count();
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * Splits a line at the delimiter; a cell may be double-quoted (a doubled quote inside stands for one),
     * cells are trimmed.
     *
     * @param line the line, without its line break
     * @param delimiter the delimiter
     * @return the cells
     */
    static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int k = 0; k < line.length(); k++) {
            char c = line.charAt(k);
            if (quoted) {
                if (c == '"' && k + 1 < line.length() && line.charAt(k + 1) == '"') {
                    cell.append('"');
                    k++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                cell.setLength(0);
                quoted = true;
            } else if (c == delimiter) {
                out.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        out.add(cell.toString().trim());
        return out;
    }

    /** @param cell a trimmed cell @return whether it reads as a number (NaN and infinities included) */
    static boolean isNumber(String cell) {
        return NUMBER.matcher(cell).matches();
    }

    /** @param cell a cell for which {@link #isNumber} holds @return its value */
    static double parse(String cell) {
        String c = cell.toLowerCase(java.util.Locale.ROOT);
        String body = c.startsWith("+") || c.startsWith("-") ? c.substring(1) : c;
        if (body.equals("nan")) {
            return Double.NaN;
        }
        if (body.startsWith("inf")) {
            return c.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(cell);
    }
}
