package dev.vidgen.serve.history;

import dev.vidgen.core.json.JsonTrees;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * A history line torn by a crash (the file ends without its newline), as the next append ends it: with {@link
 * #MARK} before the newline when it is the start of an entry cut short, so that it stays known as torn, not as a
 * whole line written by another version of vidgen or changed by hand.
 */
final class TornLine {
  /**
   * Ends a torn line: no quote and no closing brace, so the line never becomes a JSON object (it stays skipped),
   * and nothing a writer of entries or a person editing one would put at the end of a line.
   */
  static final String MARK = " <torn by a crash: skipped by vidgen>";
  private static final byte[] MARKED = (MARK + "\n").getBytes(StandardCharsets.UTF_8);
  private static final byte[] ENDED = {'\n'};
  /** How much of a tail ending in a closing brace is read to tell a whole entry from a torn one; no entry is longer. */
  private static final long LONGEST = 64L * 1024 * 1024;
  private static final int CHUNK = 8 * 1024;

  private TornLine() {}

  /**
   * What to write before a line appended at {@code end} of {@code channel}: nothing after a newline, the mark and a
   * newline after a torn entry (a tail that starts as an object and is no JSON value), else a newline alone.
   */
  static byte[] ending(FileChannel channel, long end) throws IOException {
    if (end == 0 || byteAt(channel, end - 1) == '\n') {
      return new byte[0];
    }
    long start = lineStart(channel, end);
    if (start + 3 <= end && byteAt(channel, start) == (byte) 0xEF && byteAt(channel, start + 1) == (byte) 0xBB
        && byteAt(channel, start + 2) == (byte) 0xBF) {
      start += 3; // a byte-order mark, which the reader passes over
    }
    if (start == end || byteAt(channel, start) != '{') {
      return ENDED; // no entry's start: left for the count of lines that cannot be read
    }
    if (byteAt(channel, end - 1) != '}') {
      return MARKED; // an object cut short
    }
    if (end - start > LONGEST) {
      return ENDED;
    }
    ByteBuffer tail = ByteBuffer.allocate((int) (end - start));
    while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
      // read to the end
    }
    // A whole entry written but for its newline reads as one; one cut short after a nested object's end does not.
    return JsonTrees.tryParse(new String(tail.array(), 0, tail.position(), StandardCharsets.UTF_8)).isPresent()
        ? ENDED : MARKED;
  }

  /** Whether {@code line} (stripped) is a torn line a later append ended with {@link #MARK}. */
  static boolean isMarked(String line) {
    return line.endsWith(MARK.strip());
  }

  /** Where the line that runs to {@code end} starts: just after the newline before it, or at the file's start. */
  private static long lineStart(FileChannel channel, long end) throws IOException {
    ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
    long to = end;
    while (to > 0) {
      long from = Math.max(0, to - CHUNK);
      chunk.clear().limit((int) (to - from));
      while (chunk.hasRemaining() && channel.read(chunk, from + chunk.position()) > 0) {
        // read the whole chunk
      }
      for (int i = chunk.position() - 1; i >= 0; i--) {
        if (chunk.get(i) == '\n') {
          return from + i + 1;
        }
      }
      to = from;
    }
    return 0;
  }

  private static byte byteAt(FileChannel channel, long at) throws IOException {
    ByteBuffer one = ByteBuffer.allocate(1);
    return channel.read(one, at) == 1 ? one.get(0) : (byte) '\n';
  }
}
