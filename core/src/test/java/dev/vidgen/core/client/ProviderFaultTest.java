package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider that breaks its contract (answers a create with no task, lets an exception out of a
 * call, reports a task completed without a video) never leaves a caller waiting, and every error
 * after the create names the provider and, once it exists, the task.
 */
@Timeout(60)
class ProviderFaultTest {
  private ClientFixture fixture = new ClientFixture(ScriptedProvider.takingClientReferences(), builder -> {});

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  /** Waits for {@code handle}'s task until the wait ends: it must end as a fault of the provider naming that handle. */
  private org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> assertWaitEndsAsAFaultOf(JobHandle handle) {
    CompletableFuture<TaskSnapshot> awaited = fixture.client.awaitAsync(handle, AwaitOptions.defaults());
    advanceUntilDone(awaited);
    return assertThat(failureOf(awaited)).isInstanceOfSatisfying(ProviderFaultException.class,
        fault -> assertThat(fault.handle()).isEqualTo(handle));
  }

  /** Moves virtual time on a minute at a time (at most thirty) until {@code future} ends. */
  private void advanceUntilDone(CompletableFuture<?> future) {
    for (int minute = 0; minute < 30 && !future.isDone(); minute++) {
      fixture.advance(Duration.ofMinutes(1));
    }
  }

  @Test
  void aCreateAnsweredWithNoSnapshotEndsTheSubmitAtOnceAsAmbiguousNamingTheProviderAndTheReference() {
    fixture.provider.createAnswers(CompletableFuture.completedFuture(null));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());

    // No time passes: the answer came, so nothing is left to wait for.
    assertThat(submit).isDone();
    String reference = fixture.provider.creates().get(0).clientReference();
    assertThat(failureOf(submit)).isInstanceOfSatisfying(AmbiguousSubmitException.class, ambiguous -> {
      assertThat(ambiguous.providerId()).isEqualTo(ScriptedProvider.ID);
      assertThat(ambiguous.clientReference()).contains(reference);
    }).hasMessageContaining("scripted answered the create of a grok-video-1.5-preview task with no task")
        .hasMessageContaining("a task may exist and be billed")
        .hasMessageContaining("look it up by client reference " + reference)
        .message().doesNotContain("no HTTP response");
    assertThat(fixture.provider.count("create")).as("a create that may have made a task is not sent again")
        .isEqualTo(1);
  }

  @Test
  void aGenerateWhoseCreateIsAnsweredWithNoSnapshotEndsAtOnceInsteadOfWaitingForever() {
    fixture.provider.createAnswers(CompletableFuture.completedFuture(null));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());

    assertThat(generated).isDone();
    assertThat(failureOf(generated)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("scripted answered the create");
  }

  @Test
  void aCreateThatThrowsIsAmbiguousAndNamesTheProviderKeepingItsException() {
    IllegalStateException boom = new IllegalStateException("boom in create");
    fixture.provider.createAnswers(new ScriptedProvider.Throws(boom));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());

    assertThat(submit).isDone();
    assertThat(failureOf(submit)).isInstanceOfSatisfying(AmbiguousSubmitException.class,
            ambiguous -> assertThat(ambiguous.clientReference()).isPresent())
        .hasMessageContaining("scripted failed the create of a grok-video-1.5-preview task with an unexpected"
            + " java.lang.IllegalStateException: boom in create")
        .hasCause(boom);
  }

  @Test
  void aCreateThatFailsAsUnsupportedIsAmbiguousTooForCreateIsNoOptionalCall() {
    UnsupportedOperationException toDo = new UnsupportedOperationException("to do");
    fixture.provider.createAnswers(new ScriptedProvider.Throws(toDo));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());

    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("scripted failed the create of a grok-video-1.5-preview task with an unexpected"
            + " java.lang.UnsupportedOperationException: to do")
        .hasCause(toDo);
    assertThat(fixture.provider.count("create")).as("not sent again").isEqualTo(1);
  }

  @Test
  void aCreateThatThrowsAnErrorOfTheProvidersCodeIsAmbiguousLikeAnyOtherFaultAndNeverThrowsFromSubmitAsync() {
    AssertionError assertion = new AssertionError("probe assertion after create");
    NoClassDefFoundError missing = new NoClassDefFoundError("com/fasterxml/jackson/databind/ObjectMapper");
    fixture.provider.createAnswers(new ScriptedProvider.Throws(assertion), missing);

    // Thrown at once by create, then failed in its future: each time a failed future, not a throw.
    CompletableFuture<JobHandle> thrown = fixture.client.submitAsync(Jobs.valid());
    CompletableFuture<JobHandle> failed = fixture.client.submitAsync(Jobs.valid());

    assertThat(thrown).isDone();
    assertThat(failed).isDone();
    String firstReference = fixture.provider.creates().get(0).clientReference();
    assertThat(failureOf(thrown)).isInstanceOfSatisfying(AmbiguousSubmitException.class, ambiguous -> {
      assertThat(ambiguous.providerId()).isEqualTo(ScriptedProvider.ID);
      assertThat(ambiguous.clientReference()).contains(firstReference);
    }).hasMessageContaining("scripted failed the create of a grok-video-1.5-preview task with an unexpected"
            + " java.lang.AssertionError: probe assertion after create")
        .hasMessageContaining("a task may exist and be billed")
        .hasCause(assertion);
    assertThat(failureOf(failed)).isInstanceOfSatisfying(AmbiguousSubmitException.class,
            ambiguous -> assertThat(ambiguous.clientReference()).isPresent())
        .hasMessageContaining("unexpected java.lang.NoClassDefFoundError: com/fasterxml/jackson/databind/ObjectMapper")
        .hasCause(missing);
    assertThat(fixture.provider.count("create")).as("a create that may have made a task is not sent again")
        .isEqualTo(2);
  }

  @Test
  void aCallAnsweredWithNoFutureSaysSoInTheWordsOfANullSnapshot() {
    fixture.provider.createAnswers(ScriptedProvider.NO_FUTURE).statusAnswers(ScriptedProvider.NO_FUTURE);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    CompletableFuture<TaskSnapshot> awaited = fixture.client.awaitAsync(fixture.handle("task-9"),
        AwaitOptions.defaults());
    advanceUntilDone(awaited);

    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("scripted answered the create of a grok-video-1.5-preview task with no future"
            + " (null where its future belongs), a fault of the provider")
        .message().doesNotContain("IllegalStateException", "findByClientReference");
    assertThat(failureOf(awaited)).isInstanceOf(ProviderFaultException.class)
        .hasMessageContaining("scripted answered its status read with no future (null where its future belongs),"
            + " for task task-9");
  }

  @Test
  void aJvmRunningOutOfMemoryOrFailingInsideGoesOnAsItIsNotAsTheProvidersFault() {
    OutOfMemoryError outOfMemory = new OutOfMemoryError("Java heap space");
    InternalError internal = new InternalError("jvm");
    fixture.provider.createAnswers(outOfMemory, internal);

    CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid());
    CompletableFuture<JobHandle> second = fixture.client.submitAsync(Jobs.valid());

    assertThat(failureOf(first)).isSameAs(outOfMemory);
    assertThat(failureOf(second)).isSameAs(internal);
  }

  @Test
  void aStatusReadOrADownloadFailingWithAnErrorOfTheProvidersCodeNamesTheTask() {
    StackOverflowError deep = new StackOverflowError("probe deep");
    fixture.provider.statusAnswers(deep);
    JobHandle handle = fixture.handle("task-7");

    assertWaitEndsAsAFaultOf(handle)
        .hasMessageContaining("scripted failed its status read with an unexpected java.lang.StackOverflowError:"
            + " probe deep, for task task-7")
        .hasCause(deep);

    ExceptionInInitializerError initializer = new ExceptionInInitializerError("static block of the provider");
    ClientFixture opening = new ClientFixture(new ScriptedProvider().statusAnswers(ScriptedProvider.completed("task-1"))
        .openAnswers(new ScriptedProvider.Throws(initializer)), builder -> {});
    try (opening) {
      CompletableFuture<Path> saved = opening.client.downloadAsync(opening.handle("task-1"),
          ScriptedProvider.completed("task-1"), folder.resolve("open.mp4"));
      for (int minute = 0; minute < 30 && !saved.isDone(); minute++) {
        opening.advance(Duration.ofMinutes(1));
      }
      assertThat(failureOf(saved)).isInstanceOfSatisfying(ProviderFaultException.class,
              fault -> assertThat(fault.handle().taskId()).isEqualTo(TaskId.of("task-1")))
          .hasMessageContaining("scripted failed its download with an unexpected"
              + " java.lang.ExceptionInInitializerError: static block of the provider, for task task-1")
          .hasCause(initializer);
    }
  }

  @Test
  void aVideoStreamThatThrowsAnErrorMidwayIsTheProvidersFaultNamingTheTaskAndLeavesNoFile() {
    LinkageError linkage = new LinkageError("loader constraint violation");
    InputStream breaking = new InputStream() {
      private boolean sent;

      @Override
      public int read() {
        throw new UnsupportedOperationException("read in blocks");
      }

      @Override
      public int read(byte[] buffer, int offset, int length) {
        if (sent) {
          throw linkage;
        }
        sent = true;
        java.util.Arrays.fill(buffer, offset, offset + 8, (byte) 0);
        return 8;
      }
    };
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1")).openAnswers(breaking);

    CompletableFuture<Path> saved = fixture.client.downloadAsync(fixture.handle("task-1"),
        ScriptedProvider.completed("task-1"), folder.resolve("kite.mp4"));
    advanceUntilDone(saved);

    assertThat(failureOf(saved)).isInstanceOfSatisfying(ProviderFaultException.class,
            fault -> assertThat(fault.handle().taskId()).isEqualTo(TaskId.of("task-1")))
        .hasMessageContaining("scripted failed its download (after 8 bytes) with an unexpected"
            + " java.lang.LinkageError: loader constraint violation, for task task-1")
        .hasCause(linkage);
    assertThat(folder.resolve("kite.mp4")).doesNotExist();
  }

  @Test
  void aProviderSayingItCannotExtendIsStillUnsupportedNotAnAmbiguousCreate() {
    JobHandle earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        dev.vidgen.core.pricing.PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null);
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1")); // the source's free read: finished
    CompletableFuture<JobHandle> extended =
        fixture.client.extendAsync(earlier.encode(), dev.vidgen.core.domain.FollowOn.prompt("the kite flies on"));
    advanceUntilDone(extended);

    assertThat(failureOf(extended)).isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("cannot extend");
  }

  @Test
  void anExtendWhoseCreateGetsNoAnswerTellsWhenItWentOut() {
    JobHandle earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        dev.vidgen.core.pricing.PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null);
    fixture.provider.followOnAnswers(ScriptedProvider.failure(dev.vidgen.core.policy.FailureKind.NO_RESPONSE));
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1")); // the source's free read: finished
    java.time.Instant sent = fixture.time.now();

    CompletableFuture<JobHandle> extended =
        fixture.client.extendAsync(earlier.encode(), dev.vidgen.core.domain.FollowOn.prompt("the kite flies on"));
    advanceUntilDone(extended);

    assertThat(failureOf(extended)).isInstanceOfSatisfying(dev.vidgen.core.error.AmbiguousSubmitException.class,
        e -> assertThat(e.sentAt()).as("when to look for the task on the dashboard").contains(sent));
  }

  @Test
  void aStatusReadThatThrowsEndsTheGenerateWithAnErrorNamingTheTask() {
    IllegalStateException boom = new IllegalStateException("boom in status");
    fixture.provider.statusAnswers(new ScriptedProvider.Throws(boom));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    advanceUntilDone(generated);

    assertThat(failureOf(generated)).isInstanceOfSatisfying(ProviderFaultException.class,
            fault -> assertThat(fault.handle().taskId()).isEqualTo(TaskId.of("task-1")))
        .hasMessageContaining("scripted failed its status read with an unexpected java.lang.IllegalStateException:"
            + " boom in status, for task task-1")
        .hasCause(boom);
    assertThat(fixture.provider.count("status")).as("a provider's bug is not read again and again").isEqualTo(1);
  }

  @Test
  void aStatusReadFailedWithAnUnexpectedExceptionOrAnsweredWithNothingNamesTheTaskToo() {
    fixture.provider.statusAnswers(new NullPointerException("a JSON bug"));
    JobHandle handle = fixture.handle("task-7");

    assertWaitEndsAsAFaultOf(handle)
        .hasMessageContaining("NullPointerException: a JSON bug, for task task-7");

    ClientFixture silent = new ClientFixture(
        new ScriptedProvider().statusAnswers(CompletableFuture.completedFuture(null)), builder -> {});
    try (silent) {
      CompletableFuture<TaskSnapshot> nothing = silent.client.awaitAsync(silent.handle("task-8"), AwaitOptions.defaults());
      for (int minute = 0; minute < 30 && !nothing.isDone(); minute++) {
        silent.advance(Duration.ofMinutes(1));
      }
      assertThat(failureOf(nothing)).isInstanceOf(ProviderFaultException.class)
          .hasMessageContaining("scripted answered a status read with no snapshot (null), for task task-8");
    }
  }

  @Test
  void aStatusAnswerForAnotherTaskEndsTheWaitAsTheProvidersFaultAndItsVideoIsNeverSaved() {
    // Another job's task, finished: taken for this one, its video would be saved under this job's name.
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-other"));
    JobHandle handle = fixture.handle("task-7");

    assertWaitEndsAsAFaultOf(handle)
        .hasMessageContaining("scripted answered a status read with another task's status (task task-other),"
            + " for task task-7");
    assertThatThrownBy(() -> fixture.client.status(handle)).isInstanceOf(ProviderFaultException.class)
        .hasMessageContaining("another task's status (task task-other)");

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    advanceUntilDone(generated);
    assertThat(failureOf(generated)).isInstanceOf(ProviderFaultException.class);
    assertThat(folder.resolve("kite.mp4")).doesNotExist();
    assertThat(fixture.provider.count("open")).as("no video of the other task was opened").isZero();
  }

  @Test
  void anOpenThatThrowsEndsTheDownloadWithAnErrorNamingTheTask() {
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1"))
        .openAnswers(new ScriptedProvider.Throws(new IllegalArgumentException("boom in open")));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    advanceUntilDone(generated);

    assertThat(failureOf(generated)).isInstanceOfSatisfying(ProviderFaultException.class,
            fault -> assertThat(fault.handle().taskId()).isEqualTo(TaskId.of("task-1")))
        .hasMessageContaining("scripted failed its download with an unexpected java.lang.IllegalArgumentException:"
            + " boom in open, for task task-1")
        .hasCauseInstanceOf(IllegalArgumentException.class);
    assertThat(folder.resolve("kite.mp4")).doesNotExist();
  }

  @Test
  void aTaskReportedCompletedWithoutAVideoIsTheProvidersFaultNotAWaitCutShort() {
    TaskSnapshot empty = new TaskSnapshot(TaskId.of("task-1"), TaskStatus.COMPLETED, 100, "done", null, null);
    fixture.provider.statusAnswers(empty);

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    advanceUntilDone(generated);

    assertThat(failureOf(generated)).isInstanceOfSatisfying(ProviderFaultException.class,
            fault -> assertThat(fault.handle().taskId()).isEqualTo(TaskId.of("task-1")))
        .hasMessageContaining("scripted reported the task completed (status done) without a video to download")
        .hasMessageContaining("the provider's fault")
        .message().doesNotContain("await its completion");
    assertThat(fixture.provider.count("open")).isZero();
  }

  @Test
  void aSnapshotNotYetCompletedStillAsksToAwaitItsCompletion() {
    CompletableFuture<Path> saved = fixture.client.downloadAsync(fixture.handle("task-2"),
        TaskSnapshot.inProgress(TaskId.of("task-2"), 40), folder.resolve("kite.mp4"));

    assertThat(failureOf(saved)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("await its completion first");
  }

  @Test
  void buildRefusesAProviderWhoseIdIsMissingOrNotALowerCaseId() {
    assertThatThrownBy(() -> VidgenClient.builder().provider(named(null)).build())
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("its id() is null")
        .hasMessageContaining("lower-case letters, digits, '.', '_' and '-', starting with a letter or digit");
    assertThatThrownBy(() -> VidgenClient.builder().provider(named(" ")).build())
        .hasMessageContaining("its id() is blank");
    assertThatThrownBy(() -> VidgenClient.builder().provider(named("Acme")).build())
        .hasMessageContaining("its id() 'Acme' is not lower case");
    assertThatThrownBy(() -> VidgenClient.builder().provider(named("acme video")).build())
        .hasMessageContaining("its id() 'acme video' holds characters a provider id may not hold");

    try (VidgenClient fine = VidgenClient.builder().provider(named("acme-2.video_x")).build()) {
      assertThat(fine.provider().id()).isEqualTo("acme-2.video_x");
    }
  }

  @Test
  void aPreviewAProviderBuiltForAnotherVidgenVersionCannotMakeNamesItAndSaysSoRatherThanAnUnexpectedError() {
    AbstractMethodError oldSpi = new AbstractMethodError("Receiver class com.example.v0.V0Provider does not define"
        + " or inherit an implementation of the resolved method 'abstract dev.vidgen.core.port.RequestPreview"
        + " preview(dev.vidgen.core.port.SubmitRequest)' of interface dev.vidgen.core.port.VideoProvider.");
    VideoProvider built = previewFailing("acmev0", oldSpi);

    try (VidgenClient client = VidgenClient.builder().provider(built).build()) {
      assertThatThrownBy(() -> client.preview(Jobs.valid()))
          .isInstanceOfSatisfying(ProviderSelectionException.class, refused -> assertThat(refused.availableIds())
              .as("choosing it again meets the same jar").isEmpty())
          .hasCause(oldSpi)
          .hasMessageContaining("provider acmev0 (" + built.getClass().getName() + ") failed vidgen's check of the"
              + " request it would send, with an unexpected java.lang.AbstractMethodError: Receiver class"
              + " com.example.v0.V0Provider")
          .hasMessageContaining("of interface dev.vidgen.core.port.VideoProvider: a LinkageError")
          .hasMessageNotContaining(".:")
          .hasMessageContaining("most likely built for another vidgen version")
          .hasMessageContaining("nothing was sent");
    }
  }

  @Test
  void aSubmitToAProviderWhosePreviewFailsIsRefusedInTheDryRunsWordsBeforeAnyCreate() {
    AbstractMethodError oldSpi = new AbstractMethodError("Receiver class com.example.v0.V0Provider does not define"
        + " or inherit an implementation of the resolved method 'abstract dev.vidgen.core.port.RequestPreview"
        + " preview(dev.vidgen.core.port.SubmitRequest)' of interface dev.vidgen.core.port.VideoProvider.");
    ScriptedProvider works = new ScriptedProvider();
    VideoProvider built = previewFailing(works, oldSpi);

    try (VidgenClient client = VidgenClient.builder().provider(built).build()) {
      String dryRunWords = org.assertj.core.api.Assertions.catchThrowable(() -> client.preview(Jobs.valid()))
          .getMessage();
      CompletableFuture<JobHandle> submitted = client.submitAsync(Jobs.valid());
      submitted.handle((handle, failure) -> null).join(); // handed back on the client's own thread, a moment later

      assertThat(failureOf(submitted)).isInstanceOf(ProviderSelectionException.class).hasCause(oldSpi)
          .hasMessage(dryRunWords);
    }
    assertThat(works.calls()).as("no create, so nothing paid: the dry run refused this job").isEmpty();
  }

  @Test
  void anExceptionOfAProvidersPreviewIsItsFaultNamingItAndAVidgenErrorGoesOnAsItIs() {
    VideoProvider buggy = previewFailing("acme", new IllegalStateException("preview bug sk-abcdef0123456789abcdef"));
    VideoProvider refusing = previewFailing("acme", new dev.vidgen.core.error.ProviderConfigurationException(
        "acme needs an API key"));

    try (VidgenClient client = VidgenClient.builder().provider(buggy).build();
        VidgenClient refusedBy = VidgenClient.builder().provider(refusing).build()) {
      assertThatThrownBy(() -> client.preview(Jobs.valid())).isInstanceOf(ProviderSelectionException.class)
          .hasMessageContaining("provider acme (")
          .hasMessageContaining("with an unexpected java.lang.IllegalStateException: preview bug")
          .hasMessageContaining("a bug in the provider's code, not in the job")
          .hasMessageNotContaining("sk-abcdef0123456789abcdef").hasMessageNotContaining("another vidgen version");
      assertThatThrownBy(() -> refusedBy.preview(Jobs.valid()))
          .isInstanceOf(dev.vidgen.core.error.ProviderConfigurationException.class)
          .hasMessageStartingWith("acme needs an API key");
    }
  }

  /** A provider of id {@code id} whose preview fails with {@code failure} (an exception or an error). */
  private static VideoProvider previewFailing(String id, Throwable failure) {
    return previewFailing(named(id), failure);
  }

  /** {@code named}, but its preview fails with {@code failure}; every other call goes to {@code named}. */
  private static VideoProvider previewFailing(VideoProvider named, Throwable failure) {
    return new VideoProvider() {
      @Override
      public String id() {
        return named.id();
      }

      @Override
      public CompletableFuture<URI> upload(Path image) {
        return named.upload(image);
      }

      @Override
      public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
        return named.create(request);
      }

      @Override
      public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
        return named.status(taskId);
      }

      @Override
      public CompletableFuture<InputStream> open(VideoAsset asset) {
        return named.open(asset);
      }

      @Override
      public RequestPreview preview(SubmitRequest request) {
        if (failure instanceof Error error) {
          throw error;
        }
        throw (RuntimeException) failure;
      }
    };
  }

  /** A provider of id {@code id} that is never called: only its id matters here. */
  private static VideoProvider named(String id) {
    return new VideoProvider() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public CompletableFuture<URI> upload(Path image) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public CompletableFuture<InputStream> open(VideoAsset asset) {
        throw new UnsupportedOperationException();
      }

      @Override
      public RequestPreview preview(SubmitRequest request) {
        throw new UnsupportedOperationException();
      }
    };
  }
}
