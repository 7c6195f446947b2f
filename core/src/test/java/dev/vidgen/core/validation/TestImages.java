package dev.vidgen.core.validation;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tiny image files written into a test's temporary folder: real magic bytes, little else. */
final class TestImages {
  static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1, 1};
  static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
  static final byte[] WEBP = {'R', 'I', 'F', 'F', 36, 0, 0, 0, 'W', 'E', 'B', 'P', 'V', 'P', '8', ' '};
  static final byte[] GIF = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};

  private TestImages() {}

  static Path write(Path dir, String name, byte[] content) throws IOException {
    return Files.write(dir.resolve(name), content);
  }

  static Path text(Path dir, String name) throws IOException {
    return Files.write(dir.resolve(name), "not an image at all\n".getBytes(StandardCharsets.UTF_8));
  }

  /** The first 33 bytes of a PNG of {@code width} x {@code height}: its signature and IHDR chunk (CRC left zero). */
  static byte[] png(int width, int height) {
    return java.nio.ByteBuffer.allocate(33).put(PNG).putInt(width).putInt(height)
        .put(new byte[] {8, 2, 0, 0, 0}).array();
  }

  /** A PNG header followed by nothing, stretched (sparsely) to {@code bytes} bytes. */
  static Path pngOfSize(Path dir, String name, long bytes) throws IOException {
    Path path = write(dir, name, PNG);
    try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "rw")) {
      file.setLength(bytes);
    }
    return path;
  }
}
