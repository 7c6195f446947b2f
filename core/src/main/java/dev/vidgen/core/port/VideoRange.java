package dev.vidgen.core.port;

import java.util.Objects;

/**
 * Which bytes of a finished video's file a stream holds, and whether its server lets the rest be asked for
 * again (HTTP's {@code Content-Range}, {@code Accept-Ranges: bytes}, {@code ETag} or {@code Last-Modified}):
 * what lets a download that broke off go on from where it stopped rather than from byte 0.
 *
 * @param firstByte where the stream starts in the file (0 for the whole file)
 * @param totalBytes the whole file's size, or -1 when the server did not say
 * @param rangesAccepted whether the server said it answers a request for the bytes from one on
 * @param validator the file's {@code ETag}, else its {@code Last-Modified}, as sent; empty when it sent neither
 */
public record VideoRange(long firstByte, long totalBytes, boolean rangesAccepted, String validator) {
  /** @throws IllegalArgumentException if {@code firstByte} is negative */
  public VideoRange {
    if (firstByte < 0) {
      throw new IllegalArgumentException("firstByte must be 0 or more, not " + firstByte);
    }
    Objects.requireNonNull(validator, "validator == null");
  }

  /** The whole file, of {@code totalBytes} (-1 when unknown), from a server that takes no ranges. */
  public static VideoRange whole(long totalBytes) {
    return new VideoRange(0, totalBytes, false, "");
  }
}
