package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Width and height from the header of a JPEG, PNG or WebP file, built here byte by byte, never decoded. */
class ImageHeadersTest {
  @TempDir Path dir;

  private Optional<ImageHeaders.Size> read(byte[] bytes) throws IOException {
    return ImageHeaders.read(Files.write(dir.resolve("image"), bytes));
  }

  @Test
  void aPngSaysItsSizeInItsIhdrChunk() throws IOException {
    assertThat(read(TestImages.png(1280, 301))).contains(new ImageHeaders.Size(1280, 301));
    assertThat(read(encoded("png", 640, 360))).as("as ImageIO writes one").contains(new ImageHeaders.Size(640, 360));
  }

  @Test
  void aJpegIsReadAtItsFrameHeaderPastABigExifBlockAHuffmanTableAndFillBytes() throws IOException {
    // A 64 KB APP1 (EXIF) whose payload holds what looks like a frame header of 16x16: it must be skipped whole.
    byte[] exif = new byte[65533];
    byte[] decoy = {(byte) 0xFF, (byte) 0xC0, 0, 17, 8, 0, 16, 0, 16};
    System.arraycopy(decoy, 0, exif, 1000, decoy.length);
    ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
    jpeg.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
    segment(jpeg, 0xE0, "JFIF\0".getBytes());
    segment(jpeg, 0xE1, exif);
    segment(jpeg, 0xE1, new byte[40000]); // an XMP block after it
    segment(jpeg, 0xC4, new byte[29]); // DHT: C4 is in the SOFn range but no frame header
    jpeg.write(0xFF); // fill bytes before a marker are allowed
    segment(jpeg, 0xC2, frame(1920, 1080)); // progressive
    segment(jpeg, 0xDA, new byte[10]);
    jpeg.write(new byte[] {1, 2, 3, (byte) 0xFF, (byte) 0xD9});

    assertThat(read(jpeg.toByteArray())).contains(new ImageHeaders.Size(1920, 1080));
    assertThat(read(encoded("jpg", 200, 640))).as("as ImageIO writes one").contains(new ImageHeaders.Size(200, 640));
  }

  @Test
  void aJpegWithoutAFrameHeaderBeforeItsScanOrCutShortOrWithEndlessSegmentsHasNoSize() throws IOException {
    ByteArrayOutputStream scanFirst = new ByteArrayOutputStream();
    scanFirst.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
    segment(scanFirst, 0xDA, new byte[10]);
    segment(scanFirst, 0xC0, frame(100, 100));
    ByteArrayOutputStream cut = new ByteArrayOutputStream();
    cut.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
    segment(cut, 0xE1, new byte[5000]);
    byte[] cutShort = Arrays.copyOf(cut.toByteArray(), 3000);
    ByteArrayOutputStream endless = new ByteArrayOutputStream();
    endless.write(new byte[] {(byte) 0xFF, (byte) 0xD8});
    for (int i = 0; i < ImageHeaders.MAX_SEGMENTS; i++) {
      segment(endless, 0xFE, new byte[0]); // comments
    }
    segment(endless, 0xC0, frame(100, 100));

    assertThat(read(scanFirst.toByteArray())).isEmpty();
    assertThat(read(cutShort)).isEmpty();
    assertThat(read(endless.toByteArray())).as("stops after %d segments", ImageHeaders.MAX_SEGMENTS).isEmpty();
  }

  @Test
  void aLossyWebpSaysItsSizeInItsVp8KeyFrame() throws IOException {
    ByteBuffer vp8 = little(10).put(new byte[] {0x30, 0x01, 0x00}) // frame tag: bit 0 clear, a key frame
        .put(new byte[] {(byte) 0x9D, 0x01, 0x2A})
        .putShort((short) (1024 | 1 << 14)).putShort((short) 768); // the top two bits are the scale, not the size

    assertThat(read(webp("VP8 ", vp8.array()))).contains(new ImageHeaders.Size(1024, 768));
  }

  @Test
  void aLosslessWebpSaysItsSizeInItsVp8lBits() throws IOException {
    int bits = (4000 - 1) | (300 - 1) << 14 | 1 << 28; // width - 1, height - 1, alpha used
    ByteBuffer vp8l = little(5).put((byte) 0x2F).putInt(bits);

    assertThat(read(webp("VP8L", vp8l.array()))).contains(new ImageHeaders.Size(4000, 300));
  }

  @Test
  void anExtendedWebpSaysItsCanvasInItsVp8xChunk() throws IOException {
    ByteBuffer vp8x = little(10).putInt(0x10); // flags: alpha
    putUint24(vp8x, 5000 - 1);
    putUint24(vp8x, 2000 - 1);

    assertThat(read(webp("VP8X", vp8x.array()))).contains(new ImageHeaders.Size(5000, 2000));
  }

  @Test
  void whatIsNoImageOrHasABrokenHeaderHasNoSizeAndDoesNotThrow() throws IOException {
    assertThat(read("not an image at all, just words".getBytes())).isEmpty();
    assertThat(read(TestImages.GIF)).isEmpty();
    assertThat(read(Arrays.copyOf(TestImages.PNG, 16))).as("a PNG cut before its width").isEmpty();
    assertThat(read(TestImages.png(0, 300))).isEmpty();
    assertThat(read(webp("VP8Q", new byte[10]))).isEmpty();
    assertThat(read(webp("VP8 ", little(10).put(new byte[] {0x31, 0, 0, (byte) 0x9D, 1, 0x2A, 1, 1, 1, 1}).array())))
        .as("not a key frame").isEmpty();
    assertThat(read(new byte[0])).isEmpty();
    assertThat(ImageHeaders.read(dir.resolve("missing.png"))).isEmpty();
    assertThat(ImageHeaders.read(dir)).as("a folder").isEmpty();
  }

  /** A JPEG segment: FF, the marker, a big-endian length that counts itself, the payload. */
  private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) throws IOException {
    int length = payload.length + 2;
    out.write(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length});
    out.write(payload);
  }

  /** A frame header's payload: 8-bit precision, height, width, three components. */
  private static byte[] frame(int width, int height) {
    return ByteBuffer.allocate(15).put((byte) 8).putShort((short) height).putShort((short) width).put((byte) 3)
        .put(new byte[9]).array();
  }

  private static ByteBuffer little(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static void putUint24(ByteBuffer buffer, int value) {
    buffer.put((byte) value).put((byte) (value >> 8)).put((byte) (value >> 16));
  }

  /** RIFF, its size, WEBP, then one chunk of {@code kind} holding {@code payload}. */
  private static byte[] webp(String kind, byte[] payload) {
    ByteBuffer riff = little(20 + payload.length).put("RIFF".getBytes()).putInt(12 + payload.length)
        .put("WEBP".getBytes()).put(kind.getBytes()).putInt(payload.length).put(payload);
    return riff.array();
  }

  private static byte[] encoded(String format, int width, int height) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    assertThat(ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), format, out)).isTrue();
    return out.toByteArray();
  }
}
