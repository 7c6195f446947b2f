package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A history as a playground job leaves it when an older vidgen serve, run after this one on the same folder, took the
 * note of the job's create for a task: the note's own line says its create was answered with the task, the task's
 * own line stays {@code queued}, and the older serve's lines (in progress, then completed and saved, twice) follow
 * under the note's name, without the fields that vidgen did not know.
 */
public final class LinesUnderAnAnsweredNote {
  /** The task the create made. */
  public static final String TASK = "video_d6c86beab7e32d49";
  /** The name of the note of the create. */
  public static final String NOTE = "unanswered-noref-vg-a49510e7-6d59-469d-9311-b91af45bad0f";
  /** The model of the job, priced 20 credits ($0.10). */
  public static final String MODEL = "grok-video-1.5-preview";

  private LinesUnderAnAnsweredNote() {}

  /**
   * Writes the lines into {@code history}, the job sent at {@code at} to {@code baseUrl} (null: the provider's own
   * address) with its videos saved in {@code videos}; the file the older serve said it saved the video to.
   */
  public static Path write(TaskHistory history, String baseUrl, Path videos, Instant at) {
    VideoJob job = VideoJob.builder(MODEL).prompt("pg4 downgrade serve inflight dur30")
        .image("https://cdn.example.test/pg4.png").seconds(10).build();
    PriceQuote quote = PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "per request, 10 s");
    String out = videos.toAbsolutePath().normalize() + "/";
    HistoryEntry note = HistoryEntry.unanswered("vg-a49510e7-6d59-469d-9311-b91af45bad0f", false, "toapis", job,
        quote, at, at, "its create went out from the playground at " + at + " and " + HistoryEntry.SENDING_MARK,
        "serve", 1, out).withBaseUrl(baseUrl);
    JobHandle handle = new JobHandle("toapis", TaskId.of(TASK), MODEL, quote, at.plusMillis(178), null);
    history.record(note);
    history.record(HistoryEntry.submitted(handle, job, "serve").withOut(out).withBaseUrl(baseUrl));
    HistoryEntry answered = note.answeredAs(handle, at.plusMillis(185));
    history.record(answered);
    Path saved = videos.toAbsolutePath().normalize().resolve(TASK + ".mp4");
    HistoryEntry completed = answered.withStatus("completed", at.plusSeconds(30)).withFile(saved.toString())
        .withNote(null);
    appendAsOlderServe(history, answered.withStatus("in_progress", at.plusSeconds(10)));
    appendAsOlderServe(history, completed);
    appendAsOlderServe(history, completed.withStatus("completed", at.plusSeconds(30).plusMillis(90)));
    return saved;
  }

  /** Appends {@code entry} as the older vidgen wrote its lines: without the fields it did not know. */
  public static void appendAsOlderServe(TaskHistory history, HistoryEntry entry) {
    Map<String, Object> json = entry.toJson();
    List.of("base_url", "out", "key_tag", "last_take_at").forEach(json::remove);
    try {
      Files.writeString(history.file(), JsonTrees.write(json) + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
