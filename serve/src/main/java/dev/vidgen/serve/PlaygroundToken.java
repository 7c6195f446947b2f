package dev.vidgen.serve;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The secret a playground asks of every request, so that only the person it printed its address to may use it (not
 * another user of the machine). Never shown by {@code toString}; a random one holds 256 bits.
 */
public final class PlaygroundToken {
  /** The header a script sends the token in, as {@code curl -H 'X-Vidgen-Token: TOKEN'}. */
  public static final String HEADER = "X-Vidgen-Token";
  /** The fewest characters a given token may have: 22 URL-safe Base64 characters hold 128 bits. */
  static final int SHORTEST = 22;
  private static final Pattern URL_SAFE = Pattern.compile("[A-Za-z0-9_-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private PlaygroundToken(String value) {
    this.value = value;
  }

  /** A new random token (32 bytes of {@link SecureRandom}, URL-safe Base64). */
  public static PlaygroundToken random() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return new PlaygroundToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * The token {@code value}, given by a caller or a script.
   *
   * @throws IllegalArgumentException when it is shorter than 22 characters or holds any but {@code A-Z a-z 0-9 _ -}
   *     (the message never repeats it)
   */
  public static PlaygroundToken of(String value) {
    Objects.requireNonNull(value, "value == null");
    if (value.length() < SHORTEST || !URL_SAFE.matcher(value).matches()) {
      throw new IllegalArgumentException("a playground token must be at least " + SHORTEST + " characters of"
          + " A-Z a-z 0-9 _ - (128 bits or more), the given one is not");
    }
    return new PlaygroundToken(value);
  }

  /** Whether {@code candidate} is this token, compared in constant time; false for null. */
  boolean matches(String candidate) {
    return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
        candidate.getBytes(StandardCharsets.UTF_8));
  }

  /** The token itself, for the address the playground prints and the cookie it sets. */
  String reveal() {
    return value;
  }

  /** The name of the cookie that carries the token of the playground on {@code port}. */
  static String cookieName(int port) {
    return "vidgen_token_" + port;
  }

  @Override
  public String toString() {
    return "PlaygroundToken[hidden]";
  }
}
