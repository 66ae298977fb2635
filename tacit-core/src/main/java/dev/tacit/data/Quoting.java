package dev.tacit.data;

/** How input text is shown inside one-line error messages about data files. */
public final class Quoting {

    /** Longest excerpt shown; longer text ends in "...". */
    public static final int MAX_CHARS = 60;

    private Quoting() {
    }

    /**
     * @param text a cell or line from an input file
     * @return it in single quotes, tabs as \t, other control characters as \\uXXXX, cut at
     *     {@value #MAX_CHARS} characters
     */
    public static String quote(CharSequence text) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(text.length(), MAX_CHARS);
        for (int k = 0; k < n; k++) {
            char c = text.charAt(k);
            if (c == '\t') {
                b.append("\\t");
            } else if (c < ' ' || c == '\u007f') {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        if (text.length() > n) {
            b.append("...");
        }
        return b.append('\'').toString();
    }
}
