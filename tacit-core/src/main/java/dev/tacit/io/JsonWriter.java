package dev.tacit.io;

import java.util.List;
import java.util.Map;

/**
 * Writes the JSON values {@link JsonParser} reads back: {@code String}, {@code Long}/{@code Integer},
 * finite {@code Double}, {@code Boolean}, {@code null}, {@code Map<String, ?>} and {@code List<?>}, compactly
 * except for the single space after {@code ':'} and {@code ','}. Doubles use {@link Double#toString}, which
 * parses back to the same bits and always carries a {@code '.'} or exponent, so a double never reads back
 * as an integer.
 */
final class JsonWriter {

    private JsonWriter() {
    }

    /** @param out destination @param value the value to append as JSON */
    static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Long || value instanceof Integer) {
            out.append(value);
        } else if (value instanceof Double d) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException("JSON cannot hold the non-finite number " + d);
            }
            out.append(d.doubleValue());
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof Map<?, ?> m) {
            out.append('{');
            String sep = "";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.append(sep);
                quote(out, (String) e.getKey());
                out.append(": ");
                write(out, e.getValue());
                sep = ", ";
            }
            out.append('}');
        } else if (value instanceof List<?> l) {
            out.append('[');
            String sep = "";
            for (Object o : l) {
                out.append(sep);
                write(out, o);
                sep = ", ";
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("no JSON form for " + value.getClass().getName());
        }
    }

    /** @param out destination @param s the string to append quoted, with {@code "}, {@code \} and controls escaped */
    static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
