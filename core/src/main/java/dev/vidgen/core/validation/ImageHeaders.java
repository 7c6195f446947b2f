package dev.vidgen.core.validation;

import dev.vidgen.core.files.ImageFormats;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The width and height of a JPEG, PNG or WebP file, read from its header without decoding it: PNG's
 * IHDR, WebP's VP8, VP8L or VP8X chunk, and for JPEG the frame header (SOFn) found by walking the
 * markers and seeking past the segments before it (a large EXIF block is skipped, not read). At
 * most {@value #MAX_SEGMENTS} JPEG segments are passed. Empty for a file it cannot read this way:
 * whether the file is a good image is the format check's business.
 */
final class ImageHeaders {
  /** Pixels across and down. */
  record Size(int width, int height) {}

  /** The most JPEG segments passed before the frame header; real files have a few dozen at most. */
  static final int MAX_SEGMENTS = 1024;

  /** Enough for every fixed header: WebP's VP8 and VP8X sizes end at byte 30. */
  private static final int HEAD_BYTES = 30;

  private ImageHeaders() {}

  /** The size {@code path}'s header states; empty when the file is unreadable, of another kind or broken. */
  static Optional<Size> read(Path path) {
    try (SeekableByteChannel channel = Files.newByteChannel(path)) {
      byte[] head = bytesAt(channel, 0, HEAD_BYTES);
      String format = ImageFormats.format(head);
      if (format == null) {
        return Optional.empty();
      }
      return switch (format) {
        case "PNG" -> png(head);
        case "WebP" -> webp(head);
        default -> jpeg(channel);
      };
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.empty();
    }
  }

  /** PNG: the IHDR chunk comes first, width and height as big-endian 32-bit numbers. */
  private static Optional<Size> png(byte[] head) {
    if (head.length < 24 || head[12] != 'I' || head[13] != 'H' || head[14] != 'D' || head[15] != 'R') {
      return Optional.empty();
    }
    return size(bigEndian(head, 16, 4), bigEndian(head, 20, 4));
  }

  /** WebP: after RIFF....WEBP the first chunk is VP8 (lossy), VP8L (lossless) or VP8X (extended, the canvas). */
  private static Optional<Size> webp(byte[] head) {
    if (head.length < 16 || head[12] != 'V' || head[13] != 'P' || head[14] != '8') {
      return Optional.empty();
    }
    byte kind = head[15];
    if (head.length < (kind == 'L' ? 25 : 30)) {
      return Optional.empty();
    }
    if (kind == ' ') {
      // A key frame: a 3-byte frame tag (bit 0 clear), the start code 9D 01 2A, then 14-bit width and height.
      boolean keyFrame = (head[20] & 1) == 0;
      if (!keyFrame || (head[23] & 0xFF) != 0x9D || (head[24] & 0xFF) != 0x01 || (head[25] & 0xFF) != 0x2A) {
        return Optional.empty();
      }
      return size(littleEndian(head, 26, 2) & 0x3FFF, littleEndian(head, 28, 2) & 0x3FFF);
    }
    if (kind == 'L') {
      // The signature 0x2F, then width - 1 and height - 1 in 14 bits each, least significant bits first.
      if ((head[20] & 0xFF) != 0x2F) {
        return Optional.empty();
      }
      long bits = littleEndian(head, 21, 4);
      return size((int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
    }
    if (kind == 'X') {
      // Flags (4 bytes), then canvas width - 1 and height - 1 in 24 bits each.
      return size((int) littleEndian(head, 24, 3) + 1, (int) littleEndian(head, 27, 3) + 1);
    }
    return Optional.empty();
  }

  /**
   * JPEG: after SOI, segments of FF, a marker and a 2-byte length that counts itself; the frame header
   * (any SOFn but DHT C4, JPG C8 and DAC CC) holds precision, height and width. Scan data (SOS) or the
   * end (EOI) before it means none is there.
   */
  private static Optional<Size> jpeg(SeekableByteChannel channel) throws IOException {
    long position = 2;
    for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
      byte[] marker = bytesAt(channel, position, 2);
      if (marker.length < 2 || (marker[0] & 0xFF) != 0xFF) {
        return Optional.empty();
      }
      int code = marker[1] & 0xFF;
      if (code == 0xFF) { // a fill byte before the marker
        position++;
        continue;
      }
      if (code == 0x01 || code >= 0xD0 && code <= 0xD7) { // TEM and RSTn stand alone
        position += 2;
        continue;
      }
      if (code == 0xD8 || code == 0xD9 || code == 0xDA) {
        return Optional.empty();
      }
      byte[] length = bytesAt(channel, position + 2, 2);
      if (length.length < 2 || bigEndian(length, 0, 2) < 2) {
        return Optional.empty();
      }
      if (code >= 0xC0 && code <= 0xCF && code != 0xC4 && code != 0xC8 && code != 0xCC) {
        byte[] frame = bytesAt(channel, position + 4, 5);
        return frame.length < 5 ? Optional.empty() : size(bigEndian(frame, 3, 2), bigEndian(frame, 1, 2));
      }
      position += 2 + bigEndian(length, 0, 2);
    }
    return Optional.empty();
  }

  private static Optional<Size> size(long width, long height) {
    return width > 0 && height > 0 && width <= Integer.MAX_VALUE && height <= Integer.MAX_VALUE
        ? Optional.of(new Size((int) width, (int) height)) : Optional.empty();
  }

  /** Up to {@code count} bytes from {@code position}; fewer at the end of the file. */
  private static byte[] bytesAt(SeekableByteChannel channel, long position, int count) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(count);
    channel.position(position);
    while (buffer.hasRemaining() && channel.read(buffer) > 0) {
      // read on until full or the end of the file
    }
    byte[] bytes = new byte[buffer.position()];
    buffer.flip().get(bytes);
    return bytes;
  }

  private static long bigEndian(byte[] bytes, int offset, int count) {
    long value = 0;
    for (int i = 0; i < count; i++) {
      value = value << 8 | bytes[offset + i] & 0xFF;
    }
    return value;
  }

  private static long littleEndian(byte[] bytes, int offset, int count) {
    long value = 0;
    for (int i = count - 1; i >= 0; i--) {
      value = value << 8 | bytes[offset + i] & 0xFF;
    }
    return value;
  }
}
