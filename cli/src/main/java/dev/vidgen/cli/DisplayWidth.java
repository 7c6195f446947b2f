package dev.vidgen.cli;

/**
 * How many terminal columns a text takes: East Asian wide and fullwidth letters and emoji take
 * two, combining marks, joiners and variation selectors none, and an emoji joined to the one
 * before it by a zero-width joiner adds nothing (a family is drawn as one). Terminals differ at
 * the edges; this is the common reading, so tables of Chinese or Japanese names line up.
 */
final class DisplayWidth {
  private static final int ZERO_WIDTH_JOINER = 0x200D;

  private DisplayWidth() {}

  static int of(String text) {
    int width = 0;
    boolean joined = false;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      i += Character.charCount(codePoint);
      if (codePoint == ZERO_WIDTH_JOINER) {
        joined = true;
        continue;
      }
      int columns = columns(codePoint);
      if (!(joined && columns > 0 && isEmoji(codePoint))) {
        width += columns;
      }
      if (columns > 0) {
        joined = false;
      }
    }
    return width;
  }

  private static int columns(int codePoint) {
    int type = Character.getType(codePoint);
    if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
        || type == Character.CONTROL || isVariationSelector(codePoint)
        || (codePoint >= 0x1F3FB && codePoint <= 0x1F3FF) // skin tones: part of the emoji before them
        || (codePoint >= 0x1160 && codePoint <= 0x11FF)) { // Hangul medial vowels and final consonants
      return 0;
    }
    return isWide(codePoint) || isEmoji(codePoint) ? 2 : 1;
  }

  private static boolean isVariationSelector(int codePoint) {
    return (codePoint >= 0xFE00 && codePoint <= 0xFE0F) || (codePoint >= 0xE0100 && codePoint <= 0xE01EF);
  }

  /** East Asian Wide and Fullwidth: Hangul, CJK, kana, Yi, compatibility ideographs, fullwidth forms. */
  private static boolean isWide(int c) {
    return (c >= 0x1100 && c <= 0x115F)
        || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F)
        || (c >= 0xA960 && c <= 0xA97F)
        || (c >= 0xAC00 && c <= 0xD7A3)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0xFE10 && c <= 0xFE19)
        || (c >= 0xFE30 && c <= 0xFE6F)
        || (c >= 0xFF00 && c <= 0xFF60)
        || (c >= 0xFFE0 && c <= 0xFFE6)
        || (c >= 0x1B000 && c <= 0x1B2FF)
        || (c >= 0x20000 && c <= 0x3FFFD);
  }

  /** Emoji drawn two columns wide: the pictographs, emoticons, transport and supplemental symbols (a flag's two letters take one each). */
  private static boolean isEmoji(int c) {
    return (c >= 0x1F300 && c <= 0x1F64F)
        || (c >= 0x1F680 && c <= 0x1F6FF)
        || (c >= 0x1F900 && c <= 0x1F9FF)
        || (c >= 0x1FA70 && c <= 0x1FAFF);
  }
}
