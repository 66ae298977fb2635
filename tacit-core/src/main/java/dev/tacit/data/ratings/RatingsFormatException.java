package dev.tacit.data.ratings;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A rating or pairs file that cannot be read as asked: missing, empty, malformed, or in another format
 * than expected. The message is one line, {@code file:line: problem}, e.g.
 * {@code u1.base:17: expected 3 or 4 fields separated by tabs, found 2} (without the line when the
 * problem is not about one line).
 */
public final class RatingsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;
    private final String problem;

    /**
     * @param file the file
     * @param line the 1-based line, 0 when the problem is not about a line
     * @param problem what is wrong, one line
     */
    public RatingsFormatException(Path file, long line, String problem) {
        this(file, line, problem, null);
    }

    /**
     * @param file the file
     * @param line the 1-based line, 0 when the problem is not about a line
     * @param problem what is wrong, one line
     * @param cause the underlying exception, or null
     */
    public RatingsFormatException(Path file, long line, String problem, Throwable cause) {
        super(format(file, line, problem), cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    private static String format(Path file, long line, String problem) {
        Path name = file == null ? null : file.getFileName();
        String where = name == null ? String.valueOf(file) : name.toString();
        return line > 0 ? where + ":" + line + ": " + problem : where + ": " + problem;
    }

    /** @return the file the problem is in */
    public Path file() {
        return file;
    }

    /** @return the 1-based line of the problem, or 0 when it is not about one line */
    public long line() {
        return line;
    }

    /** @return what is wrong, without the file and line */
    public String problem() {
        return problem;
    }

    /**
     * @param text a piece of a line
     * @return it quoted for a one-line message, control characters escaped, cut to 60 characters
     */
    static String quote(CharSequence text) {
        return dev.tacit.data.Quoting.quote(text);
    }
}
