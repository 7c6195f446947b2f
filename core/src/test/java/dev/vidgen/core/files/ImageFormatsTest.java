package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** An image's format is told by its first bytes alone. */
class ImageFormatsTest {
  @Test
  void readsOnlyTheFirstBytes() {
    byte[] head = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};

    assertThat(ImageFormats.format(head)).isEqualTo("JPEG");
    assertThat(ImageFormats.format(new byte[] {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'A', 'V', 'E'})).isNull();
  }

  @Test
  void tellsEachImageFormatAndItsMediaType() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    byte[] webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};

    assertThat(ImageFormats.format(png)).isEqualTo("PNG");
    assertThat(ImageFormats.format(webp)).isEqualTo("WebP");
    assertThat(ImageFormats.mimeType("PNG")).isEqualTo("image/png");
    assertThat(ImageFormats.mimeType("WebP")).isEqualTo("image/webp");
    assertThat(ImageFormats.mimeType("JPEG")).isEqualTo("image/jpeg");
  }
}
