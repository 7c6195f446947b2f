package dev.vidgen.core.port;

import dev.vidgen.core.text.KeyMask;
import java.util.Objects;

/**
 * A provider API key. It never appears in {@code toString}, logs or exceptions; only {@link
 * #reveal()} gives it, for the one header that needs it.
 */
public final class ApiKey {
  private final String value;
  private final KeyMask mask;
  /** The key's secret part without {@code sk-}, as a server may echo it or encode it alone; null for a short key. */
  private final KeyMask partMask;
  /** What {@link #holds} looks for in any case: the secret part when the key has one, else the whole key. */
  private final String core;

  private ApiKey(String value) {
    this.value = value;
    this.mask = KeyMask.of(value, masked());
    String part = dev.vidgen.core.text.SafeText.secretPart(value);
    this.partMask = part == null ? null : KeyMask.of(part, "…");
    this.core = part != null ? part : value;
  }

  /** Wraps a key; surrounding white space is dropped. */
  public static ApiKey of(String value) {
    Objects.requireNonNull(value, "value == null");
    String trimmed = value.strip();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("API key is blank");
    }
    return new ApiKey(trimmed);
  }

  /** The key itself; call only to put it in an {@code Authorization} header. */
  public String reveal() {
    return value;
  }

  /** The key as people may see it: {@code sk-…} with everything after the prefix hidden. */
  public String masked() {
    int dash = value.indexOf('-');
    String prefix = dash > 0 && dash <= 4 ? value.substring(0, dash + 1) : "";
    return prefix + "…";
  }

  /**
   * {@code text} with this key shown {@link #masked()} wherever it stands (a key too short to be a real one, under
   * {@value KeyMask#SHORTEST_INSIDE_WORDS} characters, only where it stands as a whole word), in clear or encoded
   * (percent-encoded once or twice, JSON-escaped, as Base64 anywhere, inside a {@code Basic} value's Base64;
   * see {@link KeyMask}), and its secret part without {@code sk-} shown as {@code …} in the same forms; null
   * stays null.
   */
  public String maskIn(String text) {
    String masked = mask.apply(text);
    return partMask == null ? masked : partMask.apply(masked);
  }

  /**
   * Whether {@code text} holds this key, or its secret part without {@code sk-}, where {@link #maskIn} masks it: in
   * any case (a host name is lowercased on its way, and keys hold capitals), in any form {@link #maskIn} finds, and
   * percent-encoded up to four times (as a link may carry it). False for null.
   */
  public boolean isIn(String text) {
    return isIn(text, null);
  }

  /**
   * {@link #isIn(String)} for a caller that has just computed {@code maskIn(text)} (passed as {@code masked}, or
   * null): the first round does not run the masks over the same text again.
   */
  boolean isIn(String text, String masked) {
    if (text == null) {
      return false;
    }
    String seen = text;
    String seenMasked = masked;
    for (int round = 0; round < MAX_DECODINGS; round++) {
      if (holds(seen, seenMasked)) {
        return true;
      }
      String decoded = percentDecoded(seen);
      if (decoded.equals(seen)) {
        return false;
      }
      seen = decoded;
      seenMasked = null;
    }
    return holds(seen, null);
  }

  /** How many times text is percent-decoded while looking for the key in it. */
  private static final int MAX_DECODINGS = 4;

  /** Whether {@code text} holds the key; {@code masked} is {@code maskIn(text)} when the caller has it, else null. */
  private boolean holds(String text, String masked) {
    if (KeyMask.isShort(value)) {
      return mask.shows(text); // a stand-in too short to be a real key counts only as a whole word, as it is masked
    }
    return containsIgnoringCase(text, core) || !(masked != null ? masked : maskIn(text)).equals(text);
  }

  /** Whether {@code text} holds {@code needle} in any case, character by character, without copying either. */
  private static boolean containsIgnoringCase(String text, String needle) {
    for (int at = 0; at + needle.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, needle, 0, needle.length())) {
        return true;
      }
    }
    return false;
  }

  /** {@code text} with each well-formed {@code %XX} decoded (as UTF-8 bytes); anything else, a stray {@code %} too, kept. */
  private static String percentDecoded(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int high = i + 2 < text.length() && c == '%' ? Character.digit(text.charAt(i + 1), 16) : -1;
      int low = high >= 0 ? Character.digit(text.charAt(i + 2), 16) : -1;
      if (low >= 0) {
        bytes.write(high * 16 + low);
        i += 2;
      } else {
        byte[] plain = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        bytes.write(plain, 0, plain.length);
      }
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  /**
   * A short tag that tells this key from another without giving anything of it away: eight hex digits of
   * a SHA-256 over the key. The task history keeps it beside each task, so that a task made with another
   * key (which the provider may not show to this one) is named as such.
   */
  public String tag() {
    return dev.vidgen.core.text.SafeText.shortHash("vidgen key tag\n" + value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiKey key && key.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "ApiKey[" + masked() + "]";
  }
}
