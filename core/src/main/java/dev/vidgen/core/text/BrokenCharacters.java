package dev.vidgen.core.text;

import java.util.Optional;

/**
 * Text holding half of a character outside the basic plane (an unpaired UTF-16 surrogate, as cutting text by
 * UTF-16 index leaves), which UTF-8 cannot carry: an encoder would send {@code ?} in its place. The one rule
 * vidgen's validation and its providers' request bodies refuse it by.
 */
public final class BrokenCharacters {
  private BrokenCharacters() {}

  /** Where {@code text} holds broken characters: how many, and the first one's position and code. */
  public record Found(int count, int position, char first) {}

  /** The broken characters of {@code text}, positions counted in characters (code points) from 1; empty for none. */
  public static Optional<Found> in(String text) {
    if (text == null) {
      return Optional.empty();
    }
    int count = 0;
    int firstIndex = -1;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++; // a whole pair
      } else if (Character.isSurrogate(c)) {
        count++;
        firstIndex = firstIndex < 0 ? i : firstIndex;
      }
    }
    return count == 0 ? Optional.empty()
        : Optional.of(new Found(count, text.codePointCount(0, firstIndex) + 1, text.charAt(firstIndex)));
  }

  /**
   * The words for {@code found} in {@code what} (such as {@code prompt}), ending in what to do: "prompt: a broken
   * character at position 27 (…): remove it or cut the text elsewhere".
   */
  public static String words(String what, Found found) {
    String which = found.count() == 1 ? "a broken character at position " + found.position()
        : found.count() + " broken characters, the first at position " + found.position();
    return what + ": " + which + " (" + String.format("U+%04X", (int) found.first()) + ", half of an emoji or other"
        + " character outside the basic plane, as cutting text by UTF-16 index leaves), which would be sent as \"?\":"
        + " remove " + (found.count() == 1 ? "it" : "them") + " or cut the text elsewhere";
  }
}
