package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.pricing.PriceQuote;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The model a task's card shows: what vidgen knows of the job first, the provider's answer only when it knows none;
 * and its result link, without user info.
 */
class ViewsTest {
  private static final TaskId TASK = TaskId.of("video_1");
  private static final TaskSnapshot ANSWER = TaskSnapshot.inProgress(TASK, 40).withOrigin("doubao-seedance-2-0", null);

  @Test
  void aBareTaskIdShowsTheModelTheAnswerNames() {
    JobHandle bare = handle(JobHandle.UNKNOWN_MODEL);

    assertThat(Views.taskJson(bare, ANSWER)).containsEntry("model", "doubao-seedance-2-0");
    assertThat(Views.taskFields(bare, ANSWER)).containsEntry("model", "doubao-seedance-2-0");
  }

  @Test
  void aTaskTheHistoryKnowsKeepsTheHistorysModel() {
    JobHandle known = handle("seedance-2");

    assertThat(Views.taskJson(known, ANSWER)).containsEntry("model", "seedance-2");
    assertThat(Views.taskFields(known, ANSWER)).containsEntry("model", "seedance-2");
  }

  @Test
  void anAnswerThatNamesNoModelLeavesItUnknown() {
    JobHandle bare = handle(JobHandle.UNKNOWN_MODEL);

    assertThat(Views.taskJson(bare, TaskSnapshot.inProgress(TASK, 40))).containsEntry("model", "unknown");
  }

  @Test
  void aResultLinksUserInfoIsHiddenInTheJsonAndTheCardButItsQueryStays() {
    TaskSnapshot done = TaskSnapshot.completed(TASK, new VideoAsset(
        URI.create("https://user:s3cret@cdn.example/v.mp4?sig=abc"), "mp4", null));

    assertThat(Views.taskJson(handle("seedance-2"), done))
        .containsEntry("video_url", "https://…@cdn.example/v.mp4?sig=abc");
    assertThat(Views.taskFields(handle("seedance-2"), done))
        .containsEntry("video", "https://…@cdn.example/v.mp4?sig=abc");
    assertThat(Views.taskFields(handle("seedance-2"), TaskSnapshot.completed(TASK, new VideoAsset(
        URI.create("https://cdn.example/v.mp4"), "mp4", null)))).as("a link without user info is shown as it is")
        .containsEntry("video", "https://cdn.example/v.mp4");
  }

  private static JobHandle handle(String model) {
    return new JobHandle("toapis", TASK, model, PriceQuote.unknown(model, "resumed from a bare task id"),
        Instant.parse("2026-11-30T10:00:00Z"), null, 0);
  }
}
