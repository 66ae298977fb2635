package dev.tacit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and foreign files: every fault is a one-line {@link ModelFormatException}, never another exception. */
class ModelFileCorruptionTest {

    @TempDir
    Path dir;

    private Path good;
    private byte[] bytes;
    private int payloadStart;

    @BeforeEach
    void writeGoodFile() throws IOException {
        good = dir.resolve("good.tacit");
        ModelFile.builder("dmf").put("rank", 2L).put("note", "small")
                .array("U", new double[] {1, 2, 3, 4, 5, 6}, 3, 2)
                .array("V", new double[] {7, 8, 9, 10}, 2, 2)
                .array("perm", new int[] {2, 0, 1})
                .strings("users", List.of("u1", "u2", "u3"))
                .build().write(good);
        bytes = Files.readAllBytes(good);
        payloadStart = 20 + (int) ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(12);
    }

    private Path file(byte[] content) throws IOException {
        return Files.write(dir.resolve("model.tacit"), content);
    }

    /** Reads a file that must be rejected and returns the problem, checking the message names the file. */
    private static String problem(Path file) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.read(file));
        assertEquals(file + ": " + e.problem(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.problem();
    }

    @Test
    void foreignFileHasBadMagic() throws IOException {
        assertEquals("not a tacit model file (bad magic)",
                problem(file("user,item,rating\n1,2,3.5\n".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("not a tacit model file (bad magic)", problem(file(new byte[] {(byte) 0x89, 'P', 'N', 'G'})));
        byte[] copy = bytes.clone();
        copy[7] = 'X';
        assertEquals("not a tacit model file (bad magic)", problem(file(copy)));
        assertEquals("not a tacit model file (empty)", problem(file(new byte[0])));
    }

    @Test
    void everyTruncationIsReportedAsTruncated() throws IOException {
        for (int cut = 1; cut < bytes.length; cut++) {
            String p = problem(file(Arrays.copyOf(bytes, cut)));
            assertTrue(p.startsWith("truncated: "), "cut at " + cut + ": " + p);
        }
    }

    @Test
    void truncationNamesTheArrayAndTheBytesFound() throws IOException {
        assertEquals("truncated: expected 48 bytes of array 'U', found 10",
                problem(file(Arrays.copyOf(bytes, payloadStart + 10))));
        assertEquals("truncated: expected 32 bytes of array 'V', found 0",
                problem(file(Arrays.copyOf(bytes, payloadStart + 48))));
        assertEquals("truncated: expected 4 bytes of header checksum, found 2",
                problem(file(Arrays.copyOf(bytes, bytes.length - 2))));
        assertEquals("truncated: expected 20 bytes of preamble, found 12", problem(file(Arrays.copyOf(bytes, 12))));
        assertEquals("truncated: expected " + (payloadStart - 20) + " bytes of header, found 5",
                problem(file(Arrays.copyOf(bytes, 25))));
    }

    @Test
    void trailingGarbageIsRejected() throws IOException {
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
        assertEquals("3 bytes of trailing garbage after the end of the model", problem(file(longer)));
        byte[] twice = Arrays.copyOf(bytes, 2 * bytes.length);
        System.arraycopy(bytes, 0, twice, bytes.length, bytes.length);
        assertTrue(problem(file(twice)).contains("trailing garbage"));
    }

    @Test
    void flippedPayloadByteIsAChecksumErrorInThatArray() throws IOException {
        int[][] arrays = {{0, 48}, {48, 32}, {80, 12}, {92, 8}};
        String[] names = {"U", "V", "perm", "users"};
        for (int a = 0; a < names.length; a++) {
            for (int at : new int[] {arrays[a][0], arrays[a][0] + arrays[a][1] / 2, arrays[a][0] + arrays[a][1] - 1}) {
                byte[] copy = bytes.clone();
                copy[payloadStart + at] ^= 0x10;
                assertEquals("checksum mismatch in array '" + names[a] + "' (file corrupted)", problem(file(copy)),
                        "byte " + at + " of the payload");
            }
        }
        assertEquals(payloadStart + 100 + 4, bytes.length, "the offsets above cover the whole payload");
    }

    @Test
    void flippedHeaderByteIsDetected() throws IOException {
        String header = new String(bytes, 20, payloadStart - 20, StandardCharsets.UTF_8);
        byte[] copy = bytes.clone();
        copy[20 + header.indexOf("small")] = 'S';
        assertEquals("header checksum mismatch (file corrupted)", problem(file(copy)));
        copy = bytes.clone();
        copy[20 + header.indexOf("\"rank\"") + 6] = 'x';
        assertEquals("header is not valid JSON at offset " + (header.indexOf("\"rank\"") + 6) + ": expected ':'",
                problem(file(copy)));
        copy = bytes.clone();
        copy[bytes.length - 1] ^= 1;
        assertEquals("header checksum mismatch (file corrupted)", problem(file(copy)));
    }

    @Test
    void everySingleByteCorruptionIsCaught() throws IOException {
        for (int mask : new int[] {0x01, 0x80, 0xFF}) {
            for (int i = 0; i < bytes.length; i++) {
                byte[] copy = bytes.clone();
                copy[i] ^= (byte) mask;
                String p = problem(file(copy));
                boolean inPayload = i >= payloadStart && i < bytes.length - 4;
                assertEquals(inPayload, p.startsWith("checksum mismatch in array"), "byte " + i + " ^ " + mask + ": " + p);
            }
        }
    }

    @Test
    void futureVersionIsRefusedClearly() throws IOException {
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 7);
        assertEquals("unsupported format version 7 (this tacit reads version 1)", problem(file(copy)));
        Surgery s = Surgery.of(good);
        s.header = s.header.replace("\"format_version\": 1", "\"format_version\": 2");
        assertEquals("header says format_version 2 but the preamble says 1", problem(s.writeTo(dir.resolve("v.tacit"))));
    }

    @Test
    void hugeBogusHeaderLengthIsRejectedWithoutAllocating() throws IOException {
        for (long h : new long[] {Long.MAX_VALUE, Long.MIN_VALUE, -1, 1L << 40, Integer.MAX_VALUE, ModelFileReader.MAX_HEADER_BYTES + 1}) {
            byte[] copy = bytes.clone();
            ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(12, h);
            assertEquals("implausible header length " + h + " (file corrupted)", problem(file(copy)));
        }
        byte[] copy = bytes.clone();
        ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN).putLong(12, 1 << 20);
        assertEquals("truncated: expected 1048576 bytes of header, found " + (bytes.length - 20), problem(file(copy)));
    }

    @Test
    void hugeBogusArrayLengthsInAnIntactHeaderAreRejectedWithoutAllocating() throws IOException {
        Surgery s = Surgery.of(good);
        String header = s.header;
        long huge = 8L * (Integer.MAX_VALUE - 8);
        s.header = header.replace("\"shape\": [3, 2], \"byte_offset\": 0, \"byte_length\": 48",
                "\"shape\": [" + (Integer.MAX_VALUE - 8) + ", 1], \"byte_offset\": 0, \"byte_length\": " + huge);
        s.header = s.header.replace("\"byte_offset\": 48,", "\"byte_offset\": " + huge + ",");
        s.header = s.header.replace("\"byte_offset\": 80,", "\"byte_offset\": " + (huge + 32) + ",");
        s.header = s.header.replace("\"byte_offset\": 92,", "\"byte_offset\": " + (huge + 44) + ",");
        assertEquals("truncated: expected " + huge + " bytes of array 'U', found 104", problem(s.writeTo(dir.resolve("a.tacit"))));

        s.header = header.replace("\"shape\": [3, 2]", "\"shape\": [2147483647, 2147483647]");
        assertEquals("array 'U' has shape [2147483647, 2147483647], too many elements for one array",
                problem(s.writeTo(dir.resolve("b.tacit"))));

        s.header = header.replace("\"utf8-lines\", \"shape\": [3]", "\"utf8-lines\", \"shape\": [2000000000]");
        assertEquals("array 'users' has byte_length 8, impossible for 2000000000 strings",
                problem(s.writeTo(dir.resolve("c.tacit"))));

        s.header = header.replace("\"byte_length\": 48", "\"byte_length\": 9223372036854775807");
        assertTrue(problem(s.writeTo(dir.resolve("d.tacit"))).startsWith("array 'U' has byte_length 9223372036854775807"));
    }

    @Test
    void intactHeaderWithBadSchemaIsExplained() throws IOException {
        Surgery s = Surgery.of(good);
        String header = s.header;
        s.header = header.replace("\"float64\", \"shape\": [3, 2]", "\"float16\", \"shape\": [3, 2]");
        assertEquals("array 'U' has unknown dtype 'float16'", problem(s.writeTo(dir.resolve("a.tacit"))));
        s.header = header.replace("\"byte_offset\": 48,", "\"byte_offset\": 40,");
        assertTrue(problem(s.writeTo(dir.resolve("b.tacit"))).startsWith("array 'V' has byte_offset 40, expected 48"));
        s.header = header.replace("\"model_type\": \"dmf\",", "");
        assertEquals("header has no 'model_type'", problem(s.writeTo(dir.resolve("c.tacit"))));
        s.header = header.replace("\"rank\": 2", "\"rank\": [2]");
        assertTrue(problem(s.writeTo(dir.resolve("d.tacit"))).startsWith("metadata 'rank' is not a scalar"));
        s.header = header.replace("\"name\": \"V\"", "\"name\": \"U\"");
        assertEquals("array 'U' appears twice in the header", problem(s.writeTo(dir.resolve("e.tacit"))));
        s.header = "[" + "[".repeat(100_000) + "]".repeat(100_000) + "]";
        assertTrue(problem(s.writeTo(dir.resolve("f.tacit"))).contains("nesting deeper than"));
        s.header = header.replace("\"rank\": 2", "\"rank\": 2, \"rank\": 3");
        assertTrue(problem(s.writeTo(dir.resolve("g.tacit"))).contains("duplicate key \"rank\""));
    }

    @Test
    void undecodableStringsWithAMatchingChecksumAreRejected() throws IOException {
        Surgery s = Surgery.of(good);
        int at = 92;
        String oldCrc = String.format("%08x", Surgery.crc32(s.payload, at, at + 8));
        s.payload[at] = (byte) 0xFF;
        s.header = s.header.replace(oldCrc, String.format("%08x", Surgery.crc32(s.payload, at, at + 8)));
        assertEquals("array 'users' is not valid UTF-8", problem(s.writeTo(dir.resolve("a.tacit"))));

        s = Surgery.of(good);
        s.payload[at + 2] = ' ';
        s.header = s.header.replace(oldCrc, String.format("%08x", Surgery.crc32(s.payload, at, at + 8)));
        assertEquals("array 'users' holds 2 strings but its shape says 3", problem(s.writeTo(dir.resolve("b.tacit"))));
    }

    @Test
    void surgeryReassemblesAnUntouchedFileExactly() throws IOException {
        assertTrue(Arrays.equals(bytes, Surgery.of(good).assemble()), "the crafted-file tests start from a valid file");
    }
}
