package dev.tacit.io;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON parser (RFC 8259) over UTF-8 bytes, enough for model headers: objects become
 * insertion-ordered {@code Map<String, Object>} (duplicate keys rejected), arrays {@code List<Object>},
 * strings {@code String} (all escapes, surrogate pairs checked, malformed UTF-8 rejected), integers without
 * fraction or exponent that fit a {@code long} become {@code Long}, other numbers {@code Double}, and
 * {@code true}/{@code false}/{@code null} become {@code Boolean}/{@code null}. Nesting is limited to
 * {@value #MAX_DEPTH} levels so hostile input cannot overflow the stack.
 */
final class JsonParser {

    /** Deepest nesting of objects and arrays accepted. */
    static final int MAX_DEPTH = 64;

    private final byte[] in;
    private int pos;
    private int depth;

    private JsonParser(byte[] in) {
        this.in = in;
    }

    /**
     * @param utf8 the whole document; whitespace may surround the single top-level value
     * @return the parsed value
     * @throws JsonSyntaxException at the first byte that breaks the grammar
     */
    static Object parse(byte[] utf8) throws JsonSyntaxException {
        JsonParser p = new JsonParser(utf8);
        p.skipWhitespace();
        Object value = p.value();
        p.skipWhitespace();
        if (p.pos != utf8.length) {
            throw p.error("unexpected data after the end of the JSON value");
        }
        return value;
    }

    private JsonSyntaxException error(String reason) {
        return new JsonSyntaxException(pos, reason);
    }

    private void skipWhitespace() {
        while (pos < in.length) {
            byte c = in[pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                pos++;
            } else {
                return;
            }
        }
    }

    private int peek() throws JsonSyntaxException {
        if (pos >= in.length) {
            throw error("unexpected end of header");
        }
        return in[pos] & 0xFF;
    }

    private Object value() throws JsonSyntaxException {
        int c = peek();
        switch (c) {
            case '{':
                return object();
            case '[':
                return array();
            case '"':
                return string();
            case 't':
                literal("true");
                return Boolean.TRUE;
            case 'f':
                literal("false");
                return Boolean.FALSE;
            case 'n':
                literal("null");
                return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character '" + printable(c) + "'");
        }
    }

    private static String printable(int c) {
        return c >= 0x20 && c < 0x7F ? String.valueOf((char) c) : String.format("\\x%02x", c);
    }

    private void literal(String word) throws JsonSyntaxException {
        for (int i = 0; i < word.length(); i++) {
            if (pos >= in.length || in[pos] != word.charAt(i)) {
                throw error("expected '" + word + "'");
            }
            pos++;
        }
    }

    private void enter() throws JsonSyntaxException {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels");
        }
    }

    private Map<String, Object> object() throws JsonSyntaxException {
        enter();
        pos++; // '{'
        Map<String, Object> out = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a string key");
            }
            int keyAt = pos;
            String key = string();
            if (out.containsKey(key)) {
                throw new JsonSyntaxException(keyAt, "duplicate key \"" + key + "\"");
            }
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            skipWhitespace();
            out.put(key, value());
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == '}') {
                depth--;
                return out;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or '}'");
            }
        }
    }

    private List<Object> array() throws JsonSyntaxException {
        enter();
        pos++; // '['
        List<Object> out = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return out;
        }
        while (true) {
            skipWhitespace();
            out.add(value());
            skipWhitespace();
            int c = peek();
            pos++;
            if (c == ']') {
                depth--;
                return out;
            }
            if (c != ',') {
                pos--;
                throw error("expected ',' or ']'");
            }
        }
    }

    private String string() throws JsonSyntaxException {
        int start = pos;
        pos++; // opening quote
        StringBuilder sb = new StringBuilder();
        int run = pos;
        while (true) {
            int c = peek();
            if (c == '"') {
                appendUtf8(sb, run, pos);
                pos++;
                break;
            }
            if (c < 0x20) {
                throw error("control character in string");
            }
            if (c == '\\') {
                appendUtf8(sb, run, pos);
                pos++;
                escape(sb);
                run = pos;
            } else {
                pos++;
            }
        }
        checkSurrogates(sb, start);
        return sb.toString();
    }

    private void escape(StringBuilder sb) throws JsonSyntaxException {
        int c = peek();
        pos++;
        switch (c) {
            case '"' -> sb.append('"');
            case '\\' -> sb.append('\\');
            case '/' -> sb.append('/');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'n' -> sb.append('\n');
            case 'r' -> sb.append('\r');
            case 't' -> sb.append('\t');
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(peek(), 16);
                    if (d < 0) {
                        throw error("bad \\u escape");
                    }
                    v = v * 16 + d;
                    pos++;
                }
                sb.append((char) v);
            }
            default -> {
                pos--;
                throw error("bad escape '\\" + printable(c) + "'");
            }
        }
    }

    private void appendUtf8(StringBuilder sb, int from, int to) throws JsonSyntaxException {
        if (from == to) {
            return;
        }
        boolean ascii = true;
        for (int i = from; i < to && ascii; i++) {
            ascii = in[i] >= 0;
        }
        if (ascii) {
            for (int i = from; i < to; i++) {
                sb.append((char) in[i]);
            }
            return;
        }
        try {
            sb.append(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(in, from, to - from)));
        } catch (CharacterCodingException e) {
            throw new JsonSyntaxException(from, "malformed UTF-8 in string");
        }
    }

    private static void checkSurrogates(CharSequence s, int at) throws JsonSyntaxException {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new JsonSyntaxException(at, "unpaired surrogate in string");
            }
        }
    }

    private Object number() throws JsonSyntaxException {
        int start = pos;
        if (in[pos] == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (digitAt(pos)) {
            digits();
        } else {
            throw error("expected a digit");
        }
        boolean integral = true;
        if (pos < in.length && in[pos] == '.') {
            integral = false;
            pos++;
            if (!digitAt(pos)) {
                throw error("expected a digit after '.'");
            }
            digits();
        }
        if (pos < in.length && (in[pos] == 'e' || in[pos] == 'E')) {
            integral = false;
            pos++;
            if (pos < in.length && (in[pos] == '+' || in[pos] == '-')) {
                pos++;
            }
            if (!digitAt(pos)) {
                throw error("expected a digit in the exponent");
            }
            digits();
        }
        String text = new String(in, start, pos - start, StandardCharsets.US_ASCII);
        if (integral) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                return Double.parseDouble(text);
            }
        }
        return Double.parseDouble(text);
    }

    private boolean digitAt(int i) {
        return i < in.length && in[i] >= '0' && in[i] <= '9';
    }

    private void digits() {
        while (digitAt(pos)) {
            pos++;
        }
    }
}
