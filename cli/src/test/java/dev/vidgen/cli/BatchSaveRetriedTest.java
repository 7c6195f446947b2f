package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose finished video cannot be saved for a while (a file stands where its folder goes, as a folder that
 * refuses files does): the run says so at once on stderr, saves it again once the folder takes files, without paying
 * again, and a Ctrl-C meanwhile says the video was not saved and why, not that it is being saved.
 */
class BatchSaveRetriedTest {
  private static final String WARNING = "vidgen: warning: line 1 (a): task ";

  @TempDir Path dir;

  @Test
  void aVideoTheFolderRefusesIsToldAtOnceAndSavedInTheSameRunOnceTheFolderTakesFiles() throws Exception {
    Path blocked = jobsWithBlockedFolder();
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Lifecycle.byPolls(1, 15)).start()) {
      Process process = run(out, err, fake, "200ms");
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
            .until(() -> read(err).contains(WARNING) || !process.isAlive());
        assertThat(process.isAlive()).as("told while the run goes on: " + read(err)).isTrue();
        Files.delete(blocked); // the folder can be made: the next try saves the video

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
        String stderr = read(err);
        assertThat(process.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains(WARNING + fake.creates().get(0).taskId() + " completed, but its video was not"
            + " saved (could not save the video of task ", "nothing is sent again for it: this run tries to save it"
            + " again in 0.2 s, then a few more times at longer waits, and sends no new job meanwhile")
            .contains("line 1 (a): the video of task " + fake.creates().get(0).taskId() + " is saved now, as ");
        assertThat(dir.resolve("jobs-videos").resolve("blocked").resolve("a.mp4")).isRegularFile();
        assertThat(fake.creates()).as("paid once").hasSize(1);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  @Test
  void ctrlCWhileAVideoWaitsToBeSavedAgainSaysItWasNotSavedAndWhy() throws Exception {
    jobsWithBlockedFolder();
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Lifecycle.byPolls(1, 15)).start()) {
      Process process = run(out, err, fake, "30s");
      try {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
            .until(() -> read(err).contains(WARNING) || !process.isAlive());
        assertThat(process.isAlive()).as("told while the run goes on: " + read(err)).isTrue();
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after Ctrl-C").isTrue();

        CliRun.Result result = new CliRun.Result(process.exitValue(), read(out), read(err));
        assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
        assertThat(result.err()).contains("interrupted with 0 of 1 jobs done and 1 whose task completed and whose"
            + " video was not saved (could not save the video of task ")
            .contains("once the folder takes files, the next run saves it while its link lasts)")
            .doesNotContain("being saved");
        assertThat(result.json()).containsEntry("saving", 1.0).containsEntry("not_saved", 1.0);
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** One job whose video goes into the folder {@code blocked}, which {@link #run} blocks once the job is sent. */
  private Path jobsWithBlockedFolder() throws IOException {
    Files.write(dir.resolve("jobs.jsonl"), List.of("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\":"
        + " [\"https://img.example/a.png\"], \"out\": \"blocked/a.mp4\"}"));
    return dir.resolve("jobs-videos").resolve("blocked");
  }

  /**
   * Runs the batch in a process; once its create is sent (its task runs for about 1.5 s), a file is put where the
   * video's folder goes, so that its save is refused as by a folder that takes no files.
   */
  private Process run(Path out, Path err, FakeToApisServer fake, String retryDelay) throws IOException {
    Process process = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).startProcess(out, err,
        List.of("batch", dir.resolve("jobs.jsonl").toString(), "--base-url", fake.baseUrl(), "--poll-interval",
            "100ms", "--retry-delay", retryDelay, "--json"));
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
        .until(() -> !fake.creates().isEmpty() || !process.isAlive());
    Files.writeString(dir.resolve("jobs-videos").resolve("blocked"), "not a folder");
    return process;
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }
}
