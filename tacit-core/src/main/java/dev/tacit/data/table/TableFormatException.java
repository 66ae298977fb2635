package dev.tacit.data.table;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A table file that cannot be read as a numeric matrix: missing, empty, ragged, or with a cell that is
 * not a finite number. The message is one line, {@code file: line L, column 'c': problem} (the line and
 * column left out when the problem is not about one).
 */
public final class TableFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String column;

    /**
     * @param file the file
     * @param line the 1-based line, 0 when the problem is not about a line
     * @param column the column as shown in the message ({@code 'name'}, or its 1-based position when the
     *     table has no header), or null
     * @param problem what is wrong, one line
     */
    public TableFormatException(Path file, long line, String column, String problem) {
        super(format(file, line, column, problem));
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String format(Path file, long line, String column, String problem) {
        Path name = file == null ? null : file.getFileName();
        StringBuilder b = new StringBuilder(name == null ? String.valueOf(file) : name.toString()).append(": ");
        if (line > 0) {
            b.append("line ").append(line);
            if (column != null) {
                b.append(", column ").append(column);
            }
            b.append(column == null && problem.startsWith("has ") ? " " : ": ");
        }
        return b.append(problem).toString();
    }

    /** @return the file the problem is in */
    public Path file() {
        return file;
    }

    /** @return the 1-based line of the problem, or 0 */
    public long line() {
        return line;
    }

    /** @return the column as shown in the message, or null */
    public String column() {
        return column;
    }

    /**
     * @param text a cell or name
     * @return it in single quotes for a one-line message, control characters escaped, cut to 60 characters
     */
    static String quote(CharSequence text) {
        return dev.tacit.data.Quoting.quote(text);
    }
}
