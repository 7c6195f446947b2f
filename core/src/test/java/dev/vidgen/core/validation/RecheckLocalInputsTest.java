package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job's local files checked again right before their upload: what changed since validation is named so. */
class RecheckLocalInputsTest {
  @TempDir Path dir;

  @Test
  void aFileGoneOrChangedSinceValidationIsTheJobsProblemSaidForThatFile() throws IOException {
    Path image = Files.write(dir.resolve("product.png"), TestImages.PNG);
    Path video = Files.writeString(dir.resolve("clip.mp4"), "<!doctype html><title>404</title>");
    VideoJob job = VideoJob.builder("any-model").prompt("a slow pan").image(image).video(video).build();
    Files.delete(image);

    assertThat(JobValidator.recheckLocalInputs(job)).satisfiesExactly(
        gone -> {
          assertThat(gone.field()).isEqualTo("images[0]");
          assertThat(gone.code()).isEqualTo(ViolationCodes.IMAGE_MISSING);
          assertThat(gone.message()).contains("product.png does not exist")
              .endsWith("(found when checked again before its upload: it changed after the job was validated)");
        },
        page -> {
          assertThat(page.field()).isEqualTo("videos[0]");
          assertThat(page.code()).isEqualTo(ViolationCodes.VIDEO_FORMAT);
          assertThat(page.message()).contains("clip.mp4 is an HTML page");
        });
  }

  @Test
  void filesAsTheyWereValidatedDrawNothing() throws IOException {
    Path image = Files.write(dir.resolve("product.png"), TestImages.PNG);

    assertThat(JobValidator.recheckLocalInputs(VideoJob.builder("any-model").prompt("a pan").image(image).build()))
        .isEmpty();
  }
}
