package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random jobs on every route: the validator never throws, every violation names its
 * field, and a job it accepts survives a round trip through the builder and validates the same.
 * The seed is printed on failure; rerun one with {@code -Dvidgen.seed=<seed>}.
 */
class JobValidatorRandomInputTest {
  private static final int JOBS = 6_000;
  private static final Pattern CODE = Pattern.compile("[a-z_]+\\.[a-z_]+");

  private final RouteCatalog catalog = RouteCatalog.builtIn();
  private final JobValidator validator = JobValidator.of(catalog);
  private final List<ModelRoute> routes = catalog.routes();

  @TempDir Path dir;
  private List<Path> files;
  private List<String> ratios;
  private List<String> resolutions;

  @Test
  void survivesThousandsOfRandomJobsOnEveryRoute() throws IOException {
    long seed = Long.getLong("vidgen.seed", System.nanoTime());
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    prepareInputs();
    int accepted = 0;
    for (int i = 0; i < JOBS; i++) {
      ModelRoute route = routes.get(i % routes.size());
      VideoJob job = random.nextInt(3) == 0 ? wild(random, route) : mutate(random, plausible(random, route));
      String context = "seed " + seed + ", job " + i + ": " + job;

      ValidationReport report = validateWithoutThrowing(job, context);

      assertThat(report.mode()).as(context).isNotNull();
      Optional<ModelRoute> named = catalog.find(job.model());
      assertThat(report.model()).as(context).isEqualToIgnoringCase(named.isPresent() ? job.model().strip() : job.model());
      named.ifPresent(found -> assertThat(found.names()).as(context).contains(report.model()));
      for (Violation violation : report.violations()) {
        assertThat(violation.field()).as(context).isNotBlank();
        assertThat(violation.code()).as(context).matches(CODE);
        assertThat(violation.allowed()).as(context).isNotNull();
        assertThat(violation.message()).as(context).startsWith(violation.field() + ": ");
      }
      if (report.isValid()) {
        accepted++;
        VideoJob copy = job.toBuilder().build();
        assertThat(copy).as(context).isEqualTo(job);
        assertThat(validateWithoutThrowing(copy, context)).as(context).isEqualTo(report);
        assertThat(catalog.require(job.model()).offers(report.mode())).as(context).isTrue();
      }
    }
    assertThat(accepted).as("seed %d: enough accepted jobs to test the round trip", seed).isGreaterThan(JOBS / 10);
  }

  private ValidationReport validateWithoutThrowing(VideoJob job, String context) {
    try {
      return validator.validate(job);
    } catch (RuntimeException e) {
      throw new AssertionError("validator threw for " + context, e);
    }
  }

  private void prepareInputs() throws IOException {
    files = List.of(
        TestImages.write(dir, "a.jpg", TestImages.JPEG),
        TestImages.write(dir, "b.png", TestImages.PNG),
        TestImages.write(dir, "c.webp", TestImages.WEBP),
        TestImages.write(dir, "d.gif", TestImages.GIF),
        TestImages.text(dir, "e.png"),
        Files.createFile(dir.resolve("empty.jpg")),
        Files.createDirectory(dir.resolve("folder.png")),
        TestImages.pngOfSize(dir, "big.png", 10L * 1024 * 1024 + 1),
        dir.resolve("missing.png"));
    Set<String> allRatios = new LinkedHashSet<>(List.of("", " ", "4:5", "16/9", "ADAPTIVE", " 16:9 "));
    Set<String> allResolutions = new LinkedHashSet<>(List.of("", "8k", "720", "1080i", "2k"));
    for (ModelRoute route : routes) {
      allRatios.addAll(route.aspectRatios());
      allResolutions.addAll(route.resolutions());
      route.resolutions().forEach(r -> allResolutions.add(r.toUpperCase(Locale.ROOT)));
    }
    ratios = List.copyOf(allRatios);
    resolutions = List.copyOf(allResolutions);
  }

  /** A job that the route may well accept: an offered mode with inputs in range. */
  private VideoJob plausible(RandomGenerator random, ModelRoute route) {
    List<GenerationMode> modes = List.copyOf(route.modes());
    GenerationMode mode = modes.get(random.nextInt(modes.size()));
    VideoJob.Builder job = VideoJob.builder(route.id()).mode(random.nextBoolean() ? mode : null)
        .prompt(words(random, 3 + random.nextInt(20)));
    int images = between(random, route.imagesFor(mode));
    int videos = between(random, route.videosFor(mode));
    if (mode == GenerationMode.REFERENCE_TO_VIDEO && images + videos == 0) {
      images = route.imagesFor(mode).max() > 0 ? 1 : 0;
      videos = images == 0 ? 1 : 0;
    }
    for (int i = 0; i < images; i++) {
      job.image(random.nextInt(4) == 0 ? ImageInput.file(files.get(random.nextInt(3)))
          : ImageInput.url("https://example.com/" + i + ".png"));
    }
    for (int i = 0; i < videos; i++) {
      job.video(URI.create("https://example.com/" + i + ".mp4"));
    }
    List<Integer> seconds = route.durations().values();
    if (random.nextBoolean()) {
      job.seconds(seconds.get(random.nextInt(seconds.size())));
    }
    if (!route.aspectRatios().isEmpty() && random.nextBoolean()) {
      job.aspectRatio(route.aspectRatios().get(random.nextInt(route.aspectRatios().size())));
    }
    if (!route.resolutions().isEmpty() && random.nextBoolean()) {
      job.resolution(route.resolutions().get(random.nextInt(route.resolutions().size())));
    }
    if (!route.knownParams().isEmpty() && random.nextInt(4) == 0) {
      List<String> known = List.copyOf(route.knownParams());
      job.param(known.get(random.nextInt(known.size())), random.nextBoolean());
    }
    return job.build();
  }

  /** A plausible job with zero to two fields replaced by random ones. */
  private VideoJob mutate(RandomGenerator random, VideoJob job) {
    VideoJob result = job;
    int changes = random.nextInt(3);
    for (int i = 0; i < changes; i++) {
      result = change(random, result.toBuilder(), random.nextInt(9)).build();
    }
    return result;
  }

  /** A job of random fields, most of them wrong in some way. */
  private VideoJob wild(RandomGenerator random, ModelRoute route) {
    VideoJob.Builder job = VideoJob.builder(route.id());
    for (int field = 0; field < 9; field++) {
      if (random.nextBoolean()) {
        change(random, job, field);
      }
    }
    return job.build();
  }

  private VideoJob.Builder change(RandomGenerator random, VideoJob.Builder job, int field) {
    switch (field) {
      case 0 -> job.model(model(random, job.build().model()));
      case 1 -> job.mode(random.nextInt(5) == 0 ? null : GenerationMode.values()[random.nextInt(4)]);
      case 2 -> job.prompt(prompt(random));
      case 3 -> job.image(image(random));
      case 4 -> job.video(URI.create(pick(random, List.of("https://example.com/v.mp4", "ftp://example.com/v.mp4",
          "v.mp4", "http:///v.mp4", "data:video/mp4;base64,AAAA", "HTTPS://EXAMPLE.COM/V.MP4"))));
      case 5 -> job.seconds(random.nextInt(6) == 0 ? null : pick(random, List.of(
          random.nextInt(-5, 41), Integer.MIN_VALUE, Integer.MAX_VALUE, 0)));
      case 6 -> job.aspectRatio(random.nextInt(6) == 0 ? null : pick(random, ratios));
      case 7 -> job.resolution(random.nextInt(6) == 0 ? null : pick(random, resolutions));
      default -> job.param(pick(random, List.of("seed", "metadata", "tools", "audio", "foo", "", "metadata.enable_gif")),
          pick(random, List.of(Boolean.TRUE, Boolean.FALSE, 7, "x", List.of(), Map.of("enable_gif", true),
              Map.of("enable_gif", Map.of()))));
    }
    return job;
  }

  private String model(RandomGenerator random, String current) {
    return switch (random.nextInt(5)) {
      case 0 -> current.toUpperCase(Locale.ROOT);
      case 1 -> current.isEmpty() ? "x" : current.substring(0, random.nextInt(current.length()));
      case 2 -> pick(random, List.of("", " ", "sora-3", "grok", "veo3.1-fast ", "\u0000"));
      case 3 -> routes.get(random.nextInt(routes.size())).id();
      default -> current + "-x";
    };
  }

  private String prompt(RandomGenerator random) {
    return switch (random.nextInt(7)) {
      case 0 -> null;
      case 1 -> pick(random, List.of("", " ", "\t\n"));
      case 2 -> "a".repeat(random.nextInt(1190, 8000));
      case 3 -> "😀".repeat(random.nextInt(1, 3000));
      case 4 -> "(0-5s) wide (" + random.nextInt(-2, 9) + "-" + random.nextInt(0, 40) + "s) push-in ("
          + random.nextInt(0, 20) + "–" + random.nextInt(0, 40) + " sec) end [3-s] (9999-99999s)";
      case 5 -> randomText(random);
      default -> words(random, 10);
    };
  }

  private ImageInput image(RandomGenerator random) {
    return switch (random.nextInt(3)) {
      case 0 -> ImageInput.file(pick(random, files));
      case 1 -> ImageInput.url(pick(random, List.of("https://example.com/a.png", "http://example.com/a.jpg",
          "ftp://example.com/a.png", "data:image/png;base64,AAAA", "https:relative.png", "http:///a.png",
          "file:///tmp/a.png", "a.png", "HTTP://EXAMPLE.COM/A.PNG")));
      default -> ImageInput.file(Path.of(pick(random, List.of("nope.png", "", ".", "/", "a/../b.jpg"))));
    };
  }

  private static String randomText(RandomGenerator random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(0, 200);
    for (int i = 0; i < length; i++) {
      int codePoint = random.nextInt(0, 0x1_0000);
      if (Character.isSurrogate((char) codePoint)) {
        codePoint = '(';
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static String words(RandomGenerator random, int count) {
    List<String> words = List.of("slow", "push-in", "on", "a", "lighthouse", "(0-5s)", "waves", "dusk", "[Pan left]");
    List<String> picked = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      picked.add(words.get(random.nextInt(words.size())));
    }
    return String.join(" ", picked);
  }

  private static int between(RandomGenerator random, IntRange range) {
    return random.nextInt(range.min(), Math.min(range.max(), range.min() + 4) + 1);
  }

  private static <T> T pick(RandomGenerator random, List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
