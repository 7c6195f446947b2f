package dev.vidgen.it;

import static dev.vidgen.it.MockWorld.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.ContentPolicyException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client end to end on the mock provider, on virtual time. */
class ClientOnMockTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private final MockWorld world = new MockWorld();

  @TempDir Path folder;

  @Test
  void generatesAJobIntoAnMp4File() throws IOException {
    Path target = folder.resolve("kite.mp4");
    try (VidgenClient client = world.client()) {
      CompletableFuture<GenerationResult> generated =
          client.generateAsync(MockWorld.jobWithoutReference(), target, AwaitOptions.defaults());

      GenerationResult result = world.runUntilDone(generated, TEN_MINUTES).join();

      assertThat(result.file()).isEqualTo(target.toAbsolutePath());
      assertThat(result.snapshot().status()).isEqualTo(TaskStatus.COMPLETED);
      byte[] video = Files.readAllBytes(target);
      assertThat(new String(video, 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ftyp");
      try (Stream<Path> files = Files.list(folder)) {
        assertThat(files).containsExactly(target);
      }
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSize(1);
    }
  }

  @Test
  void refusesATargetItCouldNeverSaveToBeforeAnythingIsSent() throws IOException {
    Path file = Files.writeString(folder.resolve("notes.txt"), "not a folder");
    try (VidgenClient client = world.client()) {
      org.assertj.core.api.Assertions.assertThat(
              client.generateAsync(MockWorld.jobWithoutReference(), folder, AwaitOptions.defaults()))
          .failsWithin(Duration.ofSeconds(1)).withThrowableOfType(java.util.concurrent.ExecutionException.class)
          .havingCause().isInstanceOf(IllegalArgumentException.class).withMessageContaining("it is a folder")
          .withMessageContaining("nothing was sent");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> client.generate(
              MockWorld.jobWithoutReference(), file.resolve("kite.mp4"), AwaitOptions.defaults()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a file, not a folder");
      assertThat(world.mock.calls()).as("nothing was sent").isEmpty();
    }
  }

  @Test
  void uploadsALocalImageBeforeTheCreate() throws IOException {
    Path image = Images.png(1280, 720).writeTo(folder.resolve("kite.png"));
    VideoJob base = MockWorld.jobWithoutReference();
    VideoJob job = base.toBuilder().images(List.of(ImageInput.file(image))).build();
    try (VidgenClient client = world.client()) {
      JobHandle handle = world.runUntilDone(client.submitAsync(job), TEN_MINUTES).join();

      assertThat(handle.taskId().value()).isNotBlank();
      assertThat(world.mock.calls()).extracting(MockCall::method)
          .containsSubsequence(MockCall.Method.UPLOAD, MockCall.Method.CREATE);
    }
  }

  @Test
  void showsTheProgressListenerRisingProgressUpToCompletion() {
    List<Integer> percents = new CopyOnWriteArrayList<>();
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());
      world.mock.script().nextTaskTakes(Duration.ofMinutes(2));
      JobHandle slow = client.submit(MockWorld.jobWithoutReference());

      CompletableFuture<TaskSnapshot> done = client.awaitAsync(slow,
          AwaitOptions.defaults().withListener((snapshot, elapsed) -> percents.add(snapshot.percent().orElse(-1))));
      world.runUntilDone(done, TEN_MINUTES);

      assertThat(done.join().status()).isEqualTo(TaskStatus.COMPLETED);
      assertThat(percents).hasSizeGreaterThan(2).isSorted().endsWith(100);
      assertThat(percents.get(0)).isLessThan(100);
      assertThat(handle).isNotEqualTo(slow);
    }
  }

  @Test
  void aFailedGenerationEndsWithTaskFailedCarryingTheHandleAndTheProvidersWords() {
    world.mock.script().failNextTask("generation_failed", "the model could not animate this image");
    try (VidgenClient client = world.client()) {
      CompletableFuture<GenerationResult> generated =
          client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("kite.mp4"), AwaitOptions.defaults());

      Throwable failure = failureOf(world.runUntilDone(generated, TEN_MINUTES));

      assertThat(failure).isInstanceOf(TaskFailedException.class)
          .hasMessageContaining("generation_failed: the model could not animate this image");
      TaskFailedException failed = (TaskFailedException) failure;
      assertThat(failed.handle().taskId()).isEqualTo(failed.snapshot().taskId());
      assertThat(folder.resolve("kite.mp4")).doesNotExist();
    }
  }

  @Test
  void aRejectedKeyFailsTheSubmitWithAuthentication() {
    world.mock.script().rejectApiKey();
    try (VidgenClient client = world.client()) {
      assertThatThrownBy(() -> client.submit(MockWorld.jobWithoutReference()))
          .isInstanceOf(AuthenticationException.class);
    }
  }

  @Test
  void tooFewCreditsFailTheSubmitWithInsufficientQuota() {
    MockWorld poor = new MockWorld(builder -> builder.credits(BigDecimal.ZERO));
    try (VidgenClient client = poor.client()) {
      assertThatThrownBy(() -> client.submit(MockWorld.jobWithoutReference()))
          .isInstanceOf(InsufficientQuotaException.class);
    }
  }

  @Test
  void aContentPolicyRefusalIsNotRetried() {
    world.mock.script().fail(Operation.CREATE, 1, FailureKind.CONTENT_POLICY, "prompt refused");
    try (VidgenClient client = world.client()) {
      assertThatThrownBy(() -> client.submit(MockWorld.jobWithoutReference()))
          .isInstanceOf(ContentPolicyException.class)
          .hasMessageContaining("prompt refused");
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSize(1);
    }
  }

  @Test
  void aRejectedUploadCreatesNothing() throws IOException {
    Path image = Images.png(1280, 720).writeTo(folder.resolve("kite.png"));
    VideoJob job = MockWorld.jobWithoutReference().toBuilder().images(List.of(ImageInput.file(image))).build();
    world.mock.script().rejectUploads(1, "image too small");
    try (VidgenClient client = world.client()) {
      assertThatThrownBy(() -> client.submit(job))
          .isInstanceOf(RequestRejectedException.class)
          .hasMessageContaining("image too small");
      assertThat(world.mock.calls(MockCall.Method.CREATE)).isEmpty();
    }
  }

  @Test
  void serverErrorsThatPersistEndTheSubmitAfterAFewRetries() {
    world.mock.script().serverErrors(Operation.CREATE, 50, 500);
    try (VidgenClient client = world.client()) {
      Throwable failure = failureOf(world.runUntilDone(client.submitAsync(MockWorld.jobWithoutReference()), TEN_MINUTES));

      assertThat(failure).as("each 500 may have made a task that cannot be looked up")
          .isInstanceOf(dev.vidgen.core.error.AmbiguousSubmitException.class).hasCauseInstanceOf(ServerErrorException.class);
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSizeBetween(2, 10);
    }
  }

  @Test
  void aPassingNotFoundAfterTheCreateIsRetriedAndTheTaskCompletes() {
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());
      world.mock.script().fail(Operation.READ, 1, FailureKind.NOT_FOUND);

      TaskSnapshot done = world.runUntilDone(client.awaitAsync(handle, AwaitOptions.defaults()), TEN_MINUTES).join();

      assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void aStatusErrorAfterTheCreateNamesTheTask() {
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());
      // Beyond the grace period a "not found" for a created task is believed.
      world.mock.script().fail(Operation.READ, 6, FailureKind.NOT_FOUND);

      Throwable failure = failureOf(world.runUntilDone(client.awaitAsync(handle, AwaitOptions.defaults()), TEN_MINUTES));

      assertThat(failure).isInstanceOf(TaskNotFoundException.class);
      assertThat(((ProviderException) failure).taskId()).contains(handle.taskId());
      assertThat(failure.getMessage()).contains(handle.taskId().value());
    }
  }

  @Test
  void aRateLimitedCreateWaitsForRetryAfterInVirtualTime() {
    world.mock.script().rateLimitCreates(2, Duration.ofSeconds(7));
    List<Duration> retryDelays = new CopyOnWriteArrayList<>();
    VidgenListener retries = new VidgenListener() {
      @Override
      public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
        retryDelays.add(delay);
      }
    };
    Instant start = world.time.now();
    try (VidgenClient client = world.client(builder -> builder.listener(retries))) {
      JobHandle handle = world.runUntilDone(client.submitAsync(MockWorld.jobWithoutReference()), TEN_MINUTES).join();

      assertThat(retryDelays).hasSize(2).allSatisfy(delay -> assertThat(delay).isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8)));
      assertThat(Duration.between(start, handle.submittedAt())).isGreaterThanOrEqualTo(Duration.ofSeconds(14));
      List<MockCall> creates = world.mock.calls(MockCall.Method.CREATE);
      assertThat(creates).hasSize(3);
      assertThat(Duration.between(creates.get(0).at(), creates.get(1).at())).isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    }
  }

  @Test
  void aTaskThatNeverFinishesEndsAtTheDeadlineWithItsHandleAndLastStatus() {
    world.mock.script().nextTaskNeverFinishes();
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());

      CompletableFuture<TaskSnapshot> waiting =
          client.awaitAsync(handle, AwaitOptions.defaults().withDeadline(Duration.ofMinutes(3)));
      Throwable failure = failureOf(world.runUntilDone(waiting, TEN_MINUTES));

      assertThat(failure).isInstanceOf(DeadlineExceededException.class);
      DeadlineExceededException deadline = (DeadlineExceededException) failure;
      assertThat(deadline.handle()).isEqualTo(handle);
      assertThat(deadline.lastSnapshot().status()).isEqualTo(TaskStatus.IN_PROGRESS);
      assertThat(Duration.between(handle.submittedAt(), world.time.now())).isBetween(Duration.ofMinutes(3), Duration.ofMinutes(3).plusSeconds(1));
    }
  }

  @Test
  void cancellingTheWaitStopsThePolling() {
    world.mock.script().nextTaskNeverFinishes();
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());
      CompletableFuture<TaskSnapshot> waiting = client.awaitAsync(handle, AwaitOptions.defaults());
      world.time.advance(Duration.ofSeconds(30));
      int polls = world.mock.calls(MockCall.Method.STATUS).size();
      assertThat(polls).isPositive();

      waiting.cancel(false);
      world.time.advance(TEN_MINUTES);

      assertThat(world.mock.calls(MockCall.Method.STATUS)).hasSize(polls);
      assertThat(world.time.pendingTasks()).isZero();
    }
  }

  @Test
  void aNewClientResumesAnEncodedHandleAndDownloadsTheVideo() {
    String encoded;
    try (VidgenClient first = world.client()) {
      encoded = first.submit(MockWorld.jobWithoutReference()).encode();
    }

    try (VidgenClient second = world.client()) {
      JobHandle handle = second.resume(encoded);
      TaskSnapshot done = world.runUntilDone(second.awaitAsync(handle, AwaitOptions.defaults()), TEN_MINUTES).join();
      Path file = world.runUntilDone(second.downloadAsync(handle, done, folder.resolve("resumed.mp4")), TEN_MINUTES).join();

      assertThat(file).exists();
      assertThat(handle.taskId()).isEqualTo(done.taskId());
    }
  }

  @Test
  void aNewClientResumesABareTaskId() {
    String taskId;
    try (VidgenClient first = world.client()) {
      taskId = first.submit(MockWorld.jobWithoutReference()).taskId().value();
    }
    try (VidgenClient second = world.client()) {
      TaskSnapshot done =
          world.runUntilDone(second.awaitAsync(second.resume(taskId), AwaitOptions.defaults()), TEN_MINUTES).join();

      assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void anUnansweredCreateIsFoundAgainByItsClientReference() {
    world.mock.script().unansweredCreate(true);
    try (VidgenClient client = world.client()) {
      JobHandle handle = world.runUntilDone(client.submitAsync(MockWorld.jobWithReference()), TEN_MINUTES).join();

      assertThat(handle.reference()).hasValueSatisfying(reference -> assertThat(reference).startsWith("vg-"));
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSize(1);
      assertThat(world.mock.calls(MockCall.Method.FIND_BY_CLIENT_REFERENCE)).hasSize(1);
      TaskSnapshot done = world.runUntilDone(client.awaitAsync(handle, AwaitOptions.defaults()), TEN_MINUTES).join();
      assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    }
  }

  @Test
  void anUnansweredCreateThatMadeNoTaskIsSentAgainWithTheSameReference() {
    world.mock.script().unansweredCreate(false);
    try (VidgenClient client = world.client()) {
      JobHandle handle = world.runUntilDone(client.submitAsync(MockWorld.jobWithReference()), TEN_MINUTES).join();

      List<MockCall> creates = world.mock.calls(MockCall.Method.CREATE);
      assertThat(creates).hasSize(2);
      assertThat(handle.taskId().value()).isNotBlank();
    }
  }

  @Test
  void anUnansweredCreateWithoutReferenceIsAmbiguousAndNotSentAgain() {
    world.mock.script().unansweredCreate(true);
    try (VidgenClient client = world.client()) {
      assertThatThrownBy(() -> client.submit(MockWorld.jobWithoutReference()))
          .isInstanceOf(AmbiguousSubmitException.class)
          .hasMessageContaining("dashboard");
      assertThat(world.mock.calls(MockCall.Method.CREATE)).hasSize(1);
    }
  }

  @Test
  void aVideoFetchedAfterItsLinkExpiredIsReportedAndNotRetried() {
    try (VidgenClient client = world.client()) {
      JobHandle handle = client.submit(MockWorld.jobWithoutReference());
      TaskSnapshot done = world.runUntilDone(client.awaitAsync(handle, AwaitOptions.defaults()), TEN_MINUTES).join();
      world.time.advance(Duration.ofHours(25));

      Throwable failure = failureOf(world.runUntilDone(
          client.downloadAsync(handle, done, folder.resolve("late.mp4")), TEN_MINUTES));

      assertThat(failure).isInstanceOf(ResultExpiredException.class);
      assertThat(world.mock.calls(MockCall.Method.OPEN)).as("tried once past its expiry, never again").hasSize(1);
      assertThat(folder.resolve("late.mp4")).doesNotExist();
    }
  }

  @Test
  void everyFailureTheListenerSeesIsAVidgenExceptionWithADocsAnchor() {
    List<String> anchors = new ArrayList<>();
    VidgenListener listener = new VidgenListener() {
      @Override
      public synchronized void onFailed(JobHandle handle, VidgenException error) {
        anchors.add(error.docsAnchor());
      }
    };
    world.mock.script().failNextTask("generation_failed", "no");
    try (VidgenClient client = world.client(builder -> builder.listener(listener))) {
      world.runUntilDone(client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("a.mp4"),
          AwaitOptions.defaults()), TEN_MINUTES);
    }
    assertThat(anchors).containsExactly("task-failed");
  }
}
