package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.batch.ResultsManifest;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of a batch: a real {@code vidgen batch} process, killed with SIGKILL in the middle
 * of 200 jobs against the fake ToAPIs server and started again with the same journal, creates no
 * job twice, finishes or reports every job, and leaves only whole videos behind. Nor does the killed run leave
 * SQLite's native library in the shared temporary folder: its copy is in {@code VIDGEN_HOME/sqlite-native}.
 */
class BatchCrashTest {
  private static final int JOBS = 200;
  /** The names of the copies of its native library sqlite-jdbc unpacks, and of the lock files beside them. */
  private static final String NATIVE_LIBRARY = "sqlite-*sqlitejdbc*";

  @TempDir Path dir;

  @Test
  void aBatchKilledMidwayAndRunAgainCreatesNoJobTwiceAndLeavesOnlyWholeVideos() throws Exception {
    try (FakeToApisServer server = FakeToApisServer.builder()
        .lifecycle(Duration.ofMillis(300), Duration.ofMillis(600))
        .unlimitedBalance()
        .start()) {
      Path jobs = writeJobs();
      Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
      Set<Path> librariesBefore = nativeLibraries(temporary);
      List<String> args = List.of("batch", jobs.toString(), "--provider", "toapis", "--base-url", server.baseUrl(),
          "--concurrency", "16", "--rate-tier", "svip", "--poll-interval", "200ms", "--retry-delay", "200ms", "--json");

      Process first = start(args, server, dir.resolve("first.out"), dir.resolve("first.err"));
      await().atMost(Duration.ofSeconds(90)).until(() -> server.creates().size() >= 60 || !first.isAlive());
      // The next creates make their tasks but answer late, so the kill finds them mid-create.
      server.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(5)), 12);
      await().atMost(Duration.ofSeconds(90)).until(() -> server.creates().size() >= 68 || !first.isAlive());
      first.destroyForcibly();
      assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
      int createsBeforeKill = server.creates().size();
      assertThat(createsBeforeKill).as("the kill came in the middle of the batch").isBetween(68, JOBS - 1);

      Process second = start(args, server, dir.resolve("second.out"), dir.resolve("second.err"));
      assertThat(second.waitFor(150, TimeUnit.SECONDS)).as("second run ends").isTrue();
      String stderr = Files.readString(dir.resolve("second.err"));
      CliRun.Result result = new CliRun.Result(second.exitValue(),
          Files.readString(dir.resolve("second.out")), stderr);
      Map<String, Object> summary = result.json();
      assertThat(result.exitCode()).as("9: some job ended unknown; " + result.all())
          .isEqualTo(((Number) summary.get("unknown")).intValue() > 0 ? 9 : 0);

      Map<String, Long> tasksPerJob = server.creates().stream()
          .filter(CreateRecord::madeTask)
          .collect(Collectors.groupingBy(create -> (String) create.json().get("prompt"), Collectors.counting()));
      assertThat(tasksPerJob).as("tasks made per job, from the server's own log").allSatisfy(
          (prompt, count) -> assertThat(count).as(prompt).isEqualTo(1L));

      int completed = ((Number) summary.get("completed")).intValue();
      int unknown = ((Number) summary.get("unknown")).intValue();
      assertThat(summary.get("total")).isEqualTo(200.0);
      assertThat(summary.get("failed")).isEqualTo(0.0);
      System.out.println("killed after " + createsBeforeKill + " creates; after the second run " + completed
          + " completed, " + unknown + " unknown, " + server.creates().size() + " creates in all");
      assertThat(completed + unknown).as("every job completed or reported unknown").isEqualTo(JOBS);
      assertThat(unknown).as("jobs of the model without client references, caught mid-create").isPositive();
      assertThat(completed).isGreaterThanOrEqualTo(tasksPerJob.size() - unknown);

      Path videos = dir.resolve("jobs-videos");
      List<Path> files;
      try (Stream<Path> listing = Files.list(videos)) {
        // Besides the videos, only the manifest that binds them to the journal, and its lock.
        files = listing.filter(f -> !f.getFileName().toString().startsWith(ResultsManifest.FILE)).toList();
      }
      assertThat(files).as("no partial downloads are left").noneMatch(f -> f.getFileName().toString().endsWith(".part"));
      assertThat(files).hasSize(completed);
      for (Path file : files) {
        assertThat(Mp4Files.boxes(file)).as(file.toString()).startsWith("ftyp");
      }
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> open = (List<Map<String, Object>>) summary.get("jobs");
      assertThat(open).as("only jobs of a model without client references can be unknown")
          .allSatisfy(job -> assertThat(job.get("id").toString()).startsWith("grok-"));

      // A run killed outright cannot remove its copy of SQLite's native library: it is left in vidgen's folder, where a
      // later run removes it once old, and never in the shared temporary folder, where it would stay for good.
      assertThat(nativeLibraries(temporary)).as("copies of SQLite's native library left in " + temporary)
          .isSubsetOf(librariesBefore);
      assertThat(nativeLibraries(dir.resolve("home").resolve("sqlite-native")))
          .as("the killed run's copy, in VIDGEN_HOME/sqlite-native").isNotEmpty();
    }
  }

  /** 100 jobs on a model without client references and 100 on one with them, each prompt unique. */
  private Path writeJobs() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < JOBS; i++) {
      lines.add(i % 2 == 0
          ? "{\"id\": \"grok-" + i + "\", \"prompt\": \"job " + i + ": the bottle turns\","
              + " \"images\": [\"https://images.example/p" + i + ".png\"], \"seconds\": 10}"
          : "{\"id\": \"seed-" + i + "\", \"model\": \"seedance-2\", \"prompt\": \"job " + i + ": waves at dusk\","
              + " \"seconds\": 5}");
    }
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, lines, StandardCharsets.UTF_8);
    return jobs;
  }

  /** The copies of SQLite's native library in {@code folder}, and their lock files; none when it is missing. */
  private static Set<Path> nativeLibraries(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return Set.of();
    }
    try (Stream<Path> listing = Files.list(folder)) {
      return listing.filter(file -> file.getFileSystem().getPathMatcher("glob:" + NATIVE_LIBRARY)
          .matches(file.getFileName())).collect(Collectors.toSet());
    }
  }

  /** Runs the batch with a home of its own in the test's folder, so that nothing it unpacks lands in {@code /tmp}. */
  private Process start(List<String> args, FakeToApisServer server, Path out, Path err) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    return CliRun.in(dir).env("TOAPIS_API_KEY", server.apiKey()).env("HOME", home.toString())
        .env("VIDGEN_HOME", home.toString()).startProcess(out, err, args);
  }
}
