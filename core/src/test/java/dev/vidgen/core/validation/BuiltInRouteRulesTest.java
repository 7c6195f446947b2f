package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of every built-in route, written down once more from the ToAPIs API reference and
 * checked two ways: the catalog holds exactly these values, and the validator accepts each of
 * them and rejects what lies outside.
 */
class BuiltInRouteRulesTest {
  /**
   * id | modes (images, +videos) | seconds | default | aspect ratios | resolutions | prompt limit.
   * Modes: t2v, i2v, r2v, edit; "r2v:0-9+0-3" = 0 to 9 images and 0 to 3 videos.
   */
  private static final String REFERENCE = """
      grok-video-1.5-preview          | i2v:1                          | 10,15  | 10 | 16:9 9:16 3:2 2:3 1:1                | -                  | 1200
      grok-video-1.5                  | i2v:1                          | 1-15   | 8  | 16:9 1:1 9:16 3:2 2:3                | 720p 480p          | -
      grok-video-1.0                  | t2v i2v:1-8                    | 1-15   | 8  | 16:9 9:16 3:2 2:3 1:1                | 720p 480p          | -
      grok-imagine-1.0-video          | t2v i2v:1-7                    | 6-30   | 6  | 16:9 9:16 1:1 3:2 2:3                | 480p 720p          | -
      sora-2                          | t2v i2v:1                      | 10,15  | 10 | 16:9 9:16                            | -                  | -
      sora-2-pro                      | t2v i2v:1                      | 15,25  | 15 | 16:9 9:16                            | -                  | -
      sora-2-vip                      | t2v i2v:1                      | 10,15  | 10 | 16:9 9:16                            | -                  | -
      sora-2-vvip                     | t2v i2v:1                      | 4,8,12 | 4  | 16:9 9:16                            | -                  | -
      sora-2-official                 | t2v i2v:1                      | 4,8,12 | 4  | 9:16 16:9                            | -                  | -
      veo3.1-fast                     | t2v i2v:1-2 r2v:3              | 8      | 8  | 16:9 9:16                            | 720p 1080p 4k      | -
      veo3.1-quality                  | t2v i2v:1-2                    | 8      | 8  | 16:9 9:16                            | 720p 1080p 4k      | -
      veo3.1-lite                     | t2v i2v:1-2 r2v:3              | 8      | 8  | 16:9 9:16                            | 720p 1080p 4k      | -
      Veo3.1-quality-official         | t2v i2v:1 r2v:1-3              | 4,6,8  | 8  | 16:9 9:16                            | 720p 1080p 4k      | -
      Veo3.1-fast-official            | t2v i2v:1 r2v:1-3              | 4,6,8  | 8  | 16:9 9:16                            | 720p 1080p 4k      | -
      Veo3.1-lite-official            | t2v i2v:1 r2v:1-3              | 4,6,8  | 8  | 16:9 9:16                            | 720p               | -
      seedance-2                      | t2v i2v:1-2 r2v:0-9+0-3        | 4-15   | 5  | 21:9 16:9 4:3 1:1 3:4 9:16 adaptive  | 720p 480p 1080p 4k | -
      seedance-2-fast                 | t2v i2v:1-2 r2v:0-9+0-3        | 4-15   | 5  | 21:9 16:9 4:3 1:1 3:4 9:16 adaptive  | 720p 480p          | -
      seedance-2-mini                 | t2v i2v:1-2 r2v:0-9+0-3        | 4-15   | 5  | 21:9 16:9 4:3 1:1 3:4 9:16 adaptive  | 720p 480p          | -
      seedance-2-5                    | t2v i2v:1-2 r2v:0-30+0-10 edit:0-30+1-10 | 4-30 | 5 | 21:9 16:9 4:3 1:1 3:4 9:16 adaptive | 720p 480p      | -
      doubao-seedance-1-5-pro         | t2v i2v:1-2                    | 4-12   | 5  | 16:9 9:16 1:1 4:3 3:4 21:9           | 720p 480p 1080p    | -
      doubao-seedance-1-0-pro-fast    | t2v i2v:1 r2v:1                | 2-12   | 5  | 16:9 9:16 1:1 4:3 3:4 21:9           | 720p 480p 1080p    | -
      doubao-seedance-1-0-pro-quality | t2v i2v:1-2 r2v:1              | 2-12   | 5  | 16:9 9:16 1:1 4:3 3:4 21:9           | 720p 480p 1080p    | -
      kling-v3                        | t2v i2v:1-2 r2v:1-4            | 3-15   | 5  | 16:9 9:16 1:1                        | 720p 1080p         | -
      kling-v2-6                      | t2v i2v:1-2 r2v:1-4            | 5,10   | 5  | 16:9 9:16 1:1                        | 720p 1080p         | 2500
      kling-3.0-turbo                 | t2v i2v:1                      | 3-15   | 5  | 16:9 9:16 1:1                        | 720p 1080p         | -
      wan2.6                          | t2v i2v:1 r2v:0+1-5            | 5,10,15 | 5 | 16:9 9:16 1:1 4:3 3:4                | 1080p 720p         | -
      wan2.6-flash                    | i2v:1 r2v:0+1-5                | 5,10,15 | 5 | -                                    | 1080p 720p         | -
      MiniMax-Hailuo-2.3              | t2v i2v:1                      | 6,10   | 6  | -                                    | 768P 1080P         | 2000
      MiniMax-Hailuo-2.3-Fast         | i2v:1                          | 6,10   | 6  | -                                    | 768P 1080P         | 2000
      MiniMax-Hailuo-02               | t2v i2v:1                      | 6,10   | 6  | -                                    | 768P 512P 1080P    | 2000
      MiniMax-H3                      | t2v i2v:1-2 r2v:0-9+0-3        | 4-15   | 5  | 16:9 21:9 4:3 1:1 3:4 9:16 adaptive  | 2K 768p            | 7000
      viduq3-pro                      | t2v i2v:1-2                    | 1-16   | 5  | 16:9 9:16 1:1 4:3 3:4                | 720p 540p 1080p    | 5000
      viduq3-turbo                    | t2v i2v:1-2                    | 1-16   | 5  | 16:9 9:16 1:1 4:3 3:4                | 720p 540p 1080p    | 5000
      viduq3                          | r2v:1-7                        | 3-16   | 5  | -                                    | 720p 540p 1080p    | 5000
      happyhorse-1.1                  | t2v i2v:1 r2v:1-9 edit:0-5+1   | 3-15   | 5  | 16:9 9:16 1:1 4:3 3:4                | 1080P 720P         | -
      gemini-omni-flash               | t2v r2v:1-3                    | 4,6,10 | 6  | 16:9 9:16                            | 720p 1080p         | -
      gemini_omni                     | t2v                            | 6,10   | 6  | 16:9 9:16                            | 720P               | -
      """;

  private static final RouteCatalog CATALOG = RouteCatalog.builtIn();
  /** Retired routes (sora-2*) keep their rules; their retirement is tested in {@code RetiredRoutesTest}. */
  private final JobValidator validator = JobValidator.of(CATALOG).allowingRetired();

  /** One line of {@link #REFERENCE}. */
  /**
   * The values a route takes for an automatic length, which the provider chooses (R: seedance-2 and -fast take 0 or
   * -1, seedance-2-5 takes -1); every other route takes none.
   */
  private static final Map<String, List<Integer>> AUTOMATIC = Map.of(
      "seedance-2", List.of(0, -1), "seedance-2-fast", List.of(0, -1), "seedance-2-5", List.of(-1));

  record Expected(
      String id,
      Map<GenerationMode, IntRange> images,
      Map<GenerationMode, IntRange> videos,
      List<Integer> seconds,
      int defaultSeconds,
      List<String> ratios,
      List<String> resolutions,
      Integer promptLimit) {

    ModelRoute route() {
      return CATALOG.require(id);
    }

    /** The first mode listed, with the fewest inputs it takes. */
    GenerationMode firstMode() {
      return images.keySet().iterator().next();
    }

    @Override
    public String toString() {
      return id;
    }
  }

  static Stream<Expected> routes() {
    return REFERENCE.lines().filter(line -> !line.isBlank()).map(BuiltInRouteRulesTest::parse);
  }

  private static Expected parse(String line) {
    String[] cells = Arrays.stream(line.split("\\|")).map(String::trim).toArray(String[]::new);
    Map<GenerationMode, IntRange> images = new java.util.LinkedHashMap<>();
    Map<GenerationMode, IntRange> videos = new EnumMap<>(GenerationMode.class);
    for (String token : cells[1].split("\\s+")) {
      String[] modeAndCounts = token.split(":");
      GenerationMode mode = GenerationMode.parse(modeAndCounts[0]).orElseThrow();
      String[] counts = modeAndCounts.length > 1 ? modeAndCounts[1].split("\\+") : new String[] {"0"};
      images.put(mode, range(counts[0]));
      videos.put(mode, counts.length > 1 ? range(counts[1]) : IntRange.exactly(0));
    }
    return new Expected(cells[0], images, videos, seconds(cells[2]), Integer.parseInt(cells[3]), words(cells[4]),
        words(cells[5]), cells[6].equals("-") ? null : Integer.valueOf(cells[6]));
  }

  private static IntRange range(String text) {
    String[] ends = text.split("-");
    return IntRange.of(Integer.parseInt(ends[0]), Integer.parseInt(ends[ends.length - 1]));
  }

  private static List<Integer> seconds(String text) {
    if (text.contains("-")) {
      IntRange range = range(text);
      List<Integer> all = new ArrayList<>();
      for (int s = range.min(); s <= range.max(); s++) {
        all.add(s);
      }
      return all;
    }
    return Arrays.stream(text.split(",")).map(Integer::valueOf).toList();
  }

  private static List<String> words(String text) {
    return text.equals("-") ? List.of() : List.of(text.split("\\s+"));
  }

  /** A job the route accepts: the first mode with its fewest inputs, and a prompt. */
  private static VideoJob.Builder minimalJob(Expected expected) {
    GenerationMode mode = expected.firstMode();
    VideoJob.Builder job = VideoJob.builder(expected.id()).mode(mode).prompt("A lighthouse at dusk, waves below");
    addInputs(job, expected.images().get(mode).min(), expected.videos().get(mode).min());
    return job;
  }

  private static void addInputs(VideoJob.Builder job, int images, int videos) {
    for (int i = 0; i < images; i++) {
      job.image("https://example.com/frame-" + i + ".png");
    }
    for (int i = 0; i < videos; i++) {
      job.video(URI.create("https://example.com/clip-" + i + ".mp4"));
    }
  }

  private List<Violation> errors(VideoJob.Builder job) {
    return validator.validate(job.build()).errors();
  }

  @Test
  void exactlyTheHailuo23RoutesLimitAnImagesPixelsAsTheFactSheetSays() {
    // Fact sheet §3.8: "image_urls 1 image (JPG, PNG or WebP, <20 MB, short side >300 px, ratio 2:5–5:2)".
    java.util.Map<String, List<dev.vidgen.core.domain.RouteRule>> limited = new java.util.TreeMap<>();
    for (ModelRoute route : RouteCatalog.builtIn().routes()) {
      List<dev.vidgen.core.domain.RouteRule> pixels = route.rules().stream()
          .filter(dev.vidgen.core.domain.RouteRule.ImagePixels.class::isInstance).toList();
      if (!pixels.isEmpty()) {
        limited.put(route.id(), pixels);
      }
    }

    assertThat(limited).containsOnlyKeys("MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast");
    limited.values().forEach(rules -> assertThat(rules).singleElement()
        .isInstanceOfSatisfying(dev.vidgen.core.domain.RouteRule.ImagePixels.class, limits -> {
          assertThat(limits.minShortSide()).isEqualTo(301);
          assertThat(limits.minRatio()).isEqualTo("2:5");
          assertThat(limits.maxRatio()).isEqualTo("5:2");
        }));
  }

  @Test
  void theTableNamesEveryBuiltInRoute() {
    assertThat(routes().map(Expected::id)).containsExactlyInAnyOrderElementsOf(CATALOG.ids());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void catalogHoldsTheReferenceValues(Expected expected) {
    ModelRoute route = expected.route();

    assertThat(route.modes()).containsExactlyInAnyOrderElementsOf(expected.images().keySet());
    expected.images().forEach((mode, range) -> assertThat(route.imagesFor(mode)).as("images for %s", mode).isEqualTo(range));
    expected.videos().forEach((mode, range) -> assertThat(route.videosFor(mode)).as("videos for %s", mode).isEqualTo(range));
    assertThat(route.durations().values()).isEqualTo(expected.seconds());
    assertThat(route.durations().defaultSeconds()).isEqualTo(expected.defaultSeconds());
    assertThat(route.aspectRatios()).isEqualTo(expected.ratios());
    assertThat(route.resolutions()).isEqualTo(expected.resolutions());
    assertThat(route.maxPromptChars()).isEqualTo(expected.promptLimit());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void acceptsTheFewestInputsOfItsFirstMode(Expected expected) {
    assertThat(validator.validate(minimalJob(expected).build()).violations())
        .filteredOn(violation -> !violation.code().equals(ViolationCodes.MODEL_RETIRED)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void acceptsEveryOfferedDuration(Expected expected) {
    for (int seconds : expected.seconds()) {
      assertThat(errors(minimalJob(expected).seconds(seconds))).as("%d s", seconds).isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void rejectsDurationsJustOutsideTheOfferedOnesNamingTheChoice(Expected expected) {
    List<Integer> offered = expected.seconds();
    List<Integer> outside = new ArrayList<>(List.of(offered.get(0) - 1, offered.get(offered.size() - 1) + 1, 0, -5));
    for (int s = offered.get(0); s <= offered.get(offered.size() - 1); s++) {
      if (!offered.contains(s)) {
        outside.add(s);
        break;
      }
    }
    List<Integer> automatic = AUTOMATIC.getOrDefault(expected.id(), List.of());
    String choice = expected.route().durations().describe() + (automatic.isEmpty() ? ""
        : ", or " + String.join(" or ", automatic.stream().map(String::valueOf).toList()) + " for an automatic length");
    for (int seconds : outside) {
      if (offered.contains(seconds) || automatic.contains(seconds)) {
        continue;
      }
      assertThat(errors(minimalJob(expected).seconds(seconds))).as("%d s", seconds).singleElement()
          .satisfies(error -> {
            assertThat(error.field()).isEqualTo("seconds");
            assertThat(error.code()).isEqualTo(ViolationCodes.SECONDS_NOT_OFFERED);
            assertThat(error.message()).isEqualTo(
                "seconds: " + seconds + " is not offered by " + expected.id() + "; choose " + choice
                    + ((seconds == 0 || seconds == -1) && automatic.isEmpty() ? " (" + expected.id() + " takes no automatic length:"
                        + " give the length in seconds)" : ""));
          });
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void takesAnAutomaticLengthExactlyWhereTheReferenceOffersOne(Expected expected) {
    List<Integer> automatic = AUTOMATIC.getOrDefault(expected.id(), List.of());

    assertThat(expected.route().durations().automatic()).as("the catalog's automatic lengths")
        .containsExactlyInAnyOrderElementsOf(automatic);
    for (int seconds : List.of(0, -1)) {
      List<Violation> errors = errors(minimalJob(expected).seconds(seconds));
      if (automatic.contains(seconds)) {
        assertThat(errors).as("%d s", seconds).isEmpty();
      } else {
        assertThat(errors).as("%d s", seconds).singleElement().satisfies(error -> assertThat(error.message())
            .startsWith("seconds: " + seconds + " is not offered by " + expected.id()));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void acceptsEveryOfferedAspectRatioAndResolutionInAnyCase(Expected expected) {
    for (String ratio : expected.ratios()) {
      assertThat(codes(minimalJob(expected).aspectRatio(ratio)))
          .as(ratio).doesNotContain(ViolationCodes.ASPECT_RATIO_NOT_OFFERED);
    }
    for (String resolution : expected.resolutions()) {
      assertThat(codes(minimalJob(expected).resolution(resolution.toUpperCase(Locale.ROOT))))
          .as(resolution).doesNotContain(ViolationCodes.RESOLUTION_NOT_OFFERED);
      assertThat(codes(minimalJob(expected).resolution(resolution.toLowerCase(Locale.ROOT))))
          .as(resolution).doesNotContain(ViolationCodes.RESOLUTION_NOT_OFFERED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void rejectsAnUnofferedAspectRatioAndResolution(Expected expected) {
    String ratioCode = expected.ratios().isEmpty()
        ? ViolationCodes.ASPECT_RATIO_NOT_ACCEPTED : ViolationCodes.ASPECT_RATIO_NOT_OFFERED;
    String resolutionCode = expected.resolutions().isEmpty()
        ? ViolationCodes.RESOLUTION_NOT_ACCEPTED : ViolationCodes.RESOLUTION_NOT_OFFERED;

    List<Violation> errors = errors(minimalJob(expected).aspectRatio("5:4").resolution("8k"));

    assertThat(errors).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
        org.assertj.core.api.Assertions.tuple("aspect_ratio", ratioCode),
        org.assertj.core.api.Assertions.tuple("resolution", resolutionCode));
    for (String offered : expected.ratios()) {
      assertThat(errors.get(0).message()).contains(offered);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void rejectsOneImageMoreThanEachModeTakes(Expected expected) {
    expected.images().forEach((mode, range) -> {
      VideoJob.Builder job = VideoJob.builder(expected.id()).mode(mode).prompt("a lighthouse");
      addInputs(job, range.max() + 1, expected.videos().get(mode).min());
      if (expected.route().assumption(mode, "images").isPresent()) {
        // A limit the provider does not document is warned of, not enforced.
        assertThat(codes(job)).as("%s with %d images (assumed limit)", mode, range.max() + 1)
            .doesNotContain(ViolationCodes.IMAGES_TOO_MANY);
        return;
      }

      assertThat(codes(job)).as("%s with %d images", mode, range.max() + 1)
          .contains(range.max() == 0 ? ViolationCodes.IMAGES_NOT_ACCEPTED : ViolationCodes.IMAGES_TOO_MANY);
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void rejectsEveryModeItDoesNotOffer(Expected expected) {
    for (GenerationMode mode : GenerationMode.values()) {
      if (expected.images().containsKey(mode)) {
        continue;
      }
      List<Violation> errors = errors(minimalJob(expected).mode(mode));
      assertThat(errors).extracting(Violation::code).as(mode.id()).contains(ViolationCodes.MODE_NOT_OFFERED);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void enforcesTheDocumentedPromptLimitInCodePoints(Expected expected) {
    if (expected.promptLimit() == null) {
      assertThat(codes(minimalJob(expected).prompt("a".repeat(20_000)))).isEmpty();
      assertThat(codes(minimalJob(expected).prompt("a".repeat(20_001)))).as("over the ceiling of an undocumented limit")
          .containsExactly(ViolationCodes.PROMPT_TOO_LONG);
      return;
    }
    int limit = expected.promptLimit();
    assertThat(codes(minimalJob(expected).prompt("é".repeat(limit)))).isEmpty();
    assertThat(codes(minimalJob(expected).prompt("😀".repeat(limit)))).isEmpty();
    if (expected.route().assumption("max_prompt_chars").isPresent()) {
      // A limit the provider does not document is warned of, not enforced.
      assertThat(codes(minimalJob(expected).prompt("a".repeat(limit + 1)))).isEmpty();
      assertThat(codes(minimalJob(expected).prompt("a".repeat(20_001)))).as("over the ceiling of an undocumented limit")
          .containsExactly(ViolationCodes.PROMPT_TOO_LONG);
      return;
    }
    assertThat(codes(minimalJob(expected).prompt("a".repeat(limit + 1))))
        .containsExactly(ViolationCodes.PROMPT_TOO_LONG);
  }

  private List<String> codes(VideoJob.Builder job) {
    return errors(job).stream().map(Violation::code).toList();
  }
}
