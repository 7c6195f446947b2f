package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The model a task's card shows: what vidgen knows of the job first, the provider's answer only when it knows none. */
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

  private static JobHandle handle(String model) {
    return new JobHandle("toapis", TASK, model, PriceQuote.unknown(model, "resumed from a bare task id"),
        Instant.parse("2026-11-30T10:00:00Z"), null, 0);
  }
}
