package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local image outside a route's pixel limits (the Hailuo 2.3 routes: short side over 300 px, width:height 2:5 to
 * 5:2) is refused by generate, its dry run and batch before anything is sent, and the model sheet shows the limits.
 */
class ImagePixelsCommandTest {
  private static final String LIMITS =
      "a short side of at least 301 px and a width:height from 2:5 (tall) to 5:2 (wide)";

  @TempDir Path dir;
  @TempDir Path home;

  private CliRun.Result vidgen(FakeToApisServer fake, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("VIDGEN_HOME", home.toString())
        .run(all.toArray(String[]::new));
  }

  @Test
  void generateAndItsDryRunRefuseATooSmallImageOnHailuoAndSendNothing() {
    Images.png(200, 200).writeTo(dir.resolve("product.png"));
    Images.png(640, 360).writeTo(dir.resolve("fine.png"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result dry = vidgen(fake, "generate", "--dry-run", "--model", "MiniMax-Hailuo-2.3", "--image",
          "product.png", "--prompt", "Slow push-in on the bottle");
      CliRun.Result json = vidgen(fake, "generate", "--dry-run", "--json", "--model", "MiniMax-Hailuo-2.3-Fast",
          "--image", "product.png", "--prompt", "Slow push-in on the bottle");
      CliRun.Result paid = vidgen(fake, "generate", "--model", "MiniMax-Hailuo-2.3", "--image", "product.png",
          "--prompt", "Slow push-in on the bottle");

      assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB).isEqualTo(2);
      assertThat(dry.err()).contains("images[0]: " + dir.resolve("product.png") + " is 200x200 px: its short side of"
          + " 200 px is under 301 px; MiniMax-Hailuo-2.3 takes images with " + LIMITS
          + "; scale it up or use a larger original")
          .contains("nothing was sent");
      assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(json.all()).contains("image.pixels", "200x200 px");
      assertThat(paid.exitCode()).as(paid.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(paid.all()).contains("product.png is 200x200 px");
      assertThat(fake.requests()).as("no upload and no create").isEmpty();

      CliRun.Result fine = vidgen(fake, "generate", "--dry-run", "--model", "MiniMax-Hailuo-2.3", "--image",
          "fine.png", "--prompt", "Slow push-in on the bottle");
      assertThat(fine.exitCode()).as(fine.all()).isZero();
      assertThat(fine.all()).doesNotContain("image.pixels", "px:");
    }
  }

  @Test
  void aBatchListsEachBadImageAndSendsNothing() throws Exception {
    Images.png(200, 200).writeTo(dir.resolve("small.png"));
    Images.png(1000, 100).writeTo(dir.resolve("strip.png"));
    Path jobs = Files.write(dir.resolve("jobs.jsonl"), List.of(
        "{\"id\": \"a\", \"model\": \"MiniMax-Hailuo-2.3-Fast\", \"prompt\": \"a\", \"images\": [\"small.png\"]}",
        "{\"id\": \"b\", \"model\": \"MiniMax-Hailuo-2.3-Fast\", \"prompt\": \"b\", \"images\": [\"strip.png\"]}"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result batch = vidgen(fake, "batch", jobs.toString(), "--concurrency", "1");

      assertThat(batch.exitCode()).as(batch.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(batch.all()).contains("small.png is 200x200 px: its short side of 200 px is under 301 px")
          .contains("strip.png is 1000x100 px: its short side of 100 px is under 301 px, and it is wider than 5:2");
      assertThat(fake.requests()).as("nothing sent").isEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theModelSheetAndItsJsonShowTheLimits() {
    CliRun.Result sheet = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
        .run("models", "MiniMax-Hailuo-2.3", "--provider", "mock");
    CliRun.Result json = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
        .run("models", "MiniMax-Hailuo-2.3-Fast", "--json", "--provider", "mock");
    CliRun.Result other = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
        .run("models", "MiniMax-Hailuo-02", "--json", "--provider", "mock");

    assertThat(sheet.exitCode()).as(sheet.all()).isZero();
    assertThat(sheet.out().lines().filter(line -> line.startsWith("image pixels "))).singleElement()
        .asString().endsWith(LIMITS + " (a local image, read from its header; an image URL is not fetched, so not"
            + " checked)");
    assertThat((Map<String, Object>) json.json().get("image_pixels")).containsExactly(
        Map.entry("min_short_side", 301.0), Map.entry("min_ratio", "2:5"), Map.entry("max_ratio", "5:2"));
    assertThat(other.json()).containsEntry("image_pixels", null);
  }
}
