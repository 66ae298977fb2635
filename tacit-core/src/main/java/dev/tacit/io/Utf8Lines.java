package dev.tacit.io;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link DataType#UTF8_LINES} encoding: strings joined by {@code '\n'} with no trailing newline,
 * encoded as strict UTF-8. The count comes from the shape, so {@code []} and {@code [""]} (both zero bytes)
 * stay distinct.
 */
final class Utf8Lines {

    private Utf8Lines() {
    }

    /**
     * @param name the array name, for messages
     * @param values the strings; none may be null or contain {@code '\n'} or an unpaired surrogate
     * @return the encoded bytes
     * @throws IllegalArgumentException naming the array and the offending string
     */
    static byte[] encode(String name, List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            String s = values.get(i);
            if (s == null) {
                throw new IllegalArgumentException("string " + i + " of array '" + name + "' is null");
            }
            if (s.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("string " + i + " of array '" + name
                        + "' contains a newline, which the utf8-lines format cannot store: \""
                        + s.replace("\n", "\\n") + "\"");
            }
            if (i > 0) {
                sb.append('\n');
            }
            sb.append(s);
        }
        try {
            ByteBuffer bb = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(sb));
            byte[] out = new byte[bb.remaining()];
            bb.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("array '" + name + "' holds a string with an unpaired surrogate");
        }
    }

    /**
     * @param bytes the payload
     * @param count the number of strings the shape declares
     * @return the strings, unmodifiable
     * @throws IllegalArgumentException (message without the array name) if the bytes are not strict UTF-8
     *     or hold a different number of strings
     */
    static List<String> decode(byte[] bytes, int count) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("is not valid UTF-8");
        }
        List<String> out = new ArrayList<>(count);
        if (count > 0) {
            int from = 0;
            while (true) {
                int nl = text.indexOf('\n', from);
                if (nl < 0) {
                    out.add(text.substring(from));
                    break;
                }
                out.add(text.substring(from, nl));
                from = nl + 1;
            }
        }
        if (out.size() != count || (count == 0 && bytes.length != 0)) {
            throw new IllegalArgumentException("holds " + (count == 0 && bytes.length != 0 ? "data" : out.size()
                    + " strings") + " but its shape says " + count);
        }
        return List.copyOf(out);
    }
}
