package dev.tacit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Test helper: takes a valid model file apart (preamble, header text, payload bytes) and puts it back
 * together with a consistent header length and header checksum, so tests can craft files whose only fault
 * is the one under test. Parses the layout independently of the reader.
 */
final class Surgery {

    int version;
    String header;
    byte[] payload;

    static Surgery of(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        Surgery s = new Surgery();
        s.version = b.getInt(8);
        int h = (int) b.getLong(12);
        s.header = new String(b.array(), 20, h, StandardCharsets.UTF_8);
        s.payload = Arrays.copyOfRange(b.array(), 20 + h, b.capacity() - 4);
        return s;
    }

    static int crc32(byte[] bytes, int from, int to) {
        CRC32 c = new CRC32();
        c.update(bytes, from, to - from);
        return (int) c.getValue();
    }

    byte[] assemble() {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(20 + h.length + payload.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ModelFile.MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(version).putLong(h.length).put(h);
        int crc = crc32(b.array(), 0, 20 + h.length);
        b.put(payload).putInt(crc);
        return b.array();
    }

    Path writeTo(Path file) throws IOException {
        return Files.write(file, assemble());
    }
}
