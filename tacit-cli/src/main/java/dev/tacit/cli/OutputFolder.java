package dev.tacit.cli;

import dev.tacit.experiments.BadInputException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks an {@code --out} folder before any work, so that an output path that is a file or cannot be
 * written is a usage error (exit code 2) up front rather than an internal error after the fit.
 */
final class OutputFolder {

    private OutputFolder() {
    }

    /**
     * @param out the {@code --out} folder (it need not exist)
     * @throws BadInputException when {@code out} or one of its ancestors is a file, or its folder cannot be
     *     written; nothing is left behind by the check
     */
    static void check(Path out) throws BadInputException {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new BadInputException("--out " + out + ": exists and is not a folder");
        }
        // the output is staged next to the folder (in its parent) and moved into it at the end
        Path anchor = abs.getParent() == null ? abs : abs.getParent();
        while (anchor != null && !Files.exists(anchor)) {
            anchor = anchor.getParent();
        }
        if (anchor == null) {
            return;
        }
        if (!Files.isDirectory(anchor)) {
            throw new BadInputException("--out " + out + ": " + anchor + " is a file, not a folder");
        }
        probe(out, anchor);
        if (Files.isDirectory(abs)) {
            probe(out, abs);
        }
    }

    /** Creates and removes an empty hidden folder in {@code dir}: the only sure test that it can be written. */
    private static void probe(Path out, Path dir) throws BadInputException {
        Path p;
        try {
            p = Files.createTempDirectory(dir, ".tacit-probe-");
        } catch (IOException | UnsupportedOperationException e) {
            String why = e instanceof AccessDeniedException ? "permission denied"
                    : e instanceof FileSystemException f && f.getReason() != null ? f.getReason()
                    : e.getClass().getSimpleName();
            throw new BadInputException("--out " + out + ": cannot write into " + dir + " (" + why + ")");
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // an empty hidden folder left behind is harmless; the write itself succeeded
        }
    }
}
