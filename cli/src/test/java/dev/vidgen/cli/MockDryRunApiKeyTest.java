package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run on the mock, which takes no key, says its request carries none, whatever keys the environment holds. */
class MockDryRunApiKeyTest {
  @TempDir Path dir;

  @BeforeEach
  void writeImage() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> request(CliRun.Result result) {
    assertThat(result.exitCode()).as(result.all()).isZero();
    return (Map<String, Object>) result.json().get("request");
  }

  @Test
  void generateDryRunOnTheMockShowsTheKeyAbsent() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    String[] dryRun = {"generate", "--image", "product.png", "--prompt", "dry words", "--dry-run", "--json"};

    Map<String, Object> noKey = request(vidgen.run(dryRun));
    Map<String, Object> mockKey = request(vidgen.env("MOCK_API_KEY", "mock-" + "7".repeat(20)).run(dryRun));
    Map<String, Object> toApisKey = request(vidgen.env("TOAPIS_API_KEY", "sk-test" + "7".repeat(44))
        .run(dryRun[0], dryRun[1], dryRun[2], dryRun[3], dryRun[4], dryRun[5], dryRun[6], "--provider", "mock"));

    assertThat(noKey).containsEntry("api_key", "absent").containsEntry("url", "mock://api/v1/videos/generations");
    assertThat(mockKey).as("the mock is given no key").containsEntry("api_key", "absent");
    assertThat(toApisKey).as("toapis's key is never the mock's").containsEntry("api_key", "absent");
  }

  @Test
  void extendDryRunOnTheMockShowsTheKeyAbsent() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0", "--prompt",
        "a red kite rises", "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();

    CliRun.Result dry = vidgen.run("extend", (String) first.json().get("task_id"), "--prompt", "the kite climbs",
        "--dry-run", "--json");

    assertThat(request(dry)).containsEntry("api_key", "absent");
  }
}
