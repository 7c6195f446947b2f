package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite unpacks its native library into a temporary folder each time a process starts using it: when that fails (a
 * full folder, a file-size limit, a path that is no folder), {@code batch} says so in one line, with no library stack
 * trace, and leaves no empty journal behind. Run as a process of its own: the library loads once per JVM.
 */
class SqliteTempFolderTest {
  @TempDir Path dir;

  @Test
  void aTemporaryFolderSqliteCannotUnpackIntoIsSaidInOneLineAndLeavesNoJournal() throws Exception {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of("{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}"));
    Path notAFolder = Files.writeString(dir.resolve("tmp-is-a-file"), "");
    Path journal = dir.resolve("j.journal");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("JAVA_TOOL_OPTIONS", "-Dorg.sqlite.tmpdir=" + notAFolder)
          .runProcess("batch", jobs.toString(), "--journal", journal.toString(), "--base-url", fake.baseUrl());

      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(run.err()).as(run.all()).contains("SQLite journal " + journal + ": SQLite's native library could not"
              + " be unpacked into the temporary folder " + notAFolder + " (org.sqlite.tmpdir) (",
          "make room there, or point it at a folder with room (-Djava.io.tmpdir=FOLDER",
          "nothing was sent")
          .doesNotContain("[ERROR]", "\tat ", "Exception", "Error opening connection");
      assertThat(run.err().lines().filter(line -> !line.startsWith("Picked up JAVA_TOOL_OPTIONS")))
          .as("one line: " + run.all()).hasSize(1);
      assertThat(journal).as("no empty journal left by the failed start").doesNotExist();
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }
}
