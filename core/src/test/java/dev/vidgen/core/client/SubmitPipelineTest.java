package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.validation.Violation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class SubmitPipelineTest {
  private ClientFixture fixture = new ClientFixture();

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  private void useClient(ScriptedProvider provider, java.util.function.Consumer<VidgenClient.Builder> settings) {
    fixture.close();
    fixture = new ClientFixture(provider, settings);
  }

  /** A job of 20 credits under a budget of 50, whose first create is answered 500 and the next with {@code taskId}. */
  private CompletableFuture<JobHandle> submitWithinFiftyAfterAServerError(String taskId) {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of(taskId)));
    return fixture.client.submitAsync(Jobs.valid());
  }

  /** Moves virtual time on a minute at a time (at most ten) until {@code submit} ends. */
  private void advanceUntilDone(CompletableFuture<JobHandle> submit) {
    for (int minute = 0; minute < 10 && !submit.isDone(); minute++) {
      fixture.advance(Duration.ofMinutes(1));
    }
  }

  private void useBudget(long credits) {
    useClient(new ScriptedProvider(), builder -> builder.budget(Budget.ofCredits(BigDecimal.valueOf(credits))));
  }

  @Test
  void aServerErrorAskingForAWaitLongerThanThePolicysIsSaidAsOneTakeNotSentAgain() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR, Duration.ofHours(1)),
        TaskSnapshot.queued(TaskId.of("never")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(submit).isCompletedExceptionally();
    assertThat(fixture.provider.count("create")).as("not sent again").isEqualTo(1);
    assertThatThrownBy(submit::join).cause().isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("was answered with a server error and was not sent again (the server asked to wait 1 h,"
            + " longer than the retry policy waits)")
        .hasMessageContaining("and that try may have made a task (20 credits)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("until the retries ran out", "each try"));
  }

  @Test
  void createsTheTaskAndRecordsItsHandle() {
    JobHandle handle = fixture.client.submit(Jobs.valid());

    assertThat(handle.providerId()).isEqualTo(ScriptedProvider.ID);
    assertThat(handle.taskId()).isEqualTo(TaskId.of("task-1"));
    assertThat(handle.model()).isEqualTo(Jobs.MODEL);
    assertThat(handle.quote().credits()).isEqualByComparingTo("20");
    assertThat(handle.submittedAt()).isEqualTo(fixture.time.now());
    assertThat(handle.reference()).isEmpty();
    assertThat(fixture.provider.calls()).containsExactly("create");
    assertThat(fixture.listener.events()).containsExactly("submitted task-1");
  }

  @Test
  void anInvalidJobSendsNothing() {
    VideoJob unknownModel = Jobs.valid().toBuilder().model("grok-video-9").build();

    assertThatThrownBy(() -> fixture.client.submit(unknownModel))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("grok-video-9");
    assertThat(fixture.provider.calls()).isEmpty();
    assertThat(fixture.listener.events()).containsExactly("failed - invalid-job");
  }

  @Test
  void aJobOverBudgetSendsNothing() {
    useBudget(10);

    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid()))
        .isInstanceOf(BudgetExceededException.class)
        .as("nothing of it was spent: the budget is said, not what it has left")
        .hasMessageContaining("grok-video-1.5-preview costs 20 credits but the budget is 10 credits;")
        .hasMessageNotContaining("left");
    assertThat(fixture.provider.calls()).isEmpty();
  }

  @Test
  void aJobOverWhatEarlierJobsLeftOfTheBudgetSaysWhatIsLeft() {
    useBudget(30);
    fixture.client.submit(Jobs.valid());

    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid()))
        .isInstanceOf(BudgetExceededException.class)
        .hasMessageContaining("grok-video-1.5-preview costs 20 credits but 10 credits of the budget are left;");
    assertThat(fixture.provider.calls()).containsExactly("create");
  }

  @Test
  void theBudgetIsSharedByEveryJobOfTheClient() {
    useBudget(50);

    fixture.client.submit(Jobs.valid());
    fixture.client.submit(Jobs.valid());

    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("10"));
    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid())).isInstanceOf(BudgetExceededException.class);
    assertThat(fixture.provider.count("create")).isEqualTo(2);
  }

  @Test
  void theBudgetIsGivenBackWhenTheProviderRefusesTheCreate() {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.REJECTED));

    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid())).isInstanceOf(RequestRejectedException.class);

    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("50"));
    assertThat(fixture.listener.events()).containsExactly("failed - request-rejected");
  }

  @Test
  void anUnansweredCreateWithoutReferenceIsReportedAndKeepsItsPrice() {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE));

    java.time.Instant sent = fixture.time.now();
    assertThatThrownBy(() -> fixture.client.submit(Jobs.valid()))
        .isInstanceOfSatisfying(AmbiguousSubmitException.class, e -> {
          assertThat(e.clientReference()).isEmpty();
          assertThat(e.sentAt()).as("when to look for the task on the dashboard").contains(sent);
        })
        .hasMessageContaining("may exist and be billed")
        .hasMessageContaining("dashboard");

    assertThat(fixture.provider.count("create")).isEqualTo(1);
    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("30"));
  }

  @Test
  void concurrentSubmitsNeverSpendMoreThanTheBudget() throws Exception {
    useBudget(200);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    AtomicInteger refused = new AtomicInteger();
    try {
      List<Future<?>> submits = new java.util.ArrayList<>();
      for (int i = 0; i < 50; i++) {
        submits.add(threads.submit(() -> {
          try {
            fixture.client.submit(Jobs.valid());
          } catch (BudgetExceededException e) {
            refused.incrementAndGet();
          }
        }));
      }
      for (Future<?> submit : submits) {
        submit.get();
      }
    } finally {
      threads.shutdownNow();
    }

    assertThat(fixture.provider.count("create")).isEqualTo(10);
    assertThat(refused).hasValue(40);
    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left -> assertThat(left).isZero());
  }

  @Test
  void uploadsLocalImagesAndCreatesWithTheirUrls() throws IOException {
    Path image = png("kite.png");
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    fixture.client.submit(job);

    assertThat(fixture.provider.calls()).containsExactly("upload kite.png", "create");
    assertThat(fixture.provider.creates().get(0).job().images())
        .containsExactly(new ImageInput.Remote(URI.create("https://cdn.test/kite.png")));
  }

  @Test
  void aFailedUploadCreatesNothingAndGivesTheBudgetBack() throws IOException {
    useBudget(50);
    fixture.provider.uploadAnswers(ScriptedProvider.failure(FailureKind.REJECTED));
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("kite.png")))).build();

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOf(RequestRejectedException.class);
    assertThat(fixture.provider.count("create")).isZero();
    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("50"));
  }

  @Test
  void aRefusedUploadNamesTheFileAndSaysThatNoTaskWasCreated() throws IOException {
    fixture.provider.uploadAnswers(new RequestRejectedException(ProviderErrorDetails.of(ScriptedProvider.ID, 400,
        null, "Unsupported image type"), null));
    Path image = png("kite.png");
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOfSatisfying(RequestRejectedException.class, e -> {
      assertThat(e.upload()).contains(new FailedUpload("image", image));
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.getMessage()).isEqualTo("the upload of image kite.png (" + image.toAbsolutePath().normalize()
          + ") was refused (scripted: HTTP 400: Unsupported image type); no video task was created and nothing was"
          + " charged for a video");
    });
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anUploadFailedByTheProvidersOwnCodeIsARefusedUploadNamingTheProviderAndNothingIsCreated() throws IOException {
    NoClassDefFoundError missing = new NoClassDefFoundError("com/fasterxml/jackson/databind/ObjectMapper");
    IllegalStateException boom = new IllegalStateException("boom in upload");
    fixture.provider.uploadAnswers(new ScriptedProvider.Throws(missing), boom);
    Path image = png("kite.png");
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    // Thrown at once, then failed in its future: the create never went out, so it is a refused upload, not a maybe.
    for (Throwable thrown : List.of(missing, boom)) {
      assertThat(failureOf(fixture.client.submitAsync(job))).isInstanceOfSatisfying(RequestRejectedException.class,
          e -> {
            assertThat(e.upload()).contains(new FailedUpload("image", image));
            assertThat(e.providerId()).isEqualTo(ScriptedProvider.ID);
            assertThat(e.getMessage()).startsWith("the upload of image kite.png (")
                .contains("scripted failed the upload with an unexpected " + thrown.getClass().getName())
                .endsWith("no video task was created and nothing was charged for a video");
            assertThat(e).hasRootCause(thrown);
          });
    }
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anUploadThatFailedAfterItsRetriesSaysSoForItsVideo() throws IOException {
    Path clip = mp4("clip.mp4");
    useClient(new ScriptedProvider().videoUploadAnswers(ScriptedProvider.failure(FailureKind.CONNECT_FAILED)),
        builder -> builder.retryPolicy(dev.vidgen.core.policy.RetryPolicy.builder().transientRetries(0).build()));

    Throwable failure = failureOf(fixture.client.submitAsync(videoJob(clip)));

    assertThat(failure).isInstanceOf(ProviderException.class)
        .hasMessageStartingWith("the upload of video clip.mp4 (" + clip.toAbsolutePath().normalize() + ") failed (")
        .hasMessageEndingWith("; no video task was created and nothing was charged for a video");
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anImageDeletedAfterValidationIsAnInvalidJobAndNothingIsSent() throws IOException {
    Path image = png("vanish.png");
    useClient(new ScriptedProvider().onBalance(() -> delete(image)), builder -> builder.checkBalance(true));
    VideoJob job = VideoJob.builder("veo3.1-fast").prompt("the kite lands")
        .images(List.of(ImageInput.file(png("kite.png")), ImageInput.file(image))).build();

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOfSatisfying(InvalidJobException.class, e ->
        assertThat(e.violations()).singleElement().satisfies(violation -> {
          assertThat(violation.field()).isEqualTo("images[1]");
          assertThat(violation.code()).isEqualTo("image.missing");
          assertThat(violation.message()).contains(image.toString(), "does not exist", "checked again before its upload");
        }));
    assertThat(fixture.provider.calls()).as("no upload, no create").isEmpty();
    assertThat(FailureCases.of(new java.util.concurrent.CompletionException(
        failureOf(fixture.client.submitAsync(job))))).isEqualTo(dev.vidgen.core.policy.FailureCase.INVALID_JOB);
  }

  @Test
  void aVideoDeletedWhileItIsUploadedIsAnInvalidJobNotAFaultOfVidgens() throws IOException {
    Path clip = mp4("vanish.mp4");
    fixture.provider.onUpload(ScriptedProviderFiles::delete).videoUploadAnswers(
        new IllegalArgumentException("cannot read file " + clip + ": it is missing or not a readable file"));

    Throwable failure = failureOf(fixture.client.submitAsync(videoJob(clip)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e -> {
      assertThat(e.violations()).extracting(Violation::field, Violation::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("videos[0]", "video.missing"));
      assertThat(e.getMessage()).contains(clip.toString());
    });
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anImageReplacedByAFolderAfterValidationIsAnInvalidJobBeforeItsUpload() throws IOException {
    // (A file made unreadable would do as well, but root, who runs CI here, reads any file.)
    Path image = png("swapped.png");
    useClient(new ScriptedProvider().onBalance(() -> {
      try {
        java.nio.file.Files.delete(image);
        java.nio.file.Files.createDirectory(image);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }), builder -> builder.checkBalance(true));
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOfSatisfying(InvalidJobException.class, e ->
        assertThat(e.violations()).extracting(Violation::code).containsExactly("image.not_a_file"));
    assertThat(fixture.provider.calls()).isEmpty();
  }

  @Test
  void aJpegOnlyWarnedAboutAsMaybeCutIsUploadedAndSentAsValidateSays() throws IOException {
    // A phone's motion photo: a whole JPEG with a video after it, so no end marker in its last 64 KiB.
    Path photo = folder.resolve("motion.jpg");
    ImageIO.write(new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB), "jpg", photo.toFile());
    java.nio.file.Files.write(photo, new byte[70 * 1024], java.nio.file.StandardOpenOption.APPEND);
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(photo))).build();
    assertThat(fixture.client.validate(job).violations()).extracting(Violation::code)
        .containsExactly("image.may_be_cut");

    JobHandle handle = fixture.client.submit(job);

    assertThat(handle.taskId()).isNotNull();
    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void anUrlOnTheServerThisClientsUploadsWentToDrawsNoWarningThatItNamesThisMachine() throws IOException {
    // A test server or a gateway on loopback: the provider keeps its uploads there and can fetch them.
    fixture.provider.uploadAnswers(URI.create("http://127.0.0.1:8090/files/kite.png"));
    VideoJob local = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("kite.png")))).build();
    VideoJob elsewhere = Jobs.valid().toBuilder().images(List.of(ImageInput.url("http://127.0.0.1:8091/x.png")))
        .build();
    assertThat(fixture.client.validate(elsewhere).warnings()).extracting(Violation::code)
        .containsExactly("image.url_not_public");

    VideoJob uploaded = fixture.client.uploadAsync(local).join();

    assertThat(fixture.client.validate(uploaded).violations()).isEmpty();
    assertThat(fixture.client.validate(elsewhere).warnings()).as("another port is another server")
        .extracting(Violation::code).containsExactly("image.url_not_public");
  }

  @Test
  void theSameImageGivenTwiceIsUploadedOnceAndKeepsTheOrderOfInputs() throws IOException {
    Path kite = png("kite.png");
    Path sea = png("sea.png");
    ImageInput again = ImageInput.file(folder.resolve("sub/../kite.png"));
    java.nio.file.Files.createDirectories(folder.resolve("sub"));
    VideoJob job = VideoJob.builder("seedance-2").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the kite, the sea")
        .images(List.of(ImageInput.file(kite), ImageInput.file(sea), again)).build();

    JobHandle handle = fixture.client.submit(job);

    assertThat(handle).isNotNull();
    assertThat(fixture.provider.calls()).filteredOn(call -> call.startsWith("upload"))
        .containsExactlyInAnyOrder("upload kite.png", "upload sea.png");
    assertThat(fixture.provider.creates().get(0).job().images()).containsExactly(
        new ImageInput.Remote(URI.create("https://cdn.test/kite.png")),
        new ImageInput.Remote(URI.create("https://cdn.test/sea.png")),
        new ImageInput.Remote(URI.create("https://cdn.test/kite.png")));
  }

  @Test
  void theSameVideoGivenTwiceIsUploadedOnce() throws IOException {
    Path clip = mp4("clip.mp4");
    VideoJob job = VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer")
        .video(clip).video(folder.resolve("./clip.mp4")).build();

    fixture.client.submit(job);

    assertThat(fixture.provider.count("upload-video")).isEqualTo(1);
    assertThat(fixture.provider.creates().get(0).job().videos())
        .containsExactly(URI.create("https://cdn.test/clip.mp4"), URI.create("https://cdn.test/clip.mp4"));
  }

  @Test
  void anUnansweredCreateIsFoundByItsClientReference() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot found = TaskSnapshot.queued(TaskId.of("found-9"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE)).findAnswers(Optional.of(found));

    JobHandle handle = fixture.client.submit(Jobs.valid());

    String sent = fixture.provider.creates().get(0).clientReference();
    assertThat(sent).startsWith("vg-");
    assertThat(handle.taskId()).isEqualTo(TaskId.of("found-9"));
    assertThat(handle.reference()).contains(sent);
    assertThat(fixture.provider.calls()).containsExactly("create", "find " + sent);
  }

  @Test
  void anUnansweredCreateThatIsNotFoundIsSentAgainWithTheSameReferenceOnlyAfterTheNotFoundGrace() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    // The default grace: "not found" is asked again 5 times, 2, 4, 8, 16 and 30 s (±20 %) apart.
    fixture.advance(Duration.ofSeconds(40));
    assertThat(fixture.provider.count("create")).as("a fresh task may not be listed yet").isEqualTo(1);
    assertThat(submit).isNotDone();
    fixture.advance(Duration.ofSeconds(60));

    JobHandle handle = submit.join();
    assertThat(handle.taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(fixture.provider.creates()).extracting(request -> request.clientReference())
        .hasSize(2).containsOnly(handle.clientReference());
    assertThat(fixture.provider.count("find")).isEqualTo(6);
    assertThat(fixture.listener.warnings()).as("the resend is said: a late first create would be a second task")
        .filteredOn(warning -> warning.startsWith("create.resent")).singleElement().asString()
        .contains("sent again with the same reference", "two tasks carry that reference");
    assertThat(handle.possibleExtraTasks()).as("kept with the task, where the history and --json show it").isOne();
  }

  @Test
  void anUnansweredCreateNotFoundIsNotSentAgainWhenTheBudgetCannotAlsoTakeTheTakeLookedUp() {
    // A job of 20 credits under a budget of exactly 20: the first take got no answer, and a look-up found nothing.
    useClient(ScriptedProvider.takingClientReferences(),
        builder -> builder.budget(Budget.ofCredits(BigDecimal.valueOf(20))));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(submit).isCompletedExceptionally();
    Throwable failure = submit.handle((handle, thrown) -> thrown).join();
    assertThat(failure instanceof CompletionException ? failure.getCause() : failure)
        .isInstanceOfSatisfying(AmbiguousSubmitException.class, e -> {
      assertThat(e.clientReference()).as("what to look it up by").isPresent();
      assertThat(e.getMessage()).contains("was not sent again", "may still arrive late as a paid task (20 credits)",
          "another take costs 20 credits", "raise the budget", "look it up by client reference");
    });
    assertThat(fixture.provider.count("create")).as("the take looked up may be a paid task: the budget holds one only")
        .isEqualTo(1);
    assertThat(fixture.client.remainingBudget().remaining()).as("the unanswered take stays counted")
        .hasValueSatisfying(left -> assertThat(left).isZero());
  }

  @Test
  void anUnansweredCreateNotFoundAndSentAgainKeepsBothTakesCounted() {
    useClient(ScriptedProvider.takingClientReferences(),
        builder -> builder.budget(Budget.ofCredits(BigDecimal.valueOf(50))));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(submit.join().possibleExtraTasks()).isOne();
    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(fixture.client.remainingBudget().remaining()).as("20 for the task, 20 for the take that may arrive late")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("10"));
  }

  @Test
  void aTaskListedLateIsAdoptedNotCreatedAgain() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot found = TaskSnapshot.queued(TaskId.of("late-3"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.of(found));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(10));

    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("late-3"));
    assertThat(fixture.provider.count("create")).isEqualTo(1);
    assertThat(fixture.provider.count("find")).isEqualTo(3);
  }

  @Test
  void aCreateThatNeverGetsAnAnswerEndsAmbiguousNamingItsReference() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    for (int minute = 0; minute < 5 && !submit.isDone(); minute++) {
      fixture.advance(Duration.ofMinutes(1));
    }

    Throwable failure = failureOf(submit);
    String sent = fixture.provider.creates().get(0).clientReference();
    assertThat(failure).isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining(sent);
    assertThat(((AmbiguousSubmitException) failure).clientReference()).contains(sent);
    assertThat(fixture.provider.count("create")).isEqualTo(1 + SubmitPipeline.MAX_AMBIGUOUS_RESENDS);
  }

  @Test
  void aCreateAnsweredWithAServerErrorIsLookedUpByItsReferenceAfterTheBackoffAndATaskFoundIsAdopted() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot made = TaskSnapshot.queued(TaskId.of("made-1"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR)).findAnswers(Optional.of(made));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMillis(400));
    assertThat(fixture.provider.count("find")).as("the backoff first gives a fresh task time to be listed").isZero();
    fixture.advance(Duration.ofSeconds(1));

    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("made-1"));
    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void aTaskListedOnlyOnTheThirdLookAfterAServerErrorIsAdoptedAndNothingIsSentAgain() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot late = TaskSnapshot.queued(TaskId.of("listed-late"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of("paid-twice")))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.of(late));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(15));

    assertThat(submit.join().taskId()).as("the 500 had made it; the provider listed it late").isEqualTo(TaskId.of("listed-late"));
    assertThat(fixture.provider.count("create")).as("a first \"not found\" is not believed").isEqualTo(1);
    assertThat(fixture.provider.count("find")).isEqualTo(3);
  }

  @Test
  void aTaskNeverListedAfterAServerErrorIsSentAgainOnlyAfterTheNotFoundGrace() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    // The backoff (0.5 s + 20 %), then "not found" asked again 5 times, 2, 4, 8, 16 and 30 s (+20 %) apart.
    fixture.advance(Duration.ofSeconds(40));
    assertThat(fixture.provider.count("create")).as("a fresh task may not be listed yet").isEqualTo(1);
    assertThat(submit).isNotDone();
    fixture.advance(Duration.ofSeconds(60));

    JobHandle handle = submit.join();
    assertThat(handle.taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(fixture.provider.creates()).extracting(request -> request.clientReference())
        .hasSize(2).containsOnly(handle.clientReference());
    assertThat(fixture.provider.count("find")).as("one look and five more").isEqualTo(6);
    assertThat(fixture.listener.warnings()).as("the look-up and the resend are said, not left as silence")
        .anySatisfy(warning -> assertThat(warning).startsWith("create.lookup")
            .contains("was answered with a server error", "looked up by client reference " + handle.clientReference()))
        .anySatisfy(warning -> assertThat(warning).startsWith("create.resent")
            .contains("is sent again with the same reference", "it is a second task"));
    assertThat(handle.possibleExtraTasks()).isOne();
  }

  @Test
  void aCreateFailingWithServerErrorsToTheEndIsLookedUpWithTheGraceBeforeItFails() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot made = TaskSnapshot.queued(TaskId.of("made-by-the-last"));
    Object[] notListed = new Object[3 * 6 + 5];
    java.util.Arrays.fill(notListed, Optional.empty());
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR))
        .findAnswers(notListed).findAnswers(Optional.of(made));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(submit.join().taskId()).as("the last create made its task").isEqualTo(TaskId.of("made-by-the-last"));
    assertThat(fixture.provider.count("create")).as("one try and three resends").isEqualTo(4);
    assertThat(fixture.provider.count("find")).as("a look and its five re-asks before each resend and after the last")
        .isEqualTo(4 * 6);
  }

  @Test
  void aCreateFailingWithServerErrorsToTheEndAndFoundNowhereFailsAsAServerError() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(failureOf(submit)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class)
        .hasMessageContaining("; after each try the task was looked up by client reference vg-")
        .as("four look-ups, each with a grace of about a minute: the minutes they took in all")
        .hasMessageMatching("(?s).*, for [3-5] min( \\d+ s)? in all, and none was listed, so no task is known to have"
            + " been made; still failing after 4 tries.*");
    assertThat(fixture.provider.count("create")).isEqualTo(4);
    assertThat(fixture.provider.count("find")).as("a look and its five re-asks before each resend and after the last")
        .isEqualTo(4 * 6);
  }

  @Test
  void aCreateLookedUpWithShortWaitsSaysTheTimeItsLookUpsTookNotAMinute() {
    // As --retry-delay 1ms sets it: every wait, the not-found grace's included, 1 ms.
    Duration delay = Duration.ofMillis(1);
    useClient(ScriptedProvider.takingClientReferences(), builder -> builder.retryPolicy(RetryPolicy.builder()
        .transientBackoff(delay, delay).notFoundBackoff(delay, delay).retryAfterJitter(Duration.ZERO).build()));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(submit)).as("ended within the second, so its message says milliseconds, not a minute")
        .isInstanceOf(ServerErrorException.class)
        .hasMessageMatching("(?s).*; after each try the task was looked up by client reference vg-[^,]+, for \\d+ ms"
            + " in all, and none was listed, so no task is known to have been made; still failing after 4 tries.*")
        .hasMessageNotContaining("about a minute");
    assertThat(fixture.listener.warnings()).as("each look-up's bound names this run's grace, milliseconds")
        .filteredOn(warning -> warning.startsWith("create.lookup")).hasSize(3)
        .allSatisfy(warning -> assertThat(warning).containsPattern("\\(for at most about 30 s: up to \\d+ ms of waits"
            + " for a fresh task to be listed, and 30 s for the look-up's own reads\\)"));
    assertThat(fixture.listener.warnings()).as("each resend names the grace its look-up had, milliseconds")
        .filteredOn(warning -> warning.startsWith("create.resent")).isNotEmpty()
        .allSatisfy(warning -> assertThat(warning).contains("was listed within the look-up's grace of up to 5 ms, so"
            + " the create of")
            .doesNotContain("about a minute"));
    assertThat(fixture.provider.count("create")).as("behaviour unchanged: one try and three resends").isEqualTo(4);
    assertThat(fixture.provider.count("find")).as("a look and its five re-asks before each resend and after the last")
        .isEqualTo(4 * 6);
  }

  @Test
  void aCreateWithoutAReferenceFailingWithServerErrorsToTheEndIsAmbiguousNotAFailureToTryAgain() {
    useBudget(100);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMinutes(3));

    assertThat(failureOf(submit)).as("each 500 may have made a task that cannot be looked up")
        .isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("dashboard")
        .hasMessageContaining("answered with a server error twice").hasMessageContaining("(40 credits in all)");
    assertThat(((AmbiguousSubmitException) failureOf(submit)).possibleTasks())
        .as("both takes may have made a task: what the history keeps").isEqualTo(2);
    assertThat(fixture.provider.count("create")).as("sent again once only: each take may be paid").isEqualTo(2);
    assertThat(fixture.listener.events()).as("one backoff, before the one resend; none after the second 500")
        .filteredOn(event -> event.startsWith("retry")).hasSize(1);
    assertThat(fixture.client.remainingBudget().remaining()).as("each take may have been paid: both stay counted")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("60"));
  }

  @Test
  void aPolicyOfNoBlindResendsEndsACreateWithoutAReferenceAmbiguousAtItsFirstServerError() {
    useClient(new ScriptedProvider(), builder -> builder.retryPolicy(
        dev.vidgen.core.policy.RetryPolicy.builder().blindCreateResends(0).build()));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(submit).as("ended at once, not after a backoff that leads nowhere").isDone();
    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("dashboard");
    assertThat(fixture.provider.count("create")).as("never sent again").isEqualTo(1);
    assertThat(fixture.listener.events()).as("no retry is announced").noneMatch(event -> event.startsWith("retry"));
  }

  @Test
  void aResendAfterAServerErrorWithoutAReferenceCountsAgainstTheBudgetAndStopsAtIt() {
    useBudget(30); // the job costs 20: the first create fits, its resend would not
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMinutes(3));

    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("another take costs 20 credits and 10 credits of the budget are left")
        .as("a create went out").hasMessageNotContaining("nothing was sent");
    assertThat(fixture.provider.count("create")).as("the first may have made a paid task").isEqualTo(1);
    assertThat(fixture.client.remainingBudget().remaining())
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("10"));
    assertThat(failureOf(submit)).as("told at once, not after a backoff that leads nowhere").isNotNull();
    assertThat(fixture.listener.events()).as("no retry announced that the budget then holds back (a metrics listener"
        + " would count it)").noneMatch(event -> event.startsWith("retry"));
  }

  @Test
  void aResendOverTheBudgetEndsAtOnceWithoutABackoff() {
    useBudget(30);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);

    assertThat(submit).as("ended at once: the budget allows no resend").isDone();
    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("another take costs 20 credits and 10 credits of the budget are left");
  }

  @Test
  void aResendRefusedForSureGivesItsReservationBackAndKeepsTheTakeAnswered500() {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        ScriptedProvider.failure(FailureKind.INSUFFICIENT_QUOTA));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMinutes(1));

    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class);
    assertThat(fixture.client.remainingBudget().remaining()).as("the 402 made nothing; the 500 may have: one take")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("30"));
  }

  @Test
  void aResendThatSucceedsKeepsBothTakesCountedSinceTheFirstMayHaveBeenPaid() {
    CompletableFuture<JobHandle> submit = submitWithinFiftyAfterAServerError("t-2");
    fixture.advance(Duration.ofSeconds(10));

    assertThat(submit).isCompleted();
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(fixture.client.remainingBudget().remaining())
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("10"));
  }

  @Test
  void aLookUpThatFailsBeforeAResendEndsTheSubmitAsAmbiguousWithoutPayingAgain() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of("t-2")))
        .findAnswers(ScriptedProvider.failure(FailureKind.UNAVAILABLE));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(5));

    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("looking it up by client reference").hasMessageContaining("failed");
    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void aSubmitCancelledWhileItsCreateWaitsToBeSentAgainSendsNoMore() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(3)),
        TaskSnapshot.queued(TaskId.of("t-1")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(1));
    submit.cancel(false);
    fixture.advance(Duration.ofSeconds(10));

    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void aSubmitCancelledAfterAServerErrorKeepsItsPriceSpentSinceItsTaskMayExist() {
    CompletableFuture<JobHandle> submit = submitWithinFiftyAfterAServerError("t-1");
    fixture.advance(Duration.ofMillis(100));
    submit.cancel(false);
    fixture.advance(Duration.ofSeconds(5));

    assertThat(fixture.provider.count("create")).as("not sent again").isEqualTo(1);
    assertThat(fixture.client.remainingBudget().remaining()).as("the 500 may have made the task: still counted")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("30"));
  }

  @Test
  void aGenerateCancelledWhileItsImageUploadsSaysTheFileLeftButNoCreateWasSent() throws IOException {
    fixture.provider.uploadAnswers(new CompletableFuture<URI>()); // the upload is on its way and stays so
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("kite.png")))).build();
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(job, folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    assertThat(fixture.provider.count("upload")).isOne();

    generated.cancel(false);

    CompletableFuture<JobHandle> pending = ((SubmitStoppedException) failureOf(generated)).pendingHandle();
    assertThat(failureOf(pending)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("its local files were uploaded (or were on their way), but no create was sent (nothing"
            + " was billed)")
        .hasMessageNotContaining("nothing was sent");
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aSubmitStoppedBeforeItsImageUploadsSendsNothingAndSaysSoEvenWhenItsFundsAnswerLater() throws IOException {
    CompletableFuture<dev.vidgen.core.port.Balance> funds = new CompletableFuture<>();
    fixture.provider.balanceAnswers(funds);
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("kite.png")))).build();
    CompletableFuture<Void> stop = new CompletableFuture<>();
    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(job, null, stop);
    fixture.advance(Duration.ofSeconds(1));

    stop.complete(null);
    funds.complete(new dev.vidgen.core.port.Balance(BigDecimal.valueOf(10_000), BigDecimal.ONE, false));
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class).hasMessageEndingWith("nothing was sent");
    assertThat(fixture.provider.count("upload")).as("no file leaves once told to stop").isZero();
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aSubmitToldToStopSendingWhileItsCreateWaitsOutA429EndsAtOnceAsNotSentAndFreesItsPrice() {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)),
        TaskSnapshot.queued(TaskId.of("t-1")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofSeconds(1));
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(submit).as("ended at the stop, not 29 s later when the backoff is served").isDone();
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("its one take was refused without making a task")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isEqualTo(1));
    fixture.advance(Duration.ofMinutes(1));
    assertThat(fixture.provider.count("create")).as("not sent again").isEqualTo(1);
    assertThat(fixture.client.remainingBudget().remaining()).as("a 429 made nothing: the price is free again")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("50"));
  }

  @Test
  void aSubmitToldToStopAfterTakesThatNeverConnectedSaysSoAndNamesNo429Or503() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.CONNECT_FAILED),
        TaskSnapshot.queued(TaskId.of("t-1")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(10));
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("its one take was stopped before it reached the provider (no connection could be made)")
        .message().doesNotContain("429").doesNotContain("503");
    assertThat(((SubmitNotSentException) failureOf(submit)).neverConnected()).isTrue();
  }

  @Test
  void takesThatOverrideOnlyWhatTheyNeedLetEachTakeLeaveAtOnce() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)),
        TaskSnapshot.queued(TaskId.of("t-1")));
    java.util.List<String> carried = new java.util.concurrent.CopyOnWriteArrayList<>();
    CreateTakes onlyCarrying = new CreateTakes() {
      @Override
      public void carrying(String clientReference) {
        carried.add(clientReference); // the one method this caller needs; waiting and sendingAgain are defaults
      }
    };

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        onlyCarrying);
    fixture.advance(Duration.ofMinutes(1));

    assertThat(submit).as("the default sendingAgain() holds no take back").isCompleted();
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(carried).as("told at most once, before the first take").hasSizeLessThanOrEqualTo(1);
    assertThat(CreateTakes.NONE.sendingAgain().toCompletableFuture()).isCompletedWithValue(null);
  }

  /** Records what a create's takes told, and holds each next take back until {@link #heard} is completed. */
  private static final class RecordedTakes implements CreateTakes {
    final java.util.List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile CompletableFuture<Void> heard = new CompletableFuture<>();

    @Override
    public void waiting(Duration delay) {
      told.add("waiting " + delay.toSeconds() + " s");
    }

    @Override
    public void waitingTurn(Duration delay) {
      told.add("waiting its turn " + delay.toSeconds() + " s");
    }

    @Override
    public void waitingForConnection() {
      told.add("waiting for a connection");
    }

    @Override
    public CompletableFuture<Void> sendingAgain() {
      told.add("sending again");
      return heard;
    }
  }

  @Test
  void aCreateAnsweredLateKeepsTheTimeTheProviderMadeTheTaskWhenTheClocksAgree() {
    java.time.Instant sent = fixture.time.now();
    CompletableFuture<TaskSnapshot> late = new CompletableFuture<>();
    CompletableFuture<TaskSnapshot> skewed = new CompletableFuture<>();
    fixture.provider.createAnswers(late, skewed);

    CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(40)); // the answer comes 40 s after the task was made
    late.complete(TaskSnapshot.queued(TaskId.of("t-late")).withOrigin(null, sent.plusSeconds(1)));
    fixture.advance(Duration.ZERO);

    assertThat(first.join().submittedAt()).as("its clock runs from its making, not from the answer")
        .isEqualTo(sent.plusSeconds(1));

    java.time.Instant second = fixture.time.now();
    CompletableFuture<JobHandle> other = fixture.client.submitAsync(Jobs.valid().toBuilder().prompt("other").build());
    fixture.advance(Duration.ofSeconds(2));
    // A provider whose clock is ten minutes behind this machine's: its time cannot be read against it.
    skewed.complete(TaskSnapshot.queued(TaskId.of("t-skewed")).withOrigin(null, second.minusSeconds(600)));
    fixture.advance(Duration.ZERO);

    assertThat(other.join().submittedAt()).as("the answer's time").isEqualTo(second.plusSeconds(2));
  }

  @Test
  void aCreateWaitingItsTurnUnderTheRateLimitTellsItsTakesNoneIsOnItsWayAndLeavesOnlyOnceTheyHeardIt() {
    CompletableFuture<Void> turn = new CompletableFuture<>();
    fixture.provider.nextCreateWaitsFor(turn);
    RecordedTakes takes = new RecordedTakes();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    assertThat(takes.told).containsExactly("waiting its turn 3 s");
    turn.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(takes.told).containsExactly("waiting its turn 3 s", "sending again");
    assertThat(fixture.provider.count("create")).as("held back until the takes heard it leaves").isZero();
    takes.heard.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).isEqualTo(1);
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("task-1"));
  }

  @Test
  void aCreateRefusedWith429WhoseNextTakeWaitsItsTurnTooIsMarkedAndUnmarkedForEachWait() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)),
        TaskSnapshot.queued(TaskId.of("t-1")));
    RecordedTakes takes = new RecordedTakes();
    takes.heard.complete(null);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    CompletableFuture<Void> turn = new CompletableFuture<>();
    fixture.provider.nextCreateWaitsFor(turn);
    fixture.advance(Duration.ofSeconds(40));
    assertThat(takes.told).containsExactly("waiting 30 s", "sending again", "waiting its turn 3 s");
    assertThat(fixture.provider.count("create")).isEqualTo(1);
    turn.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(takes.told).containsExactly("waiting 30 s", "sending again", "waiting its turn 3 s", "sending again");
    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
  }

  @Test
  void aCreateWaitingItsTurnThatTheCallerCouldNotRecordAsLeavingIsNeverSentAndCountsAsNotTried() {
    useBudget(50);
    CompletableFuture<Void> turn = new CompletableFuture<>();
    fixture.provider.nextCreateWaitsFor(turn);
    RecordedTakes takes = new RecordedTakes();
    takes.heard.completeExceptionally(new java.io.UncheckedIOException(new java.io.IOException("journal is down")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    turn.complete(null);
    fixture.advance(Duration.ofSeconds(10));

    assertThat(fixture.provider.count("create")).isZero();
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("waited its turn under the rate limit").hasMessageContaining("journal is down")
        .hasMessageContaining("nothing was sent")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isZero());
    assertThat(fixture.client.remainingBudget().remaining()).as("nothing was made: the price is free again")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("50"));
  }

  @Test
  void aCreateStoppedWhileItWaitsItsTurnEndsAsNotSent() {
    fixture.provider.nextCreateWaitsFor(new CompletableFuture<>());
    RecordedTakes takes = new RecordedTakes();
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop, takes);
    fixture.advance(Duration.ofSeconds(1));
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).isZero();
    assertThat(takes.told).as("it never left, so no leaving to record").containsExactly("waiting its turn 3 s");
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isZero());
  }

  @Test
  void aTakeAfterAServerErrorThatWaitsItsTurnIsNeverToldAsHavingNoneOnItsWay() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of("t-1")))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.empty());
    RecordedTakes takes = new RecordedTakes();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "ref-1", new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    CompletableFuture<Void> turn = new CompletableFuture<>();
    fixture.provider.nextCreateWaitsFor(turn);
    fixture.advance(Duration.ofMinutes(2));
    assertThat(fixture.provider.count("create")).as("the resend waits its turn").isEqualTo(1);
    turn.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(takes.told).as("the 500's take may have made a task").isEmpty();
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
  }

  @Test
  void aCreateWaitingOutA429TellsItsTakesThatNoneIsOnItsWayAndSendsAgainOnlyOnceTheyHeardItLeaves() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)),
        TaskSnapshot.queued(TaskId.of("t-1")));
    RecordedTakes takes = new RecordedTakes();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    assertThat(takes.told).containsExactly("waiting 30 s");
    fixture.advance(Duration.ofSeconds(40));

    assertThat(takes.told).containsExactly("waiting 30 s", "sending again");
    assertThat(fixture.provider.count("create")).as("held back until the takes heard it leaves").isEqualTo(1);
    takes.heard.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
  }

  @Test
  void aTakeTheCallerCouldNotRecordAsLeavingIsNeverSentAndTheSubmitEndsAsNotSent() {
    useBudget(50);
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(5)),
        TaskSnapshot.queued(TaskId.of("t-1")));
    RecordedTakes takes = new RecordedTakes();
    takes.heard.completeExceptionally(new java.io.UncheckedIOException(new java.io.IOException("journal is down")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(10));

    assertThat(fixture.provider.count("create")).isEqualTo(1);
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("could not record that the next was leaving").hasMessageContaining("journal is down")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isEqualTo(1));
    assertThat(fixture.client.remainingBudget().remaining()).as("a 429 made nothing: the price is free again")
        .hasValueSatisfying(left -> assertThat(left).isEqualByComparingTo("50"));
  }

  @Test
  void aCreateWaitingForAConnectionTellsItsTakesSoAndIsNeverSentWhenTheyCouldNotRecordItLeaving() {
    CompletableFuture<Void> connection = new CompletableFuture<>();
    fixture.provider.nextCreateWaitsForConnection(connection);
    RecordedTakes takes = new RecordedTakes();
    takes.heard.completeExceptionally(new java.io.UncheckedIOException(new java.io.IOException("journal is down")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofSeconds(1));
    assertThat(takes.told).containsExactly("waiting for a connection");
    connection.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(takes.told).containsExactly("waiting for a connection", "sending again");
    assertThat(fixture.provider.count("create")).as("never sent").isZero();
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("it waited for one of the provider's connections, and the caller could not record")
        .hasMessageContaining("journal is down")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isZero());
  }

  @Test
  void aCreateThatMetAServerErrorIsNeverToldAsHavingNoneOnItsWay() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(5)), TaskSnapshot.queued(TaskId.of("t-1")))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.empty());
    RecordedTakes takes = new RecordedTakes();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "ref-1", new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofMinutes(2));

    assertThat(takes.told).as("the 500's take may have made a task").isEmpty();
    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
  }

  @Test
  void aGenerateStoppedWhileItsCreateIsOnItsWayNamesTheClientReferenceItsTaskCanBeLookedUpBy() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(new CompletableFuture<TaskSnapshot>());
    List<String> references = new java.util.concurrent.CopyOnWriteArrayList<>();
    fixture.client.addListener(new dev.vidgen.core.client.VidgenListener() {
      @Override
      public void onCreating(String model, String clientReference) {
        references.add(clientReference);
      }
    });

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    generated.cancel(false);

    SubmitStoppedException stopped = (SubmitStoppedException) failureOf(generated);
    assertThat(references).hasSize(1);
    assertThat(stopped.clientReference()).as("what another process can look the task up by").contains(references.get(0));
    assertThat(stopped).hasMessageContaining("client reference " + references.get(0));
  }

  @Test
  void aSubmitToldToStopWhileItsFundsAreStillReadEndsAtOnceAsNotSentAndNeverSendsItsCreate() {
    CompletableFuture<dev.vidgen.core.port.Balance> slowRead = new CompletableFuture<>();
    fixture.provider.balanceAnswers(slowRead);
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(100));
    assertThat(submit).as("waits for the balance").isNotDone();
    stop.complete(null);

    assertThat(submit).as("ended at the stop, not when the balance read answers").isDone();
    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("before its create went out; nothing was sent")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).isZero());
    slowRead.complete(new dev.vidgen.core.port.Balance(java.math.BigDecimal.valueOf(10_000), java.math.BigDecimal.ONE,
        false));
    fixture.advance(Duration.ofMinutes(1));
    assertThat(fixture.provider.count("create")).as("nothing sent once the read answered").isZero();
  }

  @Test
  void aSubmitToldToStopSendingAfterAServerErrorEndsAtOnceAsAmbiguous() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.queued(TaskId.of("t-1")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(100));
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).as("the 500 may have made the task").isInstanceOf(AmbiguousSubmitException.class);
    fixture.advance(Duration.ofMinutes(1));
    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void aCreateOnItsWayWhenSendingStopsStillBringsItsTask() {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    fixture.provider.createAnswers(answer);
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(100));
    stop.complete(null);
    assertThat(submit).as("its answer is awaited").isNotDone();
    answer.complete(TaskSnapshot.queued(TaskId.of("t-1")));

    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
  }

  @Test
  void aCreateTheProviderHeldBackOnTheStopEndsAsNotSentAndFreesItsPrice() {
    useBudget(50);
    CompletableFuture<TaskSnapshot> heldBack = new CompletableFuture<>();
    fixture.provider.createAnswers(heldBack);
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(100));
    stop.complete(null);
    heldBack.completeExceptionally(new java.util.concurrent.CancellationException("not sent: held back"));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class)
        .hasMessageContaining("held back before it went out").hasMessageContaining("nothing was sent")
        .satisfies(failure -> assertThat(((SubmitNotSentException) failure).refusedTakes()).as("no take went out")
            .isZero());
    assertThat(fixture.client.remainingBudget().remaining()).hasValueSatisfying(left ->
        assertThat(left).isEqualByComparingTo("50"));
  }

  @Test
  void aResendTheProviderHeldBackOnTheStopAfterAServerErrorEndsAmbiguous() {
    CompletableFuture<TaskSnapshot> heldBack = new CompletableFuture<>();
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), heldBack);
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    for (int tick = 0; tick < 100 && fixture.provider.count("create") < 2; tick++) {
      fixture.advance(Duration.ofMillis(100));
    }
    assertThat(fixture.provider.count("create")).as("the resend reached the provider").isEqualTo(2);
    stop.complete(null);
    heldBack.completeExceptionally(new java.util.concurrent.CancellationException("not sent: held back"));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).as("the 500 before it may have made the task")
        .isInstanceOf(AmbiguousSubmitException.class);
  }

  @Test
  void aCreateAnswered429AfterSendingStoppedIsNotSentAgain() {
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    fixture.provider.createAnswers(answer, TaskSnapshot.queued(TaskId.of("t-2")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofMillis(100));
    stop.complete(null);
    answer.completeExceptionally(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class);
    fixture.advance(Duration.ofMinutes(1));
    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  @Test
  void aStopAfterACreateThatGotNoAnswerEndsAmbiguousEvenWhenALaterTryWasA429() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE),
        ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(30)), TaskSnapshot.queued(TaskId.of("t-1")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    // The look-up, with its grace, finds nothing; the resend meets the 429 and waits 30 s.
    for (int second = 0; second < 300 && fixture.provider.count("create") < 2; second++) {
      fixture.advance(Duration.ofSeconds(1));
    }
    assertThat(fixture.provider.count("create")).isEqualTo(2);
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(submit)).as("the unanswered create may have made the task, listed late")
        .isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("got no usable answer");
    assertThat(fixture.provider.count("create")).isEqualTo(2);
  }

  @Test
  void aStopDuringTheLookUpOfAnUnansweredCreateEndsItAtOnceWhenTheCallerKeepsTheReference() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TaskId.of("t-2")));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "vgb-kept", stop);
    fixture.advance(Duration.ofSeconds(5)); // the look-up is in its grace
    assertThat(submit).isNotDone();
    stop.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(submit).as("ended at the stop, not when the grace is out").isDone();
    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("look-up by client reference vgb-kept was stopped")
        .satisfies(failure -> assertThat(((AmbiguousSubmitException) failure).clientReference()).contains("vgb-kept"));
    long finds = fixture.provider.count("find");
    fixture.advance(Duration.ofMinutes(5));
    assertThat(fixture.provider.count("create")).as("never sent again").isEqualTo(1);
    assertThat(fixture.provider.count("find")).as("the look-up ended").isEqualTo(finds);
  }

  @Test
  void aStopWhileTheCreateHangsEndsItsLookUpAtOnceWhenTheCallerKeepsTheReference() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    CompletableFuture<TaskSnapshot> hanging = new CompletableFuture<>();
    fixture.provider.createAnswers(hanging);
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "vgb-kept", stop);
    fixture.advance(Duration.ofSeconds(1));
    stop.complete(null); // before the create's (missing) answer
    fixture.advance(Duration.ofSeconds(20));
    assertThat(submit).as("the create on its way is still heard").isNotDone();
    hanging.completeExceptionally(ScriptedProvider.failure(FailureKind.NO_RESPONSE));
    fixture.advance(Duration.ZERO);

    assertThat(submit).as("ended at its no-answer, not after the look-up's grace").isDone();
    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("look-up by client reference vgb-kept was stopped")
        .satisfies(failure -> assertThat(((AmbiguousSubmitException) failure).clientReference()).contains("vgb-kept"));
    fixture.advance(Duration.ofMinutes(5));
    assertThat(fixture.provider.count("create")).as("never sent again").isEqualTo(1);
    assertThat(fixture.provider.count("find")).as("no look-up runs its grace").isLessThanOrEqualTo(1);
  }

  @Test
  void aGenerateStoppedWhileItsCreateHangsEndsThePendingHandleAtTheNoAnswerNamingItsReference() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    CompletableFuture<TaskSnapshot> hanging = new CompletableFuture<>();
    fixture.provider.createAnswers(hanging);
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    generated.completeExceptionally(new java.util.concurrent.TimeoutException()); // as orTimeout does
    SubmitStoppedException stopped = (SubmitStoppedException) failureOf(generated);
    String reference = stopped.clientReference().orElseThrow();
    fixture.advance(Duration.ofSeconds(20));
    assertThat(stopped.pendingHandle()).as("the create on its way is still heard").isNotDone();
    hanging.completeExceptionally(ScriptedProvider.failure(FailureKind.NO_RESPONSE));
    fixture.advance(Duration.ZERO);

    assertThat(stopped.pendingHandle()).as("ended at its no-answer, not after the look-up's grace").isDone();
    assertThat(failureOf(stopped.pendingHandle())).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("look-up by client reference " + reference + " was stopped")
        .satisfies(failure -> assertThat(((AmbiguousSubmitException) failure).clientReference()).contains(reference));
    fixture.advance(Duration.ofMinutes(5));
    assertThat(fixture.provider.count("create")).as("never sent again").isEqualTo(1);
    assertThat(fixture.provider.count("find")).as("no look-up runs its grace").isLessThanOrEqualTo(1);
  }

  @Test
  void aGenerateStoppedDuringTheLookUpOfItsUnansweredCreateEndsThePendingHandleAtOnce() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE)).findAnswers(Optional.empty());
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(5)); // the look-up is in its grace
    long finds = fixture.provider.count("find");
    assertThat(finds).isPositive();

    generated.cancel(false);
    fixture.advance(Duration.ZERO);

    CompletableFuture<JobHandle> pending = ((SubmitStoppedException) failureOf(generated)).pendingHandle();
    assertThat(pending).as("ended at the stop, not when the grace is out").isDone();
    assertThat(failureOf(pending)).isInstanceOf(AmbiguousSubmitException.class).hasMessageContaining("was stopped");
    fixture.advance(Duration.ofMinutes(5));
    assertThat(fixture.provider.count("create")).as("never sent again").isEqualTo(1);
    assertThat(fixture.provider.count("find")).as("the look-up ended").isEqualTo(finds);
  }

  @Test
  void aStopDuringTheLookUpOfAnUnansweredCreateLetsItEndWhenTheReferenceIsTheClients() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot found = TaskSnapshot.queued(TaskId.of("late-3"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.of(found));
    CompletableFuture<Void> stop = new CompletableFuture<>();

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofSeconds(1));
    stop.complete(null);
    fixture.advance(Duration.ofSeconds(10));

    assertThat(submit.join().taskId()).as("no one else knows its reference: still looked up").isEqualTo(TaskId.of("late-3"));
  }

  @Test
  void anUnansweredCreateWhoseResendIsRefusedIsLookedUpOnceMoreBeforeTheSubmitFails() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE),
        ScriptedProvider.failure(FailureKind.REJECTED)).findAnswers(Optional.empty());

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMinutes(5));

    assertThat(failureOf(submit)).isInstanceOf(dev.vidgen.core.error.RequestRejectedException.class);
    assertThat(fixture.listener.warnings()).as("the look-up is said, not left as a silent wait")
        .filteredOn(warning -> warning.startsWith("create.lookup")).singleElement().asString()
        .contains("looked up by client reference");
    assertThat(fixture.provider.count("find")).as("a look with its grace after the unanswered create, and one more"
        + " at the end, since the first may have made a task listed late").isEqualTo(6 + 6);
  }

  @Test
  void aLookUpTheServerTakesAndNeverAnswersEndsTheSubmitAsAmbiguousWithinItsAnnouncedMinuteWithoutASecondCreate() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE))
        .findAnswers(new CompletableFuture<Optional<TaskSnapshot>>());

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(29));
    assertThat(submit).as("its reads get 30 s in all").isNotDone();
    fixture.advance(Duration.ofSeconds(2));

    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("create.lookup")).singleElement()
        .asString().contains("(for at most about 102 s: up to 72 s of waits for a fresh task to be listed, and 30 s"
            + " for the look-up's own reads)");
    assertThat(failureOf(submit)).as("ended within the minute announced, not after the calls' own timeouts")
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("looking it up by client reference vg-")
        .hasMessageContaining("did not send the create again");
    assertThat(fixture.provider.creates()).as("never sent again while whether it made a task is unknown").hasSize(1);
    assertThat(fixture.provider.count("find")).as("the one look, abandoned").isEqualTo(1);
  }

  @Test
  void aLookUpOfAnOldCreateBelievesItsFirstNotFoundAndOfAFreshOneGivesTheGrace() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.findAnswers(Optional.empty());

    CompletableFuture<Optional<TaskSnapshot>> old =
        fixture.client.findByClientReferenceAsync("vg-old", fixture.time.now().minus(Duration.ofMinutes(5)));
    fixture.advance(Duration.ZERO);
    assertThat(old).as("a create five minutes old is listed by now if it arrived").isCompletedWithValue(Optional.empty());
    assertThat(fixture.provider.count("find")).isEqualTo(1);

    CompletableFuture<Optional<TaskSnapshot>> fresh =
        fixture.client.findByClientReferenceAsync("vg-fresh", fixture.time.now().minus(Duration.ofSeconds(5)));
    fixture.advance(Duration.ZERO);
    assertThat(fresh).as("a task made seconds ago may not be listed yet").isNotDone();
    fixture.advance(Duration.ofMinutes(3));
    assertThat(fresh).isCompletedWithValue(Optional.empty());
    assertThat(fixture.provider.count("find")).isGreaterThan(2);
  }

  @Test
  void noCreateGoesOutWhenSendingStoppedBeforeIt() {
    CompletableFuture<Void> stop = CompletableFuture.completedFuture(null);

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, stop);
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(submit)).isInstanceOf(SubmitNotSentException.class);
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aServerErrorFollowedByAnotherFinalFailureIsLookedUpBeforeTheSubmitFails() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    TaskSnapshot made = TaskSnapshot.queued(TaskId.of("made-by-the-first"));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
            ScriptedProvider.failure(FailureKind.REJECTED))
        .findAnswers(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty()) // the grace before the resend
        .findAnswers(Optional.empty(), Optional.empty(), Optional.of(made));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(submit.join().taskId()).as("the 500 had made it; the 400 that followed says nothing of it")
        .isEqualTo(TaskId.of("made-by-the-first"));
    assertThat(fixture.provider.count("create")).isEqualTo(2);
  }

  @Test
  void aSubmitCancelledWhileAnUnansweredCreateIsLookedUpSendsNoMore() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(5));
    submit.cancel(false);
    fixture.advance(Duration.ofMinutes(2));

    assertThat(fixture.provider.count("create")).isEqualTo(1);
  }

  /** A submit without a reference whose first create is answered 500 and whose resend makes task t-2. */
  private JobHandle sentAgainBlindlyAfterAServerError() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")));
    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofSeconds(10));
    return submit.join();
  }

  @Test
  void aCreateWithoutAReferenceSentAgainAfterAServerErrorWarnsOnceWithWhatTheFirstMayCost() {
    JobHandle handle = sentAgainBlindlyAfterAServerError();

    assertThat(handle.taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("create.resent")).singleElement()
        .asString().contains("sent again once").contains("may have made (20 credits)");
  }

  @Test
  void aHandleWhoseCreateWasSentAgainBlindlySaysAnEarlierTakeMayHaveMadeATaskAndKeepsItWhenStored() {
    JobHandle handle = sentAgainBlindlyAfterAServerError();

    assertThat(handle.possibleExtraTasks()).as("the take answered 500 may be a paid task of its own").isEqualTo(1);
    assertThat(JobHandle.decode(handle.encode()).possibleExtraTasks()).isEqualTo(1);
    assertThat(fixture.listener.events()).contains("submitted t-2");

    CompletableFuture<JobHandle> plain = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ZERO);
    assertThat(plain.join().possibleExtraTasks()).as("a create answered at once").isZero();
  }

  @Test
  void aHandleWhoseCreateWasNotFoundByItsReferenceBeforeTheResendCountsTheFirstTakeAsAPossibleExtraTask() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    advanceUntilDone(submit);

    assertThat(fixture.provider.count("find")).as("looked up, not found through the grace, then sent again")
        .isEqualTo(6);
    // Listed later than the grace, the first take would be a second task under the reference: kept with the task.
    assertThat(submit.join().possibleExtraTasks()).isOne();
  }

  @Test
  void aListenersOwnErrorOnSubmittedCostsTheJobNeitherItsTaskNorTheListenersAfterIt() {
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle, TaskSnapshot answer) {
        throw new AssertionError("a test listener's failed assertion");
      }
    });
    List<String> toldAfter = new java.util.concurrent.CopyOnWriteArrayList<>();
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle, TaskSnapshot answer) {
        toldAfter.add(handle.taskId().value());
      }
    });
    fixture.provider.createAnswers(TaskSnapshot.queued(TaskId.of("t-paid")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "job-a", new CompletableFuture<>());
    fixture.advance(Duration.ofSeconds(1));

    assertThat(submit.join().taskId()).as("the paid task's handle, not the listener's Error")
        .isEqualTo(TaskId.of("t-paid"));
    assertThat(toldAfter).as("a listener after the faulty one is still told").containsExactly("t-paid");
  }

  @Test
  void aListenerAddedLaterIsToldOfABlindResendWithTheSubmitsOwnReferenceAndNothingOnceRemoved() {
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    Runnable remove = fixture.client.addListener(new VidgenListener() {
      @Override
      public void onResentBlind(String model, dev.vidgen.core.pricing.PriceQuote take, String submitReference) {
        told.add(model + " " + take.credits() + " " + submitReference);
      }
    });
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onResentBlind(String model, dev.vidgen.core.pricing.PriceQuote take) {
        throw new IllegalStateException("a listener's bug");
      }
    });
    fixture.client.addListener(fixture.listener).run(); // removes that registration only, not the builder's
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")), ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-4")));

    CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid(), "job-a", new CompletableFuture<>());
    fixture.advance(Duration.ofSeconds(10));
    remove.run();
    CompletableFuture<JobHandle> second = fixture.client.submitAsync(Jobs.valid(), "job-b", new CompletableFuture<>());
    fixture.advance(Duration.ofSeconds(10));

    assertThat(first.join().taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(second.join().taskId()).as("another listener's bug stops nothing").isEqualTo(TaskId.of("t-4"));
    assertThat(told).as("the reference it was given, though the route sends none").containsExactly(
        Jobs.MODEL + " 20 job-a");
    assertThat(fixture.listener.events()).as("the listener the client was built with is still told")
        .contains("submitted t-2", "submitted t-4");
  }

  @Test
  void eachCreatesRetryIsToldWithItsOwnSubmitsReferenceAndWhetherItIsLookedUpBeforeItIsSentAgain() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    fixture.client.addListener(retriesTo(told));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(3)));

    fixture.client.submitAsync(Jobs.valid(), "job-a", new CompletableFuture<>());
    fixture.client.submitAsync(Jobs.valid(), "job-b", new CompletableFuture<>());
    fixture.advance(Duration.ofMillis(10));

    assertThat(told).as("a 500 with a reference is looked up first; a 429 is sent again").containsExactlyInAnyOrder(
        "job-a SERVER_ERROR 1, looked up first", "job-b RATE_LIMITED 1, sent again");
  }

  @Test
  void aCreateWithoutAReferenceAnsweredWithA500IsToldAsSentAgainNotLookedUp() {
    List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    fixture.client.addListener(retriesTo(told));
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), "job-c", new CompletableFuture<>());
    fixture.advance(Duration.ofSeconds(10));

    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-2"));
    assertThat(told).containsExactly("job-c SERVER_ERROR 1, sent again");
  }

  /** A listener that adds each create retry it hears to {@code told}: "REFERENCE KIND ATTEMPT, what comes next". */
  private static VidgenListener retriesTo(List<String> told) {
    return new VidgenListener() {
      @Override
      public void onCreateRetry(String submitReference, ProviderException failure, int attempt, Duration delay,
          boolean lookUpFirst) {
        told.add(submitReference + " " + failure.kind() + " " + attempt + (lookUpFirst ? ", looked up first"
            : ", sent again"));
      }
    };
  }

  @Test
  void aClientReferenceOnItsWayIsRefusedToASecondSubmitWithNothingSentAndFreeOnceItEnds() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(3)),
        TaskSnapshot.queued(TaskId.of("t-1")), TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid(), "my-ref-1");
    CompletableFuture<JobHandle> twin = fixture.client.submitAsync(Jobs.valid(), "my-ref-1");
    fixture.advance(Duration.ofSeconds(10));

    assertThat(first.join().taskId()).isEqualTo(TaskId.of("t-1"));
    assertThatThrownBy(twin::join).cause().isInstanceOf(IllegalStateException.class)
        .hasMessage("the client reference my-ref-1 is already used by a submit on its way from this client; nothing"
            + " was sent: wait for that submit's handle, or give this job a reference of its own");
    assertThat(fixture.provider.count("create")).as("the 429 and the first's second take").isEqualTo(2);

    CompletableFuture<JobHandle> later = fixture.client.submitAsync(Jobs.valid(), "my-ref-1");
    fixture.advance(Duration.ofSeconds(10));
    assertThat(later.join().taskId()).as("a submit that ended leaves its reference free").isEqualTo(TaskId.of("t-2"));
  }

  @Test
  void aCallerCancellingItsSubmitDoesNotFreeItsReferenceWhileTheCreateIsOnItsWay() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});
    CompletableFuture<TaskSnapshot> answer = new CompletableFuture<>();
    fixture.provider.createAnswers(answer, TaskSnapshot.queued(TaskId.of("t-2")));

    CompletableFuture<JobHandle> first = fixture.client.submitAsync(Jobs.valid(), "my-ref-2");
    fixture.advance(Duration.ofSeconds(1));
    first.cancel(false);
    CompletableFuture<JobHandle> twin = fixture.client.submitAsync(Jobs.valid(), "my-ref-2");

    assertThat(twin).as("the first create is still on its way").isCompletedExceptionally();
    assertThat(fixture.provider.count("create")).isOne();
    answer.complete(TaskSnapshot.queued(TaskId.of("t-1")));
    CompletableFuture<JobHandle> later = fixture.client.submitAsync(Jobs.valid(), "my-ref-2");
    fixture.advance(Duration.ofSeconds(10));
    assertThat(later.join().taskId()).as("free once the create answered").isEqualTo(TaskId.of("t-2"));
  }

  @Test
  void aRateLimitedCreateIsSentAgainAfterRetryAfter() {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(3)),
        TaskSnapshot.queued(TaskId.of("t-1")));

    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid());
    fixture.advance(Duration.ofMillis(2999));
    assertThat(submit).isNotDone();
    fixture.advance(Duration.ofSeconds(2));

    assertThat(submit.join().taskId()).isEqualTo(TaskId.of("t-1"));
    assertThat(fixture.listener.events()).first().asString().startsWith("retry CREATE 1 PT3");
  }

  @Test
  void clientReferencesDifferPerSubmit() {
    useClient(ScriptedProvider.takingClientReferences(), builder -> {});

    JobHandle first = fixture.client.submit(Jobs.valid());
    JobHandle second = fixture.client.submit(Jobs.valid());

    assertThat(first.clientReference()).matches("vg-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    assertThat(second.clientReference()).isNotEqualTo(first.clientReference());
  }

  @Test
  void previewShowsLocalImagesAsUploadPlaceholdersAndSendsNothing() throws IOException {
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("my product.png")))).build();

    RequestPreview preview = fixture.client.preview(job);

    assertThat(preview.body()).contains("upload://my product.png").doesNotContain("%20");
    assertThat(fixture.provider.calls()).isEmpty();
  }

  @Test
  void previewTellsApartTwoFilesOfOneNameAndShowsOneFileGivenTwiceOnce() throws IOException {
    Path still = png("still.png");
    java.nio.file.Files.createDirectories(folder.resolve("sub"));
    Path other = png("sub/still.png");
    VideoJob job = VideoJob.builder("seedance-2").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("first, then last")
        .images(List.of(ImageInput.file(still), ImageInput.file(other), ImageInput.file(folder.resolve("sub/../still.png"))))
        .build();

    RequestPreview preview = fixture.client.preview(job);

    String here = folder.getFileName().toString();
    assertThat(preview.body())
        .startsWith("[upload://" + here + "/still.png, upload://sub/still.png, upload://" + here + "/still.png]");
  }

  @Test
  void previewShowsNamesWithAccentsAndQuotesAsTheyRead() throws IOException {
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(png("bouteille_été_日本.png")))).build();

    RequestPreview preview = fixture.client.preview(job);

    assertThat(preview.body()).contains("upload://bouteille_été_日本.png").doesNotContain("%C3");
  }

  @Test
  void aVideoChangedWhileItIsUploadedFailsTheSubmitBeforeItsCreateNamingTheFile() throws IOException {
    Path clip = mp4("edit.mp4");
    // The editor exports v2 over v1 while the upload reads it: the same size, other bytes.
    fixture.provider.onUpload(file -> overwriteLastByte(file));

    Throwable failure = failureOf(fixture.client.submitAsync(videoJob(clip)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e -> {
      assertThat(e.violations()).extracting(Violation::field, Violation::code)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("videos[0]", "video.changed"));
      assertThat(e.getMessage()).contains(clip.toString(), "changed after the job was validated",
          "no task was created");
    });
    assertThat(fixture.provider.count("upload-video")).isEqualTo(1);
    assertThat(fixture.provider.count("create")).as("nothing paid for bytes the file no longer holds").isZero();
  }

  @Test
  void anImageChangedWhileItIsUploadedFailsTheSubmitBeforeItsCreate() throws IOException {
    Path image = png("frame.png");
    fixture.provider.onUpload(file -> overwriteLastByte(file));
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOfSatisfying(InvalidJobException.class, e ->
        assertThat(e.violations()).extracting(Violation::field, Violation::code)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("images[0]", "image.changed")));
    assertThat(fixture.provider.calls()).containsExactly("upload frame.png");
  }

  @Test
  void anUploadOnlyCallFailsTooWhenItsImageChangesWhileItIsUploaded() throws IOException {
    Path image = png("frame.png");
    fixture.provider.onUpload(file -> overwriteLastByte(file));
    VideoJob job = Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();

    assertThat(failureOf(fixture.client.uploadAsync(job))).isInstanceOf(InvalidJobException.class);
  }

  /** The file with its last byte changed: the same size and type, other bytes (from a provider's hook). */
  private static void overwriteLastByte(Path file) {
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
        java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.READ)) {
      java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      channel.write(java.nio.ByteBuffer.wrap(new byte[] {(byte) (last.get(0) ^ 0x5A)}), channel.size() - 1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static VideoJob videoJob(Path clip) {
    return VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer, at night")
        .video(clip).build();
  }

  /** A whole MP4 by its boxes ({@code ftyp isom}, {@code moov}, {@code mdat}): {@link ScriptedProvider#MP4}. */
  private Path mp4(String name) throws IOException {
    return java.nio.file.Files.write(folder.resolve(name), ScriptedProvider.MP4);
  }

  private static void delete(Path file) {
    ScriptedProviderFiles.delete(file);
  }

  /** Deletes a file from a provider's hook. */
  private static final class ScriptedProviderFiles {
    static void delete(Path file) {
      try {
        java.nio.file.Files.delete(file);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private Path png(String name) throws IOException {
    Path file = folder.resolve(name);
    ImageIO.write(new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    return file;
  }
}
