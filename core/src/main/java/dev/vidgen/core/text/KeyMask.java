package dev.vidgen.core.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks one secret, such as an API key, in text that may show it in clear or encoded: percent-encoded once
 * or twice (either case of hex, {@code +} for a space), JSON-escaped ({@code \/}, {@code \u002F}), any mix of
 * these; as the Base64 of text holding it (such as {@code Bearer <key>}), anywhere (standard or URL-safe, padded or not, for a secret
 * of {@value #BASE64_FROM} bytes or more); or inside a {@code Basic} value whose Base64 decodes to text
 * holding it anywhere ({@code key}, {@code key:}, {@code user:key}). A secret shorter than {@value
 * #SHORTEST_INSIDE_WORDS} characters, too short to be a real key, is masked only where it stands as a whole word
 * (see {@link #isShort}). Thread-safe; null text stays null.
 */
public final class KeyMask {
  /** {@code Basic} and its Base64, which may stand percent-encoded or JSON-escaped itself. */
  private static final Pattern BASIC = Pattern.compile(
      "(?i)(\\bBasic(?:\\s|\\+|%20)+)((?:[A-Za-z0-9+/_-]|\\\\/|%[0-9A-Fa-f]{2})+=*)");

  /**
   * The shortest secret masked wherever it stands, inside other words too. A shorter one (a stand-in such as {@code x}
   * or {@code cat}) is no real key and stands in ordinary words, class names and paths: it is masked only as a whole
   * word, in any case, and its Base64 is not looked for.
   */
  public static final int SHORTEST_INSIDE_WORDS = 8;

  /**
   * Around a short secret: no letter, digit or {@code _}, nor a {@code .} or {@code -} joining it to one
   * ({@code com.example.x.Factory} and {@code x-ray} hold no word {@code x}; {@code key=x.} and {@code "x"} do).
   */
  private static final String NOT_AFTER_WORD = "(?<![\\p{L}\\p{N}_]|[\\p{L}\\p{N}_][.-])";
  private static final String NOT_BEFORE_WORD = "(?![\\p{L}\\p{N}_]|[.-][\\p{L}\\p{N}_])";

  /** The Base64 of a shorter secret is too short to tell from other text: it is not looked for. */
  static final int BASE64_FROM = 6;
  private static final String STANDARD = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

  /** The secret in each of its forms, for a Basic value's credentials. */
  private final Pattern key;
  /** The secret in each of its forms, or its Base64 in each of that one's. */
  private final Pattern keyOrBase64;
  private final String shownAs;
  /** The fewest characters any form of the secret takes: text shorter than that holds it in no form. */
  private final int shortestForm;
  /**
   * The secret as text holding it unencoded must show it, or null when that is not the only way, so that {@link
   * #apply} runs the patterns over all text: a short secret (matched in any case), one with a space ({@code +} too).
   */
  private final String plain;
  /** The fewest characters of a run of Base64 letters that can hold the secret's Base64; 0 with {@link #plain} null. */
  private final int shortestBase64;

  private KeyMask(Pattern key, Pattern keyOrBase64, String shownAs, int shortestForm, String plain,
      int shortestBase64) {
    this.key = key;
    this.keyOrBase64 = keyOrBase64;
    this.shownAs = shownAs;
    this.shortestForm = shortestForm;
    this.plain = plain;
    this.shortestBase64 = shortestBase64;
  }

  /** A mask for {@code secret} (not blank), which it replaces with {@code shownAs} (such as {@code sk-…}). */
  public static KeyMask of(String secret, String shownAs) {
    Objects.requireNonNull(secret, "secret == null");
    Objects.requireNonNull(shownAs, "shownAs == null");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("secret is blank");
    }
    StringBuilder pattern = new StringBuilder();
    secret.codePoints().forEach(codePoint -> pattern.append(anyFormOf(codePoint)));
    if (isShort(secret)) {
      Pattern word = Pattern.compile(NOT_AFTER_WORD + "(?:" + pattern + ")" + NOT_BEFORE_WORD,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      return new KeyMask(word, word, shownAs, secret.codePointCount(0, secret.length()), null, 0);
    }
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String either = bytes.length < BASE64_FROM ? pattern.toString() : pattern + "|" + base64Of(bytes);
    int shortestBase64 = Integer.MAX_VALUE;
    if (bytes.length >= BASE64_FROM) {
      for (int before = 0; before < 3; before++) {
        // The characters base64At matches for this place: the whole encoding less those it leaves out.
        int encoded = ((before + bytes.length) * 8 + 5) / 6;
        shortestBase64 = Math.min(shortestBase64, encoded - (before == 0 ? 0 : before + 1));
      }
    }
    int shortest = Math.min(secret.codePointCount(0, secret.length()), shortestBase64);
    String plain = secret.indexOf(' ') < 0 ? secret : null;
    return new KeyMask(Pattern.compile(pattern.toString()), Pattern.compile(either), shownAs, shortest, plain,
        plain == null ? 0 : shortestBase64);
  }

  /** {@code text} with the secret masked in each form it stands in; a {@code Basic} value holding it is masked whole. */
  public String apply(String text) {
    if (text == null || text.length() < shortestForm || !mayShow(text)) {
      return text;
    }
    return applyPatterns(text);
  }

  /**
   * Whether {@code text} may show the secret, a quick look before the patterns' (which cost far more): each
   * encoded form takes a {@code %} or a {@code \}, each Base64 one (a {@code Basic} value's too) a run of at
   * least {@link #shortestBase64} Base64 letters, and the secret as it is stands in the text as it is.
   */
  private boolean mayShow(String text) {
    if (plain == null || text.indexOf('%') >= 0 || text.indexOf('\\') >= 0 || text.contains(plain)) {
      return true;
    }
    int run = 0;
    for (int i = 0; i < text.length(); i++) {
      run = isBase64Letter(text.charAt(i)) ? run + 1 : 0;
      if (run >= shortestBase64) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBase64Letter(char c) {
    return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' || c == '-'
        || c == '_';
  }

  /** {@link #apply} by the patterns alone, without the quick look first. */
  String applyPatterns(String text) {
    if (text == null || text.length() < shortestForm) {
      return text;
    }
    Matcher basic = BASIC.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (basic.find()) {
      String credentials = decoded(basic.group(2));
      String kept = credentials != null && key.matcher(credentials).find() ? basic.group(1) + shownAs : basic.group();
      basic.appendReplacement(masked, Matcher.quoteReplacement(kept));
    }
    basic.appendTail(masked);
    return keyOrBase64.matcher(masked).replaceAll(Matcher.quoteReplacement(shownAs));
  }

  /**
   * Whether {@code secret} is shorter than {@value #SHORTEST_INSIDE_WORDS} characters: too short to be a real key,
   * so masked (and looked for in a job's text) only where it stands as a whole word.
   */
  public static boolean isShort(String secret) {
    return secret.codePointCount(0, secret.length()) < SHORTEST_INSIDE_WORDS;
  }

  /** Whether {@code text} shows the secret in any form {@link #apply} masks. */
  public boolean shows(String text) {
    return text != null && !apply(text).equals(text);
  }

  /**
   * A regular expression matching the Base64 of text that holds {@code secret} anywhere (such as {@code Bearer
   * <key>}), in either alphabet: for each of the three places the secret's first byte can take in a group of
   * three, {@link #base64At} of it.
   */
  private static String base64Of(byte[] secret) {
    return base64At(secret, 0) + "|" + base64At(secret, 1) + "|" + base64At(secret, 2);
  }

  /**
   * A regular expression matching the Base64 of text in which {@code secret} follows {@code before} bytes (0, 1 or 2
   * in its group of three): each character wholly of the secret's bits (those that also hold bits of the bytes
   * before it are left out, as the text before is unknown), then of its last byte or two as far as they go (the
   * character that also holds bits of whatever follows is any with the secret's bits), then any padding.
   */
  private static String base64At(byte[] secret, int before) {
    byte[] placed = new byte[before + secret.length];
    System.arraycopy(secret, 0, placed, before, secret.length);
    String encoded = Base64.getEncoder().withoutPadding().encodeToString(placed);
    // Bits of the last character that are the secret's: all six, or the top two (one byte left) or four (two left).
    int lastBits = switch (placed.length % 3) {
      case 1 -> 2;
      case 2 -> 4;
      default -> 6;
    };
    // The first character of the secret's own bits alone: 0 when it starts a group, else 2 (one byte before) or 3.
    int first = before == 0 ? 0 : before + 1;
    StringBuilder pattern = new StringBuilder("(?:");
    for (int i = first; i < encoded.length(); i++) {
      int sextet = STANDARD.indexOf(encoded.charAt(i));
      int kept = i == encoded.length() - 1 ? lastBits : 6;
      int mask = (0x3F << (6 - kept)) & 0x3F;
      pattern.append("(?:");
      String separator = "";
      for (int candidate = 0; candidate < 64; candidate++) {
        if ((candidate & mask) == (sextet & mask)) {
          pattern.append(separator).append(anyFormOf(STANDARD.charAt(candidate)));
          separator = "|";
          if (URL_SAFE.charAt(candidate) != STANDARD.charAt(candidate)) {
            pattern.append('|').append(anyFormOf(URL_SAFE.charAt(candidate)));
          }
        }
      }
      pattern.append(')');
    }
    return pattern.append(anyFormOf('=')).append("{0,2})").toString();
  }

  /** A regular expression matching {@code codePoint} as it is, percent-encoded once or twice, or JSON-escaped. */
  private static String anyFormOf(int codePoint) {
    StringBuilder forms = new StringBuilder("(?:").append(Pattern.quote(Character.toString(codePoint)));
    forms.append('|');
    for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
      forms.append('%').append(hexDigits(String.format("%02X", b & 0xFF)));
    }
    forms.append('|');
    for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
      forms.append("%25").append(hexDigits(String.format("%02X", b & 0xFF)));
    }
    if (codePoint == ' ') {
      forms.append("|\\+");
    }
    if (codePoint <= 0xFFFF) {
      forms.append("|\\\\u").append(hexDigits(String.format("%04X", codePoint)));
    }
    if (codePoint == '/' || codePoint == '"' || codePoint == '\\') {
      forms.append("|\\\\").append(Pattern.quote(Character.toString(codePoint)));
    }
    return forms.append(')').toString();
  }

  /** {@code hex} as a pattern that takes its letters in either case. */
  private static String hexDigits(String hex) {
    StringBuilder pattern = new StringBuilder();
    for (char c : hex.toCharArray()) {
      pattern.append(Character.isLetter(c) ? "[" + c + Character.toLowerCase(c) + "]" : String.valueOf(c));
    }
    return pattern.toString();
  }

  /** What a Basic value's Base64 (unescaped first) decodes to, or null when it is not Base64. */
  private static String decoded(String base64) {
    String plain = percentDecoded(base64.replace("\\/", "/"));
    for (Base64.Decoder decoder : new Base64.Decoder[] {Base64.getDecoder(), Base64.getUrlDecoder()}) {
      try {
        return new String(decoder.decode(plain), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException notThisAlphabet) {
        // The other alphabet may take it.
      }
    }
    return null;
  }

  private static String percentDecoded(String text) {
    StringBuilder plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '%' && i + 2 < text.length()) { // always two hex digits: BASIC takes no other '%'
        plain.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        plain.append(c);
      }
    }
    return plain.toString();
  }
}
