package dev.vidgen.core.port;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A finished video's stream that knows how many bytes its server announced (such as its {@code
 * Content-Length}), for a provider's {@link VideoProvider#open} to return: the client refuses a video
 * announced larger than it saves at once, before anything is read or written.
 */
public final class VideoStream extends FilterInputStream {
  private final long announcedBytes;

  private VideoStream(InputStream in, long announcedBytes) {
    super(in);
    this.announcedBytes = announcedBytes;
  }

  /** {@code in}, announced to hold {@code announcedBytes}; {@code in} itself when the count is unknown (negative). */
  public static InputStream of(InputStream in, long announcedBytes) {
    Objects.requireNonNull(in, "in == null");
    return announcedBytes < 0 ? in : new VideoStream(in, announcedBytes);
  }

  /** The byte count the server announced. */
  public long announcedBytes() {
    return announcedBytes;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    return in.read(buffer, offset, length);
  }
}
