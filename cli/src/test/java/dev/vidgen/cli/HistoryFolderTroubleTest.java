package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidgen history} names what is wrong with its data folder, with the fix that fits, not a generic one. */
class HistoryFolderTroubleTest {
  @TempDir
  Path dir;

  private CliRun.Result history(Path dataFolder) {
    return CliRun.in(dir).env("VIDGEN_HOME", dataFolder.toString()).run("history");
  }

  @Test
  void aDataFolderThatIsAFileIsSaidToBeOneNotAnUnreadableHistory() throws Exception {
    Path file = Files.writeString(dir.resolve("vh-file"), "not a folder");

    CliRun.Result listed = history(file);

    assertThat(listed.exitCode()).as(listed.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(listed.err()).contains(file + " is a file, not a folder", "set VIDGEN_HOME to a folder")
        .doesNotContain("make the file readable");
  }

  @Test
  void aFolderWhereTheHistoryFileWouldBeIsSaidToBeOne() throws Exception {
    Path data = Files.createDirectories(dir.resolve("vh"));
    Files.createDirectories(data.resolve("history.jsonl"));

    CliRun.Result listed = history(data);

    assertThat(listed.exitCode()).as(listed.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(listed.err()).contains(data.resolve("history.jsonl") + " is a folder, not the history's file",
        "move it aside").doesNotContain("make the file readable");
  }

  @Test
  void anEmptyHistoryThatCannotBeWrittenSaysSoRatherThanThatRunsRecordThere() throws Exception {
    // Under a regular file no folder can be made, whoever runs the test (root included).
    Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

    CliRun.Result listed = history(file.resolve("vh"));

    assertThat(listed.all()).contains(file + " is a file, not a folder")
        .doesNotContain("record theirs in").doesNotContain("make the file readable");
  }

  @Test
  void servingIntoAFileSaysItsAdviceOnce() throws Exception {
    Path file = Files.writeString(dir.resolve("ok1.mp4"), "a video");

    CliRun.Result refused = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("vh").toString()).run("serve",
        "--provider", "mock", "--port", "0", "--out", file.toString());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(refused.err()).contains("cannot make the playground folder " + file);
    assertThat(refused.err().split("--out", -1)).as("the advice said once: " + refused.err()).hasSize(2);
  }
}
