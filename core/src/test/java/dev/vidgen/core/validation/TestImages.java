package dev.vidgen.core.validation;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny image files written into a test's temporary folder: whole by their headers and ends, 1 x 1 px, no pixels. */
final class TestImages {
  /** SOI, a JFIF APP0, a frame header (SOF0) of 1 x 1 px, EOI. */
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1,
      0, 0, 1, 0, 1, 0, 0, (byte) 0xFF, (byte) 0xC0, 0, 11, 8, 0, 1, 0, 1, 1, 1, 0x11, 0, (byte) 0xFF, (byte) 0xD9};
  /** The signature alone, as the first bytes of every PNG. */
  static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
  /** A PNG's last chunk: IEND, no data, its CRC. */
  static final byte[] PNG_END = {0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 0x42, 0x60, (byte) 0x82};
  /** The signature, an IHDR chunk of 1 x 1 px (CRC left zero) and IEND. */
  static final byte[] PNG = png(1, 1);
  /** RIFF of the file's length, WEBP, a lossy VP8 key frame's header of 1 x 1 px. */
  static final byte[] WEBP = {'R', 'I', 'F', 'F', 22, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' ', 10, 0, 0, 0,
      0, 0, 0, (byte) 0x9D, 0x01, 0x2A, 1, 0, 1, 0};
  static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};

  private TestImages() {}

  static Path write(Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  static Path text(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), "not an image at all\n".getBytes(StandardCharsets.UTF_8));
  }

  /** A PNG of {@code width} x {@code height} without pixels: its signature, IHDR chunk (CRC left zero) and IEND. */
  static byte[] png(int width, int height) {
    return java.nio.ByteBuffer.allocate(45).put(PNG_SIGNATURE).putInt(13).put(new byte[] {'I', 'H', 'D', 'R'})
        .putInt(width).putInt(height).put(new byte[] {8, 2, 0, 0, 0}).putInt(0).put(PNG_END).array();
  }

  /** A PNG's header, then zeros (sparsely), then its IEND chunk: {@code bytes} bytes in all. */
  static Path pngOfSize(Path dir, String name, long bytes) throws IOException {
    byte[] head = java.util.Arrays.copyOf(PNG, PNG.length - PNG_END.length);
    Path path = write(dir, name, head);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(bytes);
      file.seek(bytes - PNG_END.length);
      file.write(PNG_END);
    }
    return path;
  }
}
