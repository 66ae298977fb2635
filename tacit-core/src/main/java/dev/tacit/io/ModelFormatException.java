package dev.tacit.io;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that is not a valid tacit model file: wrong magic, unsupported version, truncated, corrupted
 * (checksum mismatch), malformed header, or missing something a loader requires. The message is one line,
 * {@code "<file>: <problem>"}, fit to show a user as is.
 */
public final class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Shown in place of a file name for a model that was built in memory and never read from disk. */
    static final String IN_MEMORY = "<in-memory model>";

    private final transient Path file;
    private final String problem;

    /**
     * @param file the offending file, or {@code null} for a model built in memory
     * @param problem what is wrong, one line, without the file name
     */
    public ModelFormatException(Path file, String problem) {
        super((file == null ? IN_MEMORY : file.toString()) + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    /** @return the offending file, or {@code null} for a model built in memory */
    public Path file() {
        return file;
    }

    /** @return what is wrong, without the file name */
    public String problem() {
        return problem;
    }
}
