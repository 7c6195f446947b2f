package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wait whose --timeout ran out says its time as counted from the task's creation, as --timeout counts. */
class WaitTimeoutWordsTest {
  @TempDir Path dir;
  @TempDir Path home;

  @Test
  void aWaitsTimeoutThatRanOutSaysItsTimeCountsFromTheTasksCreation() {
    CliRun.Result made = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("generate", "--provider", "mock",
        "--image", "https://example.com/a.png", "--prompt", "a fox", "--no-wait", "--set", "mock.duration=1h");
    assertThat(made.exitCode()).as(made.all()).isZero();
    Matcher id = Pattern.compile("(video_mock_\\S+)").matcher(made.out());
    assertThat(id.find()).as(made.all()).isTrue();

    // A timeout already past when the wait starts: one read, then the deadline, without waiting in real time.
    CliRun.Result waited = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("wait", id.group(1), "--provider",
        "mock", "--set", "mock.duration=1h", "--timeout", "10ms", "--poll-interval", "10ms");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.DEADLINE);
    assertThat(waited.err()).as(waited.all())
        .containsPattern("not finished \\d+ s after it was made; ")
        .contains("this wait's --timeout 10 ms ran out: it counts from the task's creation, not from the start of this"
            + " wait")
        .doesNotContain("not finished after");
  }
}
