package dev.tacit.io;

/**
 * The element type of an array stored in a {@link ModelFile}, with its name in the JSON header
 * ({@code dtype}).
 */
public enum DataType {
    /** IEEE 754 binary64, little-endian, 8 bytes per element. */
    FLOAT64("float64", Double.BYTES),
    /** Two's-complement 32-bit integer, little-endian, 4 bytes per element. */
    INT32("int32", Integer.BYTES),
    /** UTF-8 text: the strings joined by {@code '\n'}, no trailing newline; the shape is {@code [count]}. */
    UTF8_LINES("utf8-lines", 1);

    private final String jsonName;
    private final int elementBytes;

    DataType(String jsonName, int elementBytes) {
        this.jsonName = jsonName;
        this.elementBytes = elementBytes;
    }

    /** @return the {@code dtype} string written in the header */
    public String jsonName() {
        return jsonName;
    }

    /** @return bytes per element for the numeric types, 1 for {@link #UTF8_LINES} (a byte count) */
    public int elementBytes() {
        return elementBytes;
    }

    /**
     * @param name a {@code dtype} string from a header
     * @return the matching type, or {@code null} if the name is unknown
     */
    static DataType fromJsonName(String name) {
        for (DataType t : values()) {
            if (t.jsonName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
