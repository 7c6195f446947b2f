package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local input that opens right but was cut short (a download or copy that stopped early) is refused before any upload. */
class CutInputsTest {
  private static final byte[] WHOLE_MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's',
      'o', 'm', 'm', 'p', '4', '1', 0, 0, 0, 8, 'm', 'o', 'o', 'v', 0, 0, 0, 12, 'm', 'd', 'a', 't', 1, 2, 3, 4};

  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  @TempDir Path dir;

  private List<Violation> imageProblems(byte[] content) throws IOException {
    Path image = TestImages.write(dir, "still.png", content);
    return validator.validate(VideoJob.builder("grok-video-1.5-preview").prompt("a slow pan").image(image).build())
        .violations();
  }

  @Test
  void anImageOfItsFirstBytesAloneIsRefusedAsDamagedSayingWhatIsMissing() throws IOException {
    assertThat(imageProblems(TestImages.PNG_SIGNATURE)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.IMAGE_DAMAGED);
      assertThat(v.isError()).isTrue();
      assertThat(v.message()).contains("still.png opens as a PNG image but its header (the image's size) cannot be"
          + " read", "cut short or damaged", "give the whole image");
    });
  }

  @Test
  void aPngCutAfterItsHeaderAndAWebpShorterThanItsRiffHeaderSaysAreRefused() throws IOException {
    byte[] pngWithoutEnd = Arrays.copyOf(TestImages.PNG, TestImages.PNG.length - TestImages.PNG_END.length);
    byte[] webpCut = Arrays.copyOf(TestImages.WEBP, TestImages.WEBP.length + 10);
    webpCut[4] = 60; // says 68 bytes; the file has 40

    assertThat(imageProblems(pngWithoutEnd)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.IMAGE_DAMAGED);
      assertThat(v.message()).contains("it has no IEND chunk (the end of every PNG)");
    });
    assertThat(imageProblems(webpCut)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.IMAGE_DAMAGED);
      assertThat(v.message()).contains("its RIFF header says 68 bytes but the file has 40");
    });
  }

  @Test
  void aJpegWithoutItsEndMarkerIsOnlyWarnedAboutSinceSomeCamerasAppendDataAfterIt() throws IOException {
    byte[] cut = Arrays.copyOf(TestImages.JPEG, TestImages.JPEG.length - 2);

    assertThat(imageProblems(cut)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.IMAGE_MAY_BE_CUT);
      assertThat(v.isError()).isFalse();
      assertThat(v.message()).contains("no JPEG end marker (FF D9)", "may be cut short");
    });
  }

  @Test
  void wholeImagesWithDataAfterTheirEndPass() throws IOException {
    byte[] trailing = Arrays.copyOf(TestImages.PNG, TestImages.PNG.length + 100);
    byte[] jpegTrailer = Arrays.copyOf(TestImages.JPEG, TestImages.JPEG.length + 1000);

    assertThat(imageProblems(TestImages.PNG)).isEmpty();
    assertThat(imageProblems(TestImages.WEBP)).isEmpty();
    assertThat(imageProblems(TestImages.JPEG)).isEmpty();
    assertThat(imageProblems(trailing)).isEmpty();
    assertThat(imageProblems(jpegTrailer)).as("a camera's trailer after the end marker").isEmpty();
  }

  @Test
  void aVideoOfItsFirstBoxAloneOrCutInsideABoxIsRefusedAndAWholeOnePasses() throws IOException {
    Path header = Files.write(dir.resolve("header.mp4"), Arrays.copyOf(WHOLE_MP4, 24));
    Path cut = Files.write(dir.resolve("cut.mp4"), Arrays.copyOf(WHOLE_MP4, WHOLE_MP4.length - 2));
    Path whole = Files.write(dir.resolve("whole.mp4"), WHOLE_MP4);

    assertThat(videoErrors(header)).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.VIDEO_DAMAGED);
      assertThat(v.message()).contains("header.mp4 opens as an MP4 video but is not a whole one: it has no moov box");
    });
    assertThat(videoErrors(cut)).singleElement().satisfies(v ->
        assertThat(v.message()).contains("its mdat box at offset 32 claims 12 bytes but only 10 are there"));
    assertThat(videoErrors(whole)).isEmpty();
  }

  private List<Violation> videoErrors(Path video) {
    return validator.validate(VideoJob.builder("wan2.6").prompt("the same scene at dusk").video(video).build())
        .errors();
  }
}
