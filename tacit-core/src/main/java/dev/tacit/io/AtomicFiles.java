package dev.tacit.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Atomic replacement of a file: the content goes to a hidden temporary file in the same directory, which is
 * forced to disk, closed, and renamed over the target ({@code ATOMIC_MOVE}, falling back to
 * {@code REPLACE_EXISTING} where the file system cannot rename atomically). Readers see the old file or the
 * new one, never a partial one; on any failure the temporary file is deleted and the target is untouched.
 */
final class AtomicFiles {

    /** Writes the content of a file. */
    interface Body {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * @param file the target
     * @param body writes the whole content
     * @throws IOException from the body, the disk or the rename; the target is then unchanged
     */
    static void write(Path file, Body body) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = createTemp(dir, target.getFileName().toString());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                body.writeTo(ch);
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(dir);
    }

    /**
     * @param tempName a file name
     * @param name the name of a target file
     * @return whether {@code tempName} has the form of this class's temporary files for that target
     */
    static boolean isTempName(String tempName, String name) {
        return tempName.startsWith("." + name + ".") && tempName.endsWith(".tmp");
    }

    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path tmp = dir.resolve("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
            try {
                FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 9) {
                    throw e;
                }
            }
        }
    }

    /**
     * Makes the rename durable by forcing the directory, where the platform allows opening one (Linux,
     * macOS); elsewhere this is a no-op, the rename having already succeeded.
     */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException notSupportedHere) {
            // Best effort: the file is complete and in place; only durability across a power cut is at stake.
        }
    }
}
