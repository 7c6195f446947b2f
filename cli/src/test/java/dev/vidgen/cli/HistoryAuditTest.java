package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidgen history} read for an audit of spend: its totals, tasks of unknown price, and route files given to it. */
class HistoryAuditTest {
  private static final String MODEL = "grok-video-1.5-preview";

  @TempDir Path dir;
  @TempDir Path home;

  private CliRun cli() {
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString());
  }

  private void record(String id, PriceQuote quote, Instant at, String status) {
    record("toapis", id, quote, at, status);
  }

  private void record(String provider, String id, PriceQuote quote, Instant at, String status) {
    HistoryEntry entry = HistoryEntry.submitted(new JobHandle(provider, TaskId.of(id), MODEL, quote, at, null),
        VideoJob.builder(MODEL).prompt("p").build(), "generate");
    TaskHistory history = TaskHistory.in(home);
    history.record(entry);
    if (status.equals("completed")) {
      history.record(entry.completed(dir.resolve(id + ".mp4").toString(), at.plusSeconds(30)));
    } else if (status.equals("failed")) {
      history.record(entry.failed("content policy", at.plusSeconds(30)));
    }
  }

  /** Two completed tasks priced 20 and 30 credits, one completed of unknown price, one failed quoted 20, one queued. */
  private void recordMonth() {
    Instant at = Instant.now().minusSeconds(3600);
    record("video_a", PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "test"), at, "completed");
    record("video_b", PriceQuote.ofUsd(MODEL, new BigDecimal("0.15"), "test"), at.plusSeconds(60), "completed");
    record("video_c", PriceQuote.unknown(MODEL, "test"), at.plusSeconds(120), "completed");
    record("video_d", PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "test"), at.plusSeconds(180), "failed");
    record("video_e", PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "test"), at.plusSeconds(240), "queued");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJsonMarksUnknownPricesAndTotalsCompletedApartFromChargeUnknown() {
    recordMonth();

    CliRun.Result run = cli().run("history", "--json", "--limit", "0");

    assertThat(run.exitCode()).as(run.all()).isZero();
    Map<String, Object> json = run.json();
    assertThat(json).as(run.out())
        .containsEntry("total", 5.0)
        .containsEntry("credits_completed", 50.0)
        .containsEntry("usd_completed", 0.25)
        .containsEntry("unpriced_completed", 1.0)
        .containsEntry("credits_charge_unknown", 20.0)
        .containsEntry("usd_charge_unknown", 0.1)
        .containsEntry("unpriced_tasks", 1.0);
    Map<String, Map<String, Object>> byId = new HashMap<>();
    ((List<Map<String, Object>>) json.get("tasks")).forEach(task -> byId.put((String) task.get("task_id"), task));
    assertThat(byId.get("video_c")).containsEntry("price", "unknown").containsEntry("credits", null)
        .containsEntry("status", "completed");
    assertThat(byId.get("video_a")).doesNotContainKey("price").containsEntry("credits", 20.0);
    assertThat(byId.get("video_d")).doesNotContainKey("price").containsEntry("charge", "unknown");
  }

  @Test
  void theTableEndsWithTheTotalAndHowManyAreOfUnknownPrice() {
    recordMonth();

    CliRun.Result run = cli().run("history");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).as(run.all()).contains("Total of the 5 tasks listed: 50 credits ($0.25) for 2 completed"
        + " tasks of known price; 1 completed task of unknown price not counted (charged, by how much vidgen does not"
        + " know); charge unknown, not counted: up to 20 credits ($0.10) for failed tasks, creates without an answer"
        + " and earlier takes.");
  }

  @Test
  void theMocksTasksAreInNoSpendTotalAndAreCountedApart() {
    recordMonth();
    Instant at = Instant.now().minusSeconds(60);
    record("mock", "video_mock_1", PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "test"), at, "completed");
    record("mock", "video_mock_2", PriceQuote.ofUsd(MODEL, new BigDecimal("0.15"), "test"), at, "failed");

    CliRun.Result json = cli().run("history", "--json", "--limit", "0");
    CliRun.Result table = cli().run("history", "--limit", "0");

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.json()).as(json.out())
        .containsEntry("total", 7.0)
        .containsEntry("credits_completed", 50.0)
        .containsEntry("usd_completed", 0.25)
        .containsEntry("credits_charge_unknown", 20.0)
        .containsEntry("mock_tasks", 2.0);
    assertThat(table.out()).as(table.all()).contains("Total of the 7 tasks listed: 50 credits ($0.25) for 2 completed"
        + " tasks of known price;").contains("; on the mock: 2 tasks, nothing charged, not counted.");
  }

  @Test
  void aMissingRouteFileIsWarnedOfAndTheHistoryStillListed() {
    recordMonth();
    Path missing = dir.resolve("does-not-exist.json");

    CliRun.Result run = cli().run("history", "--limit", "1", "--routes", missing.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).as(run.all()).contains("video_e");
    assertThat(run.err()).as(run.all()).contains("warning: " + missing + ": no such file")
        .contains("warning: the route files are left out (the history shows each task's price as kept when it was"
            + " sent, so nothing here changes); fix them before sending jobs");
  }

  @Test
  void anInvalidRouteFileIsWarnedOfWithItsProblemAndTheHistoryStillListed() throws IOException {
    recordMonth();
    Path bad = Files.writeString(dir.resolve("bad-routes.json"), "{\"patch\": {\"nope-model\": {}}}");

    CliRun.Result run = cli().run("history", "--json", "--limit", "1", "--routes", bad.toString());

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.json()).containsEntry("total", 5.0);
    assertThat(run.err()).as(run.all()).contains("warning: " + bad + ": patch.nope-model: patch of an unknown route"
        + " \"nope-model\"").contains("warning: the route files are left out (the history shows each task's price");
  }
}
