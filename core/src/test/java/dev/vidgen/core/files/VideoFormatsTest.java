package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A file's first bytes named for a message, and text told from media: what downloads and uploads say they got. */
class VideoFormatsTest {
  private static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
  private static final byte[] MOV = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'q', 't', ' ', ' ', 0, 0, 2, 0};
  private static final byte[] WEBM = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F, 0x42, (byte) 0x82, (byte) 0x84,
      'w', 'e', 'b', 'm'};

  @Test
  void namesTextByHowItOpensAndCallsItPlainlyNoVideo() {
    Map<String, String> named = new LinkedHashMap<>();
    named.put("<html><title>Access denied</title></html>", "an HTML page");
    named.put("\uFEFF\r\n  <!DOCTYPE html><html lang=en>", "an HTML page");
    named.put("<?xml version=\"1.0\"?><Error><Code>NoSuchKey</Code></Error>", "an XML document");
    named.put("<Error><Code>AccessDenied</Code></Error>", "markup (HTML or XML)");
    named.put("{\"error\":{\"code\":403}}", "JSON text");
    named.put("Forbidden", "plain text");

    named.forEach((content, kind) -> {
      byte[] head = content.getBytes(StandardCharsets.UTF_8);
      assertThat(VideoFormats.describe(head)).as(content).isEqualTo(kind);
      assertThat(VideoFormats.isText(head)).as(content).isTrue();
    });
  }

  @Test
  void aPageInUtf16AfterItsByteOrderMarkIsTextAndBinaryAfterSuchBytesIsNot() {
    byte[] little = "\uFEFF<html><title>Access denied</title></html>".getBytes(StandardCharsets.UTF_16LE);
    byte[] big = "\uFEFF{\"error\":\"denied\"}".getBytes(StandardCharsets.UTF_16BE);
    byte[] binary = {(byte) 0xFF, (byte) 0xFE, 0, 0, 1, 2, 3, 4, (byte) 0x80, 0, 0x1B, 0};

    assertThat(VideoFormats.describe(little)).isEqualTo("an HTML page");
    assertThat(VideoFormats.describe(big)).isEqualTo("JSON text");
    assertThat(VideoFormats.isText(binary)).as("control characters after the mark").isFalse();
  }

  @Test
  void textCutInsideACharacterIsStillText() {
    byte[] cut = Arrays.copyOf("<p>Zugriff verweigert: für".getBytes(StandardCharsets.UTF_8), 25);

    assertThat(VideoFormats.isText(cut)).as("the ü's first byte ends the head").isTrue();
  }

  @Test
  void videosImagesAndOtherBinaryAreNeverText() {
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    byte[] riff = {'R', 'I', 'F', 'F', 0x10, 0, 0, 0, 'A', 'V', 'I', ' '};
    byte[] latin1 = "caf\u00e9 ferm\u00e9".getBytes(StandardCharsets.ISO_8859_1);

    for (byte[] head : List.of(MP4, MOV, WEBM, png, riff, latin1)) {
      assertThat(VideoFormats.isText(head)).as(Arrays.toString(head)).isFalse();
    }
    assertThat(VideoFormats.describe(MP4)).isEqualTo("an MP4 video");
    assertThat(VideoFormats.describe(MOV)).isEqualTo("a MOV video");
    assertThat(VideoFormats.describe(WEBM)).isEqualTo("a WebM video");
    assertThat(VideoFormats.describe(png)).isEqualTo("a PNG image");
    assertThat(VideoFormats.describe(riff)).isEqualTo("of an unknown kind");
    assertThat(VideoFormats.describe(new byte[0])).isEqualTo("empty");
    assertThat(VideoFormats.isEbml(WEBM)).isTrue();
    assertThat(VideoFormats.isEbml(MP4)).isFalse();
  }

  @Test
  void tellsEachVideoFormatAndItsMediaType() {
    byte[] mkv = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, (byte) 0x9F, 0x42, (byte) 0x82, (byte) 0x88,
        'm', 'a', 't', 'r', 'o', 's', 'k', 'a'};

    assertThat(VideoFormats.format(MP4)).isEqualTo("MP4");
    assertThat(VideoFormats.format(MOV)).isEqualTo("MOV");
    assertThat(VideoFormats.format(WEBM)).isEqualTo("WebM");
    assertThat(VideoFormats.format(mkv)).as("Matroska that is not WebM").isNull();
    assertThat(VideoFormats.describe(mkv)).isEqualTo("a Matroska (MKV) video");
    assertThat(VideoFormats.mimeType("MP4")).isEqualTo("video/mp4");
    assertThat(VideoFormats.mimeType("MOV")).isEqualTo("video/quicktime");
    assertThat(VideoFormats.mimeType("WebM")).isEqualTo("video/webm");
  }
}
