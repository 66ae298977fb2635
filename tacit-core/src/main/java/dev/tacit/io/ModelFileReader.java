package dev.tacit.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Reads and verifies the layout documented on {@link ModelFile}. Nothing is allocated from a length before
 * that length is checked against the file size; checks run from the outside in (magic, version, header
 * length, JSON, declared sizes against the file size, header checksum, schema, array checksums) so the
 * message names the most likely cause.
 */
final class ModelFileReader {

    /** Upper bound on the header length (the header holds metadata and array descriptors, not data). */
    static final long MAX_HEADER_BYTES = 64L << 20;

    private static final int PREAMBLE = ModelFileWriter.PREAMBLE_BYTES;
    private static final int CRC_BYTES = Integer.BYTES;

    private final Path file;
    private final FileChannel ch;
    private final long size;

    private ModelFileReader(Path file, FileChannel ch) throws IOException {
        this.file = file;
        this.ch = ch;
        this.size = ch.size();
    }

    static ModelFile read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return new ModelFileReader(file, ch).read();
        } catch (EOFException shrank) {
            throw new ModelFormatException(file, "truncated while reading (the file shrank: " + shrank.getMessage() + ")");
        }
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(file, problem);
    }

    private ByteBuffer bytes(long position, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        Payloads.readFully(ch, b, position);
        return b.flip();
    }

    private ModelFile read() throws IOException {
        if (size == 0) {
            throw fail("not a tacit model file (empty)");
        }
        ByteBuffer pre = bytes(0, (int) Math.min(size, PREAMBLE));
        byte[] magic = ModelFile.MAGIC.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(pre.limit(), magic.length); i++) {
            if (pre.get(i) != magic[i]) {
                throw fail("not a tacit model file (bad magic)");
            }
        }
        if (size < PREAMBLE) {
            throw fail("truncated: expected " + PREAMBLE + " bytes of preamble, found " + size);
        }
        int version = pre.getInt(8);
        if (version != ModelFile.VERSION) {
            throw fail("unsupported format version " + version + " (this tacit reads version " + ModelFile.VERSION + ")");
        }
        long headerLength = pre.getLong(12);
        if (headerLength < 0 || headerLength > MAX_HEADER_BYTES) {
            throw fail("implausible header length " + headerLength + " (file corrupted)");
        }
        if (headerLength > size - PREAMBLE) {
            throw fail("truncated: expected " + headerLength + " bytes of header, found " + (size - PREAMBLE));
        }
        byte[] header = new byte[(int) headerLength];
        Payloads.readFully(ch, ByteBuffer.wrap(header), PREAMBLE);
        long payloadStart = PREAMBLE + headerLength;
        CRC32 crc = new CRC32();
        crc.update(pre.rewind());
        crc.update(header);
        boolean headerIntact = size - payloadStart >= CRC_BYTES
                && bytes(size - CRC_BYTES, CRC_BYTES).getInt() == (int) crc.getValue();

        Object json;
        try {
            json = JsonParser.parse(header);
        } catch (JsonSyntaxException e) {
            throw fail("header is not valid JSON at offset " + e.offset() + ": " + e.getMessage());
        }
        HeaderSchema.Layout layout = null;
        ModelFormatException schemaError = null;
        try {
            layout = HeaderSchema.parse(file, json, version);
        } catch (ModelFormatException e) {
            schemaError = e;
        }
        if (layout != null) {
            checkSize(layout, size - payloadStart);
        }
        if (!headerIntact) {
            throw fail("header checksum mismatch (file corrupted)");
        }
        if (schemaError != null) {
            throw schemaError;
        }
        return new ModelFile(file, layout.modelType(), version, layout.createdBy(), layout.metadata(),
                payloads(layout, payloadStart));
    }

    /** Compares the sizes the header declares with what the file holds after the header. */
    private void checkSize(HeaderSchema.Layout layout, long available) throws ModelFormatException {
        long expected = layout.payloadBytes() + CRC_BYTES;
        if (available < expected) {
            for (HeaderSchema.Slot s : layout.slots()) {
                if (s.offset() + s.length() > available) {
                    long found = Math.max(0, available - s.offset());
                    throw fail("truncated: expected " + s.length() + " bytes of array '" + s.name() + "', found " + found);
                }
            }
            throw fail("truncated: expected " + CRC_BYTES + " bytes of header checksum, found "
                    + (available - layout.payloadBytes()));
        }
        if (available > expected) {
            throw fail((available - expected) + " bytes of trailing garbage after the end of the model");
        }
    }

    private List<ArrayEntry> payloads(HeaderSchema.Layout layout, long payloadStart) throws IOException {
        List<ArrayEntry> entries = new ArrayList<>();
        ByteBuffer chunk = Payloads.chunk(layout.slots().stream().mapToLong(HeaderSchema.Slot::length).max().orElse(0));
        for (HeaderSchema.Slot s : layout.slots()) {
            int count = (int) (s.length() / s.type().elementBytes());
            CRC32 crc = new CRC32();
            Object data = Payloads.read(ch, payloadStart + s.offset(), s.type(), count, chunk, crc);
            if ((int) crc.getValue() != s.crc()) {
                throw fail("checksum mismatch in array '" + s.name() + "' (file corrupted)");
            }
            List<String> strings = null;
            if (s.type() == DataType.UTF8_LINES) {
                try {
                    strings = Utf8Lines.decode((byte[]) data, s.shape()[0]);
                } catch (IllegalArgumentException e) {
                    throw fail("array '" + s.name() + "' " + e.getMessage());
                }
            }
            entries.add(new ArrayEntry(s.name(), s.type(), s.shape(), data, strings, s.offset(), s.length(), s.crc()));
        }
        return entries;
    }
}
