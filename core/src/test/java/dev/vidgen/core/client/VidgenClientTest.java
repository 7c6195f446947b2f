package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class VidgenClientTest {
  private final ClientFixture fixture = new ClientFixture();
  private final ScriptedProvider provider = fixture.provider;

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void generateTakesAJobAllTheWayToAFile() throws Exception {
    provider.statusAnswers(TaskSnapshot.inProgress(TaskId.of("task-1"), 60), ScriptedProvider.completed("task-1"));
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));

    GenerationResult result = generated.join();
    assertThat(result.file()).isEqualTo(target.toAbsolutePath());
    assertThat(result.handle().taskId()).isEqualTo(TaskId.of("task-1"));
    assertThat(result.snapshot().status().isTerminal()).isTrue();
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
    assertThat(fixture.listener.events()).containsExactly("submitted task-1", "polled task-1 in_progress",
        "polled task-1 completed", "completed task-1", "downloaded task-1 kite.mp4");
  }

  @Test
  void nullWaitOptionsAreRefusedAsANullJobIsAndNothingIsSent() {
    Path target = folder.resolve("kite.mp4");
    JobHandle handle = fixture.handle("task-1");

    // A null that comes from a bug is not taken for a ten-minute default wait after a paid create.
    assertThatThrownBy(() -> fixture.client.generateAsync(Jobs.valid(), target, null))
        .isInstanceOf(NullPointerException.class).hasMessage("options == null");
    assertThatThrownBy(() -> fixture.client.awaitAsync(handle, null))
        .isInstanceOf(NullPointerException.class).hasMessage("options == null");
    assertThatThrownBy(() -> fixture.client.generate(Jobs.valid(), target, null))
        .isInstanceOf(NullPointerException.class).hasMessage("options == null");
    assertThatThrownBy(() -> fixture.client.await(handle, null))
        .isInstanceOf(NullPointerException.class).hasMessage("options == null");
    fixture.advance(Duration.ofMinutes(1));

    assertThat(provider.count("create")).isZero();
    assertThat(provider.count("status")).isZero();
    assertThat(target).doesNotExist();
  }

  @Test
  void generateKeepingAnExistingTargetRefusesItBeforeAnythingIsSent() throws Exception {
    Path target = folder.resolve("kite.mp4");
    Files.writeString(target, "last week's video");

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults(), ExistingTarget.KEEP);

    assertThatThrownBy(generated::join).hasCauseInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a file is already there, and ExistingTarget.KEEP keeps it")
        .hasMessageContaining("(nothing was sent)");
    assertThatThrownBy(() -> fixture.client.generate(Jobs.valid(), target, AwaitOptions.defaults(), ExistingTarget.KEEP))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(provider.count("create")).as("nothing paid for a video that could not be saved").isZero();
    assertThat(Files.readString(target)).isEqualTo("last week's video");
  }

  @Test
  void generateKeepingTheTargetSavesToAFreePathAndKeepsAFileThatAppearedThereMeanwhile() throws Exception {
    provider.statusAnswers(TaskSnapshot.inProgress(TaskId.of("task-1"), 60), ScriptedProvider.completed("task-1"));
    Path free = folder.resolve("free.mp4");
    CompletableFuture<GenerationResult> saved =
        fixture.client.generateAsync(Jobs.valid(), free, AwaitOptions.defaults(), ExistingTarget.KEEP);
    fixture.advance(Duration.ofMinutes(2));
    assertThat(Files.readAllBytes(saved.join().file())).isEqualTo(ScriptedProvider.MP4);

    provider.replaceStatusAnswers(TaskSnapshot.inProgress(TaskId.of("task-2"), 60), ScriptedProvider.completed("task-2"));
    Path contested = folder.resolve("contested.mp4");
    CompletableFuture<GenerationResult> kept =
        fixture.client.generateAsync(Jobs.valid(), contested, AwaitOptions.defaults(), ExistingTarget.KEEP);
    Files.writeString(contested, "another run's video"); // written while the task runs
    fixture.advance(Duration.ofMinutes(2));

    assertThatThrownBy(kept::join).hasCauseInstanceOf(dev.vidgen.core.error.DownloadFailedException.class)
        .satisfies(e -> assertThat(((dev.vidgen.core.error.DownloadFailedException) e.getCause()).taskId())
            .as("the paid task is named, to download elsewhere").isEqualTo(TaskId.of("task-2")));
    assertThat(Files.readString(contested)).isEqualTo("another run's video");
  }

  @Test
  void aSecondGenerateAimingAtTheFileAJobInFlightWillWriteIsRefusedBeforeAnythingIsSent() throws Exception {
    Path target = folder.resolve("kite.mp4");
    Files.createDirectories(folder.resolve("clips"));
    CompletableFuture<GenerationResult> first = fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(10));
    assertThat(first).as("still running").isNotDone();

    // The same file, spelled another way (relative parts), from generateAsync and from the blocking generate.
    Path sameFile = folder.resolve("clips/../kite.mp4");
    CompletableFuture<GenerationResult> second = fixture.client.generateAsync(Jobs.valid(), sameFile, AwaitOptions.defaults());
    assertThat(failureOf(second)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the video cannot be saved to " + target.toAbsolutePath())
        .hasMessageContaining("another generate on this client is saving its video to that file")
        .hasMessageContaining("give this job another target, or wait until the first job ends")
        .hasMessageContaining("(nothing was sent)");
    assertThatThrownBy(() -> fixture.client.generate(Jobs.valid(), sameFile, AwaitOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("another generate on this client");
    assertThat(provider.count("create")).as("nothing paid for the refused jobs").isOne();
    CompletableFuture<GenerationResult> elsewhere =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("other.mp4"), AwaitOptions.defaults());
    assertThat(elsewhere).as("another file is free").isNotDone();
    elsewhere.cancel(false);

    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    fixture.advance(Duration.ofMinutes(2));
    assertThat(first.join().file()).isEqualTo(target.toAbsolutePath());

    CompletableFuture<GenerationResult> after = fixture.client.generateAsync(Jobs.valid(), sameFile, AwaitOptions.defaults());
    assertThat(after).as("the file is free once the first job succeeded").isNotDone();
    assertThat(provider.count("create")).isEqualTo(3);
    after.cancel(false);
    CompletableFuture<GenerationResult> afterStop = fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    assertThat(afterStop).as("and once a job failed or was stopped").isNotDone();
    provider.replaceStatusAnswers(ScriptedProvider.failure(FailureKind.AUTHENTICATION));
    fixture.advance(Duration.ofMinutes(1));
    assertThat(failureOf(afterStop)).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);
    CompletableFuture<GenerationResult> afterFailure =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    assertThat(afterFailure).isNotDone();
    assertThat(provider.count("create")).isEqualTo(5);
  }

  @Test
  void aFileIsKnownByItsAbsoluteNormalizedPathWithItsFolderLinksResolved() throws Exception {
    Path real = Files.createDirectories(folder.resolve("real"));
    Path link = Files.createSymbolicLink(folder.resolve("link"), real);

    assertThat(TargetReservations.key(link.resolve("kite.mp4"))).isEqualTo(real.toRealPath().resolve("kite.mp4"));
    assertThat(TargetReservations.key(folder.resolve("real/./x/../kite.mp4")))
        .isEqualTo(real.toRealPath().resolve("kite.mp4"));
    assertThat(TargetReservations.key(folder.resolve("not-yet/kite.mp4")))
        .as("a folder still to be made").isEqualTo(folder.resolve("not-yet/kite.mp4").toAbsolutePath());
  }

  @Test
  void describesItselfByProviderBudgetAndWorkInFlightWithoutTheProvidersOwnText() {
    assertThat(fixture.client.toString()).isEqualTo("VidgenClient[provider " + provider.id() + ", Budget[unlimited], 0 in flight]");
    fixture.client.close();
    assertThat(fixture.client.toString()).endsWith(", closed]");
  }

  @Test
  void findsATaskByItsClientReferenceBelievingNotFoundOnlyAfterTheGrace() {
    CompletableFuture<java.util.Optional<TaskSnapshot>> never = fixture.client.findByClientReferenceAsync("vg-ref-1");
    fixture.advance(Duration.ofSeconds(40));
    assertThat(never).as("not believed within the grace").isNotDone();
    fixture.advance(Duration.ofSeconds(60));
    assertThat(never.join()).isEmpty();
    assertThat(provider.count("find vg-ref-1")).isEqualTo(6);

    TaskSnapshot late = TaskSnapshot.queued(TaskId.of("late-1"));
    provider.findAnswers(java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.of(late));
    CompletableFuture<java.util.Optional<TaskSnapshot>> listedLate = fixture.client.findByClientReferenceAsync("vg-ref-2");
    fixture.advance(Duration.ofSeconds(10));

    assertThat(listedLate.join()).contains(late);
    assertThat(provider.count("find vg-ref-2")).isEqualTo(3);
  }

  @Test
  void generateEndsWithTheTaskFailureAndWritesNothing() {
    provider.statusAnswers(TaskSnapshot.failed(TaskId.of("task-1"), new TaskFailure("generation_failed", "no")));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));

    assertThat(failureOf(generated)).isInstanceOf(TaskFailedException.class);
    assertThat(folder.resolve("kite.mp4")).doesNotExist();
  }

  @Test
  void generateRefusesBeforePayingATargetWhoseFolderTakesNoNewFilesThoughItLooksWritable() {
    // /proc looks writable to root, yet no file can be made there: the video could never be saved.
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isDirectory(Path.of("/proc/self")));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), Path.of("/proc/vidgen-test/kite.mp4"), AwaitOptions.defaults());

    assertThat(failureOf(generated)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not accept new files: ").hasMessageContaining("(nothing was sent)");
    assertThat(provider.count("create")).isZero();
  }

  @Test
  void cancellingGenerateStopsThePolling() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(30));
    long polls = provider.count("status");

    generated.cancel(false);
    fixture.advance(Duration.ofMinutes(10));

    assertThat(provider.count("status")).isEqualTo(polls);
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void cancellingGenerateOnceItsTaskIsMadeEndsItWithTheHandleOfThatTask() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    assertThat(generated.cancel(false)).isTrue();

    assertThat(generated).isCancelled();
    assertThatThrownBy(generated::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("task-1"));
      assertThat(fixture.listener.events()).contains("submitted task-1");
      assertThat(stopped).hasMessageContaining("the generate was cancelled");
    });
  }

  @Test
  void stoppingGenerateWhileItDownloadsSaysTheFinishedTasksDownloadStoppedAndHowToDownloadItAgain() {
    java.time.Instant linkEnds = java.time.Instant.parse("2030-01-02T03:04:05Z");
    provider.statusAnswers(TaskSnapshot.completed(TaskId.of("task-1"), ScriptedProvider.asset("mp4", linkEnds)));
    provider.openAnswers(new CompletableFuture<java.io.InputStream>()); // the download never ends by itself
    CompletableFuture<GenerationResult> cancelled =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));
    assertThat(provider.calls()).as("the task is done and its download under way").anyMatch(call -> call.startsWith("open"));

    assertThat(cancelled.cancel(false)).isTrue();

    assertThatThrownBy(cancelled::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("task-1"));
      assertThat(stopped.duringDownload()).isTrue();
      assertThat(stopped).hasMessageContaining("task task-1 (" + Jobs.MODEL + ") completed and is paid for, but its"
              + " download stopped: the generate was cancelled; the video was not saved")
          .hasMessageContaining("Download it again while its link lasts (until 2030-01-02T03:04:05Z):"
              + " download(handle, status(handle), target)")
          .hasMessageContaining(stopped.handle().encode())
          .hasMessageNotContaining("waiting for it stopped").hasMessageNotContaining("goes on at the provider");
    });

    provider.replaceStatusAnswers(TaskSnapshot.completed(TaskId.of("task-2"), ScriptedProvider.asset("mp4", linkEnds)));
    CompletableFuture<GenerationResult> closed =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite-2.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));
    fixture.client.close();
    assertThatThrownBy(closed::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(stopped.duringDownload()).isTrue();
      assertThat(stopped).hasMessageContaining("completed and is paid for, but its download stopped")
          .hasMessageNotContaining("goes on at the provider");
    });
  }

  @Test
  void stoppingGenerateWhileItWaitsStillSaysTheWaitStoppedAndTheTaskGoesOn() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(30));

    generated.cancel(false);

    assertThatThrownBy(generated::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(stopped.duringDownload()).isFalse();
      assertThat(stopped).hasMessageContaining("waiting for it stopped: the generate was cancelled; it goes on at the"
          + " provider");
    });
  }

  @Test
  void aGenerateTimedOutFromOutsideStopsPollingAndEndsNamingItsPaidTaskWithTheTimeoutAsCause() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(30));
    long polls = provider.count("status");

    // What orTimeout does when its time is up: the app's own deadline, outside vidgen's.
    generated.completeExceptionally(new java.util.concurrent.TimeoutException());
    fixture.advance(Duration.ofMinutes(10));

    assertThatThrownBy(generated::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(stopped.handle().taskId()).as("the paid task, to wait on again").isEqualTo(TaskId.of("task-1"));
      assertThat(stopped).hasMessageContaining("stopped from outside (TimeoutException)")
          .hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
    });
    assertThat(provider.count("status")).as("no more polling").isEqualTo(polls);
    assertThat(folder.resolve("kite.mp4")).as("nothing downloaded behind the app's back").doesNotExist();
  }

  @Test
  void cancellingGenerateWhileItsCreateIsOnItsWaySendsNoOtherCreateAndTheAnswerStillNamesTheTask() {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(provider.count("create")).isOne();

    assertThat(generated.cancel(false)).isTrue();
    assertThat(generated).isCancelled();
    CompletableFuture<JobHandle> pending = ((SubmitStoppedException) failureOf(generated)).pendingHandle();
    assertThat(pending).as("the create has not answered yet").isNotDone();
    answer.complete(TaskSnapshot.queued(TaskId.of("t-late")));
    fixture.advance(Duration.ofMinutes(2));

    assertThat(pending.join().taskId()).isEqualTo(TaskId.of("t-late"));
    assertThat(provider.count("create")).as("no create after the cancel").isOne();
    assertThat(provider.count("status")).as("a cancelled generate does not wait for its task").isZero();
  }

  @Test
  void cancellingGenerateWhileItsCreateWaitsOutA429SendsNoOtherCreateAndSaysNothingWasMade() {
    provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(20)));
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    generated.cancel(false);
    fixture.advance(Duration.ofMinutes(2));

    CompletableFuture<JobHandle> pending = ((SubmitStoppedException) failureOf(generated)).pendingHandle();
    assertThat(failureOf(pending)).isInstanceOf(SubmitNotSentException.class);
    assertThat(provider.count("create")).as("the retry due after the 429 is not sent").isOne();
  }

  @Test
  void blockingFormsThrowTheOriginalException() {
    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid().toBuilder().model("nope").build()))
        .isInstanceOf(InvalidJobException.class);
    ScriptedProvider failing = new ScriptedProvider().statusAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));
    try (ClientFixture noRetries = new ClientFixture(failing, builder -> builder.retryPolicy(RetryPolicy.never()))) {
      assertThatThrownBy(() -> noRetries.client.status(noRetries.handle("task-9")))
          .isInstanceOfSatisfying(ServerErrorException.class,
              e -> assertThat(e.taskId()).contains(TaskId.of("task-9")));
    }
  }

  @Test
  void resumesAnEncodedHandleAsItWas() {
    JobHandle handle = fixture.client.submit(Jobs.valid());

    assertThat(fixture.client.resume(handle.encode())).isEqualTo(handle);
  }

  @Test
  void resumesABareTaskIdWithAnUnknownModelAndPrice() {
    JobHandle handle = fixture.client.resume("  task_77  ");

    assertThat(handle.providerId()).isEqualTo(ScriptedProvider.ID);
    assertThat(handle.taskId()).isEqualTo(TaskId.of("task_77"));
    assertThat(handle.model()).isEqualTo("unknown");
    assertThat(handle.quote().isKnown()).isFalse();
    assertThat(handle.submittedAt()).isEqualTo(fixture.time.now());
  }

  @Test
  void resumesATaskIdThatOnlyStartsLikeAHandleAsTheBareIdItIs() {
    // Task ids are opaque: a provider may answer vg1.444a901, which decodes as no handle.
    JobHandle handle = fixture.client.resume("vg1.444a901");

    assertThat(handle.providerId()).isEqualTo(ScriptedProvider.ID);
    assertThat(handle.taskId()).isEqualTo(TaskId.of("vg1.444a901"));
    assertThat(handle.model()).isEqualTo("unknown");
  }

  @Test
  void refusesAHandleCutShortOrChangedRatherThanLookingItUpAsATaskId() {
    String whole = fixture.handle("task_01J9").encode();

    for (String damaged : List.of(whole.substring(0, 40), whole.substring(0, 6), "vg1.", whole.substring(0,
        whole.length() - 3), whole.substring(0, 30) + " " + whole.substring(30), whole.substring(0, 41) + "==",
        whole + "%%", "vg1.cd" + whole.substring(6), "VG1." + whole.substring(4, 20))) {
      assertThatThrownBy(() -> fixture.client.resume(damaged)).as(damaged)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("starts as a vidgen job handle does but cannot be read as one: it was cut short or"
              + " changed")
          .hasMessageContaining("give the whole handle as encode() wrote it, or the task id alone");
    }
    assertThat(fixture.client.resume(whole).taskId()).isEqualTo(TaskId.of("task_01J9"));
    assertThat(fixture.client.resume("vg1.garbage").taskId()).as("no handle's start: a task id")
        .isEqualTo(TaskId.of("vg1.garbage"));
  }

  @Test
  void refusesToResumeAnotherProvidersHandleOrABlank() {
    JobHandle foreign = new JobHandle("toapis", TaskId.of("t"), Jobs.MODEL,
        fixture.handle("t").quote(), fixture.time.now(), null);

    assertThatThrownBy(() -> fixture.client.resume(foreign.encode()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("toapis")
        .hasMessageContaining(ScriptedProvider.ID);
    assertThatThrownBy(() -> fixture.client.resume(" ")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesToReadAwaitOrDownloadAnotherProvidersHandleSendingNothing() {
    JobHandle foreign = new JobHandle("toapis", TaskId.of("t"), Jobs.MODEL,
        fixture.handle("t").quote(), fixture.time.now(), null);
    Path target = java.nio.file.Path.of("target", "never.mp4");

    assertThatThrownBy(() -> fixture.client.status(foreign)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("that handle is for provider toapis, but this client uses " + ScriptedProvider.ID + "; read it"
            + " with a client for toapis (nothing was sent)");
    assertThatThrownBy(() -> fixture.client.awaitAsync(foreign, AwaitOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("await it with a client for toapis");
    assertThatThrownBy(() -> fixture.client.download(foreign, ScriptedProvider.completed("t"), target))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("download it with a client for toapis");
    assertThat(fixture.provider.calls()).as("nothing sent to this client's provider").isEmpty();
  }

  @Test
  void refusesToResumeWhatCannotNameATaskSayingWhatATaskIdLooksLike() {
    for (String notAnId : new String[] {"..", ".", " .. ", "task\n7", "task\u00007"}) {
      assertThatThrownBy(() -> fixture.client.resume(notAnId)).as(notAnId)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a task id")
          .hasMessageContaining("such as video_abc123")
          .hasMessageNotContaining("@Path")
          .hasMessageNotContaining("\n");
    }
    assertThat(fixture.client.resume("...").taskId()).as("only . and .. alone climb a level")
        .isEqualTo(TaskId.of("..."));
    assertThat(fixture.client.resume("order-77").taskId()).isEqualTo(TaskId.of("order-77"));
  }

  @Test
  void needsAProvider() {
    assertThatThrownBy(() -> VidgenClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("provider(");
  }

  @Test
  void closingCancelsRunningWaitsAndRefusesNewWork() {
    CompletableFuture<TaskSnapshot> waiting = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.client.close();
    fixture.advance(Duration.ofMinutes(1));

    assertThat(waiting).isCancelled();
    // Java 25's join wraps the cancellation in one of its own ("join"), the reason its cause.
    assertThatThrownBy(waiting::join).as("why it ended, not a bare cancellation").isInstanceOf(CancellationException.class)
        .satisfies(e -> assertThat(e.getMessage() + " / " + (e.getCause() == null ? "" : e.getCause().getMessage()))
            .contains("this VidgenClient was closed, so the wait for task task-1 (", "goes on at the provider"));
    assertThat(provider.count("status")).isZero();
    assertThat(provider.isClosed()).isFalse();
    assertThatThrownBy(() -> fixture.client.submitAsync(Jobs.valid())).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void closingDuringAGenerateFailsItNamingTheTaskItMadeSoThatItIsNotLost() {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(30));
    assertThat(provider.count("create")).isOne();

    fixture.client.close();
    fixture.advance(Duration.ofMinutes(1));

    assertThat(generated).isCompletedExceptionally();
    assertThatThrownBy(generated::join).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
      assertThat(fixture.listener.events()).contains("submitted " + stopped.handle().taskId());
      assertThat(stopped).hasMessageContaining("was created and is paid for, but waiting for it stopped: the client"
          + " was closed").hasMessageContaining(stopped.handle().encode());
    });
  }

  @Test
  void interruptingABlockingGenerateOnceItsTaskIsMadeThrowsItsHandle() {
    Thread.currentThread().interrupt(); // the submit completes before the wait begins, on this scripted provider

    assertThatThrownBy(() -> fixture.client.generate(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults()))
        .isInstanceOfSatisfying(WaitStoppedException.class, stopped -> assertThat(fixture.listener.events())
            .contains("submitted " + stopped.handle().taskId()))
        .hasMessageContaining("the calling thread was interrupted");
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void interruptingABlockingGenerateWhileItsCreateIsOnItsWayWaitsForTheAnswerAndThrowsItsHandle() throws Exception {
    CompletableFuture<Void> gate = new CompletableFuture<>();
    provider.createAnswers(gate.thenApply(open -> TaskSnapshot.queued(TaskId.of("t-9"))));
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        fixture.client.generate(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    caller.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.count("create") == 1
        && caller.getState() == Thread.State.WAITING);

    caller.interrupt();
    // Interrupted, it waits (bounded) for the create on its way to answer.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> caller.getState() == Thread.State.TIMED_WAITING);
    gate.complete(null);
    caller.join(10_000);

    assertThat(thrown.get()).isInstanceOfSatisfying(WaitStoppedException.class, stopped ->
        assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("t-9")));
    assertThat(provider.count("create")).as("no create after the interrupt").isOne();
  }

  @Test
  void aSecondCloseWhileTheFirstWaitsForACreateReturnsOnlyOnceTheCreateWasHeard() throws Exception {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    CompletableFuture<JobHandle> submitted = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(provider.count("create")).isOne();
    // The service's own close, then the shutdown hook's, as getting-started.md sets them up.
    Thread service = new Thread(fixture.client::close, "service-close");
    service.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> fixture.client.isClosed() && service.getState() == Thread.State.TIMED_WAITING);
    java.util.concurrent.atomic.AtomicReference<List<String>> heardWhenHookReturned =
        new java.util.concurrent.atomic.AtomicReference<>();
    Thread hook = new Thread(() -> {
      fixture.client.close();
      heardWhenHookReturned.set(fixture.listener.events());
    }, "hook-close");
    hook.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> hook.getState() == Thread.State.TIMED_WAITING || !hook.isAlive());

    answer.complete(TaskSnapshot.queued(TaskId.of("t-paid")));
    hook.join(10_000);
    service.join(10_000);

    assertThat(heardWhenHookReturned.get()).as("the hook's close waited for the paid create's answer")
        .contains("submitted t-paid");
    assertThat(submitted.join().taskId()).isEqualTo(TaskId.of("t-paid"));
    assertThat(service.isAlive()).isFalse();
  }

  @Test
  void aCloseFromAListenerWhileAnotherCloseWaitsForItsCreateReturnsAtOnce() throws Exception {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    java.util.concurrent.atomic.AtomicBoolean closedInListener = new java.util.concurrent.atomic.AtomicBoolean();
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle) {
        fixture.client.close(); // the other close waits for this very callback to end
        closedInListener.set(true);
      }
    });
    CompletableFuture<JobHandle> submitted = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(1));
    Thread service = new Thread(fixture.client::close, "service-close");
    service.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> fixture.client.isClosed() && service.getState() == Thread.State.TIMED_WAITING);

    Thread answering = new Thread(() -> answer.complete(TaskSnapshot.queued(TaskId.of("t-heard"))), "answer");
    answering.start();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3))
        .until(() -> closedInListener.get() && !answering.isAlive() && !service.isAlive());
    assertThat(submitted.join().taskId()).as("heard, not ended as ambiguous").isEqualTo(TaskId.of("t-heard"));
  }

  @Test
  void interruptingABlockingSubmitWhileItsCreateIsOnItsWaySaysAPaidTaskMayComeAndHandsItsPendingHandle()
      throws Exception {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    provider.createAnswers(answer);
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
    Thread caller = new Thread(() -> {
      try {
        fixture.client.submit(Jobs.valid());
      } catch (RuntimeException e) {
        thrown.set(e);
        stillInterrupted.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.count("create") == 1
        && caller.getState() == Thread.State.WAITING);

    caller.interrupt();
    caller.join(10_000);

    assertThat(thrown.get()).isInstanceOfSatisfying(SubmitStoppedException.class, stopped -> {
      assertThat(stopped).hasMessageContaining("interrupted while its create was on its way")
          .hasMessageContaining("may still make a task, which is paid for").hasMessageContaining("onSubmitted");
      answer.complete(TaskSnapshot.queued(TaskId.of("t-late")));
      assertThat(stopped.pendingHandle().join().taskId()).isEqualTo(TaskId.of("t-late"));
    });
    assertThat(stillInterrupted).as("the interrupt flag is kept").isTrue();
    assertThat(fixture.listener.events()).contains("submitted t-late");
    assertThat(provider.count("create")).as("no create after the interrupt").isOne();
  }

  @Test
  void interruptingABlockingSubmitBeforeItsCreateLeavesSaysNothingWasSent() {
    provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(20)));
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    Thread caller = new Thread(() -> {
      try {
        fixture.client.submit(Jobs.valid());
      } catch (RuntimeException e) {
        thrown.set(e);
      }
    });
    caller.start();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> provider.count("create") == 1
        && caller.getState() == Thread.State.WAITING);

    caller.interrupt();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !caller.isAlive());
    fixture.advance(Duration.ofMinutes(2));

    assertThat(thrown.get()).isInstanceOf(SubmitNotSentException.class);
    assertThat(provider.count("create")).as("the backoff's create was never sent").isOne();
  }

  @Test
  void interruptingABlockingAwaitNamesTheTaskThatGoesOn() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> fixture.client.await(fixture.handle("task-1"), AwaitOptions.defaults()))
        .isInstanceOfSatisfying(WaitStoppedException.class, stopped ->
            assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("task-1")))
        .hasMessageContaining("the calling thread was interrupted").hasMessageContaining("goes on at the provider");
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void leavesACallersSchedulerRunning() {
    ScheduledExecutorService scheduler = new ScheduledThreadPoolExecutor(1);
    try {
      VidgenClient.builder().provider(provider).scheduler(scheduler).build().close();
      assertThat(scheduler.isShutdown()).isFalse();
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void interruptingABlockingWaitCancelsIt() {
    CompletableFuture<TaskSnapshot> waiting = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> Futures.await(waiting, true)).isInstanceOf(CancellationException.class);

    assertThat(Thread.interrupted()).isTrue();
    assertThat(waiting).isCancelled();
  }

  @Test
  void reportsTheBalance() {
    assertThat(fixture.client.balance().remaining()).isPresent();
  }
}
