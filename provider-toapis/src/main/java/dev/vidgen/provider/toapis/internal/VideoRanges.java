package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.port.VideoRange;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Headers;

/** Reads which bytes of a video's file an answer holds, and whether the rest can be asked for, from its headers. */
final class VideoRanges {
  /** {@code Content-Range: bytes FIRST-LAST/TOTAL}, the total {@code *} when the server does not know it. */
  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

  private VideoRanges() {}

  /**
   * The range of an answer with HTTP status {@code code}: a 206 holds what its {@code Content-Range} says (one
   * whose header is missing or garbled starts nowhere the client asked), anything else the whole file of {@code
   * contentLength} bytes.
   */
  static VideoRange of(int code, Headers headers, long contentLength) {
    boolean accepted = "bytes".equals(trimmedLower(headers.get("Accept-Ranges")));
    String etag = headers.get("ETag");
    String lastModified = headers.get("Last-Modified");
    String validator = etag != null && !etag.isBlank() ? etag.strip()
        : lastModified != null && !lastModified.isBlank() ? lastModified.strip() : "";
    if (code != 206) {
      return new VideoRange(0, contentLength, accepted, validator);
    }
    String range = headers.get("Content-Range");
    Matcher matcher = range == null ? null : CONTENT_RANGE.matcher(range.strip());
    if (matcher == null || !matcher.matches()) {
      // A part that does not say where it starts is of no use: the client fetches the whole file again.
      return new VideoRange(Long.MAX_VALUE, -1, true, validator);
    }
    long total = matcher.group(3).equals("*") ? -1 : Long.parseLong(matcher.group(3));
    return new VideoRange(Long.parseLong(matcher.group(1)), total, true, validator);
  }

  private static String trimmedLower(String value) {
    return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
  }
}
