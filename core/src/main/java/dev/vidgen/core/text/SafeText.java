package dev.vidgen.core.text;

import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes text that came from a server (or that holds a key) safe for a terminal or a log:
 * control characters and bidirectional overrides are escaped, API keys and anything shaped like
 * one ({@code sk-…}) are masked, and commands are shell-quoted. Thread-safe; null stays null.
 */
public final class SafeText {
  /** What a masked key reads as. */
  public static final String MASKED_KEY = "sk-…";

  /**
   * {@code sk-} (in any case) followed by the key's characters, among them a run of twenty or more
   * letters and digits, as every real key has ({@code sk-} and 48); a shorter name such as {@code
   * sk-video-2-pro-turbo-1080p} is an ordinary word. Not inside a word ({@code task-…}), but after a
   * percent-encoded character ({@code Bearer%20sk-…}) or a terminal's escape sequence ({@code ESC[0msk-…}).
   */
  private static final Pattern KEY_SHAPE = Pattern.compile(
      "(?i)(?:(?<![a-z0-9])|(?<=%[0-9a-f]{2})|(?<=\\x1b\\[[0-9;?]{0,16}[a-z]))sk-(?=[a-z0-9_\\-]*?[a-z0-9]{20})"
          + "[a-z0-9_\\-]+");
  /** Task ids that may name a file and appear unquoted on a command line. */
  private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:+=@-]{0,199}");
  /** Words a POSIX shell reads as they are. */
  private static final Pattern SHELL_PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

  private SafeText() {}

  /** {@code text} with every key-shaped word masked and every control character escaped. */
  public static String clean(String text) {
    return escape(maskSeen(text, SafeText::mask));
  }

  /** {@link #clean} that also masks {@code secrets} (such as the configured key), even when not key-shaped. */
  public static String clean(String text, List<String> secrets) {
    return escape(maskSeen(text, masked -> mask(masked, secrets)));
  }

  /**
   * {@link #clean(String, List)} that masks with {@code masking} too (such as {@code ApiKey::maskIn}, which finds
   * a key encoded), before the control characters are escaped.
   */
  public static String clean(String text, List<String> secrets, UnaryOperator<String> masking) {
    return escape(maskSeen(text, masked -> masking.apply(mask(masked, secrets))));
  }

  /**
   * {@code mask} applied to {@code text}; where invisible characters (a zero-width space, a soft hyphen, a
   * direction mark) stand inside a key and hide it from {@code mask}, {@code text} without them, masked.
   */
  private static String maskSeen(String text, UnaryOperator<String> mask) {
    if (text == null) {
      return null;
    }
    String masked = mask.apply(text);
    String joined = withoutInvisible(text);
    if (joined.equals(text)) {
      return masked;
    }
    // The invisible characters hid nothing when masking the text without them gives what masking it did, less them.
    String maskedJoined = mask.apply(joined);
    return maskedJoined.equals(withoutInvisible(masked)) ? masked : maskedJoined;
  }

  /** {@code text} without its invisible formatting characters (Unicode's Cf), the same text when it has none. */
  public static String withoutInvisible(String text) {
    StringBuilder kept = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 0xad && Character.getType(c) == Character.FORMAT) {
        if (kept == null) {
          kept = new StringBuilder(text.length()).append(text, 0, i);
        }
      } else if (kept != null) {
        kept.append(c);
      }
    }
    return kept == null ? text : kept.toString();
  }

  /** {@code text} with every word shaped like an API key ({@code sk-} and a run of twenty or more letters and digits) masked. */
  public static String mask(String text) {
    if (text == null || !mayHoldKey(text)) {
      return text;
    }
    return KEY_SHAPE.matcher(text).replaceAll(Matcher.quoteReplacement(MASKED_KEY));
  }

  /** Whether {@code text} holds {@code sk-} in any case: a quick look before the pattern's. */
  private static boolean mayHoldKey(String text) {
    for (int at = text.indexOf('-'); at >= 0; at = text.indexOf('-', at + 1)) {
      if (at >= 2 && (text.charAt(at - 2) | 0x20) == 's' && (text.charAt(at - 1) | 0x20) == 'k') {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code text} holds a word shaped like an API key, as {@link #mask(String)} would mask. */
  public static boolean holdsKeyShape(String text) {
    return text != null && KEY_SHAPE.matcher(text).find();
  }

  /**
   * {@link #mask(String)}, also replacing each of {@code secrets} wherever it appears (one too short to be a real key,
   * under {@value KeyMask#SHORTEST_INSIDE_WORDS} characters, only as a whole word), and a key's
   * secret part without its {@code sk-} (as a server may echo it) when that part is long enough not
   * to be a common word.
   */
  public static String mask(String text, List<String> secrets) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      if (secret != null && !secret.isEmpty()) {
        // In any case: a server (or a proxy) may echo the key upper-cased, glued to a word the pattern leaves alone.
        // A secret too short to be a real key stands in ordinary words: it is masked only as a whole word.
        masked = KeyMask.isShort(secret) ? KeyMask.of(secret, MASKED_KEY).apply(masked)
            : replaceIgnoringCase(masked, secret, MASKED_KEY);
        String part = secretPart(secret);
        if (part != null) {
          masked = replaceIgnoringCase(masked, part, "…");
        }
      }
    }
    return mask(masked);
  }

  /** {@code text} with every occurrence of {@code needle}, in any case, replaced by {@code replacement}. */
  private static String replaceIgnoringCase(String text, String needle, String replacement) {
    StringBuilder out = null;
    int copied = 0;
    for (int at = 0; at + needle.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, needle, 0, needle.length())) {
        if (out == null) {
          out = new StringBuilder(text.length());
        }
        out.append(text, copied, at).append(replacement);
        at += needle.length() - 1;
        copied = at + 1;
      }
    }
    return out == null ? text : out.append(text, copied, text.length()).toString();
  }

  /** The shortest secret part of a key that is masked on its own, without its {@code sk-}. */
  private static final int MIN_BARE_SECRET = 16;

  /**
   * The part of {@code key} after its {@code sk-}, as a server may echo it on its own, when it is long
   * enough ({@value #MIN_BARE_SECRET} characters or more) not to be a common word; null otherwise.
   */
  public static String secretPart(String key) {
    return key != null && key.startsWith("sk-") && key.length() - 3 >= MIN_BARE_SECRET ? key.substring(3) : null;
  }

  /**
   * {@code text} on one line with nothing a terminal acts on or a reader cannot see: ESC, CR, LF and
   * every other C0 or C1 control character, DEL, the line and paragraph separators, and the invisible
   * formatting characters (direction marks and overrides, the zero-width space, the soft hyphen; not the
   * joiners that scripts and emoji are spelled with) become visible escapes ({@code \n}, {@code \r}, {@code \t}, {@code \x1B}, {@code \u202E}, {@code \u200B}).
   */
  public static String escape(String text) {
    if (text == null) {
      return null;
    }
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder escaped = new StringBuilder(text.length() + 16).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isUnsafe(c)) {
        escaped.append(c);
      } else {
        appendEscaped(escaped, c, 0xff);
      }
    }
    return escaped.toString();
  }

  /**
   * {@code text} cut to at most {@code max} characters (never inside a surrogate pair), ending in
   * a note of how many were left out; for text from a server, which may be of any length.
   */
  public static String clip(String text, int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be positive, was " + max);
    }
    if (text == null || text.length() <= max) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
    return text.substring(0, end) + "… (" + (text.length() - end) + " more characters)";
  }

  /** Whether {@code id} is a task id safe to name a file and to print unquoted. */
  public static boolean isSafeId(String id) {
    return id != null && SAFE_ID.matcher(id).matches() && !id.contains("..");
  }

  /**
   * A file-name stem for {@code id}: the id itself when {@link #isSafeId safe} and without a colon,
   * otherwise its safe characters (a colon becomes {@code _}) plus a hash of the whole id, so that two
   * ids (such as {@code a:b} and {@code a_b}) never share it.
   */
  public static String fileStem(String id) {
    if (isSafeId(id) && id.indexOf(':') < 0) {
      return id;
    }
    String kept = id.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.{2,}", "_").replaceAll("^[._-]+", "");
    if (kept.length() > 64) {
      kept = kept.substring(0, 64);
    }
    return (kept.isEmpty() ? "task" : kept) + "-" + shortHash(id);
  }

  /**
   * A URL's text with its user info ({@code name:password@}), query and fragment hidden ({@code https://…@host/x?…}):
   * any of them may hold a secret, such as a signed link's signature; null stays null.
   */
  public static String withoutUrlSecrets(String url) {
    return url == null ? null : url.replaceAll("(?<=//)[^/?#]*@", "…@").replaceAll("[?#].*", "?…");
  }

  /**
   * A URL's text with its user info ({@code name:password@}) hidden and all else kept ({@code https://…@host/v.mp4}),
   * for a link shown to be used, such as a signed result link whose query it needs; null stays null.
   */
  public static String withoutUserInfo(String url) {
    return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1…@");
  }

  /** A URL's start up to its authority ({@code https://}, or {@code //} without a scheme), then its user info. */
  private static final Pattern USER_INFO = Pattern.compile("^(\\s*(?:[A-Za-z][A-Za-z0-9+.-]*:)?//)[^/?#]*@");

  /** The first 8 hex digits of the SHA-256 of {@code text}'s UTF-8 bytes. */
  public static String shortHash(String text) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /** {@code word} as a POSIX shell reads it back: unchanged when plain, else in single quotes. */
  public static String shellQuote(String word) {
    if (word == null || word.isEmpty()) {
      return "''";
    }
    if (SHELL_PLAIN.matcher(word).matches()) {
      return word;
    }
    return "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * The command line {@code words}, each quoted as needed, ready to print and to paste into bash or
   * zsh: a word holding a control or direction character is written in {@code $'...'} quotes, whose
   * escapes the shell reads back as that character.
   */
  public static String command(String... words) {
    StringBuilder line = new StringBuilder();
    for (String word : words) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word != null && firstUnsafe(word) >= 0 ? escapedQuote(word) : shellQuote(word));
    }
    return line.toString();
  }

  /** {@code word} in {@code $'...'} quotes, each unsafe character as an escape that the shell turns back into it. */
  private static String escapedQuote(String word) {
    StringBuilder quoted = new StringBuilder(word.length() + 16).append("$'");
    for (int i = 0; i < word.length(); i++) {
      char c = word.charAt(i);
      if (c == '\\' || c == '\'') {
        quoted.append('\\').append(c);
      } else if (!isUnsafe(c)) {
        quoted.append(c);
      } else {
        appendEscaped(quoted, c, 0x7f); // in $'...', \x80 and above would be one byte, not the character
      }
    }
    return quoted.append('\'').toString();
  }

  /**
   * Appends {@code c} as a backslash escape: n, r or t; else x and two hex digits when {@code c} is at
   * most {@code lastHexByte}, else u and four.
   */
  private static void appendEscaped(StringBuilder to, char c, int lastHexByte) {
    switch (c) {
      case '\n' -> to.append("\\n");
      case '\r' -> to.append("\\r");
      case '\t' -> to.append("\\t");
      default -> to.append(String.format(c <= lastHexByte ? "\\x%02X" : "\\u%04X", (int) c));
    }
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isUnsafe(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Control characters, and the invisible ones a reader cannot see on a terminal: every formatting
   * character (Unicode's Cf: direction marks and overrides, the zero-width space, the word joiner, the
   * soft hyphen, a byte-order mark) and the line and paragraph separators. The zero-width joiner and
   * non-joiner stay: Persian, Hindi and emoji sequences (a family, a profession) are spelled with them.
   */
  private static boolean isUnsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029'
        || (c >= 0xad && c != '\u200c' && c != '\u200d' && Character.getType(c) == Character.FORMAT);
  }
}
