package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code VidgenClient.extend} and {@code remix} read the status of a source task the client has not seen completed,
 * once and for free, and send no paid create when it failed, is not finished or does not exist, as the command line
 * does; a read that cannot be made is told as {@code source.unread} and the follow-on goes on.
 */
class FollowOnSourceReadTest {
  private final ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
      builder -> builder.checkModelAvailability(false));
  private final FollowOn extend = FollowOn.prompt("the kite flies on").withModel("grok-video-1.0");

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aSourceThatFailedIsRefusedWithNothingCreated() {
    fixture.provider.statusAnswers(TaskSnapshot.failed(TaskId.of("task-7"),
        new TaskFailure("generation_failed", "refused by the content policy")));

    Throwable refused = failureOf(fixture.client.extendAsync("task-7", extend));

    assertThat(refused).isInstanceOfSatisfying(InvalidJobException.class, invalid -> assertThat(invalid.violations())
        .singleElement().satisfies(violation -> assertThat(violation.code()).isEqualTo(ViolationCodes.SOURCE_FAILED)));
    assertThat(refused.getMessage()).contains("task task-7 failed (the provider says so: generation_failed, refused"
        + " by the content policy): an extend starts from a finished video; nothing was sent");
    assertThat(fixture.provider.calls()).containsExactly("status task-7");
  }

  @Test
  void aSourceStillRunningIsRefusedWithNothingCreated() {
    fixture.provider.statusAnswers(TaskSnapshot.inProgress(TaskId.of("task-8"), 40));

    Throwable refused = failureOf(fixture.client.remixAsync("task-8", extend));

    assertThat(refused).isInstanceOfSatisfying(InvalidJobException.class, invalid -> assertThat(invalid.violations())
        .singleElement().satisfies(violation -> assertThat(violation.code())
            .isEqualTo(ViolationCodes.SOURCE_NOT_FINISHED)));
    assertThat(refused.getMessage()).contains("task task-8 is not finished yet", "40%", "nothing was sent");
    assertThat(fixture.provider.calls()).containsExactly("status task-8");
  }

  @Test
  void aSourceTheReadSaysAnotherModelMadeIsRefusedWithNothingCreated() {
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-6").withOrigin("Seedance-2", null));

    Throwable refused = failureOf(fixture.client.extendAsync("task-6", extend));

    assertThat(refused).isInstanceOfSatisfying(InvalidJobException.class, invalid -> assertThat(invalid.violations())
        .singleElement().satisfies(violation -> assertThat(violation.code())
            .isEqualTo(ViolationCodes.SOURCE_OTHER_MODEL)));
    assertThat(refused.getMessage()).contains("task task-6 is a seedance-2 task (its status read says so), and an"
        + " extend on grok-video-1.0 names another", "nothing was sent");
    assertThat(fixture.provider.calls()).containsExactly("status task-6");
  }

  @Test
  void aSourceTheReadSaysItsOwnModelMadeInAnotherCaseIsExtended() {
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-5").withOrigin("GROK-VIDEO-1.0", null))
        .followOnAnswers(TaskSnapshot.queued(TaskId.of("task-15")));

    assertThat(done(fixture.client.extendAsync("task-5", extend)).taskId().value()).isEqualTo("task-15");
  }

  @Test
  void aSourceTheProviderDoesNotKnowIsTaskNotFoundWithNothingCreated() {
    fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));

    Throwable refused = failureOf(fixture.client.extendAsync("task-nosuch", extend));

    assertThat(refused).isInstanceOf(TaskNotFoundException.class);
    assertThat(fixture.provider.calls()).doesNotContain("createFollowOn");
  }

  @Test
  void aCompletedSourceIsReadOnceAndExtendedAndOneThisClientSawCompletedIsNotReadAgain() {
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-9"))
        .followOnAnswers(TaskSnapshot.queued(TaskId.of("task-10")), TaskSnapshot.queued(TaskId.of("task-11")));

    JobHandle first = done(fixture.client.extendAsync("task-9", extend));
    JobHandle second = done(fixture.client.remixAsync("task-9", extend));

    assertThat(first.taskId().value()).isEqualTo("task-10");
    assertThat(second.taskId().value()).isEqualTo("task-11");
    assertThat(fixture.provider.calls()).containsExactly("status task-9", "createFollowOn", "createFollowOn");
  }

  @Test
  void aReadThatGivesNoAnswerIsToldAsUnreadAndTheFollowOnGoesOn() {
    fixture.provider.statusAnswers(new CompletableFuture<TaskSnapshot>())
        .followOnAnswers(TaskSnapshot.queued(TaskId.of("task-13")));

    CompletableFuture<JobHandle> extended = fixture.client.extendAsync("task-12", extend);
    fixture.advance(Duration.ofSeconds(21));

    assertThat(done(extended).taskId().value()).isEqualTo("task-13");
    assertThat(fixture.listener.warnings()).anySatisfy(warning -> assertThat(warning)
        .startsWith("source.unread: could not read the status of task task-12 before an extend (no answer within 20 s)"));
  }

  private CompletableFuture<JobHandle> settled(CompletableFuture<JobHandle> future) {
    for (int minute = 0; minute < 30 && !future.isDone(); minute++) {
      fixture.advance(Duration.ofMinutes(1));
    }
    return future;
  }

  private JobHandle done(CompletableFuture<JobHandle> future) {
    return settled(future).join();
  }

  private Throwable failureOf(CompletableFuture<JobHandle> future) {
    return ClientFixture.failureOf(settled(future));
  }
}
