package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands vidgen prints for a task work pasted as they are, whatever the provider named the task. */
class TaskCommandWordsTest {
  @TempDir Path dir;

  @Test
  void aTaskIdThatStartsLikeAnOptionGoesLastAfterTheEndOfOptions() {
    assertThat(Failures.taskCommand("wait", "-rf", "toapis", null, "--out", "x.mp4"))
        .isEqualTo("vidgen wait --out x.mp4 -- -rf");
    assertThat(Failures.taskCommand("download", "--help", "toapis", null, "--out", "x.mp4"))
        .isEqualTo("vidgen download --out x.mp4 -- --help");
    assertThat(Failures.taskCommand("wait", "video_1", "toapis", null, "--out", "x.mp4"))
        .isEqualTo("vidgen wait video_1 --out x.mp4");
  }

  @Test
  void suchACommandReadsTheIdAsTheTaskNotAsAnOption() {
    CliRun.Result status = CliRun.in(dir).run("status", "--provider", "mock", "--", "-rf");

    assertThat(status.err()).as(status.all()).doesNotContain("Missing required parameter").contains("-rf");
  }
}
