package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code wait} and {@code download} without {@code --out} save a task's video where it was made to go. */
class MadeWithOutTest {
  private static final String[] FAST = {"--provider", "mock", "--set", "mock.duration=300ms", "--poll-interval",
      "50ms"};

  @TempDir Path dir;
  @TempDir Path home;

  @BeforeEach
  void writeImage() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  private CliRun.Result run(String... args) {
    String[] all = new String[args.length + FAST.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(FAST, 0, all, args.length, FAST.length);
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run(all);
  }

  private String submit(String out) {
    CliRun.Result made = run("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p",
        "--out", out);
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  @Test
  void aWaitWithoutOutSavesTheVideoToTheOutTheTaskWasMadeWithAndSaysSo() throws IOException {
    String taskId = submit("clips/a.mp4");
    Path recorded = dir.resolve("clips/a.mp4").toAbsolutePath().normalize();

    CliRun.Result waited = run("wait", taskId, "--json");

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(waited.json()).containsEntry("file", recorded.toString());
    assertThat(Mp4Files.boxes(recorded)).startsWith("ftyp");
    assertThat(dir.resolve(taskId + ".mp4")).as("not the working folder's default").doesNotExist();
    assertThat(waited.err().lines().filter(line -> line.contains("the --out the task was made with")))
        .containsExactly("vidgen: saving the video to " + recorded + ", the --out the task was made with; give --out"
            + " to save elsewhere");
  }

  @Test
  void aDownloadWithoutOutSavesThereTooWhileAGivenOutWins() throws IOException {
    String taskId = submit("clips/b.mp4");
    Path recorded = dir.resolve("clips/b.mp4").toAbsolutePath().normalize();
    CliRun.Result elsewhere = run("wait", taskId, "--out", "other.mp4", "--json");
    assertThat(elsewhere.exitCode()).as(elsewhere.all()).isZero();
    assertThat(elsewhere.err()).doesNotContain("the --out the task was made with");
    assertThat(dir.resolve("other.mp4")).as("the --out given wins").exists();
    assertThat(recorded).doesNotExist();

    CliRun.Result download = run("download", taskId, "--json");

    assertThat(download.exitCode()).as(download.all()).isZero();
    assertThat(download.json()).containsEntry("file", recorded.toString());
    assertThat(Mp4Files.boxes(recorded)).startsWith("ftyp");
    assertThat(download.err()).contains("saving the video to " + recorded + ", the --out the task was made with");
  }

  @Test
  void anotherFileAtTheOutTheTaskWasMadeWithIsRefusedWithTheUsualAdvice() throws IOException {
    String taskId = submit("clips/c.mp4");
    Path recorded = dir.resolve("clips/c.mp4").toAbsolutePath().normalize();
    Files.createDirectories(recorded.getParent());
    Files.writeString(recorded, "another video");

    CliRun.Result waited = run("wait", taskId);

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(waited.err()).contains(recorded + " already exists (it may be another task's paid video)",
        "save this task's video beside it with --out ");
    assertThat(Files.readString(recorded)).isEqualTo("another video");
    assertThat(dir.resolve(taskId + ".mp4")).as("nothing saved elsewhere instead").doesNotExist();
  }
}
