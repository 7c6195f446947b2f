package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video saved and then overwritten with --force is told as replaced in the history, not as never saved. */
class ReplacedVideoHistoryTest {
  @TempDir Path dir;

  @Test
  void theHistorySaysTheFirstVideoWasSavedAndWhichTasksVideoReplacedIt() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    CliRun run = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = run.run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "Slow push-in on the bottle", "--out", "target/push-in.mp4", "--json");
    CliRun.Result second = run.run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "Slow push-in on the bottle", "--out", "target/push-in.mp4", "--force", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    String firstTask = (String) first.json().get("task_id");
    String secondTask = (String) second.json().get("task_id");

    CliRun.Result history = run.run("history", "--limit", "0");

    assertThat(history.exitCode()).as(history.all()).isZero();
    assertThat(history.out()).as(history.all()).containsPattern(firstTask + " .* completed .*- \\(saved, since replaced\\)")
        .contains("Task " + firstTask + " is done; its video was saved to " + dir.resolve("target/push-in.mp4")
            + ", which now holds the video of task " + secondTask + " (saved over it); save it again with: vidgen"
            + " download " + firstTask)
        .doesNotContain("not saved");
  }
}
