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
 * full folder, a file-size limit, a path that is no folder, a folder whose real path the locale cannot name), {@code
 * batch} says so in one line, with no library stack trace, and leaves no empty journal behind. Run as a process of its own: the library loads once per JVM.
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

  @Test
  void aFolderForTheLibraryWhoseRealPathThisLocaleCannotNameSaysSoWithTheUtf8WayOutNotToMakeRoom() throws Exception {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of("{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}"));
    Path realHome = Files.createDirectories(dir.resolve("real home \u00e9"));
    Path home = Files.createSymbolicLink(dir.resolve("h link"), realHome);
    Path journal = dir.resolve("j.journal");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("HOME", home.toString()).env("LC_ALL", "C")
          .runProcess("batch", jobs.toString(), "--journal", journal.toString(), "--base-url", fake.baseUrl());

      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(run.err()).as(run.all()).contains("SQLite journal " + journal + ": SQLite's native library could not"
              + " be loaded from vidgen's folder for it " + home.resolve(".cache/vidgen/sqlite-native") + " (its real"
              + " path, links followed, is not ASCII, and this locale reads file names as ",
          "which cannot name it", "run with a UTF-8 locale (LC_ALL=C.UTF-8 vidgen ...; bin/vidgen sets it), or point it"
              + " at a folder whose real path is ASCII (VIDGEN_HOME=FOLDER, or -Dorg.sqlite.tmpdir=FOLDER)",
          "nothing was sent")
          .doesNotContain("make room", "\tat ", "Exception", "Error opening connection");
      assertThat(journal).as("no empty journal left by the failed start").doesNotExist();
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }
}
