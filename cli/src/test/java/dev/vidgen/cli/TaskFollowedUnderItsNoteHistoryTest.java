package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Videos;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vidgen history} after an older vidgen serve, run after this one, followed a playground job under the name of
 * its create's note (whose own line says which task the create made): one paid task is one row, completed with the
 * video the older serve saved, and its credits are counted once.
 */
class TaskFollowedUnderItsNoteHistoryTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String TASK = "video_d6c86beab7e32d49";
  private static final String NOTE = "unanswered-noref-vg-a49510e7-6d59-469d-9311-b91af45bad0f";
  private static final String BASE_URL = "http://127.0.0.1:24451";

  @TempDir Path dir;
  @TempDir Path home;

  private CliRun cli() {
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString());
  }

  /**
   * The note of the create, the task's own line (left {@code queued}), the note's line saying that its create was
   * answered with the task, then the older serve's lines under the note's name: in progress, and completed with
   * the video saved, twice. The video is in the folder.
   */
  private Path writeHistory() throws IOException {
    Instant at = Instant.now().minusSeconds(600);
    VideoJob job = VideoJob.builder(MODEL).prompt("pg4 downgrade serve inflight dur30")
        .image("https://cdn.example.test/pg4.png").seconds(10).build();
    PriceQuote quote = PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "per request, 10 s");
    Path videos = dir.resolve("pg").resolve("videos");
    String out = videos + "/";
    TaskHistory history = TaskHistory.in(home);
    HistoryEntry note = HistoryEntry.unanswered("vg-a49510e7-6d59-469d-9311-b91af45bad0f", false, "toapis", job,
        quote, at, at, "its create went out from the playground at " + at + " and " + HistoryEntry.SENDING_MARK,
        "serve", 1, out).withBaseUrl(BASE_URL);
    JobHandle handle = new JobHandle("toapis", TaskId.of(TASK), MODEL, quote, at.plusMillis(178), null);
    history.record(note);
    history.record(HistoryEntry.submitted(handle, job, "serve").withOut(out).withBaseUrl(BASE_URL));
    HistoryEntry answered = note.answeredAs(handle, at.plusMillis(185));
    history.record(answered);
    assertThat(answered.error()).isEqualTo("its create was answered with task " + TASK);
    Path saved = Videos.mp4(Files.createDirectories(videos), TASK + ".mp4");
    HistoryEntry completed = answered.withStatus("completed", at.plusSeconds(30)).withFile(saved.toString())
        .withNote(null);
    for (HistoryEntry older : List.of(answered.withStatus("in_progress", at.plusSeconds(10)), completed,
        completed.withStatus("completed", at.plusSeconds(30).plusMillis(90)))) {
      Map<String, Object> json = older.toJson();
      List.of("base_url", "out", "key_tag", "last_take_at").forEach(json::remove);
      Files.writeString(history.file(), JsonTrees.write(json) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    }
    return saved;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theJsonListsTheTaskOnceCompletedWithItsVideoAndCountsItsCreditsOnce() throws IOException {
    Path saved = writeHistory();

    CliRun.Result run = cli().run("history", "--json", "--limit", "0");

    assertThat(run.exitCode()).as(run.all()).isZero();
    Map<String, Object> json = run.json();
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) json.get("tasks");
    assertThat(tasks).extracting(task -> task.get("task_id")).as(run.out()).containsExactly(TASK);
    assertThat(tasks.get(0)).containsEntry("status", "completed").containsEntry("file", saved.toString())
        .containsEntry("credits", 20.0);
    assertThat(json).containsEntry("total", 1.0).containsEntry("credits_completed", 20.0);
  }

  @Test
  void theTableHasOneRowForTheTaskWithItsVideoAndTotalsItOnce() throws IOException {
    Path saved = writeHistory();

    CliRun.Result run = cli().run("history");

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).as(run.all()).doesNotContain(NOTE, "not saved")
        .containsPattern(TASK + " +" + MODEL + " +completed +20 credits \\(\\$0\\.10\\) +"
            + Pattern.quote(saved.toString()))
        .contains("Total of the 1 task listed: 20 credits ($0.10) for 1 completed task");
  }
}
