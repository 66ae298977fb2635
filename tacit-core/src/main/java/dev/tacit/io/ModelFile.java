package dev.tacit.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A saved model: a model type, scalar metadata and named arrays, in a versioned, self-checking binary
 * container. Never Java serialization; the layout (specified in {@code docs/MODEL_FORMAT.md}) is:
 *
 * <pre>
 * offset  size  content
 * 0       8     magic "TACITMDL" (ASCII)
 * 8       4     format version, int32 little-endian (1)
 * 12      8     header length H in bytes, int64 little-endian
 * 20      H     header: UTF-8 JSON object
 *                 {"model_type": ..., "format_version": 1, "created_by": "tacit",
 *                  "metadata": {key: string | integer | number | boolean, ...},
 *                  "arrays": [{"name", "dtype": "float64" | "int32" | "utf8-lines", "shape": [...],
 *                              "byte_offset", "byte_length", "crc32": "8 hex digits"}, ...]}
 * 20+H    P     array payloads, little-endian, in header order, back to back; byte_offset counts from
 *               the first payload byte, so array i starts at 20 + H + byte_offset(i)
 * 20+H+P  4     CRC32 of bytes [0, 20+H) (preamble and header), uint32 little-endian
 * </pre>
 *
 * <p>Each array's {@code crc32} is the CRC32 of its payload bytes. {@code utf8-lines} arrays hold strings
 * (e.g. user and item ids) joined by {@code '\n'} without a trailing newline, shape {@code [count]}. The
 * file ends exactly after the header checksum.
 *
 * <p>{@link #read} checks everything before trusting it: magic, version, every length against the file size
 * before allocating anything (a corrupted length cannot exhaust memory), the header checksum, the header's
 * structure, each array's checksum, and that nothing follows the end. Any fault is a
 * {@link ModelFormatException} with a one-line message. {@link #write} is atomic: a crash or an error leaves
 * either the old file or the complete new one.
 *
 * <p>Instances are immutable; array accessors return copies.
 */
public final class ModelFile {

    /** The first 8 bytes of every model file. */
    public static final String MAGIC = "TACITMDL";
    /** The format version this class writes and the only one it reads. */
    public static final int VERSION = 1;
    /** The {@code created_by} value written in headers. */
    public static final String CREATED_BY = "tacit";

    private final Path source;
    private final String modelType;
    private final int version;
    private final String createdBy;
    private final Map<String, Object> metadata;
    private final Map<String, ArrayEntry> arrays;
    private final Map<String, Object> header;

    ModelFile(Path source, String modelType, int version, String createdBy, Map<String, Object> metadata,
            List<ArrayEntry> entries) {
        this.source = source;
        this.modelType = modelType;
        this.version = version;
        this.createdBy = createdBy;
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        Map<String, ArrayEntry> byName = new LinkedHashMap<>();
        List<Object> descriptors = new ArrayList<>();
        for (ArrayEntry e : entries) {
            byName.put(e.name, e);
            descriptors.add(Collections.unmodifiableMap(e.descriptor()));
        }
        this.arrays = Collections.unmodifiableMap(byName);
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("model_type", modelType);
        h.put("format_version", (long) version);
        h.put("created_by", createdBy);
        h.put("metadata", this.metadata);
        h.put("arrays", Collections.unmodifiableList(descriptors));
        this.header = Collections.unmodifiableMap(h);
    }

    /**
     * @param modelType what kind of model this is (e.g. {@code "dmf"}); not blank
     * @return a builder for a new model file
     */
    public static Builder builder(String modelType) {
        return new Builder(modelType);
    }

    /**
     * Reads and fully verifies a model file.
     *
     * @param file the file
     * @return its content
     * @throws ModelFormatException if the file is not a valid tacit model file of a supported version
     * @throws IOException if it cannot be read at all (missing, unreadable)
     */
    public static ModelFile read(Path file) throws IOException {
        return ModelFileReader.read(file);
    }

    /**
     * Writes this model atomically: to a temporary file in the same directory, forced to disk and renamed
     * over {@code file}. On failure the temporary file is removed and an existing {@code file} is untouched.
     *
     * @param file the destination
     * @throws IOException if writing or renaming fails
     */
    public void write(Path file) throws IOException {
        ModelFileWriter.write(this, file);
    }

    /** @return the model type from the header */
    public String modelType() {
        return modelType;
    }

    /** @return the format version ({@link #VERSION}) */
    public int version() {
        return version;
    }

    /** @return the {@code created_by} value from the header */
    public String createdBy() {
        return createdBy;
    }

    /** @return the file this model was read from, empty for a model built in memory */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /**
     * @return the whole header as it is (or will be) written: {@code model_type}, {@code format_version}
     *     ({@code Long}), {@code created_by}, {@code metadata} (map) and {@code arrays} (list of maps);
     *     unmodifiable at every level
     */
    public Map<String, Object> header() {
        return header;
    }

    /**
     * @return the metadata in insertion order, unmodifiable; values are {@code String}, {@code Long},
     *     {@code Double} or {@code Boolean}
     */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** @param key metadata key @return whether the metadata holds it */
    public boolean has(String key) {
        return metadata.containsKey(key);
    }

    /** @param key metadata key @return its string value @throws IllegalArgumentException if absent or not a string */
    public String getString(String key) {
        return (String) meta(key, MetaType.STRING);
    }

    /** @param key metadata key @return its integer value @throws IllegalArgumentException if absent or not an integer */
    public long getLong(String key) {
        return (Long) meta(key, MetaType.INTEGER);
    }

    /**
     * @param key metadata key
     * @return its numeric value (an integer value is widened)
     * @throws IllegalArgumentException if absent or not a number
     */
    public double getDouble(String key) {
        return ((Number) meta(key, MetaType.NUMBER)).doubleValue();
    }

    /** @param key metadata key @return its boolean value @throws IllegalArgumentException if absent or not a boolean */
    public boolean getBoolean(String key) {
        return (Boolean) meta(key, MetaType.BOOLEAN);
    }

    /** @param key metadata key @return as {@link #getString} @throws ModelFormatException naming the file if absent or mistyped */
    public String requireString(String key) throws ModelFormatException {
        return (String) requireMeta(key, MetaType.STRING);
    }

    /** @param key metadata key @return as {@link #getLong} @throws ModelFormatException naming the file if absent or mistyped */
    public long requireLong(String key) throws ModelFormatException {
        return (Long) requireMeta(key, MetaType.INTEGER);
    }

    /** @param key metadata key @return as {@link #getDouble} @throws ModelFormatException naming the file if absent or mistyped */
    public double requireDouble(String key) throws ModelFormatException {
        return ((Number) requireMeta(key, MetaType.NUMBER)).doubleValue();
    }

    /** @param key metadata key @return as {@link #getBoolean} @throws ModelFormatException naming the file if absent or mistyped */
    public boolean requireBoolean(String key) throws ModelFormatException {
        return (Boolean) requireMeta(key, MetaType.BOOLEAN);
    }

    /** @return the array names in file order, unmodifiable */
    public Set<String> arrayNames() {
        return arrays.keySet();
    }

    /** @param name array name @return whether the model holds that array */
    public boolean hasArray(String name) {
        return arrays.containsKey(name);
    }

    /** @param name array name @return its element type @throws IllegalArgumentException if absent */
    public DataType dataType(String name) {
        return entry(name).type;
    }

    /** @param name array name @return a copy of its shape @throws IllegalArgumentException if absent */
    public int[] shape(String name) {
        return entry(name).shape.clone();
    }

    /** @param name a float64 array @return a copy of its values, row-major @throws IllegalArgumentException if absent or not float64 */
    public double[] doubles(String name) {
        return ((double[]) typed(name, DataType.FLOAT64).data).clone();
    }

    /** @param name an int32 array @return a copy of its values, row-major @throws IllegalArgumentException if absent or not int32 */
    public int[] ints(String name) {
        return ((int[]) typed(name, DataType.INT32).data).clone();
    }

    /** @param name a utf8-lines array @return its strings, unmodifiable @throws IllegalArgumentException if absent or not strings */
    public List<String> strings(String name) {
        return typed(name, DataType.UTF8_LINES).strings;
    }

    /** @param name a float64 array a loader needs @return as {@link #doubles} @throws ModelFormatException naming the file if absent or mistyped */
    public double[] requireDoubles(String name) throws ModelFormatException {
        return ((double[]) requireTyped(name, DataType.FLOAT64).data).clone();
    }

    /** @param name an int32 array a loader needs @return as {@link #ints} @throws ModelFormatException naming the file if absent or mistyped */
    public int[] requireInts(String name) throws ModelFormatException {
        return ((int[]) requireTyped(name, DataType.INT32).data).clone();
    }

    /** @param name a strings array a loader needs @return as {@link #strings} @throws ModelFormatException naming the file if absent or mistyped */
    public List<String> requireStrings(String name) throws ModelFormatException {
        return requireTyped(name, DataType.UTF8_LINES).strings;
    }

    /** @return the arrays in file order (for the writer) */
    List<ArrayEntry> entries() {
        return new ArrayList<>(arrays.values());
    }

    @Override
    public String toString() {
        return "ModelFile[" + modelType + " v" + version + ", metadata " + metadata.keySet() + ", arrays "
                + arrays.keySet() + "]";
    }

    /** The kinds of metadata value, for type checks and messages. */
    private enum MetaType {
        STRING("a string"), INTEGER("an integer"), NUMBER("a number"), BOOLEAN("a boolean");

        private final String description;

        MetaType(String description) {
            this.description = description;
        }

        boolean accepts(Object v) {
            return switch (this) {
                case STRING -> v instanceof String;
                case INTEGER -> v instanceof Long;
                case NUMBER -> v instanceof Long || v instanceof Double;
                case BOOLEAN -> v instanceof Boolean;
            };
        }

        static String describe(Object v) {
            for (MetaType t : values()) {
                if (t != NUMBER && t.accepts(v)) {
                    return t.description;
                }
            }
            return v instanceof Double ? "a number" : String.valueOf(v);
        }
    }

    private String metaProblem(String key, MetaType type) {
        Object v = metadata.get(key);
        if (v == null) {
            return "model '" + modelType + "' has no metadata '" + key + "' (it has " + metadata.keySet() + ")";
        }
        if (!type.accepts(v)) {
            return "metadata '" + key + "' is " + MetaType.describe(v) + ", expected " + type.description;
        }
        return null;
    }

    private Object meta(String key, MetaType type) {
        String problem = metaProblem(key, type);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return metadata.get(key);
    }

    private Object requireMeta(String key, MetaType type) throws ModelFormatException {
        String problem = metaProblem(key, type);
        if (problem != null) {
            throw new ModelFormatException(source, problem);
        }
        return metadata.get(key);
    }

    private String arrayProblem(String name, DataType type) {
        ArrayEntry e = arrays.get(name);
        if (e == null) {
            return "model '" + modelType + "' has no array '" + name + "' (it has " + arrays.keySet() + ")";
        }
        if (type != null && e.type != type) {
            return "array '" + name + "' is " + e.type.jsonName() + ", expected " + type.jsonName();
        }
        return null;
    }

    private ArrayEntry entry(String name) {
        return typed(name, null);
    }

    private ArrayEntry typed(String name, DataType type) {
        String problem = arrayProblem(name, type);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return arrays.get(name);
    }

    private ArrayEntry requireTyped(String name, DataType type) throws ModelFormatException {
        String problem = arrayProblem(name, type);
        if (problem != null) {
            throw new ModelFormatException(source, problem);
        }
        return arrays.get(name);
    }

    /**
     * Collects a model's type, metadata (insertion ordered) and arrays (file order). Every method rejects
     * bad input at once with an {@link IllegalArgumentException} naming the key: null or empty names,
     * duplicate keys or array names, non-finite doubles (JSON cannot hold them), shapes that do not match
     * the data, strings with a newline or an unpaired surrogate. Arrays are copied when added.
     */
    public static final class Builder {

        private final String modelType;
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private final Map<String, PendingArray> arrays = new LinkedHashMap<>();

        private Builder(String modelType) {
            if (modelType == null || modelType.isBlank()) {
                throw new IllegalArgumentException("model type must not be blank");
            }
            checkText(modelType, "model type");
            this.modelType = modelType;
        }

        /** @param key metadata key @param value a string @return this builder */
        public Builder put(String key, String value) {
            if (value == null) {
                throw new IllegalArgumentException("metadata '" + key + "' is null");
            }
            checkText(value, "metadata '" + key + "'");
            return putMeta(key, value);
        }

        /** @param key metadata key @param value an integer @return this builder */
        public Builder put(String key, long value) {
            return putMeta(key, value);
        }

        /** @param key metadata key @param value a finite number @return this builder */
        public Builder put(String key, double value) {
            if (!Double.isFinite(value)) {
                throw new IllegalArgumentException("metadata '" + key + "' is " + value
                        + "; only finite numbers can be stored (JSON has no NaN or infinity)");
            }
            return putMeta(key, value);
        }

        /** @param key metadata key @param value a boolean @return this builder */
        public Builder put(String key, boolean value) {
            return putMeta(key, value);
        }

        /**
         * @param name array name
         * @param values the values, row-major; copied
         * @param shape the dimensions, whose product must equal {@code values.length}; none means
         *     {@code [values.length]}
         * @return this builder
         */
        public Builder array(String name, double[] values, int... shape) {
            if (values == null) {
                throw new IllegalArgumentException("array '" + name + "' is null");
            }
            return addArray(name, DataType.FLOAT64, values.clone(), null, shapeFor(name, values.length, shape));
        }

        /**
         * @param name array name
         * @param values the values, row-major; copied
         * @param shape the dimensions, whose product must equal {@code values.length}; none means
         *     {@code [values.length]}
         * @return this builder
         */
        public Builder array(String name, int[] values, int... shape) {
            if (values == null) {
                throw new IllegalArgumentException("array '" + name + "' is null");
            }
            return addArray(name, DataType.INT32, values.clone(), null, shapeFor(name, values.length, shape));
        }

        /**
         * @param name array name
         * @param values the strings (e.g. user or item ids); none may be null or contain {@code '\n'}
         * @return this builder
         */
        public Builder strings(String name, List<String> values) {
            if (values == null) {
                throw new IllegalArgumentException("array '" + name + "' is null");
            }
            checkName(name, "array");
            byte[] bytes = Utf8Lines.encode(name, values);
            return addArray(name, DataType.UTF8_LINES, bytes, List.copyOf(values), new int[] {values.size()});
        }

        /** @return the model file, with payload offsets and checksums computed */
        public ModelFile build() {
            List<ArrayEntry> entries = new ArrayList<>();
            long largest = 0;
            for (PendingArray p : arrays.values()) {
                largest = Math.max(largest, byteLength(p.type, p.data));
            }
            ByteBuffer chunk = Payloads.chunk(largest);
            long offset = 0;
            for (Map.Entry<String, PendingArray> e : arrays.entrySet()) {
                PendingArray p = e.getValue();
                long length = byteLength(p.type, p.data);
                entries.add(new ArrayEntry(e.getKey(), p.type, p.shape, p.data, p.strings, offset, length,
                        Payloads.crc32(p.data, chunk)));
                offset += length;
            }
            return new ModelFile(null, modelType, VERSION, CREATED_BY, metadata, entries);
        }

        private static long byteLength(DataType type, Object data) {
            return switch (type) {
                case FLOAT64 -> (long) ((double[]) data).length * Double.BYTES;
                case INT32 -> (long) ((int[]) data).length * Integer.BYTES;
                case UTF8_LINES -> ((byte[]) data).length;
            };
        }

        private Builder putMeta(String key, Object value) {
            checkName(key, "metadata");
            if (metadata.containsKey(key)) {
                throw new IllegalArgumentException("metadata '" + key + "' is already set");
            }
            metadata.put(key, value);
            return this;
        }

        private Builder addArray(String name, DataType type, Object data, List<String> strings, int[] shape) {
            checkName(name, "array");
            if (arrays.containsKey(name)) {
                throw new IllegalArgumentException("array '" + name + "' is already added");
            }
            arrays.put(name, new PendingArray(type, data, strings, shape));
            return this;
        }

        private static int[] shapeFor(String name, int length, int[] shape) {
            if (shape == null || shape.length == 0) {
                return new int[] {length};
            }
            long product = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("array '" + name + "' has a negative dimension in its shape");
                }
                product = Math.min(product * d, Integer.MAX_VALUE + 1L); // capped: stays exact up to int range
            }
            if (product != length) {
                throw new IllegalArgumentException("array '" + name + "' has " + length + " values but shape "
                        + Arrays.toString(shape) + " needs " + (product > Integer.MAX_VALUE ? "more" : product));
            }
            return shape.clone();
        }

        private static void checkName(String name, String what) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException(what + " name must not be null or empty");
            }
            checkText(name, what + " name '" + name + "'");
        }

        private static void checkText(String s, String what) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    throw new IllegalArgumentException(what + " contains an unpaired surrogate (not valid UTF-8)");
                }
            }
        }

        /** An array added to the builder, before its offset and checksum are known. */
        private record PendingArray(DataType type, Object data, List<String> strings, int[] shape) {
        }
    }
}
