package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.VidgenThreads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blocking call on one of vidgen's own threads (where the client's futures complete)
 * would hold a thread the call needs; it is refused at once, before anything is sent.
 */
@Timeout(30)
class OwnThreadGuardTest {
  private final ClientFixture fixture = new ClientFixture();
  private final ScriptedProvider provider = fixture.provider;
  private final ExecutorService ownThreads = Executors.newSingleThreadExecutor(VidgenThreads.named("vidgen-test"));

  @TempDir Path folder;

  @AfterEach
  void stop() {
    ownThreads.shutdownNow();
    fixture.close();
  }

  @Test
  void everyBlockingCallOnAMarkedThreadIsRefusedBeforeAnythingIsSent() {
    VidgenClient client = fixture.client;
    JobHandle handle = fixture.handle("task-1");
    Map<String, ThrowingCallable> calls = new LinkedHashMap<>();
    calls.put("submit", () -> client.submit(Jobs.valid()));
    calls.put("status", () -> client.status(handle));
    calls.put("await", () -> client.await(handle, AwaitOptions.defaults()));
    calls.put("download", () -> client.download(handle, ScriptedProvider.completed("task-1"), folder.resolve("a.mp4")));
    calls.put("generate", () -> client.generate(Jobs.valid(), folder.resolve("b.mp4"), AwaitOptions.defaults()));
    calls.put("liveModels", client::liveModels);
    calls.put("modelNameToSend", () -> client.modelNameToSend(Jobs.MODEL));
    calls.put("balances", client::balances);
    calls.put("balance", client::balance);
    calls.put("extend", () -> client.extend("task-1", null));
    calls.put("remix", () -> client.remix("task-1", null));

    calls.forEach((name, call) -> assertThat(onOwnThread(call))
        .as(name).isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("a blocking VidgenClient call (" + name + ") on vidgen's own thread vidgen-test-1")
        .hasMessageContaining("the call was refused before it sent anything"));
    assertThat(provider.calls()).isEmpty();
    assertThat(fixture.listener.events()).isEmpty();
  }

  @Test
  void theRefusalSaysWhatToDoInsteadAndNamesTheTask() {
    Throwable refused = onOwnThread(() -> fixture.client.await(fixture.handle("task-7"), AwaitOptions.defaults()));

    assertThat(refused).hasMessage("a blocking VidgenClient call (await) on vidgen's own thread vidgen-test-1 would hold"
        + " that thread while the call needs it (a stage of a future the client returned, or a listener, runs there),"
        + " so the call was refused before it sent anything: use awaitAsync (with thenCompose in a future's stage), or"
        + " make it on a thread of yours (an executor of yours, thenApplyAsync(fn, executor)); task task-7 (scripted)"
        + " is not affected and goes on at the provider: its JobHandle (the one passed to await) follows it");
    assertThat(onOwnThread(() -> fixture.client.modelNameToSend(Jobs.MODEL))).hasMessageEndingWith(
        "refused before it sent anything: make it on a thread of yours (an executor of yours,"
            + " thenApplyAsync(fn, executor))");
  }

  @Test
  void theRefusalNamesTheThreadAsItIsNamedNowAndTheNameItWasMadeWith() {
    // OkHttp renames its threads while a call runs: the name a user sees in a thread dump or a log comes first.
    Throwable refused = onOwnThread(() -> {
      Thread.currentThread().setName("OkHttp http://127.0.0.1:26300/...");
      fixture.client.status(fixture.handle("task-1"));
    });

    assertThat(refused).hasMessageStartingWith("a blocking VidgenClient call (status) on vidgen's own thread OkHttp"
        + " http://127.0.0.1:26300/... (made as vidgen-test-1) would hold that thread");
    assertThat(provider.calls()).isEmpty();
  }

  @Test
  void aBlockingCallInAListenersCallbackOnTheCallersThreadIsRefused() {
    // A provider that answers at once tells onSubmitted on the submitting thread; other providers on vidgen's own.
    AtomicReference<VidgenClient> self = new AtomicReference<>();
    AtomicReference<Throwable> inListener = new AtomicReference<>();
    ScriptedProvider scripted = new ScriptedProvider();
    try (ClientFixture told = new ClientFixture(scripted, builder -> builder.listener(new VidgenListener() {
      @Override
      public void onSubmitted(JobHandle handle, TaskSnapshot answer) {
        inListener.set(catchThrowable(() -> self.get().status(handle)));
      }
    }))) {
      self.set(told.client);

      told.client.submit(Jobs.valid());

      assertThat(inListener.get()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith(
          "a blocking VidgenClient call (status) in a listener's callback (thread " + Thread.currentThread().getName()
              + ") would, with a provider answering on vidgen's own threads, hold such a thread");
      assertThat(scripted.calls()).noneMatch(call -> call.startsWith("status"));
    }
  }

  @Test
  void theSameCallOnACallersThreadGoesAhead() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));

    TaskSnapshot read = fixture.client.status(fixture.handle("task-1"));

    assertThat(read.status().isTerminal()).isTrue();
    assertThat(provider.calls()).containsExactly("status task-1");
  }

  @Test
  void markingKeepsTheThreadsOwnNameAndMarksOnlyItsThreads() throws Exception {
    Thread made = VidgenThreads.marking(task -> new Thread(task, "app-io")).newThread(() -> {});
    CompletableFuture<java.util.Optional<String>> seen = new CompletableFuture<>();
    Thread probe = VidgenThreads.marking(task -> new Thread(task, "probe")).newThread(() -> {
      Thread.currentThread().setName("renamed while a call runs");
      seen.complete(VidgenThreads.current());
    });
    probe.start();

    assertThat(made.getName()).isEqualTo("app-io");
    assertThat(seen.get()).as("the name it was made with").contains("probe");
    assertThat(VidgenThreads.current()).as("the test's own thread").isEmpty();
    assertThat(VidgenThreads.named("vidgen-x").newThread(() -> {}).isDaemon()).isTrue();
  }

  @Test
  void aStageOnTheClientsOwnSchedulerThatCallsABlockingMethodIsRefused() {
    // The poll's read is held until the stage below is attached, so the wait cannot end sooner (a stage
    // attached to a finished future would run on this test's thread, which is not vidgen's own).
    CountDownLatch attached = new CountDownLatch(1);
    ScriptedProvider scripted = new ScriptedProvider().statusAnswers(ScriptedProvider.completed("task-1"))
        .onStatus(() -> awaitQuietly(attached));
    try (VidgenClient client = VidgenClient.builder().provider(scripted).environmentRoutes(false)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(500)).build()).build()) {
      JobHandle handle = new JobHandle(ScriptedProvider.ID, dev.vidgen.core.domain.TaskId.of("task-1"), Jobs.MODEL,
          dev.vidgen.core.pricing.PriceQuote.unknown(Jobs.MODEL, "test"), java.time.Instant.now(), null);

      CompletableFuture<TaskSnapshot> stage = client.awaitAsync(handle, AwaitOptions.defaults())
          .thenApply(done -> client.status(handle));
      attached.countDown();

      Throwable refused = AsyncFailures.unwrap(catchThrowable(stage::join));
      assertThat(refused).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("(status) on vidgen's own thread vidgen-scheduler-1");
      assertThat(scripted.calls()).containsExactly("status task-1");
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private Throwable onOwnThread(ThrowingCallable call) {
    return CompletableFuture.supplyAsync(() -> catchThrowable(call), ownThreads).join();
  }
}
