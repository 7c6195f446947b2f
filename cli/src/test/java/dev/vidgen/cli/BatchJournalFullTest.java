package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose journal runs out of room (an SQLite size limit stands in for a full disk): the words say the
 * journal's disk is full and to free space, not to wait until it is reachable.
 */
class BatchJournalFullTest {
  @TempDir Path dir;

  @Test
  void aJournalWithNoRoomForTheJobsStopsTheRunSayingToFreeSpace() throws Exception {
    Path jobs = Files.write(dir.resolve("jobs.jsonl"), List.of("{\"id\": \"j1\", \"prompt\": \"job turns\","
        + " \"images\": [\"https://img.example/1.png\"], \"seconds\": 10}"));

    CliRun.Result full = CliRun.in(dir).run(args(jobs, "jdbc:sqlite:" + dir.resolve("tiny.db") + "?max_page_count=2",
        "tiny-videos"));

    assertThat(full.exitCode()).as(full.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(full.err()).as(full.all()).contains("the disk of the journal is full: free space there, then go on"
        + " with the same journal (SQLite said: [SQLITE_FULL]").doesNotContain("once the journal is reachable");
  }

  private static String[] args(Path jobs, String journal, String videos, String... more) {
    List<String> all = new ArrayList<>(List.of("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=100ms", "--poll-interval", "50ms", "--concurrency", "2", "--journal", journal, "--out-dir",
        videos));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }
}
