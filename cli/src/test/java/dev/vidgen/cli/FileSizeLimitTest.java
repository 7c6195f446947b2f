package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A video over a file-size limit ({@code ulimit -f}): the refusal names the limit, and the way on says what must
 * change, since the same command in the same shell fails the same way (to a file as to standard output).
 */
@EnabledOnOs(OS.LINUX)
class FileSizeLimitTest {
  private static final String KEY = "sk-test" + "9".repeat(44);

  @TempDir Path dir;

  @Test
  void aVideoOverTheFileSizeLimitIsToldAsSuchWithWhatMustChangeBeforeSavingAgain() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      CliRun.Result run = generateUnderTheLimit(fake, "clip.mp4", ProcessBuilder.Redirect.DISCARD);

      String taskId = fake.taskIds().get(0);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OTHER);
      assertThat(run.err()).contains("could not save the video of task " + taskId + " to " + dir.resolve("clip.mp4")
          + ": the file grew past the largest file this process may write in " + dir, "(File too large): a file-size"
          + " limit stops it, most often the shell's (ulimit -f)");
      assertThat(run.err()).contains("the task is done, but saving it to the same place fails the same way; save its"
          + " video where the file-size limit allows it: from a shell whose ulimit -f is unlimited",
          ", with: vidgen download " + taskId).doesNotContain("the task is done; save its video with");
      assertThat(dir.resolve("clip.mp4")).doesNotExist();
    }
  }

  @Test
  void aFileSizeLimitIsNamedBeforeTheCreateThatPaysForAVideoItMayNotSave() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      CliRun.Result run = generateUnderTheLimit(fake, "clip.mp4", ProcessBuilder.Redirect.DISCARD, 16);

      String warning = "vidgen: warning: this shell's file-size limit (ulimit -f) lets vidgen write files of at most ";
      assertThat(run.err()).as(run.err()).contains(warning, "so a video larger than that is paid for but not saved;"
          + " to save larger videos, run it from a shell whose ulimit -f is unlimited");
      assertThat(run.err().indexOf(warning)).as("before the create: " + run.err())
          .isLessThan(run.err().indexOf(fake.taskIds().get(0)));
    }
  }

  @Test
  void afterAVideoOverTheFileSizeLimitHistoryAndStatusSayWhereToSaveItNotTheSameCommandAlone() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      // A video of 64 KB over a limit of 16 blocks (8 or 16 KB): the task history's few lines stay under it.
      String box = "\0\0\0\u0018ftypisom\0\0\0\0isommp41";
      fake.inject(Endpoint.FILE, Fault.answer(200, "video/mp4", box + "\0".repeat(64 * 1024)), 1);
      CliRun.Result run = generateUnderTheLimit(fake, "clip.mp4", ProcessBuilder.Redirect.DISCARD, 16);
      String taskId = fake.taskIds().get(0);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OTHER);
      assertThat(run.err()).contains("a file-size limit stops it");
      CliRun later = vidgen();

      CliRun.Result history = later.run("history");
      CliRun.Result status = later.run("status", taskId, "--base-url", fake.baseUrl());

      String other = "--out OTHER_FOLDER/clip.mp4";
      assertThat(history.out()).as(history.all()).contains("Task " + taskId + " is done, but saving its video to the"
          + " same place fails the same way; save it where the file-size limit allows it: from a shell whose ulimit"
          + " -f is unlimited", ": from such a shell with vidgen download " + taskId,
          ", or on another file system with vidgen download " + taskId, other)
          .doesNotContain("is done but its video was not saved; save it with");
      assertThat(status.exitCode()).as(status.all()).isZero();
      String next = status.out().lines().filter(line -> line.contains("vidgen download")).findFirst()
          .orElseThrow(() -> new AssertionError(status.all()));
      assertThat(next).contains("the task is done, but saving its video to the same place fails the same way",
          "where the file-size limit allows it", other);
    }
  }

  @Test
  void aVideoOverTheFileSizeLimitOnItsWayToStdoutIsToBeSavedToAFile() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      CliRun.Result run = generateUnderTheLimit(fake, "-", ProcessBuilder.Redirect.to(dir.resolve("out.mp4").toFile()));

      String taskId = fake.taskIds().get(0);
      assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OTHER);
      assertThat(run.err()).contains("could not save the video of task " + taskId + " to standard output: the video"
          + " could not be written to the temporary file it goes through on its way there (")
          .containsIgnoringCase("file too large");
      String saveIt = run.err().lines().filter(line -> line.contains("save its video with: vidgen download"))
          .findFirst().orElseThrow(() -> new AssertionError(run.err()));
      assertThat(saveIt).as("a file, not standard output again")
          .contains("vidgen download " + taskId, "--out " + dir.resolve(taskId + ".mp4"))
          .doesNotContain("--out -");
    }
  }

  /**
   * Runs {@code vidgen generate --out OUT} in a shell whose file-size limit is 2 blocks (of 512 or 1024 bytes: less
   * than the fake's video), standard output going to {@code stdout}; pipes, as stderr is, no such limit touches.
   */
  private CliRun.Result generateUnderTheLimit(FakeToApisServer fake, String out, ProcessBuilder.Redirect stdout)
      throws IOException {
    return generateUnderTheLimit(fake, out, stdout, 2);
  }

  /** As above, under a file-size limit of {@code blocks} blocks. */
  private CliRun.Result generateUnderTheLimit(FakeToApisServer fake, String out, ProcessBuilder.Redirect stdout,
      int blocks) throws IOException {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    Files.createDirectories(dir.resolve("home"));
    return vidgen().runUnderFileSizeLimit(blocks, stdout, "generate", "--image", "product.png", "--prompt", "p",
        "--out", out, "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
  }

  /** A run in the test's folder with the key and its vidgen home. */
  private CliRun vidgen() {
    return CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", dir.resolve("home").toString());
  }
}
