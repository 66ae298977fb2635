package dev.tacit.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks a parsed header against the version-1 schema and turns it into a {@link Layout}. Unknown keys are
 * ignored (a writer may add informational fields without a version bump); every known field is required
 * and type-checked, and the array descriptors must tile the payload section back to back.
 */
final class HeaderSchema {

    /** Largest element count of a Java array on common JVMs. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private static final Pattern CRC_HEX = Pattern.compile("[0-9a-f]{8}");

    /** One array's place and form, as the header declares it. */
    record Slot(String name, DataType type, int[] shape, long offset, long length, int crc) {
    }

    /** The validated header. */
    record Layout(String modelType, String createdBy, Map<String, Object> metadata, List<Slot> slots,
            long payloadBytes) {
    }

    private final Path file;

    private HeaderSchema(Path file) {
        this.file = file;
    }

    /**
     * @param file for messages
     * @param json the parsed header
     * @param version the version from the preamble, which {@code format_version} must repeat
     * @return the layout
     * @throws ModelFormatException naming the first field that is missing, mistyped or inconsistent
     */
    static Layout parse(Path file, Object json, int version) throws ModelFormatException {
        return new HeaderSchema(file).layout(json, version);
    }

    private ModelFormatException fail(String problem) {
        return new ModelFormatException(file, problem);
    }

    private Layout layout(Object json, int version) throws ModelFormatException {
        if (!(json instanceof Map<?, ?> top)) {
            throw fail("header is not a JSON object");
        }
        String modelType = field(top, "model_type", String.class, "header");
        if (modelType.isBlank()) {
            throw fail("header has a blank model_type");
        }
        long declared = field(top, "format_version", Long.class, "header");
        if (declared != version) {
            throw fail("header says format_version " + declared + " but the preamble says " + version);
        }
        String createdBy = field(top, "created_by", String.class, "header");
        Map<?, ?> meta = field(top, "metadata", Map.class, "header");
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : meta.entrySet()) {
            Object v = e.getValue();
            if (!(v instanceof String || v instanceof Long || v instanceof Double || v instanceof Boolean)) {
                throw fail("metadata '" + e.getKey() + "' is " + (v == null ? "null" : "not a scalar")
                        + " (only strings, numbers and booleans are allowed)");
            }
            metadata.put((String) e.getKey(), v);
        }
        List<?> arrays = field(top, "arrays", List.class, "header");
        List<Slot> slots = new ArrayList<>();
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (int i = 0; i < arrays.size(); i++) {
            Slot s = slot(arrays.get(i), i, offset);
            if (!names.add(s.name())) {
                throw fail("array '" + s.name() + "' appears twice in the header");
            }
            slots.add(s);
            offset += s.length(); // each at most 2^34 and the header limit bounds the count: no overflow
        }
        return new Layout(modelType, createdBy, metadata, slots, offset);
    }

    private Slot slot(Object o, int index, long expectedOffset) throws ModelFormatException {
        if (!(o instanceof Map<?, ?> m)) {
            throw fail("entry " + index + " of the header's arrays is not an object");
        }
        String where = "entry " + index + " of the header's arrays";
        String name = field(m, "name", String.class, where);
        if (name.isEmpty()) {
            throw fail(where + " has an empty name");
        }
        where = "array '" + name + "'";
        String dtype = field(m, "dtype", String.class, where);
        DataType type = DataType.fromJsonName(dtype);
        if (type == null) {
            throw fail(where + " has unknown dtype '" + dtype + "'");
        }
        List<?> dims = field(m, "shape", List.class, where);
        int[] shape = new int[dims.size()];
        long product = 1;
        for (int d = 0; d < shape.length; d++) {
            if (!(dims.get(d) instanceof Long v) || v < 0 || v > Integer.MAX_VALUE) {
                throw fail(where + " has an invalid shape " + dims);
            }
            shape[d] = (int) (long) v;
            product = Math.min(product * v, Integer.MAX_VALUE + 1L);
        }
        long offset = field(m, "byte_offset", Long.class, where);
        long length = field(m, "byte_length", Long.class, where);
        String crcText = field(m, "crc32", String.class, where);
        if (!CRC_HEX.matcher(crcText).matches()) {
            throw fail(where + " has an invalid crc32 \"" + crcText + "\" (expected 8 lowercase hex digits)");
        }
        if (offset != expectedOffset) {
            throw fail(where + " has byte_offset " + offset + ", expected " + expectedOffset
                    + " (arrays are stored back to back in header order)");
        }
        if (type == DataType.UTF8_LINES) {
            if (shape.length != 1) {
                throw fail(where + " is utf8-lines with shape " + dims + " (expected [count])");
            }
            if (length < 0 || length > MAX_ELEMENTS || shape[0] > length + 1 || (shape[0] == 0 && length != 0)) {
                throw fail(where + " has byte_length " + length + ", impossible for " + shape[0] + " strings");
            }
        } else {
            if (product > MAX_ELEMENTS) {
                throw fail(where + " has shape " + dims + ", too many elements for one array");
            }
            long expected = product * type.elementBytes();
            if (length != expected) {
                throw fail(where + " has byte_length " + length + " but shape " + dims + " of "
                        + type.jsonName() + " needs " + expected);
            }
        }
        return new Slot(name, type, shape, offset, length, Integer.parseUnsignedInt(crcText, 16));
    }

    private <T> T field(Map<?, ?> m, String key, Class<T> type, String where) throws ModelFormatException {
        Object v = m.get(key);
        if (v == null) {
            throw fail(where + " has no '" + key + "'");
        }
        if (!type.isInstance(v)) {
            throw fail(where + " has '" + key + "' of the wrong type (" + v.getClass().getSimpleName()
                    + ", expected " + type.getSimpleName() + ")");
        }
        return type.cast(v);
    }
}
