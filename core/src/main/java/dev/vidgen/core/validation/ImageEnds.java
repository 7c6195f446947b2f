package dev.vidgen.core.validation;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether an image file ends as a whole one of its format does, from its last bytes alone: a PNG's
 * {@code IEND} chunk, a WebP's length as its RIFF header states it, a JPEG's end marker ({@code FF D9}).
 * A file cut short (a download that stopped early) fails this while its first bytes still look right.
 */
final class ImageEnds {
  /** The words for a JPEG without an end marker near its end, which is only a warning. */
  static final String NO_JPEG_END = "it has no JPEG end marker (FF D9) in its last 64 KiB";

  /** How far from the end a PNG's IEND chunk or a JPEG's end marker is looked for (data may follow either). */
  private static final int TAIL_BYTES = 64 * 1024;

  private ImageEnds() {}

  /** What keeps {@code path}, a {@code format} file of {@code size} bytes, from ending whole; null when it does. */
  static String problem(Path path, String format, long size) throws IOException {
    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
      return switch (format) {
        case "PNG" -> contains(tail(channel, size), new byte[] {'I', 'E', 'N', 'D'})
            ? null : "it has no IEND chunk (the end of every PNG)";
        case "WebP" -> webp(channel, size);
        default -> contains(tail(channel, size), new byte[] {(byte) 0xFF, (byte) 0xD9}) ? null : NO_JPEG_END;
      };
    }
  }

  private static String webp(SeekableByteChannel channel, long size) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(8);
    channel.position(0);
    while (header.hasRemaining() && channel.read(header) > 0) {
      // read on until full or the end of the file
    }
    if (header.position() < 8) {
      return "it ends inside its RIFF header";
    }
    long stated = Integer.toUnsignedLong(header.order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4)) + 8;
    return stated <= size ? null
        : "its RIFF header says " + stated + " bytes but the file has " + size;
  }

  private static byte[] tail(SeekableByteChannel channel, long size) throws IOException {
    int count = (int) Math.min(size, TAIL_BYTES);
    ByteBuffer buffer = ByteBuffer.allocate(count);
    channel.position(size - count);
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // read on until full or the end of the file
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(new String(needle, StandardCharsets.ISO_8859_1));
  }
}
