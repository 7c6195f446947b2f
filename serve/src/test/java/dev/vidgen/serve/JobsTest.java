package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** How the playground follows its tasks through an outage longer than the client's retries. */
class JobsTest {
  @TempDir Path folder;

  private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  @Test
  void aVideoIsNeverSavedOverAFileThatStandsAtItsNameButBesideIt() throws Exception {
    MockVideoProvider mock = mockWithClient(1);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(200));
    mock.script().fail(Operation.READ, 5, FailureKind.UNAVAILABLE); // the follow takes a while: time to put the file

    HistoryEntry entry = jobs.submit(aJob()).get();
    Path taken = videosFolder().resolve(entry.taskId() + ".mp4");
    Files.writeString(taken, "another task's paid video, under a name this task's id also makes");

    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(entry.taskId())
        .filter(HistoryEntry::isFinished).isPresent());
    HistoryEntry done = on.history().find(entry.taskId()).orElseThrow();
    assertThat(done.status()).isEqualTo("completed");
    assertThat(done.file()).isEqualTo(videosFolder().resolve(entry.taskId() + "-2.mp4").toString());
    assertThat(Files.readString(taken)).startsWith("another task's paid video");
  }

  @Test
  void aPlaygroundStartedAgainFollowsItsOwnServersTaskNotAnotherServersOfTheSameId() throws Exception {
    mockWithClient(0);
    dev.vidgen.core.client.JobHandle made = on.client().submitAsync(aJob())
        .get(10, java.util.concurrent.TimeUnit.SECONDS);
    // This server's task, then a staging server's of the same id recorded later (the newest of its id).
    on.history().record(HistoryEntry.submitted(made, aJob(), "serve").withBaseUrl(THIS_SERVER));
    dev.vidgen.core.client.JobHandle staging = new dev.vidgen.core.client.JobHandle(made.providerId(), made.taskId(),
        made.model(), made.quote(), made.submittedAt().plusSeconds(5), null);
    on.history().record(HistoryEntry.submitted(staging, aJob(), "serve").withBaseUrl("https://staging.example.test"));
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));

    assertThat(jobs.pickUp()).as("one task followed: this server's").isEqualTo(1);

    String id = made.taskId().value();
    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find("mock", THIS_SERVER, id)
        .filter(HistoryEntry::isFinished).isPresent());
    assertThat(on.history().find("mock", THIS_SERVER, id).orElseThrow().status()).isEqualTo("completed");
    assertThat(on.history().find("mock", "https://staging.example.test", id).orElseThrow().status())
        .as("the staging server's task is not read here").isEqualTo("queued");
  }

  @Test
  void tasksWhoseIdsWouldMeetOnceMadeSafeGetFilesOfTheirOwn() {
    assertThat(dev.vidgen.core.text.SafeText.fileStem("dup/A")).isNotEqualTo(dev.vidgen.core.text.SafeText.fileStem("dup:A"))
        .isNotEqualTo("dup_A");
    assertThat(Jobs.freeName(videosFolder(), "a.mp4")).isEqualTo(videosFolder().resolve("a.mp4"));
  }

  @Test
  void aTaskIdThatStartsLikeAnOptionGoesLastInTheCommandsThePageShows() {
    assertThat(Jobs.taskCommand("wait", "-rf", " --out /v/")).isEqualTo("vidgen wait --out /v/ -- -rf");
    assertThat(Jobs.taskCommand("wait", "video_1", " --out /v/")).isEqualTo("vidgen wait video_1 --out /v/");
  }

  @Test
  void aTaskIdWithControlCharactersIsPrintedEscapedAsTheCommandLinePrintsIt() {
    // A server's id holding an escape sequence (a window title, a cursor move): never raw on the user's terminal.
    String id = "video_\u001b]0;pwned\u0007\r\n";

    String command = Jobs.taskCommand("download", id, " --out /v/");

    assertThat(command).isEqualTo("vidgen download $'video_\\x1B]0;pwned\\x07\\r\\n' --out /v/")
        .isEqualTo("vidgen download " + dev.vidgen.core.text.SafeText.command(id) + " --out /v/")
        .doesNotContain("\u001b", "\u0007", "\r", "\n");
  }

  @Test
  void anOutageLongerThanTheRetriesIsFollowedThroughAndTheVideoSaved() throws Exception {
    MockVideoProvider mock = mockWithClient(1);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(200));
    // The balance reads before the create take three failures (the playground's fresh read gives up after its two
    // attempts, the client's own first read takes one); each follow makes two attempts at a status read: the first
    // two follows give up, the third gets through.
    mock.script().fail(Operation.READ, 7, FailureKind.UNAVAILABLE);

    HistoryEntry entry = jobs.submit(aJob()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(entry.taskId())
        .filter(HistoryEntry::isFinished).isPresent());
    HistoryEntry done = on.history().find(entry.taskId()).orElseThrow();
    assertThat(done.status()).isEqualTo("completed");
    assertThat(Path.of(done.file())).exists();
    assertThat(done.took()).as("followed again after a pause, it may have ended during it: no run time is known")
        .isNull();
    assertThat(published).as("the page was told, at each stop, that it would be followed again")
        .filteredOn(task -> String.valueOf(task.get("next")).matches(".*following it again at \\d\\d:\\d\\d:\\d\\d UTC \\(in"
            + " about \\d+ s\\).*")).hasSize(2);
  }

  @Test
  void aTaskThePlaygroundFollowsAgainSaysSoAsItsProblemNotThatItsWaitStoppedForGood() throws Exception {
    MockVideoProvider mock = mockWithClient(1);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMinutes(1)); // a pause long enough to read the words in it
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE);

    HistoryEntry entry = jobs.submit(aJob()).get();

    awaitStopped(jobs, entry);
    Jobs.Live live = jobs.find(entry.taskId()).orElseThrow();
    assertThat(live.next()).contains("following it again");
    assertThat(live.problem()).as("trial GX, F2: the words agree with the follow that comes")
        .matches(".*the playground reads the task again at \\d\\d:\\d\\d:\\d\\d UTC \\(in about \\d+ s\\).*")
        .contains("nothing to do, the task is kept and not sent again")
        .doesNotContain("so it stopped", "resume it with its task id later");
    Object shown = jobs.view(live).get("problem"); // what the page's card and GET /api/history show
    assertThat(published.get(published.size() - 1)).as("the page is told the same").containsEntry("problem", shown);
    assertThat((String) shown).contains("the playground reads the task again").doesNotContain("so it stopped");
  }

  @Test
  void aTaskSeenCompletedIsShownInProgressUntilItsVideoIsSavedNeverQueuedAtAHundredPercent() throws Exception {
    // A task done before its first status read: seen queued (the create's answer), then completed.
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().duration(Duration.ofMillis(20)).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(300)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build());
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));

    HistoryEntry entry = jobs.submit(aJob()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(entry.taskId())
        .filter(HistoryEntry::isFinished).isPresent());
    assertThat(published).filteredOn(task -> Integer.valueOf(100).equals(task.get("progress")))
        .isNotEmpty().allSatisfy(task -> assertThat(task.get("status")).isIn("in_progress", "completed"));
    assertThat(published.get(published.size() - 1)).containsEntry("status", "completed");
  }

  @Test
  void aClosedPlaygroundFollowsNothingMore() throws Exception {
    MockVideoProvider mock = mockWithClient(0);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE);
    HistoryEntry entry = jobs.submit(aJob()).get();
    awaitStopped(jobs, entry);

    jobs.close();
    int calls = mock.calls().size();

    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mock.calls().size() == calls);
  }

  @Test
  void anOutageAtTheEndOfTheDeadlineIsNotWaitedOut() throws Exception {
    MockVideoProvider mock = mockWithClient(0);
    // This clock reads a minute before the task's two hours are up: a pause would outlast them.
    Jobs jobs = jobs(Clock.offset(Clock.systemUTC(), Jobs.DEADLINE.minusMinutes(1)), Duration.ofMinutes(2));
    mock.script().fail(Operation.READ, 1_000, FailureKind.UNAVAILABLE);

    HistoryEntry entry = jobs.submit(aJob()).get();

    awaitStopped(jobs, entry);
    assertThat(jobs.find(entry.taskId()).orElseThrow().next()).contains("start vidgen serve again")
        .contains("vidgen wait " + entry.taskId() + " --out " + Commands.quote(videosFolder() + java.io.File.separator)
            + " --provider mock --base-url http://127.0.0.1:9,")
        .doesNotContain("following it again");
  }

  @Test
  void aKeyProblemIsNotAnOutageAndIsNotFollowedAgain() throws Exception {
    MockVideoProvider mock = mockWithClient(0);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    // The client reads the balance once, before its first create; a key refused there stops the job
    // before anything is sent. Here the key is refused only later, on the status reads.
    on.client().submit(aJob());
    mock.script().fail(Operation.READ, 1_000, FailureKind.AUTHENTICATION);

    HistoryEntry entry = jobs.submit(aJob()).get();

    awaitStopped(jobs, entry);
    int reads = mock.calls().size();
    // A key problem is not an outage: no pause and no new follow, for ten times the pause.
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> mock.calls().size() == reads);
    assertThat(on.history().find(entry.taskId()).orElseThrow().isFinished()).isFalse();
  }

  @Test
  void aStatusReadRateLimitedIsToldToThePageWhileItWaitsAndForgottenOnceReadAgain() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    on.client(VidgenClient.builder().provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .retryPolicy(RetryPolicy.builder().rateLimitRetries(1).build())
        .build());
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    // Two for the playground's fresh balance read (it gives up after its two attempts), one for the client's own first
    // read before the create, one for the first status read, which is read again after it.
    mock.script().rateLimit(Operation.READ, 4, Duration.ofMillis(300));

    HistoryEntry entry = jobs.submit(aJob()).get();

    await().atMost(Duration.ofSeconds(20)).until(() -> on.history().find(entry.taskId())
        .filter(HistoryEntry::isFinished).isPresent());
    assertThat(published).filteredOn(task -> task.get("notice") != null).isNotEmpty().allSatisfy(task ->
        assertThat((String) task.get("notice")).matches("the provider is rate limiting status reads \\(HTTP 429\\);"
            + " reading again at \\d\\d:\\d\\d:\\d\\d UTC \\(in about \\d+ s\\)"));
    assertThat(published.get(published.size() - 1)).containsEntry("status", "completed").doesNotContainKey("notice");
  }

  @Test
  void closingWaitsForACreateOnItsWaySoItsTaskIdReachesTheHistoryAndSendsNoMore() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    CompletableFuture<Void> createLeft = new CompletableFuture<>();
    on.client(VidgenClient.builder().provider(new GatedCreates(mock, gate, createLeft)).build());
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    CompletableFuture<HistoryEntry> onItsWay = jobs.submit(aJob());
    createLeft.get(10, java.util.concurrent.TimeUnit.SECONDS);

    CompletableFuture<List<String>> closing = CompletableFuture.supplyAsync(jobs::close);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !closing.isDone());
    gate.complete(null); // the answer comes while the playground is stopping
    List<String> said = closing.get(Jobs.ANSWER_WAIT.toSeconds() + 5, java.util.concurrent.TimeUnit.SECONDS);

    HistoryEntry entry = onItsWay.get(1, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(said).as("the person stopping it is told of the task made meanwhile").singleElement().asString()
        .startsWith("task " + entry.taskId() + " was made while the playground stopped; the history keeps it")
        .as("saved in the playground's folder wherever it is run")
        .contains("vidgen wait " + entry.taskId() + " --out " + Commands.quote(videosFolder() + java.io.File.separator)
            + " --provider mock");
    assertThat(on.history().entries()).as("the task, not an unknown note").singleElement()
        .satisfies(kept -> assertThat(kept.taskId()).isEqualTo(entry.taskId()).startsWith("video_mock_"))
        .satisfies(kept -> assertThat(kept.status()).isEqualTo("queued"));
    int calls = mock.calls().size();
    CompletableFuture<HistoryEntry> afterClose = jobs.submit(aJob());
    await().atMost(Duration.ofSeconds(5)).until(afterClose::isDone);
    assertThat(afterClose).as("nothing leaves a stopped playground").isCompletedExceptionally();
    assertThat(mock.calls()).as("no create and no status read after the close").hasSize(calls);
    assertThat(on.history().entries()).as("the job held back leaves no note to warn about").hasSize(1);
  }

  @Test
  void twoIdenticalJobsRacingSendOneCreateAndTheOtherIsRefusedUntilItsAnswerCame() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMinutes(5)).build();
    CompletableFuture<Void> gate = new CompletableFuture<>();
    GatedCreates provider = new GatedCreates(mock, gate, new CompletableFuture<>());
    on.client(VidgenClient.builder().provider(provider).build());
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
    java.util.function.Supplier<CompletableFuture<HistoryEntry>> twin = () -> {
      try {
        together.await(5, java.util.concurrent.TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
      return jobs.submit(aJob());
    };

    // Each on a thread of its own: from Java 25 the default async pool of a 2-core machine is one thread, on which
    // the two would never meet at the barrier.
    java.util.concurrent.Executor ownThread = work -> new Thread(work, "twin").start();
    CompletableFuture<CompletableFuture<HistoryEntry>> one = CompletableFuture.supplyAsync(twin, ownThread);
    CompletableFuture<CompletableFuture<HistoryEntry>> other = CompletableFuture.supplyAsync(twin, ownThread);
    List<CompletableFuture<HistoryEntry>> both = List.of(one.get(10, java.util.concurrent.TimeUnit.SECONDS),
        other.get(10, java.util.concurrent.TimeUnit.SECONDS));

    await().atMost(Duration.ofSeconds(10)).until(() -> provider.creates.get() == 1);
    assertThat(both).as("exactly one is refused, at once").filteredOn(CompletableFuture::isCompletedExceptionally)
        .singleElement().satisfies(refused -> assertThat(refused).failsWithin(Duration.ZERO)
            .withThrowableOfType(java.util.concurrent.ExecutionException.class)
            .havingCause().isInstanceOf(GenerateFailure.class)
            .satisfies(failure -> assertThat(((GenerateFailure) failure).json())
                .containsEntry("code", "same_job_sending").containsEntry("sent", "no")));
    CompletableFuture<HistoryEntry> sent = both.stream().filter(submit -> !submit.isDone()).findFirst().orElseThrow();
    CompletableFuture<HistoryEntry> another = jobs.submit(VideoJob.builder("grok-video-1.5-preview")
        .prompt("Another job").image("https://example.com/a.png").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> provider.creates.get() == 2);
    assertThat(another).as("a different job is never held back").isNotDone();
    gate.complete(null);
    sent.get(10, java.util.concurrent.TimeUnit.SECONDS);
    HistoryEntry different = another.get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(jobs.submit(aJob())).as("after the answer the same job asks first").failsWithin(Duration.ofSeconds(10))
        .withThrowableOfType(java.util.concurrent.ExecutionException.class).havingCause()
        .isInstanceOf(GenerateFailure.class)
        .satisfies(failure -> assertThat(((GenerateFailure) failure).json()).containsEntry("code", "same_job"));
    HistoryEntry again = jobs.submit(aJob(), true).get(10, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(provider.creates).as("after the answer, and meant, the same job is another take").hasValue(3);
    assertThat(again.taskId()).isNotEqualTo(sent.join().taskId()).isNotEqualTo(different.taskId());
    jobs.close();
  }

  @Test
  void stoppingWithOneTaskStillRunningSaysSoInTheSingular() throws Exception {
    assertThat(stoppedWithRunning(1)).containsExactly("1 task still running at the provider stays in the history; the"
        + " next vidgen serve follows it (vidgen history lists it)");
  }

  @Test
  void stoppingWithTwoTasksStillRunningSaysSoInThePlural() throws Exception {
    assertThat(stoppedWithRunning(2)).containsExactly("2 tasks still running at the provider stay in the history; the"
        + " next vidgen serve follows them (vidgen history lists them)");
  }

  /** What stopping the playground says with {@code tasks} tasks of an hour each just submitted. */
  private List<String> stoppedWithRunning(int tasks) throws Exception {
    on.client(VidgenClient.builder().provider(MockVideoProvider.builder().duration(Duration.ofHours(1)).build())
        .build());
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    for (int i = 0; i < tasks; i++) {
      jobs.submit(VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in " + i)
          .image("https://example.com/a.png").build()).get(10, java.util.concurrent.TimeUnit.SECONDS);
    }
    return jobs.close();
  }

  @Test
  void aFailedTaskIsShownWithItsChargeUnknownAndABlindResendWithWhatItsEarlierTakesMayHaveCost() throws Exception {
    mockWithClient(0);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    java.time.Instant at = java.time.Instant.parse("2026-11-30T10:00:00Z");
    dev.vidgen.core.pricing.PriceQuote quote = on.client().quote(aJob());
    dev.vidgen.core.client.JobHandle once = new dev.vidgen.core.client.JobHandle("mock",
        dev.vidgen.core.domain.TaskId.of("task_once"), "grok-video-1.5-preview", quote, at, null);
    dev.vidgen.core.client.JobHandle resent = new dev.vidgen.core.client.JobHandle("mock",
        dev.vidgen.core.domain.TaskId.of("task_resent"), "grok-video-1.5-preview", quote, at, null, 2);

    Map<String, Object> failed = jobs.view(HistoryEntry.submitted(once, aJob(), "serve").failed("refused", at));
    Map<String, Object> running = jobs.view(HistoryEntry.submitted(once, aJob(), "serve"));
    Map<String, Object> twice = jobs.view(HistoryEntry.submitted(resent, aJob(), "serve"));

    assertThat(failed).containsEntry("charge", "unknown").containsEntry("credits", new java.math.BigDecimal("20"))
        .doesNotContainKey("possible_extra_tasks");
    assertThat(running).doesNotContainKeys("charge", "possible_extra_tasks", "possible_extra_credits");
    assertThat(twice).containsEntry("possible_extra_tasks", 2)
        .containsEntry("possible_extra_credits", new java.math.BigDecimal("40")).doesNotContainKey("charge");
  }

  @Test
  void aCreateThatGotNoAnswerIsShownAtItsQuoteWithItsChargeUnknown() throws Exception {
    mockWithClient(0);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    java.time.Instant at = java.time.Instant.parse("2026-11-30T10:00:00Z");
    HistoryEntry note = HistoryEntry.unanswered("vg-1", false, "mock", aJob(), on.client().quote(aJob()), at, at,
        "check the provider's dashboard", "serve");

    Map<String, Object> unknown = jobs.view(note);

    assertThat(unknown).containsEntry("status", "unknown").containsEntry("charge", "unknown")
        .containsEntry("credits", new java.math.BigDecimal("20"));
    assertThat((String) unknown.get("task_id")).startsWith("unanswered-");
  }

  @Test
  void aVideoNotSavedIsAdvisedWithTheProvidersOwnResultLifetimeAndNoneWhenItStatesNone() throws Exception {
    MockVideoProvider mock = mockWithClient(0);
    Jobs onMock = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    mock.script().fail(Operation.DOWNLOAD, 1_000, FailureKind.UNAVAILABLE);
    HistoryEntry kept = onMock.submit(aJob()).get();
    awaitStopped(onMock, kept);
    String onMockNext = onMock.find(kept.taskId()).orElseThrow().next();
    onMock.close();
    on.client().close();
    // A provider of another maker that states no lifetime (the mock's work, behind a provider that keeps no figure).
    MockVideoProvider work = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    work.script().fail(Operation.DOWNLOAD, 1_000, FailureKind.UNAVAILABLE);
    on.client(VidgenClient.builder().provider(new GatedCreates(work, CompletableFuture.completedFuture(null),
            new CompletableFuture<>()))
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .retryPolicy(RetryPolicy.builder().transientRetries(0).jitter(0).build())
        .build());
    Jobs unstated = jobs(Clock.systemUTC(), Duration.ofMillis(100));
    HistoryEntry notKept = unstated.submit(VideoJob.builder("grok-video-1.5-preview").prompt("Slow pan")
        .image("https://example.com/a.png").build()).get(); // another job: the history holds the first
    awaitStopped(unstated, notKept);

    assertThat(onMockNext).contains("saves it (links last 24 hours)");
    assertThat(unstated.find(notKept.taskId()).orElseThrow().next())
        .contains("saves it (while the provider keeps the link)").doesNotContain("24 hours");
  }

  /** The mock, with every create held until {@code gate} opens; {@code left} completes as the first create leaves. */
  private static final class GatedCreates implements dev.vidgen.core.port.VideoProvider {
    private final MockVideoProvider mock;
    private final CompletableFuture<Void> gate;
    private final CompletableFuture<Void> left;
    /** How many creates reached the provider, held or not. */
    final java.util.concurrent.atomic.AtomicInteger creates = new java.util.concurrent.atomic.AtomicInteger();

    GatedCreates(MockVideoProvider mock, CompletableFuture<Void> gate, CompletableFuture<Void> left) {
      this.mock = mock;
      this.gate = gate;
      this.left = left;
    }

    @Override
    public String id() {
      return mock.id();
    }

    @Override
    public CompletableFuture<java.net.URI> upload(Path image) {
      return mock.upload(image);
    }

    @Override
    public CompletableFuture<dev.vidgen.core.domain.TaskSnapshot> create(dev.vidgen.core.port.SubmitRequest request) {
      creates.incrementAndGet();
      left.complete(null);
      return gate.thenCompose(open -> mock.create(request));
    }

    @Override
    public CompletableFuture<dev.vidgen.core.domain.TaskSnapshot> status(dev.vidgen.core.domain.TaskId taskId) {
      return mock.status(taskId);
    }

    @Override
    public CompletableFuture<java.io.InputStream> open(dev.vidgen.core.domain.VideoAsset asset) {
      return mock.open(asset);
    }

    @Override
    public dev.vidgen.core.port.RequestPreview preview(dev.vidgen.core.port.SubmitRequest request) {
      return mock.preview(request);
    }
  }

  @Test
  void aCreateSentAgainAfterA429IsToldOnItsNoteWithNothingPaidYetAndWhen() throws Exception {
    MockVideoProvider mock = mockWithClient(2);
    Jobs jobs = jobs(Clock.systemUTC(), Duration.ofMillis(200));
    mock.script().rateLimitCreates(1, Duration.ofMillis(20));

    HistoryEntry entry = jobs.submit(aJob()).get();

    assertThat(entry.status()).isNotEqualTo(HistoryEntry.UNKNOWN);
    assertThat(published).as("while it waited, the page was told why, that nothing is paid yet, and when")
        .filteredOn(task -> String.valueOf(task.get("task_id")).startsWith("unanswered-")
            && Boolean.TRUE.equals(task.get("sending")))
        .anySatisfy(note -> assertThat(String.valueOf(note.get("notice"))).contains(
            "the provider is limiting requests (HTTP 429)", "nothing was made or paid for yet",
            "sending it again at ", " UTC (in about 1 s)"));
    assertThat(published).as("while it waits, its card says no charge is in doubt and no dashboard check is due")
        .filteredOn(task -> task.get("notice") != null && Boolean.TRUE.equals(task.get("sending")))
        .isNotEmpty().allSatisfy(note -> assertThat(note).doesNotContainKeys("charge", "next"));
  }

  /** A mock of short tasks and a client that polls it often and makes {@code retries} retries of a failed call. */
  private MockVideoProvider mockWithClient(int retries) {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
    on.client(VidgenClient.builder().provider(mock)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        // No jitter anywhere, so that a wait told in whole seconds is the same every run.
        .retryPolicy(RetryPolicy.builder().transientRetries(retries)
            .transientBackoff(Duration.ofMillis(10), Duration.ofMillis(20))
            .rateLimitBackoff(Duration.ofMillis(10), Duration.ofMillis(20)).retryAfterJitter(Duration.ZERO)
            .jitter(0).build())
        .build());
    return mock;
  }

  /** The folder the playground saves its videos in, as its printed commands name it. */
  private Path videosFolder() {
    return folder.resolve("videos").toAbsolutePath().normalize();
  }

  /** The base URL the playground of {@link #jobs} is told it sends to. */
  private static final String THIS_SERVER = "http://127.0.0.1:9";

  private Jobs jobs(Clock clock, Duration pause) throws IOException {
    return new Jobs(on.client(), on.history(), Files.createDirectories(folder.resolve("videos")), clock,
        published::add, pause, List.of("--provider", "mock", "--base-url", THIS_SERVER));
  }

  private static void awaitStopped(Jobs jobs, HistoryEntry entry) {
    await().atMost(Duration.ofSeconds(20)).until(() -> jobs.find(entry.taskId())
        .filter(live -> live.problem() != null).isPresent());
  }

  private static VideoJob aJob() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").image("https://example.com/a.png").build();
  }
}
