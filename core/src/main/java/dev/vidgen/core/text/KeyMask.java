package dev.vidgen.core.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks one secret, such as an API key, in text that may show it in clear or encoded: percent-encoded
 * (either case of hex, {@code +} for a space), JSON-escaped ({@code \/}, {@code \u002F}), any mix of
 * these, or inside an {@code Authorization: Basic} value whose Base64 decodes to text holding it
 * ({@code key}, {@code key:}, {@code user:key}). Thread-safe; null text stays null.
 */
public final class KeyMask {
  /** {@code Basic} and its Base64, which may stand percent-encoded or JSON-escaped itself. */
  private static final Pattern BASIC = Pattern.compile(
      "(?i)(\\bBasic(?:\\s|\\+|%20)+)((?:[A-Za-z0-9+/_-]|\\\\/|%[0-9A-Fa-f]{2})+=*)");

  private final Pattern key;
  private final String shownAs;

  private KeyMask(Pattern key, String shownAs) {
    this.key = key;
    this.shownAs = shownAs;
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
    return new KeyMask(Pattern.compile(pattern.toString()), shownAs);
  }

  /** {@code text} with the secret masked in each form it stands in; a {@code Basic} value holding it is masked whole. */
  public String apply(String text) {
    if (text == null) {
      return null;
    }
    Matcher basic = BASIC.matcher(text);
    StringBuilder masked = new StringBuilder();
    while (basic.find()) {
      String credentials = decoded(basic.group(2));
      String kept = credentials != null && key.matcher(credentials).find() ? basic.group(1) + shownAs : basic.group();
      basic.appendReplacement(masked, Matcher.quoteReplacement(kept));
    }
    basic.appendTail(masked);
    return key.matcher(masked).replaceAll(Matcher.quoteReplacement(shownAs));
  }

  /** Whether {@code text} shows the secret in any form {@link #apply} masks. */
  public boolean shows(String text) {
    return text != null && !apply(text).equals(text);
  }

  /** A regular expression matching {@code codePoint} as it is, percent-encoded or JSON-escaped. */
  private static String anyFormOf(int codePoint) {
    StringBuilder forms = new StringBuilder("(?:").append(Pattern.quote(Character.toString(codePoint)));
    forms.append('|');
    for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
      forms.append('%').append(hexDigits(String.format("%02X", b & 0xFF)));
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
