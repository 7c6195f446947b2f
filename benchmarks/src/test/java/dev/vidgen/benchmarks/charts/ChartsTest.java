package dev.vidgen.benchmarks.charts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.benchmarks.JsonFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsTest {
  private static final String SUMMARY = """
      {"details": {
        "polling": {"points": [
          {"strategy": "vidgen", "progress": "linear", "requests_per_task": 16.1, "mean_lag_s": 0.51},
          {"strategy": "vidgen_cold", "progress": "none", "requests_per_task": 17.0, "mean_lag_s": 4.9},
          {"strategy": "every_1s", "progress": "linear", "requests_per_task": 165.6, "mean_lag_s": 0.5},
          {"strategy": "docs", "progress": "none", "requests_per_task": 17.5, "mean_lag_s": 5.0}]},
        "ratelimit": {"timeline": {
          "vidgen": [{"t_s": 1, "accepted": 50, "rejected_429": 0}, {"t_s": 2, "accepted": 5, "rejected_429": 1}],
          "baseline": [{"t_s": 1, "accepted": 50, "rejected_429": 300}, {"t_s": 2, "accepted": 5, "rejected_429": 420}]}},
        "inflight": {"samples": {
          "vidgen": [{"jobs": 0, "threads": 8, "heap_mib": 12.5}, {"jobs": 2000, "threads": 16, "heap_mib": 30.1}],
          "baseline": [{"jobs": 0, "threads": 8, "heap_mib": 10.0}, {"jobs": 1500, "threads": 1510, "heap_mib": 90.2}]}},
        "batch": {"scaleout": [{"workers": 3, "jobs_per_s": 140.0}, {"workers": 1, "jobs_per_s": 55.0}]}
      }}
      """;

  @Test
  void drawsEveryChartWithItsSeriesNamed(@TempDir Path dir) throws IOException {
    List<String> notes = new ArrayList<>();

    List<Path> written = Charts.draw(JsonFiles.parse(SUMMARY), dir, notes::add);

    assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly(
        "polling.svg", "ratelimit.svg", "inflight-threads.svg", "inflight-heap.svg", "batch-scaleout.svg");
    assertThat(notes).isEmpty();
    assertThat(svg(dir, "polling")).startsWith("<?xml").contains("<svg")
        .contains("vidgen, progress reported", "vidgen, nothing learned yet, no progress",
            "every 1 s, progress reported", "ToAPIs docs: 5 s, then every 10 s, no progress");
    assertThat(svg(dir, "ratelimit")).contains("vidgen: creates accepted", "vidgen: 429 answers",
        "simple way: creates accepted", "simple way: 429 answers");
    assertThat(svg(dir, "inflight-threads")).contains("<title>Jobs in flight: live threads",
        "vidgen", "simple way (a thread per job)");
    assertThat(svg(dir, "inflight-heap")).contains("<title>Jobs in flight: heap in use",
        "vidgen", "simple way (a thread per job)");
    assertThat(svg(dir, "batch-scaleout")).contains("measured", "linear from the fewest workers");
  }

  @Test
  void skipsAChartWhoseDataIsMissingWithANote(@TempDir Path dir) {
    List<String> notes = new ArrayList<>();
    Map<String, Object> onlyPolling = JsonFiles.parse(
        "{\"details\": {\"polling\": {\"points\": [{\"strategy\": \"vidgen\", \"progress\": \"linear\","
            + " \"requests_per_task\": 16.1, \"mean_lag_s\": 0.51}]}}}");

    List<Path> written = Charts.draw(onlyPolling, dir, notes::add);

    assertThat(written).containsExactly(dir.resolve("polling.svg"));
    assertThat(dir.resolve("ratelimit.svg")).doesNotExist();
    assertThat(notes).containsExactly(
        "no ratelimit chart: summary.json has no details.ratelimit.timeline",
        "no inflight-threads chart: summary.json has no details.inflight.samples",
        "no inflight-heap chart: summary.json has no details.inflight.samples",
        "no batch-scaleout chart: summary.json has no details.batch.scaleout");
  }

  private static String svg(Path dir, String name) throws IOException {
    return Files.readString(dir.resolve(name + ".svg"));
  }
}
