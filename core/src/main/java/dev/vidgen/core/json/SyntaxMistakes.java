package dev.vidgen.core.json;

/**
 * A JSON syntax error in the words of the person who wrote the text, when the characters where reading stopped
 * tell the mistake for sure (a missing comma, a comma before {@code ]} or {@code }}, single quotes, a comment);
 * otherwise Moshi's words, which never guess.
 */
final class SyntaxMistakes {
  private SyntaxMistakes() {}

  /**
   * The message for {@code said} (Moshi's words, with its path), where reading of {@code text} stopped at the
   * character {@code at}: what is wrong and what JSON allows, then the line and column.
   */
  static String describe(String text, int at, String said) {
    String where = JsonTrees.position(text, at) + ", where reading stopped";
    char stoppedAt = at < text.length() ? text.charAt(at) : 0;
    int before = lastNonWhiteSpaceBefore(text, at);
    char previous = before >= 0 ? text.charAt(before) : 0;
    if (text.startsWith("//", at) || text.startsWith("/*", at)) {
      return "JSON has no comments: take out the " + (text.startsWith("//", at) ? "// comment" : "/* … */ comment")
          + " (near " + where + ")";
    }
    if (said.startsWith("malformed JSON") && (stoppedAt == '\'' || (at > 0 && text.charAt(at - 1) == '\''))) {
      return "JSON takes double quotes only: write \"…\" in place of '…' (near " + where + ")";
    }
    if ((stoppedAt == ']' || stoppedAt == '}') && previous == ','
        && (said.startsWith("malformed JSON") || said.startsWith("Expected name"))) {
      return "a comma before " + stoppedAt + " is not allowed in JSON: take out the comma at "
          + JsonTrees.position(text, before) + " (near " + where + ")";
    }
    boolean object = said.startsWith("Unterminated object");
    if ((object || said.startsWith("Unterminated array")) && endsAValue(previous) && !Character.isWhitespace(stoppedAt)) {
      String after = valueBefore(said, object);
      return "a comma or a closing " + (object ? '}' : ']') + " is missing" + (after.isEmpty() ? "" : " after " + after)
          + " (before " + where + ")";
    }
    return said + " (near " + where + ")";
  }

  private static int lastNonWhiteSpaceBefore(String text, int at) {
    int i = Math.min(at, text.length()) - 1;
    while (i >= 0 && Character.isWhitespace(text.charAt(i))) {
      i--;
    }
    return i;
  }

  /** Whether {@code c} can be the last character of a JSON value: a string's quote, a closer, a digit or true/false/null's. */
  private static boolean endsAValue(char c) {
    return c == '"' || c == '}' || c == ']' || (c >= '0' && c <= '9') || c == 'e' || c == 'l';
  }

  /**
   * The path of the value read last, from Moshi's {@code … at path P}: in an object P names it; in an array P
   * names the item that was to come next, so the one before it is meant. Empty when the path does not say.
   */
  private static String valueBefore(String said, boolean object) {
    int at = said.indexOf(" at path ");
    if (at < 0) {
      return "";
    }
    String path = said.substring(at + " at path ".length()).strip();
    if (object) {
      return path.endsWith(".") ? "" : "the value at " + path;
    }
    int open = path.lastIndexOf('[');
    if (open < 0 || !path.endsWith("]")) {
      return "";
    }
    try {
      int next = Integer.parseInt(path.substring(open + 1, path.length() - 1));
      return next < 1 ? "" : "the item at " + path.substring(0, open) + "[" + (next - 1) + "]";
    } catch (NumberFormatException e) {
      return "";
    }
  }
}
