package dev.vidgen.serve.history;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps inline {@code data:} URLs out of the history at full length: a long one is written as its
 * media type, its length and a digest, so that an entry stays small and the same input still
 * reads the same (which the repeat check compares).
 */
final class InlineData {
  /** A {@code data:} URL up to this many characters is kept as it is. */
  static final int KEPT_WHOLE = 256;

  private InlineData() {}

  /** {@code value} with each long {@code data:} URL in it (in strings, lists and maps) shortened. */
  static Object shortened(Object value) {
    if (value instanceof String text) {
      return shortened(text);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(InlineData::shortened).toList();
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(key, shortened(item)));
      return copy;
    }
    return value;
  }

  /**
   * {@code data:image/png;base64,elided-N-chars-sha256-0123456789abcdef} for a long data URL, else
   * the text: still a URL a job can be read back with, and the same for the same input.
   */
  static String shortened(String text) {
    if (text == null || text.length() <= KEPT_WHOLE || !text.regionMatches(true, 0, "data:", 0, 5)) {
      return text;
    }
    int comma = text.indexOf(',');
    String head = comma < 0 || comma > 100 ? "data:," : text.substring(0, comma + 1);
    return head + "elided-" + text.length() + "-chars-sha256-" + digest(text).substring(0, 16);
  }

  /** Whether {@code value} (a string, or lists and maps of them) holds a data: URL this class shortened. */
  static boolean holdsShortened(Object value) {
    if (value instanceof String text) {
      return SHORTENED.matcher(text).matches();
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(InlineData::holdsShortened);
    }
    if (value instanceof Map<?, ?> map) {
      return map.values().stream().anyMatch(InlineData::holdsShortened);
    }
    return false;
  }

  private static final java.util.regex.Pattern SHORTENED =
      java.util.regex.Pattern.compile("(?i)data:[^,]{0,100},elided-\\d+-chars-sha256-[0-9a-f]{16}");

  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java", e);
    }
  }
}
