package dev.tacit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/** Writes the layout documented on {@link ModelFile}: preamble, JSON header, payloads, header checksum. */
final class ModelFileWriter {

    /** Magic (8) + version (4) + header length (8). */
    static final int PREAMBLE_BYTES = 20;

    private ModelFileWriter() {
    }

    static void write(ModelFile model, Path file) throws IOException {
        byte[] header = headerBytes(model);
        List<ArrayEntry> entries = model.entries();
        AtomicFiles.write(file, ch -> {
            ByteBuffer pre = preamble(model.version(), header.length);
            CRC32 crc = new CRC32();
            crc.update(pre.duplicate());
            crc.update(header);
            Payloads.writeFully(ch, pre);
            Payloads.writeFully(ch, ByteBuffer.wrap(header));
            ByteBuffer chunk = Payloads.chunk(entries.stream().mapToLong(e -> e.byteLength).max().orElse(0));
            for (ArrayEntry e : entries) {
                Payloads.encode(e.data, chunk, buf -> Payloads.writeFully(ch, buf));
            }
            ByteBuffer trailer = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            trailer.putInt((int) crc.getValue()).flip();
            Payloads.writeFully(ch, trailer);
        });
    }

    /** @return the 20-byte preamble, ready to write */
    static ByteBuffer preamble(int version, long headerLength) {
        ByteBuffer pre = ByteBuffer.allocate(PREAMBLE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        pre.put(ModelFile.MAGIC.getBytes(StandardCharsets.US_ASCII)).putInt(version).putLong(headerLength);
        return pre.flip();
    }

    /** @return the header JSON as UTF-8, one top-level key, metadata entry or array per line */
    static byte[] headerBytes(ModelFile model) {
        StringBuilder sb = new StringBuilder("{\n");
        Map<String, Object> h = model.header();
        sb.append("  \"model_type\": ");
        JsonWriter.write(sb, h.get("model_type"));
        sb.append(",\n  \"format_version\": ");
        JsonWriter.write(sb, h.get("format_version"));
        sb.append(",\n  \"created_by\": ");
        JsonWriter.write(sb, h.get("created_by"));
        sb.append(",\n  \"metadata\": {");
        String sep = "\n    ";
        for (Map.Entry<String, Object> e : model.metadata().entrySet()) {
            sb.append(sep);
            JsonWriter.quote(sb, e.getKey());
            sb.append(": ");
            JsonWriter.write(sb, e.getValue());
            sep = ",\n    ";
        }
        sb.append(model.metadata().isEmpty() ? "}" : "\n  }");
        sb.append(",\n  \"arrays\": [");
        sep = "\n    ";
        List<?> arrays = (List<?>) h.get("arrays");
        for (Object a : arrays) {
            sb.append(sep);
            JsonWriter.write(sb, a);
            sep = ",\n    ";
        }
        sb.append(arrays.isEmpty() ? "]" : "\n  ]");
        sb.append("\n}\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
