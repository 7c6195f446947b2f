package dev.vidgen.core.json;

import java.io.IOException;
import java.io.Writer;
import okio.Buffer;
import okio.Sink;
import okio.Timeout;

/**
 * Hands the UTF-8 bytes of a JSON writer on to a {@link Writer} as characters, whole characters only:
 * the bytes of one character split between two writes wait for the rest. Closing it flushes the
 * writer but leaves it open.
 */
final class CharsSink implements Sink {
  private final Writer out;
  private final Buffer pending = new Buffer();

  CharsSink(Writer out) {
    this.out = out;
  }

  @Override
  public void write(Buffer source, long byteCount) throws IOException {
    pending.write(source, byteCount);
    long whole = wholeCharacters(pending);
    if (whole > 0) {
      out.write(pending.readUtf8(whole));
    }
  }

  /** How many bytes at the start of {@code bytes} end on a character's last byte. */
  static long wholeCharacters(Buffer bytes) {
    long size = bytes.size();
    for (long i = size - 1; i >= Math.max(0, size - 4); i--) {
      int b = bytes.getByte(i) & 0xff;
      if ((b & 0xc0) == 0x80) {
        continue; // a continuation byte: its lead is further back
      }
      int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
      return i + length <= size ? size : i;
    }
    return size; // no lead byte near the end: not UTF-8 a JSON writer makes; decoded as it stands
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public Timeout timeout() {
    return Timeout.NONE;
  }

  @Override
  public void close() throws IOException {
    if (pending.size() > 0) {
      out.write(pending.readUtf8());
    }
    out.flush();
  }
}
