package dev.vidgen.core.port;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A finished video's stream that knows how many bytes its server announced (such as its {@code
 * Content-Length}), for a provider's {@link VideoProvider#open} to return: the client refuses a video
 * announced larger than it saves at once, before anything is read or written. Its {@link #range()} says which
 * bytes of the file it holds, so that a download that broke off can go on where it stopped.
 */
public final class VideoStream extends FilterInputStream {
  private final long announcedBytes;
  private final VideoRange range;

  private VideoStream(InputStream in, long announcedBytes, VideoRange range) {
    super(in);
    this.announcedBytes = announcedBytes;
    this.range = range;
  }

  /** {@code in}, announced to hold {@code announcedBytes}; {@code in} itself when the count is unknown (negative). */
  public static InputStream of(InputStream in, long announcedBytes) {
    Objects.requireNonNull(in, "in == null");
    return announcedBytes < 0 ? in : new VideoStream(in, announcedBytes, VideoRange.whole(announcedBytes));
  }

  /**
   * {@code in}, announced to hold {@code announcedBytes} (-1 when unknown), which are the bytes of the file
   * {@code range} names.
   */
  public static VideoStream of(InputStream in, long announcedBytes, VideoRange range) {
    Objects.requireNonNull(in, "in == null");
    Objects.requireNonNull(range, "range == null");
    return new VideoStream(in, announcedBytes, range);
  }

  /** The byte count the server announced for this stream (-1 when it announced none). */
  public long announcedBytes() {
    return announcedBytes;
  }

  /** Which bytes of the video's file this stream holds. */
  public VideoRange range() {
    return range;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return in.read(buffer, offset, length);
  }
}
