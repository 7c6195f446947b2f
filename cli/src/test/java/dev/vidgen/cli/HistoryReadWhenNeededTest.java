package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task history is read only by the commands that use it: one that sends nothing (models, validate, quote) works
 * the same whatever the history holds, even one that cannot be read at all, while a command that waits for a task
 * still learns from it how long earlier tasks took.
 */
class HistoryReadWhenNeededTest {
  @TempDir Path dir;
  private Path data;

  @BeforeEach
  void setUp() throws IOException {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    data = Files.createDirectories(dir.resolve("data"));
  }

  private CliRun cli() {
    return CliRun.in(dir).env("VIDGEN_HOME", data.toString());
  }

  @Test
  void commandsThatSendNothingNeverOpenTheHistoryNorWarnAboutIt() throws IOException {
    // A folder where the history's file would be: opening it to read fails, so any read of it would be told.
    Files.createDirectories(data.resolve("history.jsonl"));

    CliRun.Result models = cli().run("models", "--provider", "mock", "--verbose");
    CliRun.Result validate = cli().run("validate", "--provider", "mock", "--verbose", "--image", "product.png",
        "--prompt", "push in");
    CliRun.Result quote = cli().run("quote", "--provider", "mock", "--verbose", "--image", "product.png",
        "--prompt", "push in");

    for (CliRun.Result run : new CliRun.Result[] {models, validate, quote}) {
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.err()).as(run.all()).doesNotContain("history").doesNotContain("could not read");
    }
  }

  @Test
  void aCommandThatWaitsStillLearnsHowLongEarlierTasksTook() {
    String[] fast = {"--set", "mock.duration=300ms", "--poll-interval", "50ms"};
    CliRun.Result first = cli().run(join(new String[] {"generate", "--provider", "mock", "--image", "product.png",
        "--prompt", "first take", "--out", "first.mp4"}, fast));
    CliRun.Result quote = cli().run("quote", "--provider", "mock", "--verbose", "--image", "product.png",
        "--prompt", "second take");
    CliRun.Result second = cli().run(join(new String[] {"generate", "--provider", "mock", "--verbose", "--image",
        "product.png", "--prompt", "second take", "--out", "second.mp4"}, fast));

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(quote.err()).as(quote.all()).doesNotContain("learned task durations");
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.err()).as(second.all()).contains("learned task durations from 1 finished task");
  }

  private static String[] join(String[] args, String[] more) {
    String[] all = new String[args.length + more.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }
}
