package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A route's image_pixels rule against local images, each read from its header: the Hailuo 2.3 routes take a short
 * side over 300 px and a width:height from 2:5 to 5:2, both ends included; image URLs are not fetched.
 */
class ImagePixelRulesTest {
  private static final String HAILUO = "MiniMax-Hailuo-2.3";
  private static final String LIMITS =
      "a short side of at least 301 px and a width:height from 2:5 (tall) to 5:2 (wide)";

  @TempDir Path dir;

  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  private Path png(int width, int height) throws IOException {
    return TestImages.write(dir, width + "x" + height + ".png", TestImages.png(width, height));
  }

  private List<Violation> errors(String model, Path... images) {
    VideoJob.Builder job = VideoJob.builder(model).prompt("A slow push-in").mode(GenerationMode.IMAGE_TO_VIDEO);
    for (Path image : images) {
      job.image(image);
    }
    return validator.validate(job.build()).errors();
  }

  @ParameterizedTest
  @CsvSource({"MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast"})
  void anImageWhoseShortSideIsTooShortIsRefusedNamingTheFileItsSizeAndWhatIsAllowed(String model) throws IOException {
    Path small = png(200, 200);

    assertThat(errors(model, small)).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("images[0]");
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_PIXELS).isEqualTo("image.pixels");
      assertThat(error.given()).isEqualTo("200x200 px");
      assertThat(error.allowed()).isEqualTo(LIMITS);
      assertThat(error.message()).isEqualTo("images[0]: " + small + " is 200x200 px: its short side of 200 px is under"
          + " 301 px; " + model + " takes images with " + LIMITS + "; scale it up or use a larger original");
    });
  }

  @Test
  void anImageTooWideOrTooTallIsRefusedSayingWhichAndHowToFixIt() throws IOException {
    Path wide = png(1000, 100);
    Path tall = png(400, 1001);

    assertThat(errors(HAILUO, wide)).extracting(Violation::message).containsExactly("images[0]: " + wide
        + " is 1000x100 px: its short side of 100 px is under 301 px, and it is wider than 5:2 (width:height); "
        + HAILUO + " takes images with " + LIMITS + "; scale it up or use a larger original, and crop or pad it to"
        + " 5:2 or taller");
    assertThat(errors(HAILUO, tall)).extracting(Violation::message).containsExactly("images[0]: " + tall
        + " is 400x1001 px: it is taller than 2:5 (width:height); " + HAILUO + " takes images with " + LIMITS
        + "; crop or pad it to 2:5 or wider");
    assertThat(errors(HAILUO, png(1001, 400))).extracting(Violation::given).containsExactly("1001x400 px");
  }

  @Test
  void theBoundsThemselvesAreAllowed() throws IOException {
    assertThat(errors(HAILUO, png(301, 301))).isEmpty();
    assertThat(errors(HAILUO, png(301, 752))).as("301:752 is within 2:5").isEmpty();
    assertThat(errors(HAILUO, png(400, 1000))).as("2:5 exactly").isEmpty();
    assertThat(errors(HAILUO, png(1000, 400))).as("5:2 exactly").isEmpty();
    assertThat(errors(HAILUO, png(1920, 1080))).isEmpty();
    assertThat(errors(HAILUO, png(300, 600))).extracting(Violation::given).containsExactly("300x600 px");
  }

  @Test
  void everyBadImageIsItsOwnErrorAndAUrlOrAnUnreadableHeaderDrawsNoPixelError() throws IOException {
    ModelRoute twoImages = ModelRoute.builder("acme-frames").mode(GenerationMode.IMAGE_TO_VIDEO, 1, 3)
        .durations(DurationRule.oneOf(5)).rules(RouteRule.imagePixels(301, "2:5", "5:2", "the provider's limits"))
        .build();
    JobValidator acme = JobValidator.of(RouteCatalog.of(List.of(twoImages)));
    Path small = png(200, 200);
    Path wide = png(3000, 1000);
    VideoJob job = VideoJob.builder("acme-frames").prompt("x").image(small).image("https://media.example.test/1x1.png")
        .image(wide).build();

    assertThat(acme.validate(job).errors()).extracting(Violation::field, Violation::code).containsExactly(
        org.assertj.core.api.Assertions.tuple("images[0]", ViolationCodes.IMAGE_PIXELS),
        org.assertj.core.api.Assertions.tuple("images[2]", ViolationCodes.IMAGE_PIXELS));
    Path headerOnly = TestImages.write(dir, "cut.png", java.util.Arrays.copyOf(TestImages.PNG, 16));
    assertThat(errors(HAILUO, headerOnly)).as("a PNG cut before its size: refused as damaged, nothing said of its pixels")
        .extracting(Violation::code).containsExactly(ViolationCodes.IMAGE_DAMAGED);
  }

  @Test
  void aRouteWithoutTheRuleTakesAnySize() throws IOException {
    assertThat(errors("MiniMax-Hailuo-02", png(200, 200))).isEmpty();
  }

  @Test
  void limitsThatNoImageCouldMeetOrThatLimitNothingAreRefusedInJava() {
    assertThatThrownBy(() -> RouteRule.imagePixels(null, null, null, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no limit is given");
    assertThatThrownBy(() -> RouteRule.imagePixels(0, "5:2", "2:5", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("min short side 0 px is below 1; give 1 or more; and min ratio 5:2 is wider than max ratio 2:5, so"
            + " no image would fit; give the taller ratio (such as 2:5) as the min and the wider (such as 5:2) as the"
            + " max");
    assertThatThrownBy(() -> RouteRule.imagePixels(null, "2/5", null, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("min ratio \"2/5\" is not W:H");
  }
}
