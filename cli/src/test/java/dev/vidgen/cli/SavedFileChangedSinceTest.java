package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A completed task's saved file that was written over or deleted since (a CI workspace cleaned, another step) is
 * never called its video: the same job run again, {@code status} and {@code history} check it as {@code wait} and
 * {@code download} do (not written since), and give scripts the download that saves the video again, which works as
 * printed and sends no new create (trial GP, F1).
 */
class SavedFileChangedSinceTest {
  private static final String KEY = "sk-test" + "7".repeat(44);
  private static final byte[] NOT_A_VIDEO = "not a video\n".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result generate(String out) {
    return vidgen("generate", "--image", "product.png", "--prompt", "nightly Z", "--max-credits", "40", "--out", out,
        "--poll-interval", "20ms", "--json");
  }

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--base-url", fake.baseUrl())).toArray(String[]::new);
    return cli.vidgen().run(all);
  }

  /** Runs a command as vidgen printed it (its first word, vidgen, left out), as a script would run it. */
  private CliRun.Result runPrinted(String command) {
    List<String> words = ShellWords.split(command);
    assertThat(words.get(0)).isEqualTo("vidgen");
    return cli.vidgen().run(words.subList(1, words.size()).toArray(String[]::new));
  }

  /**
   * As a later CI step does: the task was saved ten minutes ago (its history moved back so), and {@code file} is
   * written over now. Written in the same moment as the save, a file system's coarse clock could not tell them apart.
   */
  private void writeOverLater(Path file) throws IOException {
    AgedHistory.age(cli.home(), Duration.ofMinutes(10));
    Files.write(file, NOT_A_VIDEO);
  }

  private String savedTask(Path file) {
    CliRun.Result made = generate(file.toString());
    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(file).exists();
    return (String) made.json().get("task_id");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAgainAfterItsVideoWasWrittenOverIsToldToSaveItAgainNotThatTheFileIsItsVideo() throws IOException {
    Path z = cli.dir().resolve("out/z.mp4");
    String taskId = savedTask(z);
    writeOverLater(z);

    CliRun.Result again = generate(cli.dir().resolve("out2") + "/");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    Map<String, Object> error = (Map<String, Object>) again.json().get("error");
    assertThat(error).containsEntry("kind", "same_job");
    assertThat((String) error.get("next")).as(again.all()).doesNotContain("its video is")
        .contains("save its video with: vidgen download " + taskId);
    assertThat((Map<String, Object>) again.json().get("same_job")).as("no file is named as the job's video")
        .containsEntry("task_id", taskId).containsEntry("file", null).containsEntry("file_state", "changed");
    assertThat(again.err()).contains("a file written since, so no longer known to hold its video");
    String command = (String) again.json().get("next_command");
    assertThat(command).startsWith("vidgen download " + taskId).contains("--out " + cli.dir().resolve("out2") + "/");
    assertThat((String) error.get("next")).contains(command);

    CliRun.Result saved = runPrinted(command);

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Files.size(cli.dir().resolve("out2").resolve(taskId + ".mp4"))).isGreaterThan(NOT_A_VIDEO.length);
    assertThat(z).as("the file written over is kept as it is").hasBinaryContent(NOT_A_VIDEO);
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid twice").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAgainWithForceOverItsChangedFileGivesTheDownloadBesideItNeverOverIt() throws IOException {
    Path z = cli.dir().resolve("out/z.mp4");
    String taskId = savedTask(z);
    writeOverLater(z);

    // --force was meant to replace the changed file with a new take, not with the old take's video.
    CliRun.Result again = vidgen("generate", "--image", "product.png", "--prompt", "nightly Z", "--max-credits", "40",
        "--out", z.toString(), "--force", "--poll-interval", "20ms", "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat((Map<String, Object>) again.json().get("same_job")).containsEntry("file", null)
        .containsEntry("file_state", "changed");
    String command = (String) again.json().get("next_command");
    assertThat(command).as(again.all()).startsWith("vidgen download " + taskId).doesNotContain("--force")
        .doesNotContain("--out " + z + " ").doesNotEndWith("--out " + z);
    Map<String, Object> error = (Map<String, Object>) again.json().get("error");
    assertThat((String) error.get("next")).contains("save its video with: " + command).doesNotContain("--force");
    assertThat(again.err()).as("the words for people say the same").contains("save its video with: " + command)
        .doesNotContain("--out " + z + " --force");

    CliRun.Result saved = runPrinted(command);

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(z).as("the user's file is kept as it is").hasBinaryContent(NOT_A_VIDEO);
    try (Stream<Path> files = Files.list(z.getParent())) {
      assertThat(files.filter(file -> !file.equals(z)).toList()).as("the video saved beside the changed file")
          .singleElement().satisfies(file -> assertThat(Files.size(file)).isGreaterThan(NOT_A_VIDEO.length));
    }
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid twice").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusAndHistoryOfATaskWhoseSavedFileWasWrittenOverGiveTheDownloadThatSavesItBeside() throws IOException {
    Path z = cli.dir().resolve("out/z.mp4");
    String taskId = savedTask(z);
    writeOverLater(z);

    CliRun.Result status = vidgen("status", taskId, "--json");
    CliRun.Result history = vidgen("history", "--json");
    CliRun.Result table = vidgen("history");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat((String) status.json().get("next")).as(status.all()).doesNotContain("the video is saved at")
        .contains("which was written since");
    String command = (String) status.json().get("next_command");
    assertThat(command).startsWith("vidgen download " + taskId).doesNotContain("--out " + z + " ")
        .doesNotEndWith("--out " + z);
    Map<String, Object> task = ((List<Map<String, Object>>) history.json().get("tasks")).get(0);
    assertThat(task).containsEntry("task_id", taskId).containsEntry("file_state", "changed")
        .containsEntry("file_missing", false);
    assertThat((String) task.get("next")).startsWith("vidgen download " + taskId);
    assertThat(table.out()).contains(z + " (changed since saved)")
        .contains("Task " + taskId + " is done but its saved file " + z + " was written since it was saved");

    CliRun.Result saved = runPrinted(command);

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    try (Stream<Path> files = Files.list(z.getParent())) {
      assertThat(files.filter(file -> !file.equals(z)).toList()).as("the video saved beside the file written over")
          .singleElement().satisfies(file -> assertThat(Files.size(file)).isGreaterThan(NOT_A_VIDEO.length));
    }
    assertThat(z).hasBinaryContent(NOT_A_VIDEO);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobAgainAfterItsVideoWasDeletedSaysTheFileIsMissingAndGivesTheDownload() throws IOException {
    Path z = cli.dir().resolve("out/z.mp4");
    String taskId = savedTask(z);
    Files.delete(z);

    CliRun.Result again = generate(cli.dir().resolve("out2") + "/");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat((Map<String, Object>) again.json().get("same_job")).containsEntry("file", null)
        .containsEntry("file_state", "missing");
    String command = (String) again.json().get("next_command");
    assertThat(command).startsWith("vidgen download " + taskId);

    CliRun.Result saved = runPrinted(command);

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(cli.dir().resolve("out2").resolve(taskId + ".mp4")).exists();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSavedFileLeftAsItWasIsStillTheJobsVideoWithNothingToRun() {
    Path z = cli.dir().resolve("out/z.mp4");
    String taskId = savedTask(z);

    CliRun.Result again = generate(cli.dir().resolve("out2") + "/");
    CliRun.Result status = vidgen("status", taskId, "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat((Map<String, Object>) again.json().get("same_job")).containsEntry("file", z.toString())
        .containsEntry("file_state", "saved");
    assertThat(again.json()).containsEntry("next_command", null);
    assertThat((String) status.json().get("next")).startsWith("the video is saved at " + z);
    assertThat(status.json()).containsEntry("next_command", null);
  }
}
