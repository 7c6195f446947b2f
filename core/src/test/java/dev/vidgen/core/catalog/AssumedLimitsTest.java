package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.Violation;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Limits vidgen assumes where the provider documents none: read from route files, and told in each refusal. */
class AssumedLimitsTest {
  private static final String FILE = """
      {"routes": [{"id": "acme-video", "modes": {"image-to-video": {"images": {"min": 1, "max": 2}},
        "reference-to-video": {"images": {"min": 1, "max": 4}, "videos": {"min": 0, "max": 2}}},
        "seconds": {"one_of": [5], "default": 5}, "max_prompt_chars": 500,
        "assumed": {"reference-to-video.images": "the docs give no limit; 4 is assumed",
                    "max_prompt_chars": "copied from a sister model"}}]}
      """;

  private static RouteCatalog acme() {
    return RouteFiles.layer(RouteCatalog.of(), "acme.json", FILE);
  }

  private static Violation onlyError(RouteCatalog catalog, VideoJob job) {
    return JobValidator.of(catalog).validate(job).errors().get(0);
  }

  private static Violation onlyWarning(RouteCatalog catalog, VideoJob job) {
    dev.vidgen.core.validation.ValidationReport report = JobValidator.of(catalog).validate(job);
    assertThat(report.errors()).as("an assumed limit does not refuse").isEmpty();
    return report.warnings().get(0);
  }

  private static VideoJob.Builder acmeJob(int images) {
    VideoJob.Builder job = VideoJob.builder("acme-video").prompt("a dancer").mode(GenerationMode.REFERENCE_TO_VIDEO);
    IntStream.range(0, images).forEach(i -> job.image("https://example.com/" + i + ".png"));
    return job;
  }

  @Test
  void aJobOverAnAssumedLimitIsWarnedOfAndSentSayingTheProviderMayRefuseIt() {
    // An assumed limit is vidgen's guess, not the provider's rule: said, not enforced.
    Violation tooMany = onlyWarning(acme(), acmeJob(5).build());

    assertThat(tooMany.message()).isEqualTo("images: 5 given, but reference-to-video on acme-video is assumed to take"
        + " 1 to 4 images; they are sent, but the provider may refuse them (that limit is an assumption, not"
        + " documented by the provider: the docs give no limit; 4 is assumed; if the provider takes more, a routes"
        + " file can raise it, see docs/routes.md)");
    Violation longPrompt = onlyWarning(acme(), acmeJob(1).prompt("p".repeat(501)).build());
    assertThat(longPrompt.message()).startsWith("prompt: 501 characters is over the 500-character limit vidgen assumes"
        + " for acme-video; it is sent, but the provider may refuse it").endsWith("(that limit is an assumption, not"
        + " documented by the provider: copied from a sister model; if the provider takes more, a routes file can"
        + " raise it, see docs/routes.md)");
  }

  @Test
  void aLimitARouteFileSetsWithoutSayingItIsAssumedStillRefuses() {
    RouteCatalog raised = RouteFiles.layer(acme(), "raise.json", """
        {"patch": {"acme-video": {"max_prompt_chars": 800}}}""");

    Violation longPrompt = onlyError(raised, acmeJob(1).prompt("p".repeat(801)).build());

    assertThat(longPrompt.message()).isEqualTo("prompt: 801 characters is over the 800-character limit of acme-video;"
        + " shorten it by 1");
  }

  @Test
  void aLimitTheProviderDocumentsIsToldAsBefore() {
    Violation frames = onlyError(acme(), VideoJob.builder("acme-video").prompt("a dancer")
        .mode(GenerationMode.IMAGE_TO_VIDEO).image("https://example.com/a.png").image("https://example.com/b.png")
        .image("https://example.com/c.png").build());
    Violation videos = onlyError(acme(), acmeJob(1).video("https://example.com/a.mp4").video("https://example.com/b.mp4")
        .video("https://example.com/c.mp4").build());

    assertThat(frames.message()).as("image-to-video's 2 frames are documented").doesNotContain("assumption");
    assertThat(videos.message()).as("only the images of reference-to-video are assumed").doesNotContain("assumption");
  }

  @Test
  void thePatchThatSetsALimitMakesItTheFilesOwnUnlessItSaysOtherwise() {
    RouteCatalog raised = RouteFiles.layer(acme(), "raise.json", """
        {"patch": {"acme-video": {"max_prompt_chars": 2000}}}""");
    RouteCatalog stillAssumed = RouteFiles.layer(acme(), "raise.json", """
        {"patch": {"acme-video": {"max_prompt_chars": 800, "assumed": {"max_prompt_chars": "a guess of ours"}}}}""");
    RouteCatalog noteOnly = RouteFiles.layer(acme(), "note.json", """
        {"patch": {"acme-video": {"note": "checked again"}}}""");

    assertThat(raised.require("acme-video").assumption("max_prompt_chars")).isEmpty();
    assertThat(raised.require("acme-video").assumption(GenerationMode.REFERENCE_TO_VIDEO, "images"))
        .as("a limit the patch leaves alone stays assumed").isPresent();
    assertThat(stillAssumed.require("acme-video").assumption("max_prompt_chars")).contains("a guess of ours");
    assertThat(stillAssumed.require("acme-video").assumption(GenerationMode.REFERENCE_TO_VIDEO, "images"))
        .as("the patch's assumed replaces the route's").isEmpty();
    assertThat(noteOnly.require("acme-video").assumed()).isEqualTo(acme().require("acme-video").assumed());
  }

  @Test
  void anAssumedNameThatIsNoLimitOrABlankReasonIsRefusedSayingWhatIsAllowed() {
    RouteFileException unknown = catchThrowableOfType(() -> RouteFiles.layer(acme(), "bad.json", """
        {"patch": {"acme-video": {"assumed": {"seconds": "a guess"}}}}"""),
        RouteFileException.class);
    RouteFileException blank = catchThrowableOfType(() -> RouteFiles.layer(acme(), "bad.json", """
        {"patch": {"acme-video": {"assumed": {"videos": "  "}}}}"""), RouteFileException.class);

    assertThat(unknown).hasMessageContaining("bad.json: patch.acme-video.assumed.seconds: unknown limit \"seconds\" in"
        + " assumed; it may name images, videos or max_prompt_chars, or the images or videos of one mode, such as"
        + " reference-to-video.videos");
    assertThat(catchThrowableOfType(() -> RouteFiles.layer(acme(), "bad.json", """
        {"patch": {"acme-video": {"assumed": {"text-to-video.images": "x"}}}}"""), RouteFileException.class))
        .as("a count of a mode the route does not offer").hasMessageContaining("assumed names text-to-video.images,"
            + " but the route does not offer text-to-video");
    assertThat(catchThrowableOfType(() -> RouteFiles.layer(acme(), "bad.json", """
        {"patch": {"acme-video": {"assumed": {"image-to-video.videos": "x"}}}}"""), RouteFileException.class))
        .hasMessageContaining("assumed names image-to-video.videos, but the route takes no videos in image-to-video");
    assertThat(blank).hasMessageContaining("assumed.videos: expected assumed videos (why the limit is assumed) (a"
        + " non-blank string)");
    assertThatThrownBy(() -> ModelRoute.builder("x").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5)).assumed("max_prompt_chars", "a guess").build())
        .hasMessageContaining("assumed names max_prompt_chars, but the route sets no prompt limit");
  }

  @Test
  void theBuiltInRoutesSayWhichOfTheirLimitsAreAssumed() {
    RouteCatalog builtIn = RouteCatalog.builtIn();
    Violation kling = onlyWarning(builtIn, VideoJob.builder("kling-v3").prompt("a dancer")
        .mode(GenerationMode.REFERENCE_TO_VIDEO).image("https://example.com/1.png").image("https://example.com/2.png")
        .image("https://example.com/3.png").image("https://example.com/4.png").image("https://example.com/5.png")
        .build());

    assertThat(kling.message()).contains("is assumed to take 1 to 4 images", "that limit is an assumption",
        "the API reference gives no reference-image limit; 4 is assumed", "a routes file can raise it");
    assertThat(builtIn.require("seedance-2").assumption(GenerationMode.REFERENCE_TO_VIDEO, "videos")).isPresent();
    assertThat(builtIn.require("grok-video-1.5-preview").assumption("max_prompt_chars")).isPresent();
    assertThat(builtIn.require("veo3.1-fast").assumed()).as("a route whose limits are documented").isEmpty();
  }
}
