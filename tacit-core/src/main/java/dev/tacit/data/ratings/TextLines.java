package dev.tacit.data.ratings;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The lines of a UTF-8 text file, read one at a time (never the whole text), counted from 1, with a
 * leading byte-order mark removed. LF, CRLF and CR line ends are all accepted.
 */
final class TextLines implements Closeable {

    private static final int BUFFER_CHARS = 1 << 16;

    private final Path file;
    private final BufferedReader in;
    private long line;

    private TextLines(Path file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    /**
     * @param file a text file
     * @return its lines
     * @throws RatingsFormatException if the file does not exist, is a directory or cannot be read
     */
    static TextLines open(Path file) throws IOException {
        if (Files.isDirectory(file)) {
            throw new RatingsFormatException(file, 0, "is a directory, not a file (" + file.toAbsolutePath() + ")");
        }
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            return new TextLines(file, new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder),
                    BUFFER_CHARS));
        } catch (NoSuchFileException e) {
            throw new RatingsFormatException(file, 0, "file not found (" + file.toAbsolutePath() + ")", e);
        } catch (AccessDeniedException e) {
            throw new RatingsFormatException(file, 0, "cannot read the file: access denied", e);
        }
    }

    /** @return the next line without its line end, or null at the end of the file */
    String next() throws IOException {
        String s;
        try {
            s = in.readLine();
        } catch (CharacterCodingException e) {
            throw new RatingsFormatException(file, line + 1, "not UTF-8 text", e);
        }
        if (s == null) {
            return null;
        }
        line++;
        if (line == 1 && !s.isEmpty() && s.charAt(0) == '\uFEFF') {
            s = s.substring(1);
        }
        return s;
    }

    /** @return the next line holding more than white space, or null at the end of the file */
    String nextNonBlank() throws IOException {
        String s;
        do {
            s = next();
        } while (s != null && isBlank(s));
        return s;
    }

    /** @return whether the line holds only white space and control characters */
    static boolean isBlank(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) > ' ') {
                return false;
            }
        }
        return true;
    }

    /** @return the 1-based number of the line last returned (0 before the first) */
    long line() {
        return line;
    }

    /** @return the file */
    Path file() {
        return file;
    }

    /** @return an exception about the line last returned */
    RatingsFormatException error(String problem) {
        return new RatingsFormatException(file, line, problem);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
