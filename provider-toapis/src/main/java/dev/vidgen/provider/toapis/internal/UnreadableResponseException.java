package dev.vidgen.provider.toapis.internal;

import java.io.IOException;

/**
 * A response arrived but its body could not be understood: not JSON, the wrong shape, or missing
 * a field vidgen needs (a task id, a video URL). Carries the start of the body for the error.
 */
public final class UnreadableResponseException extends IOException {
  private static final long serialVersionUID = 1L;
  private static final int SNIPPET_LENGTH = 200;

  private final String snippet;
  private final boolean tooLarge;
  private final boolean holdsKey;
  private final boolean unusableLink;

  public UnreadableResponseException(String reason, String body, Throwable cause) {
    this(reason, body, cause, false);
  }

  private UnreadableResponseException(String reason, String body, Throwable cause, boolean tooLarge) {
    this(reason, body, cause, tooLarge, false);
  }

  private UnreadableResponseException(String reason, String body, Throwable cause, boolean tooLarge,
      boolean holdsKey) {
    this(reason, body, cause, tooLarge, holdsKey, false);
  }

  private UnreadableResponseException(String reason, String body, Throwable cause, boolean tooLarge,
      boolean holdsKey, boolean unusableLink) {
    super(reason, cause);
    this.snippet = shorten(body);
    this.tooLarge = tooLarge;
    this.holdsKey = holdsKey;
    this.unusableLink = unusableLink;
  }

  /** An answer larger than vidgen reads ({@code max_answer_size}): the same on every try. */
  static UnreadableResponseException tooLarge(String reason) {
    return new UnreadableResponseException(reason, null, null, true);
  }

  /** An answer holding the API key where it names a link: the same on every try, each of which sends the key again. */
  public static UnreadableResponseException holdingKey(String reason) {
    return new UnreadableResponseException(reason, null, null, false, true);
  }

  /**
   * An upload answered with a link that is no absolute http(s) URL (relative, {@code ftp://}): the file was taken,
   * and every try would store it again for the same answer.
   */
  public static UnreadableResponseException unusableLink(String reason, Throwable cause) {
    return new UnreadableResponseException(reason, null, cause, false, false, true);
  }

  /** Whether an upload's answer named a link that is no absolute http(s) URL, which no retry changes. */
  public boolean unusableLink() {
    return unusableLink;
  }

  /** Whether the answer held the API key where it names a link, which no retry changes. */
  public boolean holdsKey() {
    return holdsKey;
  }

  /** Whether the answer was larger than vidgen reads, which no retry changes. */
  public boolean tooLarge() {
    return tooLarge;
  }

  public UnreadableResponseException(String reason) {
    this(reason, null, null);
  }

  /**
   * Whether the answer is not JSON at all or breaks off (a proxy's page sent as 200, a body cut
   * short), as a passing fault garbles it, rather than JSON that says something vidgen cannot use.
   */
  public boolean garbled() {
    Throwable cause = getCause();
    return cause instanceof com.squareup.moshi.JsonEncodingException || cause instanceof java.io.EOFException;
  }

  /** The first characters of the body, on one line; empty when there was none. */
  public String snippet() {
    return snippet;
  }

  static String shorten(String body) {
    if (body == null) {
      return "";
    }
    String oneLine = body.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= SNIPPET_LENGTH ? oneLine : oneLine.substring(0, SNIPPET_LENGTH) + "…";
  }
}
