package dev.tacit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonParserTest {

    private static Object parse(String s) throws JsonSyntaxException {
        return JsonParser.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    private static int errorOffset(String s) {
        return assertThrows(JsonSyntaxException.class, () -> parse(s), s).offset();
    }

    @Test
    void parsesTheSubsetWithTypedNumbers() throws Exception {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("s", "a\"b\\c/d\b\f\n\r\té😀");
        expected.put("i", -42L);
        expected.put("zero", 0L);
        expected.put("d", 1.5);
        expected.put("e", 1000.0);
        expected.put("big", 1.2345678901234567e19);
        expected.put("t", true);
        expected.put("f", false);
        expected.put("n", null);
        expected.put("list", Arrays.asList(1L, "x", List.of(), Map.of()));
        assertEquals(expected, parse(" {\"s\": \"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\", \"i\": -42, "
                + "\"zero\": -0, \"d\": 1.5, \"e\": 1e3, \"big\": 12345678901234567890, \"t\": true, \"f\": false, "
                + "\"n\": null,\n\"list\": [1, \"x\", [], {}]}\n "));
        assertEquals("é", parse("\"é\""), "raw UTF-8 in strings");
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(((Map<?, ?>) parse(writeJson(expected))).keySet()),
                "key order is kept");
    }

    @Test
    void rejectsWhatJsonForbidsAtTheRightOffset() {
        assertEquals(7, errorOffset("{\"a\": 01}"));
        assertEquals(8, errorOffset("{\"a\": 1,}"));
        assertEquals(1, errorOffset("[,1]"));
        assertEquals(3, errorOffset("[1 2]"));
        assertEquals(9, errorOffset("{\"a\": 1} x"));
        assertEquals(9, errorOffset("{\"a\": 1, \"a\": 2}"));
        assertEquals(2, errorOffset("\"a\u0001\""));
        assertEquals(3, errorOffset("\"ab"));
        assertEquals(1, errorOffset("[NaN]"));
        assertEquals(2, errorOffset("[-]"));
        assertEquals(3, errorOffset("[1.]"));
        assertEquals(3, errorOffset("[1e]"));
        assertEquals(4, errorOffset("[tru]"));
        assertEquals(2, errorOffset("\"\\x\""));
        assertEquals(0, errorOffset("\"\\ud800\""));
        assertEquals(0, errorOffset(""));
        assertEquals(0, errorOffset("'a'"));
        assertEquals(1, assertThrows(JsonSyntaxException.class,
                () -> JsonParser.parse(new byte[] {'"', (byte) 0xC3, '"'})).offset(), "truncated UTF-8 sequence");
        assertEquals(JsonParser.MAX_DEPTH, errorOffset("[".repeat(1000)));
    }

    @Test
    void writerOutputParsesBackToTheSameValue() throws Exception {
        Random r = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 20; i++) {
                sb.append((char) (r.nextBoolean() ? r.nextInt(0x80) : r.nextInt(0xD000)));
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(sb.toString(), sb.reverse().toString());
            m.put("long", r.nextLong());
            m.put("double", Double.longBitsToDouble(r.nextLong() & 0x7FEFFFFFFFFFFFFFL));
            List<Object> l = new ArrayList<>();
            l.add(r.nextBoolean());
            l.add(null);
            m.put("list", l);
            assertEquals(m, parse(writeJson(m)));
        }
    }

    private static String writeJson(Object v) {
        StringBuilder sb = new StringBuilder();
        JsonWriter.write(sb, v);
        return sb.toString();
    }
}
