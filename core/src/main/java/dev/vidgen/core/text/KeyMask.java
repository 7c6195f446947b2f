package dev.vidgen.core.text;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks one secret, such as an API key, in text that may show it in clear or encoded: percent-encoded once
 * or twice (either case of hex, {@code +} for a space), JSON-escaped ({@code \/}, {@code \u002F}), any mix of
 * these; as the Base64 of text holding it (such as {@code Bearer <key>}), anywhere (standard or URL-safe, padded or not, for a secret
 * of {@value #BASE64_FROM} bytes or more), or as its bytes in hex (either case); or inside a {@code Basic} value whose Base64
 * decodes to text holding it anywhere ({@code key}, {@code key:}, {@code user:key}). Control characters and terminal
 * escape sequences between its characters, raw or escaped ({@code \n}, {@code \x1B[0m}, or as JSON escapes), do not
 * hide it; nor does a cut: a run of its first {@value #CUT_OFF_FROM} characters or more (in clear, percent-encoded,
 * JSON-escaped or as hex) is masked as far as it goes, whatever ends it (the text's end, an ellipsis such as {@code
 * …}, {@code ...}, {@code ..} or {@code . . .}, which is masked with it, a space, a comma, {@code ***}, any character
 * but the secret's next). A secret shorter than {@value
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

  /** The Base64 (and hex) of a shorter secret is too short to tell from other text: it is not looked for. */
  static final int BASE64_FROM = 6;
  /**
   * The fewest of a secret's first characters masked where they stand without the rest (a clipped excerpt, a word cut
   * short, however the text goes on); fewer are too short to tell from other text. A secret of this many characters or
   * fewer is masked only whole.
   */
  public static final int CUT_OFF_FROM = 12;

  /**
   * What may stand between two of a secret's characters without hiding it: a control or invisible formatting
   * character, a terminal's escape sequence ({@code ESC[0m}), and each of these escaped as text shows it ({@code \n},
   * {@code \r}, {@code \t}, {@code \x1B[0m}, a JSON escape; the backslash perhaps doubled) or percent-encoded
   * ({@code %0A}). None of them begins any form of a printable character.
   */
  private static final String GAP = "(?>"
      + "\\x1b\\[[0-?]*[ -/]*[@-~]"
      + "|(?:\\\\{1,2}(?:x1[bB]|u001[bB]|e|033)|%(?:25)?1[bB])\\[[0-?]*[ -/]*[@-~]"
      + "|[\\p{Cc}\\p{Cf}\\u2028\\u2029]"
      + "|\\\\{1,2}(?:[nrtfvb0]|x(?:[01][0-9A-Fa-f]|7[fF]|[89][0-9A-Fa-f])"
      + "|u(?:00(?:[01][0-9A-Fa-f]|7[fF]|[89][0-9A-Fa-f]|[aA][dD])|200[b-fB-F]|202[89a-eA-E]|206[0-9a-fA-F]"
      + "|[fF][eE][fF][fF]))"
      + "|%(?:25)?(?:[01][0-9A-Fa-f]|7[fF]))*";
  /** The start of a form of one character that a cut left unfinished ({@code %}, {@code %4}, a JSON escape's start). */
  private static final String UNFINISHED = "(?:%[0-9A-Fa-f]{0,3}|\\\\(?:u[0-9A-Fa-f]{0,3})?)?";
  /** An ellipsis that marks a cut: {@code …}, or two dots or more ({@code ...}, {@code ..}), or {@code . . .}. */
  private static final String ELLIPSIS = "(?:…|\\.{2,}|\\.(?: \\.){2,})";
  /**
   * A cut that a cut-off secret's mask takes along: an ellipsis right after it, or nothing where only white space
   * stands before one or the text's end. Elsewhere the mask ends where the secret does.
   */
  private static final String CUT_END = "(?:" + ELLIPSIS + "|(?=\\s*(?:" + ELLIPSIS + "|\\z)))";
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
  /** {@link #plain}'s first {@value #CUT_OFF_FROM} characters, masked wherever they stand; null when none is. */
  private final String cutHead;
  /** The hex (lower case) of {@link #cutHead}, masked in either case wherever it stands; null when none is. */
  private final String cutHexHead;

  private KeyMask(Pattern key, Pattern keyOrBase64, String shownAs, int shortestForm, String plain,
      int shortestBase64, String cutHead, String cutHexHead) {
    this.key = key;
    this.keyOrBase64 = keyOrBase64;
    this.shownAs = shownAs;
    this.shortestForm = shortestForm;
    this.plain = plain;
    this.shortestBase64 = shortestBase64;
    this.cutHead = cutHead;
    this.cutHexHead = cutHexHead;
  }

  /** A mask for {@code secret} (not blank), which it replaces with {@code shownAs} (such as {@code sk-…}). */
  public static KeyMask of(String secret, String shownAs) {
    Objects.requireNonNull(secret, "secret == null");
    Objects.requireNonNull(shownAs, "shownAs == null");
    if (secret.isBlank()) {
      throw new IllegalArgumentException("secret is blank");
    }
    List<String> forms = secret.codePoints().mapToObj(KeyMask::anyFormOf).toList();
    int length = forms.size();
    if (isShort(secret)) {
      Pattern word = Pattern.compile(NOT_AFTER_WORD + "(?:" + String.join("", forms) + ")" + NOT_BEFORE_WORD,
          Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
      return new KeyMask(word, word, shownAs, length, null, 0, null, null);
    }
    String pattern = String.join(GAP, forms);
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    String either = bytes.length < BASE64_FROM ? pattern : pattern + "|" + base64Of(bytes) + "|" + hexOf(bytes);
    boolean cut = length > CUT_OFF_FROM;
    int hexCut = cut ? 2 * secret.substring(0, secret.offsetByCodePoints(0, CUT_OFF_FROM))
        .getBytes(StandardCharsets.UTF_8).length : 0;
    if (cut) {
      either += "|" + cutOff(forms) + "|" + hexCutOff(bytes, hexCut / 2);
    }
    int shortestBase64 = Integer.MAX_VALUE;
    if (bytes.length >= BASE64_FROM) {
      for (int before = 0; before < 3; before++) {
        // The characters base64At matches for this place: the whole encoding less those it leaves out.
        int encoded = ((before + bytes.length) * 8 + 5) / 6;
        shortestBase64 = Math.min(shortestBase64, encoded - (before == 0 ? 0 : before + 1));
      }
    }
    int shortest = Math.min(cut ? CUT_OFF_FROM : length, shortestBase64);
    String plain = secret.indexOf(' ') < 0 ? secret : null;
    String head = cut && plain != null ? secret.substring(0, secret.offsetByCodePoints(0, CUT_OFF_FROM)) : null;
    return new KeyMask(Pattern.compile(pattern), Pattern.compile(either), shownAs, shortest, plain,
        plain == null ? 0 : shortestBase64, head,
        head == null ? null : HexFormat.of().formatHex(head.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * A regular expression matching the secret's first {@value #CUT_OFF_FROM} characters or more, each in any of its
   * {@code forms}, as far as they match; where the text is cut off there ({@link #CUT_END}), also the unfinished start
   * of the next one's form and the ellipsis.
   */
  private static String cutOff(List<String> forms) {
    StringBuilder more = new StringBuilder();
    for (int i = forms.size() - 1; i >= CUT_OFF_FROM; i--) {
      more.insert(0, "(?:" + GAP + forms.get(i)).append(")?");
    }
    return "(?:" + String.join(GAP, forms.subList(0, CUT_OFF_FROM)) + more + "(?:" + UNFINISHED + CUT_END + ")?)";
  }

  /**
   * A regular expression matching the hex (either case) of {@code secret}'s first {@code fewest} bytes or more, digit
   * by digit as far as they match; where the text is cut off there ({@link #CUT_END}), also one more digit and the
   * ellipsis.
   */
  private static String hexCutOff(byte[] secret, int fewest) {
    HexFormat hex = HexFormat.of();
    String rest = hex.formatHex(secret, fewest, secret.length);
    StringBuilder more = new StringBuilder();
    for (int i = rest.length() - 1; i >= 0; i--) {
      more.insert(0, "(?:" + rest.charAt(i)).append(")?");
    }
    return "(?i:" + hex.formatHex(secret, 0, fewest) + more + "(?:[0-9a-f]?" + CUT_END + ")?)";
  }

  /** A regular expression matching {@code secret}'s bytes in hex, in either case. */
  private static String hexOf(byte[] secret) {
    return "(?i:" + HexFormat.of().formatHex(secret) + ")";
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
   * encoded or escaped form takes a {@code %} or a {@code \}, each Base64 or hex one (a {@code Basic} value's too) a
   * run of at least {@link #shortestBase64} Base64 letters, and the secret as it is, or its {@link #cutHead}, stands
   * in the text as it is (or without its control characters and escape sequences), or the head's hex in a run of hex
   * digits.
   */
  private boolean mayShow(String text) {
    if (plain == null || text.indexOf('%') >= 0 || text.indexOf('\\') >= 0 || text.contains(plain)) {
      return true;
    }
    int run = 0;
    int hexRun = 0;
    boolean longHex = false;
    boolean gaps = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      run = isBase64Letter(c) ? run + 1 : 0;
      if (run >= shortestBase64) {
        return true;
      }
      hexRun = isHexDigit(c) ? hexRun + 1 : 0;
      longHex |= cutHexHead != null && hexRun >= cutHexHead.length();
      gaps |= c < 0x20 || c >= 0x7f && isGapChar(c);
    }
    String seen = gaps ? withoutGaps(text) : text;
    return gaps && seen.contains(plain) || cutHead != null && seen.contains(cutHead)
        || longHex && containsIgnoringCase(text, cutHexHead);
  }

  /** Whether {@code text} holds {@code hex} (lower case) in either case. */
  private static boolean containsIgnoringCase(String text, String hex) {
    for (int at = 0; at + hex.length() <= text.length(); at++) {
      if (text.regionMatches(true, at, hex, 0, hex.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isHexDigit(char c) {
    return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  /** A character {@link #GAP} takes on its own: a control or invisible formatting one, a line or paragraph separator. */
  private static boolean isGapChar(char c) {
    int type = Character.getType(c);
    return type == Character.CONTROL || type == Character.FORMAT || c == '\u2028' || c == '\u2029';
  }

  /** {@code text} without what {@link #GAP} takes raw: control and formatting characters and ESC's sequences. */
  private static String withoutGaps(String text) {
    StringBuilder kept = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!isGapChar(c)) {
        kept.append(c);
      } else if (c == 0x1b && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int end = i + 2;
        while (end < text.length() && text.charAt(end) >= 0x20 && text.charAt(end) <= 0x3f) {
          end++;
        }
        if (end < text.length() && text.charAt(end) >= 0x40 && text.charAt(end) <= 0x7e) {
          i = end;
        }
      }
    }
    return kept.toString();
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
