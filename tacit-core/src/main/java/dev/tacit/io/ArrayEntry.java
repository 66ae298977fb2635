package dev.tacit.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stored array: its name, element type, shape, place in the payload section and CRC32, with the data
 * ({@code double[]} for {@link DataType#FLOAT64}, {@code int[]} for {@link DataType#INT32}, the UTF-8 bytes
 * plus the decoded list for {@link DataType#UTF8_LINES}). Immutable by convention: nothing hands out the
 * arrays without copying.
 */
final class ArrayEntry {

    final String name;
    final DataType type;
    final int[] shape;
    /** {@code double[]}, {@code int[]} or, for strings, the encoded {@code byte[]}. */
    final Object data;
    /** The strings, for {@link DataType#UTF8_LINES}; {@code null} otherwise. */
    final List<String> strings;
    final long byteOffset;
    final long byteLength;
    final int crc32;

    ArrayEntry(String name, DataType type, int[] shape, Object data, List<String> strings, long byteOffset,
            long byteLength, int crc32) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.data = data;
        this.strings = strings;
        this.byteOffset = byteOffset;
        this.byteLength = byteLength;
        this.crc32 = crc32;
    }

    /** @param crc a CRC32 value @return it as 8 lowercase hex digits, the header's {@code crc32} form */
    static String hex(int crc) {
        return String.format("%08x", crc);
    }

    /** @return this entry's object in the header's {@code arrays} list, in the documented key order */
    Map<String, Object> descriptor() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("dtype", type.jsonName());
        List<Object> dims = new ArrayList<>(shape.length);
        for (int s : shape) {
            dims.add((long) s);
        }
        d.put("shape", dims);
        d.put("byte_offset", byteOffset);
        d.put("byte_length", byteLength);
        d.put("crc32", hex(crc32));
        return d;
    }
}
