package dev.tacit.experiments;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Writes an experiment's files into a hidden staging folder next to the output folder and moves them
 * into place only when everything succeeded, so an interrupted or failed run leaves no partial output.
 */
final class Staging implements AutoCloseable {

    private final Path out;
    private final Path dir;

    Staging(Path out) throws IOException {
        this.out = out.toAbsolutePath().normalize();
        Path parent = this.out.getParent();
        Files.createDirectories(parent);
        this.dir = Files.createTempDirectory(parent, "." + this.out.getFileName() + ".staging-");
    }

    /** @param name file name @return its path in the staging folder */
    Path file(String name) {
        return dir.resolve(name);
    }

    /** Moves every staged file into the output folder (created if needed). */
    void commit() throws IOException {
        Files.createDirectories(out);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Path target = out.resolve(f.getFileName().toString());
                try {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    Files.move(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
