package dev.vidgen.serve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The part of a file of {@code size} bytes that a request's {@code Range} header asks for (RFC 9110, one range of
 * bytes): the whole file when there is no header, or one the playground does not serve (several ranges, another
 * unit, bad syntax: ignored as the RFC allows); {@link #unsatisfiable()} when it starts at or past the end.
 *
 * @param first the first byte served
 * @param last the last byte served (inclusive); {@code first - 1} for an empty file served whole
 * @param partial whether the answer is 206 Partial Content
 * @param unsatisfiable whether the answer is 416 (nothing of the file lies in the range)
 */
record ByteRange(long first, long last, boolean partial, boolean unsatisfiable) {
  private static final Pattern ONE_RANGE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d{0,18})\\s*-\\s*(\\d{0,18})\\s*");

  /** The range {@code header} (null when absent) asks of a file of {@code size} bytes. */
  static ByteRange of(String header, long size) {
    ByteRange whole = new ByteRange(0, size - 1, false, false);
    if (header == null) {
      return whole;
    }
    Matcher matcher = ONE_RANGE.matcher(header);
    if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
      return whole;
    }
    if (matcher.group(1).isEmpty()) {
      long suffix = Long.parseLong(matcher.group(2));
      return suffix == 0 || size == 0 ? new ByteRange(0, -1, false, true)
          : new ByteRange(Math.max(0, size - suffix), size - 1, true, false);
    }
    long first = Long.parseLong(matcher.group(1));
    if (!matcher.group(2).isEmpty() && Long.parseLong(matcher.group(2)) < first) {
      return whole; // not a range at all, which the RFC says to ignore
    }
    if (first >= size) {
      return new ByteRange(0, -1, false, true);
    }
    long last = matcher.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(matcher.group(2)), size - 1);
    return new ByteRange(first, last, true, false);
  }

  /** How many bytes are served. */
  long length() {
    return last - first + 1;
  }

  /** The {@code Content-Range} header's value, for a 206 or a 416 answer about a file of {@code size} bytes. */
  String contentRange(long size) {
    return unsatisfiable ? "bytes */" + size : "bytes " + first + "-" + last + "/" + size;
  }
}
