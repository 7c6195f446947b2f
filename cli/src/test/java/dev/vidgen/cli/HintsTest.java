package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The way on that vidgen prints keeps what the user chose, and each thing is said once. */
class HintsTest {
  @TempDir java.nio.file.Path dir;

  @BeforeEach
  void image() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  @Test
  void aDeadlineHintKeepsTheOutTheUserGave() {
    CliRun.Result late = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "slow push-in", "--set", "mock.duration=10m", "--timeout", "1s", "--poll-interval", "100ms",
        "--out", "target/late.mp4");

    assertThat(late.exitCode()).as(late.all()).isEqualTo(7);
    Matcher wait = Pattern.compile("vidgen wait (\\S+) --provider mock --out "
        + Pattern.quote(dir.resolve("target/late.mp4").toString())).matcher(late.err());
    assertThat(wait.find()).as(late.err()).isTrue();
  }

  @Test
  void verboseSaysCompletedOnceAsTheTasksEndAndOnceAsTheReadThatFoundIt() {
    CliRun.Result run = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "slow push-in", "--set", "mock.duration=300ms", "--poll-interval", "100ms", "--verbose");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(Pattern.compile("(?m)^vidgen: task \\S+ completed after ").matcher(run.err()).results().count())
        .as(run.err()).isEqualTo(1);
    assertThat(Pattern.compile("(?m)^vidgen: status of \\S+: completed ").matcher(run.err()).results().count())
        .as(run.err()).isEqualTo(1);
    assertThat(Pattern.compile("completed").matcher(run.err()).results().count()).as(run.err()).isEqualTo(2);
  }
}
