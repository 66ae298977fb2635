package dev.tacit.experiments.report;

/**
 * Lexical pretty-printer for compact JSON: breaks lines after <code>{ [ ,</code> and indents
 * by nesting depth, leaving string contents alone. It never fails; text that is not JSON only
 * gets odd line breaks, and only text that looks like single-line JSON is touched at all.
 */
final class JsonIndent {

  private static final String INDENT = "  ";

  private JsonIndent() {}

  /**
   * Returns {@code text} indented if it is a single line starting with <code>{</code> or
   * <code>[</code>, otherwise {@code text} unchanged.
   */
  static String prettyIfCompact(String text) {
    String t = text.strip();
    if (t.isEmpty() || t.indexOf('\n') >= 0 || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
      return text;
    }
    return indent(t);
  }

  static String indent(String json) {
    StringBuilder sb = new StringBuilder(json.length() * 2);
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        sb.append(c);
        if (c == '\\' && i + 1 < json.length()) {
          sb.append(json.charAt(++i));
        } else if (c == '"') {
          inString = false;
        }
        continue;
      }
      switch (c) {
        case '"' -> {
          inString = true;
          sb.append(c);
        }
        case '{', '[' -> {
          char close = c == '{' ? '}' : ']';
          int next = nextNonSpace(json, i + 1);
          if (next < json.length() && json.charAt(next) == close) {
            sb.append(c).append(close); // keep {} and [] on one line
            i = next;
          } else {
            depth++;
            sb.append(c);
            newline(sb, depth);
          }
        }
        case '}', ']' -> {
          depth = Math.max(0, depth - 1);
          newline(sb, depth);
          sb.append(c);
        }
        case ',' -> {
          sb.append(c);
          newline(sb, depth);
        }
        case ':' -> sb.append(": ");
        case ' ', '\t', '\r', '\n' -> {
          // drop insignificant whitespace; layout is ours
        }
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static int nextNonSpace(String s, int from) {
    int i = from;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static void newline(StringBuilder sb, int depth) {
    sb.append('\n');
    sb.append(INDENT.repeat(depth));
  }
}
