package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the history's reads tell tasks apart (by provider, server and id) and which line of a task stands for it. */
class HistorySnapshotsTest {
  private static final String STAGING = "http://127.0.0.1:8081";
  private static final String TEST = "http://127.0.0.1:8082";

  @TempDir Path folder;

  @Test
  void twoServersOpenTasksOfTheSameIdAreTwoTasks() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry onStaging = submitted("video_000001", "2026-11-29T10:00:00Z").withBaseUrl(STAGING);
    HistoryEntry onTest = submitted("video_000001", "2026-11-29T10:01:00Z").withBaseUrl(TEST);
    history.record(onStaging);
    assertThat(history.entries()).hasSize(1); // read once, then read on from there
    history.record(onTest);

    assertThat(history.entries()).as("neither server's open task replaces the other's")
        .extracting(HistoryEntry::baseUrl, HistoryEntry::status)
        .containsExactly(Tuple.tuple(TEST, "queued"), Tuple.tuple(STAGING, "queued"));

    history.record(onStaging.withBaseUrl(STAGING + "/v1/").completed("/videos/staging.mp4",
        Instant.parse("2026-11-29T10:05:00Z")));
    assertThat(history.entries()).as("a later line of the task, its base URL spelled another way, updates it alone")
        .extracting(HistoryEntry::baseUrl, HistoryEntry::status, HistoryEntry::file)
        .containsExactly(Tuple.tuple(TEST, "queued", null),
            Tuple.tuple(STAGING + "/v1/", "completed", "/videos/staging.mp4"));
    assertThat(TaskHistory.in(folder).entries()).as("read afresh, the same").hasSize(2);
  }

  @Test
  void onOneServerATaskIsOneEntryWithOrWithoutTheProvidersOwnAddress() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry task = submitted("video_000001", "2026-11-29T10:00:00Z");
    history.record(task);
    history.record(task.withBaseUrl("HTTPS://toapis.com/v1").completed("/videos/one.mp4",
        Instant.parse("2026-11-29T10:05:00Z")));

    assertThat(history.entries()).as("no base URL is the provider's own address").singleElement()
        .extracting(HistoryEntry::status).isEqualTo("completed");
  }

  @Test
  void aReadingTakenBeforeATaskEndedAndWrittenAfterItsEndDoesNotUndoItOrItsFile() {
    TaskHistory history = TaskHistory.in(folder);
    Instant done = Instant.parse("2026-11-29T10:05:00Z");
    HistoryEntry saved = submitted("video_000001", "2026-11-29T10:00:00Z");
    history.record(saved);
    history.record(saved.completed("/videos/dl.mp4", done));
    history.record(saved.withStatus("in_progress", done.plusSeconds(5))); // a status answered late
    HistoryEntry failed = submitted("video_000002", "2026-11-29T10:01:00Z");
    history.record(failed.failed("refused", done));
    history.record(failed.withStatus("queued", done.plusSeconds(5)));

    assertThat(history.entries()).as("read whole: each task's end stays, with its file")
        .extracting(HistoryEntry::taskId, HistoryEntry::status, HistoryEntry::file)
        .containsExactly(Tuple.tuple("video_000002", "failed", null),
            Tuple.tuple("video_000001", "completed", "/videos/dl.mp4"));
    history.record(saved.withStatus(HistoryEntry.NOT_FOUND, done.plusSeconds(9)));
    history.record(saved.withStatus("queued", done.plusSeconds(9)));
    assertThat(history.find("toapis", "video_000001")).as("read on: the same")
        .hasValueSatisfying(entry -> assertThat(entry.file()).isEqualTo("/videos/dl.mp4"))
        .map(HistoryEntry::status).contains("completed");
    assertThat(history.sameJob("toapis", VideoJob.builder("grok-video-1.0").prompt("a red kite rises").build(),
        Instant.parse("2026-11-29T00:00:00Z"), HistoryEntry::settingsOf, entry -> entry.file() != null))
        .as("the same job finds the saved take").map(HistoryEntry::taskId).contains("video_000001");

    history.record(saved.completed("/videos/again.mp4", done.plusSeconds(20)));
    history.record(failed.foundCompleted(null, done.plusSeconds(20)));
    assertThat(TaskHistory.in(folder).entries()).as("a later end still counts: a new file, completed after failed")
        .extracting(HistoryEntry::taskId, HistoryEntry::status, HistoryEntry::file)
        .containsExactly(Tuple.tuple("video_000002", "completed", null),
            Tuple.tuple("video_000001", "completed", "/videos/again.mp4"));
    history.record(submitted("video_000001", "2026-11-29T12:00:00Z"));
    assertThat(history.find("toapis", "video_000001")).as("an id given out again is still a new task")
        .map(HistoryEntry::status).contains("queued");
  }

  private static HistoryEntry submitted(String id, String at) {
    JobHandle handle = new JobHandle("toapis", TaskId.of(id), "grok-video-1.0",
        PriceQuote.ofUsd("grok-video-1.0", new BigDecimal("0.10"), "per request"), Instant.parse(at), null);
    return HistoryEntry.submitted(handle, VideoJob.builder("grok-video-1.0").prompt("a red kite rises").build(),
        "generate");
  }
}
