package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.squareup.moshi.Moshi;
import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two tasks whose runs save to one {@code --out} on the mock, whose videos are byte for byte the same: the file is
 * the task's that saved it, never the other's for holding the same bytes.
 */
class SameOutOfTwoTasksTest {
  @TempDir Path dir;
  private Path home;

  @BeforeEach
  void writeImageAndHome() throws IOException {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    home = Files.createDirectories(dir.resolve("home"));
  }

  private CliRun.Result vidgen(String... args) {
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run(args);
  }

  private CliRun.Result generate(String duration, String prompt) {
    return vidgen("generate", "--json", "--provider", "mock", "--set", "mock.duration=" + duration, "--poll-interval",
        "50ms", "--image", "product.png", "--prompt", prompt, "--out", "same.mp4");
  }

  private List<String> historyLines() throws IOException {
    Path history = home.resolve("history.jsonl");
    return Files.exists(history) ? Files.readAllLines(history, StandardCharsets.UTF_8) : List.of();
  }

  @Test
  void aTaskWhoseOutAnotherTaskFilledWithTheSameBytesMeanwhileKeepsThatFileExitsOneAndSavesBesideIt()
      throws Exception {
    CompletableFuture<CliRun.Result> second = CompletableFuture.supplyAsync(() -> generate("8s", "take two"));
    await().atMost(Duration.ofSeconds(30)).until(() -> second.isDone()
        || historyLines().stream().anyMatch(line -> line.contains("\"task_id\":\"video_mock")));
    assertThat(second).as(() -> second.join().all()).isNotDone();
    // Another task's run, started later, saves its video at the same --out while the second task runs.
    CliRun.Result first = generate("300ms", "take one");
    assertThat(first.exitCode()).as(first.all()).isZero();
    Path same = dir.resolve("same.mp4");
    byte[] firstVideo = Files.readAllBytes(same);
    String firstTask = Json.field(first.out(), "task_id");

    CliRun.Result refused = second.get(60, TimeUnit.SECONDS);

    String secondTask = historyLines().stream().map(line -> Json.field(line, "task_id"))
        .filter(id -> id.startsWith("video_mock") && !id.equals(firstTask)).findFirst().orElseThrow();
    Path beside = dir.resolve("same-" + secondTask + ".mp4");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(refused.out().lines()).as("one JSON object").hasSize(1);
    assertThat(refused.out()).contains("\"exit_code\":1", "same.mp4 already exists",
        "it was kept and this video was not saved", "vidgen download " + secondTask, "--out " + beside)
        .doesNotContain("\"file\":\"" + same);
    assertThat(Files.readAllBytes(same)).as("the first task's file is left as it wrote it").isEqualTo(firstVideo);

    CliRun.Result history = vidgen("history", "--json");
    assertThat(history.out()).as(history.all())
        .containsPattern("\"task_id\":\"" + firstTask + "\"[^}]*\"file\":\"" + Pattern.quote(
            same.toString()) + "\"")
        .containsPattern("\"task_id\":\"" + secondTask + "\"[^}]*\"file\":null");

    // wait and download to that file are refused too: it may be another task's paid video.
    for (String command : List.of("wait", "download")) {
      CliRun.Result again = vidgen(command, secondTask, "--provider", "mock", "--out", "same.mp4");
      assertThat(again.exitCode()).as(again.all()).isEqualTo(2);
      assertThat(again.err()).contains("it may be another task's paid video", "--out " + beside);
    }
    CliRun.Result saved = vidgen("download", secondTask, "--provider", "mock", "--out", beside.toString());
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Files.readAllBytes(beside)).as("the two videos are byte for byte the same").isEqualTo(firstVideo);
    assertThat(Files.readAllBytes(same)).isEqualTo(firstVideo);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString())).noneMatch(name -> name.endsWith(".part"));
    }
  }

  /** A field of a one-line JSON object, read through Moshi. */
  private static final class Json {
    static String field(String json, String name) {
      try {
        Object value = new Moshi.Builder().build().adapter(Object.class).fromJson(json.strip());
        return String.valueOf(((Map<?, ?>) value).get(name));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
