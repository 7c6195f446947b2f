package dev.vidgen.it;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Writes what every route of a client's catalog does with a fixed, deterministic set of jobs:
 * the validation result, the price quote and, for a valid job, the body provider-toapis would
 * send. Taken once from the Java catalog before it became a route file, it proves the move exact.
 */
final class CatalogGolden {
  private static final String PROMPT = "A red kite rises over green hills at dawn";

  private CatalogGolden() {}

  /** The whole record for {@code client}'s catalog, one block per job. */
  static String of(VidgenClient client) {
    StringBuilder out = new StringBuilder();
    for (ModelRoute route : client.catalog().routes()) {
      for (Map.Entry<String, VideoJob> job : jobs(route).entrySet()) {
        out.append("### ").append(route.id()).append(" | ").append(job.getKey()).append('\n');
        describe(client, job.getValue(), out);
      }
    }
    return out.toString();
  }

  /** A client on provider-toapis with a made-up key; previews send nothing. */
  static VidgenClient toApisClient(UnaryOperator<VidgenClient.Builder> settings) {
    ProviderConfig config = ProviderConfig.builder().apiKey("sk-golden-not-a-real-key").build();
    return settings.apply(VidgenClient.builder().provider("toapis", config)).build();
  }

  private static void describe(VidgenClient client, VideoJob job, StringBuilder out) {
    ValidationReport report = client.validate(job);
    out.append("valid: ").append(report.isValid()).append('\n');
    for (Violation violation : report.violations()) {
      out.append(violation.isError() ? "E " : "W ").append(violation.field()).append(' ')
          .append(violation.code()).append(" | ").append(violation.message()).append('\n');
    }
    PriceQuote quote;
    try {
      quote = client.quote(job);
      out.append("quote: ").append(quote.isKnown()
          ? quote.credits().toPlainString() + " credits, $" + quote.usd().toPlainString() + ", " + quote.basis()
          : "unknown, " + quote.basis()).append('\n');
    } catch (InvalidJobException e) {
      out.append("quote: refused, ").append(e.getMessage()).append('\n');
    }
    if (report.isValid()) {
      try {
        out.append("body: ").append(client.preview(job).body()).append('\n');
      } catch (RuntimeException e) {
        out.append("body: refused, ").append(e.getClass().getSimpleName()).append(": ")
            .append(e.getMessage()).append('\n');
      }
    }
  }

  /** The fixed jobs for one route, by label, in a stable order. */
  static Map<String, VideoJob> jobs(ModelRoute route) {
    Map<String, VideoJob> jobs = new LinkedHashMap<>();
    GenerationMode first = route.modes().iterator().next();
    for (GenerationMode mode : GenerationMode.values()) {
      jobs.put("mode " + mode.id(), base(route, mode).mode(mode).build());
    }
    jobs.put("mode inferred", base(route, first).build());
    jobs.put("no prompt", base(route, first).mode(first).prompt(null).build());
    int min = route.durations().min();
    int max = route.durations().max();
    jobs.put("seconds min " + min, base(route, first).mode(first).seconds(min).build());
    jobs.put("seconds max " + max, base(route, first).mode(first).seconds(max).build());
    jobs.put("seconds default", base(route, first).mode(first).seconds(route.durations().defaultSeconds()).build());
    jobs.put("seconds invalid " + (max + 1), base(route, first).mode(first).seconds(max + 1).build());
    jobs.put("seconds zero", base(route, first).mode(first).seconds(0).build());
    for (String ratio : route.aspectRatios()) {
      for (GenerationMode mode : route.modes()) {
        jobs.put("ratio " + ratio + " in " + mode.id(), base(route, mode).mode(mode).aspectRatio(ratio).build());
      }
    }
    jobs.put("ratio invalid 7:5", base(route, first).mode(first).aspectRatio("7:5").build());
    for (String resolution : route.resolutions()) {
      for (GenerationMode mode : route.modes()) {
        jobs.put("resolution " + resolution + " in " + mode.id(),
            base(route, mode).mode(mode).resolution(resolution).build());
      }
      jobs.put("resolution " + resolution.toUpperCase(java.util.Locale.ROOT) + " upper, 6 s",
          base(route, first).mode(first).resolution(resolution.toUpperCase(java.util.Locale.ROOT)).seconds(6).build());
    }
    jobs.put("resolution invalid 999p", base(route, first).mode(first).resolution("999p").build());
    for (GenerationMode mode : route.modes()) {
      IntRange images = route.imagesFor(mode);
      if (images.max() > 0 || mode != GenerationMode.TEXT_TO_VIDEO) {
        for (int count = 0; count <= images.max() + 1; count++) {
          jobs.put(mode.id() + " with " + count + " images",
              base(route, mode).mode(mode).images(images(count)).build());
        }
      }
      IntRange videos = route.videosFor(mode);
      if (videos.max() > 0) {
        for (int count = 0; count <= videos.max() + 1; count++) {
          VideoJob.Builder job = VideoJob.builder(route.id()).prompt(PROMPT).mode(mode)
              .images(images(images.min()));
          for (int i = 0; i < count; i++) {
            job.video(URI.create("https://media.example.test/clip-" + i + ".mp4"));
          }
          jobs.put(mode.id() + " with " + count + " videos", job.build());
        }
      }
    }
    route.promptLimit().ifPresent(limit -> {
      jobs.put("prompt at limit " + limit, base(route, first).mode(first).prompt("p".repeat(limit)).build());
      jobs.put("prompt over limit " + (limit + 1), base(route, first).mode(first).prompt("p".repeat(limit + 1)).build());
    });
    jobs.put("param unknown", base(route, first).mode(first).param("zz_unknown", true).build());
    jobs.put("param seed 7", base(route, first).mode(first).param("seed", 7).build());
    jobs.put("param metadata.enable_gif", base(route, first).mode(first)
        .param("metadata", Map.of("enable_gif", true)).build());
    jobs.put("param tools", base(route, first).mode(first).param("tools", List.of("web_search")).build());
    jobs.put("param audio", base(route, first).mode(first).param("audio", true).build());
    for (String known : route.knownParams()) {
      jobs.put("known param " + known, base(route, first).mode(first).param(known, "x").build());
    }
    return jobs;
  }

  /** A job with the fewest inputs {@code mode} takes and a prompt. */
  private static VideoJob.Builder base(ModelRoute route, GenerationMode mode) {
    VideoJob.Builder job = VideoJob.builder(route.id()).prompt(PROMPT);
    int imageCount = route.offers(mode) ? route.imagesFor(mode).min() : (mode == GenerationMode.TEXT_TO_VIDEO ? 0 : 1);
    job.images(images(imageCount));
    int videoCount = route.offers(mode) ? route.videosFor(mode).min() : (mode == GenerationMode.VIDEO_EDIT ? 1 : 0);
    for (int i = 0; i < videoCount; i++) {
      job.video(URI.create("https://media.example.test/clip-" + i + ".mp4"));
    }
    return job;
  }

  private static List<ImageInput> images(int count) {
    List<ImageInput> images = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      images.add(ImageInput.url("https://media.example.test/still-" + i + ".png"));
    }
    return images;
  }
}
