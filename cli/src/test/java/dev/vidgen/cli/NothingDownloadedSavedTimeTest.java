package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A {@code wait} or {@code download} that finds its video saved already keeps the time it was really saved. */
class NothingDownloadedSavedTimeTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();

  private CliRun.Result vidgen(String... args) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    String[] all = Stream.concat(Stream.of(args), Stream.of("--base-url", cli.fake().baseUrl(), "--poll-interval",
        "20ms", "--retry-delay", "1ms")).toArray(String[]::new);
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(all);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> onlyTask() throws IOException {
    CliRun.Result history = vidgen("history", "--json");
    assertThat(history.exitCode()).as(history.all()).isZero();
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) history.json().get("tasks");
    assertThat(tasks).as(history.all()).hasSize(1);
    return tasks.get(0);
  }

  @Test
  void runsThatDownloadNothingSayAndKeepTheTimeTheFileWasSaved() throws IOException {
    CliRun.Result sent = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--out", "clip.mp4");
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    String task = cli.fake().taskIds().get(0);
    Path clip = dir.resolve("clip.mp4").toAbsolutePath();
    FileTime written = Files.getLastModifiedTime(clip);
    Object savedAt = onlyTask().get("updated_at");
    Path history = dir.resolve("home").resolve("history.jsonl");
    long lines = Files.readAllLines(history).size();

    // A retried CI step, twice: each finds the file holding this task's video and downloads nothing.
    CliRun.Result waited = vidgen("wait", task, "--out", "clip.mp4");
    CliRun.Result downloaded = vidgen("download", task, "--out", "clip.mp4", "--json");

    String saved = Instant.parse((String) savedAt).truncatedTo(ChronoUnit.SECONDS).toString();
    for (CliRun.Result again : List.of(waited, downloaded)) {
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).as(again.all()).contains(clip + " already holds this task's video, saved " + saved
          + " (UTC) as the history says; nothing was downloaded");
    }
    assertThat(Files.getLastModifiedTime(clip)).isEqualTo(written);
    Map<String, Object> listed = onlyTask();
    assertThat(listed).as("the history keeps the time the video was saved, not the runs that found it")
        .containsEntry("updated_at", savedAt).containsEntry("file", clip.toString())
        .containsEntry("status", "completed");
    assertThat(Files.readAllLines(history)).as("runs that saved nothing add no line").hasSize((int) lines);
  }
}
