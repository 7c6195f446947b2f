package dev.vidgen.serve;

/**
 * A request body as the page shows it: every control character and every invisible formatting character (direction
 * marks, overrides and isolates, the zero-width space) written as a JSON escape ({@code \u202e}), so that the preview
 * reads as what is sent and never otherwise. The escapes stand inside the body's strings, where JSON reads them back
 * as the same characters; line breaks and tabs between its tokens stay.
 */
final class VisibleJson {
  private VisibleJson() {}

  /** {@code body} with its hidden characters escaped; null stays null. */
  static String of(String body) {
    if (body == null) {
      return null;
    }
    StringBuilder shown = new StringBuilder(body.length() + 16);
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (hidden(c)) {
        shown.append(String.format("\\u%04x", (int) c));
      } else {
        shown.append(c);
      }
    }
    return shown.toString();
  }

  /**
   * As the command line's printed commands escape: C0 controls (but the line breaks and tabs JSON writes between its
   * tokens), DEL, C1 controls, the line and paragraph separators, and the formatting characters but the joiners that
   * scripts and emoji are spelled with.
   */
  private static boolean hidden(char c) {
    return c < 0x20 && c != '\n' && c != '\r' && c != '\t'
        || c >= 0x7f && c <= 0x9f || c == '\u2028' || c == '\u2029'
        || c >= 0xad && c != '\u200c' && c != '\u200d' && Character.getType(c) == Character.FORMAT;
  }
}
