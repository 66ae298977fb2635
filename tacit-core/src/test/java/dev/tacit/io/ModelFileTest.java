package dev.tacit.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {

    @TempDir
    Path dir;

    /** A small model with every kind of metadata and array, including edge values. */
    static ModelFile sample() {
        double[] u = {1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, -1e300};
        return ModelFile.builder("dmf")
                .put("name", "ünïcödé \"quoted\" \\ tab\t line\n nul\u0000 😀")
                .put("rank", 5L)
                .put("min_long", Long.MIN_VALUE)
                .put("learning_rate", 1e-3)
                .put("whole_double", 3.0)
                .put("negative_zero", -0.0)
                .put("converged", true)
                .put("shuffled", false)
                .array("U", u, 3, 2)
                .array("perm", new int[] {2, 0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, -7}, 2, 3)
                .array("empty", new double[0], 0, 4)
                .strings("users", List.of("alice", "bøb", "", "carol dave", "emoji 😀", "cr\rok"))
                .strings("items", List.of())
                .strings("one_empty", List.of(""))
                .array("V", new double[] {0.25, 0.5, 0.75, 1.0})
                .build();
    }

    private static void assertSameContent(ModelFile a, ModelFile b) {
        assertEquals(a.modelType(), b.modelType());
        assertEquals(a.version(), b.version());
        assertEquals(a.header(), b.header());
        assertEquals(List.copyOf(a.arrayNames()), List.copyOf(b.arrayNames()));
        for (String name : a.arrayNames()) {
            assertEquals(a.dataType(name), b.dataType(name), name);
            assertArrayEquals(a.shape(name), b.shape(name), name);
            switch (a.dataType(name)) {
                case FLOAT64 -> assertArrayEquals(a.doubles(name), b.doubles(name), 0.0, name);
                case INT32 -> assertArrayEquals(a.ints(name), b.ints(name), name);
                case UTF8_LINES -> assertEquals(a.strings(name), b.strings(name), name);
            }
        }
    }

    @Test
    void roundTripsEveryKindOfValueExactly() throws IOException {
        ModelFile built = sample();
        Path file = dir.resolve("model.tacit");
        built.write(file);
        ModelFile read = ModelFile.read(file);

        assertSameContent(built, read);
        assertEquals("dmf", read.modelType());
        assertEquals(ModelFile.VERSION, read.version());
        assertEquals(ModelFile.CREATED_BY, read.createdBy());
        assertEquals(file, read.source().orElseThrow());
        assertEquals("ünïcödé \"quoted\" \\ tab\t line\n nul\u0000 😀", read.getString("name"));
        assertEquals(5L, read.getLong("rank"));
        assertEquals(5.0, read.getDouble("rank"));
        assertEquals(Long.MIN_VALUE, read.getLong("min_long"));
        assertEquals(1e-3, read.getDouble("learning_rate"));
        assertEquals(Double.valueOf(3.0), read.metadata().get("whole_double"), "a whole double stays a double");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(read.getDouble("negative_zero")));
        assertTrue(read.getBoolean("converged"));
        assertFalse(read.getBoolean("shuffled"));
        assertEquals(List.of("name", "rank", "min_long", "learning_rate", "whole_double", "negative_zero",
                "converged", "shuffled"), List.copyOf(read.metadata().keySet()), "metadata keeps insertion order");

        double[] u = read.doubles("U");
        assertArrayEquals(new int[] {3, 2}, read.shape("U"));
        assertEquals(Double.doubleToRawLongBits(Double.NaN), Double.doubleToRawLongBits(u[2]), "payload keeps NaN bits");
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(u[1]));
        assertArrayEquals(new int[] {2, 0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, -7}, read.ints("perm"));
        assertArrayEquals(new int[] {0, 4}, read.shape("empty"));
        assertEquals(0, read.doubles("empty").length);
        assertEquals(List.of("alice", "bøb", "", "carol dave", "emoji 😀", "cr\rok"), read.strings("users"));
        assertEquals(List.of(), read.strings("items"));
        assertEquals(List.of(""), read.strings("one_empty"), "[\"\"] and [] stay distinct");
        assertArrayEquals(new int[] {4}, read.shape("V"), "no shape means one dimension");
        assertEquals(List.of("U", "perm", "empty", "users", "items", "one_empty", "V"), List.copyOf(read.arrayNames()));
    }

    @Test
    void largeArraysCrossingChunkBoundariesRoundTrip() throws IOException {
        Random r = new Random(42);
        int n = 3 * Payloads.CHUNK / Double.BYTES + 17;
        double[] d = new double[n];
        int[] k = new int[n];
        for (int i = 0; i < n; i++) {
            d[i] = r.nextGaussian();
            k[i] = r.nextInt();
        }
        Path file = dir.resolve("big.tacit");
        ModelFile.builder("big").array("d", d).array("k", k, 1, n).build().write(file);
        ModelFile read = ModelFile.read(file);
        assertArrayEquals(d, read.doubles("d"), 0.0);
        assertArrayEquals(k, read.ints("k"));
        assertEquals(20 + Surgery.of(file).header.getBytes(StandardCharsets.UTF_8).length + 12L * n + 4, Files.size(file));
    }

    @Test
    void fileFollowsTheDocumentedLayout() throws Exception {
        Path file = dir.resolve("layout.tacit");
        ModelFile.builder("mf").put("rank", 2L).array("U", new double[] {1, 2, 3, 4}, 2, 2)
                .strings("ids", List.of("a", "b")).build().write(file);
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("TACITMDL", new String(all, 0, 8, StandardCharsets.US_ASCII));
        assertEquals(1, b.getInt(8));
        int h = (int) b.getLong(12);
        String header = new String(all, 20, h, StandardCharsets.UTF_8);
        assertTrue(header.contains("\"model_type\": \"mf\""), header);
        assertTrue(header.contains("\"format_version\": 1"), header);
        assertTrue(header.contains("\"created_by\": \"tacit\""), header);
        assertTrue(header.contains("\"metadata\": {\n    \"rank\": 2\n  }"), header);
        int uCrc = Surgery.crc32(all, 20 + h, 20 + h + 32);
        assertTrue(header.contains("{\"name\": \"U\", \"dtype\": \"float64\", \"shape\": [2, 2], \"byte_offset\": 0, "
                + "\"byte_length\": 32, \"crc32\": \"" + String.format("%08x", uCrc) + "\"}"), header);
        assertTrue(header.contains("{\"name\": \"ids\", \"dtype\": \"utf8-lines\", \"shape\": [2], \"byte_offset\": 32, "
                + "\"byte_length\": 3, \"crc32\": \""), header);
        assertEquals(4.0, b.getDouble(20 + h + 24), "payloads are little-endian doubles, row-major");
        assertEquals("a\nb", new String(all, 20 + h + 32, 3, StandardCharsets.UTF_8));
        assertEquals(20 + h + 32 + 3 + 4, all.length, "the file ends right after the header checksum");
        assertEquals(Surgery.crc32(all, 0, 20 + h), b.getInt(all.length - 4), "trailer is CRC32 of preamble + header");
        assertEquals(JsonParser.parse(header.getBytes(StandardCharsets.UTF_8)), ModelFile.read(file).header(),
                "header() is exactly the JSON in the file");
    }

    @Test
    void headerOfBuiltModelMatchesTheOneWritten() throws Exception {
        ModelFile built = sample();
        byte[] written = ModelFileWriter.headerBytes(built);
        assertEquals(built.header(), JsonParser.parse(written));
        assertThrows(UnsupportedOperationException.class, () -> built.header().put("x", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((Map<String, Object>) built.header().get("metadata")).clear());
        assertThrows(UnsupportedOperationException.class, () -> built.arrayNames().remove("U"));
    }

    @Test
    void accessorsReturnCopiesAndBuilderCopiesItsInput() {
        double[] values = {1, 2, 3};
        int[] shape = {3};
        ModelFile.Builder b = ModelFile.builder("t").array("x", values, shape);
        values[0] = 99;
        shape[0] = 1;
        ModelFile m = b.build();
        assertArrayEquals(new double[] {1, 2, 3}, m.doubles("x"), 0.0);
        m.doubles("x")[1] = 42;
        m.shape("x")[0] = 7;
        assertArrayEquals(new double[] {1, 2, 3}, m.doubles("x"), 0.0);
        assertArrayEquals(new int[] {3}, m.shape("x"));
    }

    @Test
    void programmerErrorsNameTheKey() {
        ModelFile m = sample();
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> m.getLong("epochs"));
        assertTrue(missing.getMessage().contains("'epochs'"), missing.getMessage());
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> m.getLong("learning_rate"));
        assertEquals("metadata 'learning_rate' is a number, expected an integer", wrong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.getString("rank"));
        assertThrows(IllegalArgumentException.class, () -> m.getBoolean("name"));
        IllegalArgumentException arr = assertThrows(IllegalArgumentException.class, () -> m.doubles("perm"));
        assertEquals("array 'perm' is int32, expected float64", arr.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> m.ints("W"));
        assertTrue(none.getMessage().contains("no array 'W'"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.strings("U"));
        assertThrows(IllegalArgumentException.class, () -> m.shape("nope"));
        assertTrue(m.has("rank"));
        assertFalse(m.has("epochs"));
        assertTrue(m.hasArray("U"));
        assertFalse(m.hasArray("W"));
    }

    @Test
    void missingRequiredPartsOfAFileAreFormatErrorsNamingTheFile() throws IOException {
        Path file = dir.resolve("model.tacit");
        sample().write(file);
        ModelFile m = ModelFile.read(file);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> m.requireDoubles("W"));
        assertTrue(e.getMessage().startsWith(file + ": model 'dmf' has no array 'W'"), e.getMessage());
        assertEquals(file, e.file());
        ModelFormatException typed = assertThrows(ModelFormatException.class, () -> m.requireInts("U"));
        assertEquals(file + ": array 'U' is float64, expected int32", typed.getMessage());
        assertThrows(ModelFormatException.class, () -> m.requireStrings("V"));
        assertThrows(ModelFormatException.class, () -> m.requireLong("epochs"));
        assertThrows(ModelFormatException.class, () -> m.requireString("rank"));
        assertEquals(5L, m.requireLong("rank"));
        assertEquals(1e-3, m.requireDouble("learning_rate"));
        assertTrue(m.requireBoolean("converged"));
        assertEquals(m.strings("users"), m.requireStrings("users"));
        assertArrayEquals(m.ints("perm"), m.requireInts("perm"));
        assertArrayEquals(m.doubles("U"), m.requireDoubles("U"), 0.0);
        ModelFormatException inMemory = assertThrows(ModelFormatException.class, () -> sample().requireDoubles("W"));
        assertTrue(inMemory.getMessage().startsWith(ModelFormatException.IN_MEMORY + ": "), inMemory.getMessage());
    }

    @Test
    void idsWithANewlineAreRejectedOnWrite() {
        ModelFile.Builder b = ModelFile.builder("t");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.strings("users", List.of("ok", "bad\nid")));
        assertTrue(e.getMessage().contains("string 1 of array 'users' contains a newline"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.strings("users", Arrays.asList("a", null)));
        assertThrows(IllegalArgumentException.class, () -> b.strings("users", List.of("lone \ud800 surrogate")));
        assertFalse(b.build().hasArray("users"), "a rejected array is not half-added");
    }

    @Test
    void builderRejectsInvalidInputNamingIt() {
        assertThrows(IllegalArgumentException.class, () -> ModelFile.builder(" "));
        ModelFile.Builder b = ModelFile.builder("t").put("k", 1L).array("a", new int[] {1});
        IllegalArgumentException dup = assertThrows(IllegalArgumentException.class, () -> b.put("k", "again"));
        assertTrue(dup.getMessage().contains("'k'"), dup.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.array("a", new double[] {1}));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> b.put("loss", Double.NaN));
        assertTrue(nan.getMessage().contains("'loss'"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.put("inf", Double.NEGATIVE_INFINITY));
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> b.array("U", new double[6], 4, 2));
        assertEquals("array 'U' has 6 values but shape [4, 2] needs 8", shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> b.array("U", new double[6], -2, -3));
        assertThrows(IllegalArgumentException.class, () -> b.array("U", new double[0], 65536, 65536, 65536));
        assertThrows(IllegalArgumentException.class, () -> b.put("", 1L));
        assertThrows(IllegalArgumentException.class, () -> b.put("s", (String) null));
        assertThrows(IllegalArgumentException.class, () -> b.array(null, new int[0]));
        assertEquals(0, b.array("zero", new double[0], 65536, 65536, 0).build().doubles("zero").length);
    }

    @Test
    void missingFileIsAnOrdinaryIoError() {
        assertThrows(NoSuchFileException.class, () -> ModelFile.read(dir.resolve("absent.tacit")));
    }
}
