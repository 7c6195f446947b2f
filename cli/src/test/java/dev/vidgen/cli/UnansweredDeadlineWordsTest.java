package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A wait ended by its deadline while no status read answered does not say the task is still running. */
class UnansweredDeadlineWordsTest {
  private static final TaskId TASK = TaskId.of("video_1");
  private static final JobHandle HANDLE = new JobHandle("toapis", TASK, "seedance-2",
      PriceQuote.unknown("seedance-2", "test"), Instant.parse("2026-12-01T10:00:00Z"), null);

  @Test
  @SuppressWarnings("unchecked")
  void noStatusAnswerSaysTheStateIsUnknownWithTheTimeoutsExitCodeAndTheWayOn() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Failures.report(DeadlineExceededException.unanswered(HANDLE, null, Duration.ofSeconds(155),
        Duration.ofSeconds(30), null), null, new Output(new PrintWriter(out), new PrintWriter(err), true));

    assertThat(exit).isEqualTo(ExitCodes.DEADLINE);
    assertThat(err.toString()).contains("vidgen: task video_1 (seedance-2): no status answer came within 30 s, so its"
        + " state when the wait ended, 155 s after it was made, is unknown (no status was read in this wait); resume"
        + " with its task id (see docs/errors.md#deadline-exceeded) — the task may still be running or may be done;"
        + " go on waiting with: vidgen wait video_1")
        .doesNotContain("still running;").doesNotContain("not finished");
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>) JsonTrees.parse(out.toString()))
        .get("error");
    assertThat(error).containsEntry("kind", "deadline_exceeded").containsEntry("exit_code", 7L);
  }

  @Test
  void aReadLongUnansweredNamesTheLastStatusSeenAsPastNotPresent() {
    StringWriter err = new StringWriter();

    Failures.report(DeadlineExceededException.unanswered(HANDLE, TaskSnapshot.inProgress(TASK, 50),
        Duration.ofSeconds(600), Duration.ofSeconds(120), Duration.ofSeconds(480)), null,
        new Output(new PrintWriter(new StringWriter()), new PrintWriter(err), false));

    assertThat(err.toString()).contains("no status answer came within 120 s, so its state when the wait ended, 600 s"
        + " after it was made, is unknown (last seen in_progress 50% 480 s after it was made)")
        .contains("the task may still be running or may be done");
  }

  @Test
  void aReadCutOffMomentsAfterItWentOutLeavesTheLastStatusSeenAsTheAccount() {
    StringWriter err = new StringWriter();

    Failures.report(DeadlineExceededException.unanswered(HANDLE, TaskSnapshot.inProgress(TASK, 50),
        Duration.ofSeconds(600), Duration.ofSeconds(2), Duration.ofSeconds(590)), null,
        new Output(new PrintWriter(new StringWriter()), new PrintWriter(err), false));

    assertThat(err.toString()).contains("not finished 600 s after it was made; last status in_progress 50%")
        .contains("the task is still running; go on waiting with: vidgen wait video_1");
  }
}
