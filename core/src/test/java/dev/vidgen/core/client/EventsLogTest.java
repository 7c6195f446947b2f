package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SLF4J debug lines an operator sees: one per create, poll, retry and download, each naming the task. */
class EventsLogTest {
  @TempDir Path folder;

  @Test
  void logsEachCreatePollRetryAndDownloadWithTheTaskId() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (ClientFixture fixture = new ClientFixture()) {
      fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.UNAVAILABLE),
          TaskSnapshot.inProgress(TaskId.of("task-1"), 40), ScriptedProvider.completed("task-1"));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CompletableFuture<GenerationResult> generated =
          fixture.client.generateAsync(Jobs.valid(), folder.resolve("clip.mp4"), AwaitOptions.defaults());
      fixture.advance(Duration.ofMinutes(2));
      generated.join();
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    assertThat(log)
        .contains("created task task-1 on scripted")
        .contains("retrying READ of task task-1")
        .contains("polled task task-1: in_progress 40%")
        .contains("polled task task-1: completed")
        .contains("downloaded the video of task task-1 to ");
  }

  @Test
  void aCreateWithoutAClientReferenceAndItsBlindResendNameTheSameSubmitUpToItsTask() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (ClientFixture fixture = new ClientFixture()) {
      fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
          TaskSnapshot.queued(TaskId.of("task-7")));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CompletableFuture<JobHandle> submitted = fixture.client.submitAsync(Jobs.valid());
      fixture.advance(Duration.ofMinutes(1));
      submitted.join();
    } finally {
      System.setErr(original);
    }

    String log = captured.toString(StandardCharsets.UTF_8);
    Matcher create = Pattern.compile("sending the create of an? \\S+ task \\(submit (s-\\d+), no client reference\\)")
        .matcher(log);
    assertThat(create.find()).as("the create line names its submit: %s", log).isTrue();
    String submit = create.group(1);
    assertThat(log).as("an operator ties the warning that the create may be paid twice to one job")
        .contains("the provider's dashboard shows it (submit " + submit + ") (create.resent)")
        .contains("retrying CREATE of submit " + submit + " (task not created yet)")
        .containsPattern("created task task-7 on scripted .*\\(submit " + submit + "\\)")
        .doesNotContain("client reference null")
        .doesNotContain("of task (not created yet)");
  }

  @Test
  void logsWhyAFailedCallIsNotRetried() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (ClientFixture fixture = new ClientFixture()) {
      fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(300)));
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-1"));
      fixture.advance(Duration.ZERO);
      assertThat(read).isCompletedExceptionally();
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("not retrying READ of task task-1: ")
        .contains("300 s");
  }

  @Test
  void aReadAnsweredWithSomethingUnreadableIsLoggedAsAnsweredNotAsNeverAnswered() {
    ProviderException garbage = ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of(
        ScriptedProvider.ID, 200, null, "the answer is not the JSON expected; the answer began: <<garbage>>"), null);
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.err;
    try (ClientFixture fixture = new ClientFixture()) {
      fixture.provider.statusAnswers(garbage, garbage, garbage, garbage);
      System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
      CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-1"));
      fixture.advance(Duration.ofMinutes(1));
      assertThat(read).as("still ridden out as an outage: retried, then given up").isCompletedExceptionally();
    } finally {
      System.setErr(original);
    }

    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("not retrying READ of task task-1: read: HTTP 200 came, but its answer could not be read;"
            + " gave up after 3 retries")
        .doesNotContain("never answered");
  }
}
