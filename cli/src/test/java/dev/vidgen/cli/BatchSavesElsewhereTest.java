package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose videos save only on another file system (larger than a file-size limit, or than the whole file system):
 * its closing line and its summary's unsaved line agree with its left lines (a shell whose limit is higher, under a
 * file-size limit), never "run the same command again" alone.
 */
class BatchSavesElsewhereTest {
  private static final String KEY = "sk-test" + "9".repeat(44);
  @TempDir Path dir;

  @Test
  @EnabledOnOs(OS.LINUX)
  void aBatchOverTheFileSizeLimitEndsAdvisingAShellWithAHigherLimitNotAnotherOutDir() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      // Videos of 6 MB over a limit of 4096 blocks (2 or 4 MB): the journal, the history and SQLite's library fit.
      String box = "\0\0\0\u0018ftypisom\0\0\0\0isommp41";
      fake.inject(Endpoint.FILE, Fault.answer(200, "video/mp4", box + "\0".repeat(6 * 1024 * 1024)), 20);
      Images.png(640, 360).writeTo(dir.resolve("still.png"));
      Files.write(dir.resolve("jobs.jsonl"), List.of(
          "{\"id\": \"s1\", \"prompt\": \"shot 1\", \"images\": [\"still.png\"], \"seconds\": 10}",
          "{\"id\": \"s2\", \"prompt\": \"shot 2\", \"images\": [\"still.png\"], \"seconds\": 10}"));

      String err = batchUnderTheLimit(fake, 4096);

      String out = Files.readString(dir.resolve("stdout.txt"));
      assertThat(out).as(err).contains("left     line 1 (s1", "left     line 2 (s2",
          "where the file-size limit allows it", "--out-dir OTHER_FOLDER");
      String closing = err.lines().filter(line -> line.contains("2 jobs are not finished")).reduce((a, b) -> b)
          .orElseThrow(() -> new AssertionError(err));
      assertThat(closing).contains("the videos of lines 1, 2 cannot be saved where they go",
          "running the same command again from this shell does not help; run the same command from a shell whose"
              + " ulimit -f is unlimited or above 6.0 MB (the largest video), as the left lines say; another --out-dir"
              + " does not help under this limit", "nothing is paid again")
          .as("a limit of the process applies on every file system").doesNotContain("another file system")
          .doesNotContain("run the same command again to go on");
      String unsaved = out.lines().filter(line -> line.startsWith("unsaved")).findFirst()
          .orElseThrow(() -> new AssertionError(out));
      assertThat(unsaved).as("the summary's unsaved line agrees with the closing line")
          .contains("2 jobs whose tasks completed but whose videos were not saved",
              "they cannot be saved where they go: saving them there fails the same way every time, so the same"
                  + " command again from this shell does not save them: run the same command from a shell whose"
                  + " ulimit -f is unlimited or above 6.0 MB (the largest video), which downloads them, paying nothing"
                  + " again; another --out-dir does not help under this limit")
          .doesNotContain("another file system", "a later run downloads them");
    }
  }

  /**
   * Runs {@code vidgen batch jobs.jsonl} in a shell whose file-size limit is {@code blocks} blocks; its stderr (its
   * stdout, a few lines, goes to {@code stdout.txt}).
   */
  private String batchUnderTheLimit(FakeToApisServer fake, int blocks) throws Exception {
    CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .env("VIDGEN_HOME", Files.createDirectories(dir.resolve("home")).toString())
        .runUnderFileSizeLimit(blocks, ProcessBuilder.Redirect.to(dir.resolve("stdout.txt").toFile()), "batch",
            "jobs.jsonl", "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--concurrency", "1");
    assertThat(run.exitCode()).as(run.err()).isNotZero();
    return run.err();
  }
}
