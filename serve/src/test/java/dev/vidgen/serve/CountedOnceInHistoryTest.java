package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.CountedOn;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create found later as its task, and the first take of a create sent again, are priced on their task's entry: the
 * playground's history JSON gives them null credits and names that task in counted_on, as vidgen history --json does.
 */
class CountedOnceInHistoryTest {
  private static final String MODEL = "grok-video-1.5-preview";

  @TempDir Path folder;

  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);
  private final Instant at = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MILLIS);

  @Test
  void aFoundCreateAndAFirstTakeSentAgainAreCountedOnTheirTasksSoTheCreditsAddUpOnce() {
    TaskHistory history = on.history();
    // A create killed before its answer, claimed since as its task (vidgen wait TASK --made-by NOTE).
    HistoryEntry killed = HistoryEntry.unanswered("vg-killed", false, "mock", job("killed"), quote(), at, at,
        "its create went out and no answer is recorded", "generate");
    history.record(killed);
    history.record(HistoryEntry.submitted(handle("video_found"), job("killed"), "generate")
        .completed("/elsewhere/video_found.mp4", at.plusSeconds(60)));
    history.record(killed.toldAs(handle("video_found"), at.plusSeconds(90)));
    // The first take of a create answered with a server error, whose take sent again made a task.
    history.record(HistoryEntry.unanswered("vg-resent", false, "mock", job("resent"), quote(), at, at,
        "a server error answered its first take; " + CountedOn.MADE_TASK + "video_resent" + CountedOn.MADE_TASK_END,
        "generate"));
    history.record(HistoryEntry.submitted(handle("video_resent"), job("resent"), "generate")
        .completed("/elsewhere/video_resent.mp4", at.plusSeconds(60)));
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().build()).build());
    on.start(MODEL, List.of("--provider", "mock"));

    List<Map<String, Object>> tasks = on.tasks();

    assertThat(entry(tasks, killed.taskId())).containsEntry("status", "found").containsEntry("credits", null)
        .containsEntry("usd", null).containsEntry("counted_on", "video_found");
    assertThat(entry(tasks, "unanswered-noref-vg-resent")).containsEntry("status", "unknown")
        .containsEntry("credits", null).containsEntry("usd", null).containsEntry("counted_on", "video_resent");
    assertThat(entry(tasks, "video_found")).containsEntry("credits", 20L).doesNotContainKey("counted_on");
    assertThat(tasks.stream().map(task -> task.get("credits")).filter(Objects::nonNull)
        .mapToLong(credits -> ((Number) credits).longValue()).sum())
        .as("each task's 20 credits once, as vidgen history --json adds them up").isEqualTo(40);
  }

  private static Map<String, Object> entry(List<Map<String, Object>> tasks, String taskId) {
    return tasks.stream().filter(task -> taskId.equals(task.get("task_id"))).findFirst().orElseThrow();
  }

  private JobHandle handle(String taskId) {
    return new JobHandle("mock", TaskId.of(taskId), MODEL, quote(), at, null);
  }

  private static PriceQuote quote() {
    return PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "per request, 10 s");
  }

  private static VideoJob job(String prompt) {
    return VideoJob.builder(MODEL).prompt(prompt).image("https://example.com/a.png").build();
  }
}
