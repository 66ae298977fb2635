package dev.tacit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicWriteTest {

    @TempDir
    Path dir;

    private List<String> listing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static ModelFile model(double value) {
        return ModelFile.builder("t").array("x", new double[] {value}).build();
    }

    @Test
    void writeLeavesOnlyTheTargetBehind() throws IOException {
        Path file = dir.resolve("model.tacit");
        model(1).write(file);
        assertEquals(List.of("model.tacit"), listing());
        model(2).write(file);
        assertEquals(List.of("model.tacit"), listing());
        assertEquals(2.0, ModelFile.read(file).doubles("x")[0], "the second write replaced the first");
    }

    @Test
    void relativePathsWork() throws IOException {
        Path file = Path.of("").toAbsolutePath().relativize(dir.resolve("rel.tacit"));
        model(3).write(file);
        assertEquals(3.0, ModelFile.read(file).doubles("x")[0]);
        assertEquals(List.of("rel.tacit"), listing());
    }

    @Test
    void failureWhileWritingKeepsTheOldFileAndLeavesNoTemporary() throws IOException {
        Path file = dir.resolve("model.tacit");
        model(1).write(file);
        byte[] before = Files.readAllBytes(file);
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(file, ch -> {
            ch.write(ByteBuffer.wrap(new byte[1000]));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("model.tacit"), listing());

        assertThrows(IllegalStateException.class, () -> AtomicFiles.write(file, ch -> {
            throw new IllegalStateException("bug");
        }));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(List.of("model.tacit"), listing());
        assertEquals(1.0, ModelFile.read(file).doubles("x")[0]);
    }

    @Test
    void failureToRenameLeavesNoTemporary() throws IOException {
        Path target = Files.createDirectory(dir.resolve("model.tacit"));
        Files.writeString(target.resolve("keep.txt"), "precious");
        assertThrows(IOException.class, () -> model(1).write(target));
        assertTrue(Files.isDirectory(target));
        assertEquals("precious", Files.readString(target.resolve("keep.txt")));
        assertEquals(List.of("model.tacit"), listing());
    }

    @Test
    void missingDirectoryIsAnIoError() {
        assertThrows(IOException.class, () -> model(1).write(dir.resolve("no/such/dir/model.tacit")));
    }

    @Test
    void temporaryNamesAreHiddenSiblingsOfTheTarget() {
        assertTrue(AtomicFiles.isTempName(".model.tacit.1f2e3d.tmp", "model.tacit"));
        assertTrue(!AtomicFiles.isTempName("model.tacit", "model.tacit"));
    }
}
