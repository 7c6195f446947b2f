package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An app sharing the command line's task history through {@link TaskHistory#submitOnce}: while one submit's create is
 * on its way, the same job from another thread or another history on the same folder (as another process has) is
 * refused with nothing sent, and the answer, or its absence, is what the history then holds.
 */
class SubmitOnceTest {
  private static final VideoJob JOB = VideoJob.builder("grok-video-1.5-preview").prompt("history race y1")
      .image("https://example.com/x.png").seconds(10).build();

  @TempDir Path folder;

  private final HeldCreates provider = new HeldCreates();
  private final ExecutorService app = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    provider.release();
    app.shutdownNow();
  }

  @Test
  void twoThreadsSubmittingTheSameJobWhileTheFirstCreateIsOnItsWaySendOneCreate() throws Exception {
    TaskHistory history = TaskHistory.in(folder);
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      Future<JobHandle> first = app.submit(() -> history.submitOnce(client, JOB, "my-app"));
      await().atMost(Duration.ofSeconds(10)).until(() -> provider.creates.get() == 1);

      Future<JobHandle> second = app.submit(() -> history.submitOnce(client, JOB, "my-app"));
      assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SameJobException.class)
          .hasMessageContaining("its create has no answer yet", "so a task may exist and be billed; nothing was sent")
          .hasMessageContaining("by my-app and", "(unanswered-noref-vg-");
      provider.release();
      JobHandle made = first.get(10, TimeUnit.SECONDS);

      assertThat(provider.creates).as("one create for the two submits").hasValue(1);
      assertThat(history.entries()).as("the task, recorded by the app; the note closed").singleElement()
          .satisfies(task -> {
            assertThat(task.taskId()).isEqualTo(made.taskId().value());
            assertThat(task.source()).isEqualTo("my-app");
          });
      assertThatThrownBy(() -> history.submitOnce(client, JOB, "my-app")).isInstanceOf(SameJobException.class)
          .hasMessageContaining("as task " + made.taskId().value())
          .satisfies(refused -> assertThat(((SameJobException) refused).earlierName())
              .isEqualTo(made.taskId().value()));
      assertThat(provider.creates).as("the same job after its answer: still one create").hasValue(1);
    }
  }

  @Test
  void aSecondHistoryOnTheSameFolderAsAnotherProcessOpensItIsRefusedWhileTheCreateIsOnItsWay() throws Exception {
    HeldCreates otherProvider = new HeldCreates();
    try (VidgenClient client = VidgenClient.builder().provider(provider).build();
        VidgenClient otherClient = VidgenClient.builder().provider(otherProvider).build()) {
      Future<JobHandle> first = app.submit(() -> TaskHistory.in(folder).submitOnce(client, JOB, "my-app"));
      await().atMost(Duration.ofSeconds(10)).until(() -> provider.creates.get() == 1);

      Future<JobHandle> second = app.submit(() -> TaskHistory.in(folder).submitOnce(otherClient, JOB, "other-app"));
      assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(SameJobException.class)
          .hasMessageContaining("has no answer yet");
      provider.release();
      first.get(10, TimeUnit.SECONDS);

      assertThat(provider.creates.get() + otherProvider.creates.get()).as("creates sent by both").isEqualTo(1);
    } finally {
      otherProvider.release();
    }
  }

  @Test
  void aCreateWhoseAnswerIsLostLeavesTheJobUnknownInTheHistorySoTheSameJobIsRefusedLater() {
    provider.loseAnswers();
    TaskHistory history = TaskHistory.in(folder);
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      assertThatThrownBy(() -> history.submitOnce(client, JOB, "my-app"))
          .isInstanceOf(AmbiguousSubmitException.class);

      assertThat(history.entries()).as("vidgen history lists it").singleElement().satisfies(note -> {
        assertThat(note.taskId()).startsWith("unanswered-noref-vg-");
        assertThat(note.status()).isEqualTo(HistoryEntry.UNKNOWN);
        assertThat(note.source()).isEqualTo("my-app");
        assertThat(note.error()).contains("its create got no usable answer",
            "check the provider's dashboard before you send it again");
      });
      assertThatThrownBy(() -> history.submitOnce(client, JOB, "my-app")).isInstanceOf(SameJobException.class)
          .hasMessageContaining("its create got no answer", "vidgen history --close unanswered-noref-vg-");
      assertThat(provider.creates).as("no second create for a task that may exist").hasValue(1);
    }
  }

  @Test
  void aSubmitRefusedBeforeItsCreateClosesItsNoteSoTheJobCanBeSentLater() throws Exception {
    provider.release();
    TaskHistory history = TaskHistory.in(folder);
    try (VidgenClient tooPoor = VidgenClient.builder().provider(provider).budget(Budget.ofCredits(BigDecimal.ONE))
            .build();
        VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      assertThatThrownBy(() -> history.submitOnce(tooPoor, JOB, "my-app"))
          .isInstanceOf(BudgetExceededException.class);
      assertThat(history.entries()).as("nothing sent, nothing held back").isEmpty();

      JobHandle made = history.submitOnce(client, JOB, "my-app");

      assertThat(provider.creates).hasValue(1);
      assertThat(history.find(made.taskId().value())).isPresent();
    }
  }

  /** The mock's work behind creates held until {@link #release}, counted as they reach the provider. */
  private static final class HeldCreates implements VideoProvider {
    private final MockVideoProvider work = MockVideoProvider.builder().duration(Duration.ofMinutes(5)).build();
    private final CompletableFuture<Void> released = new CompletableFuture<>();
    private final AtomicInteger creates = new AtomicInteger();
    private volatile boolean loseAnswers;

    void release() {
      released.complete(null);
    }

    void loseAnswers() {
      loseAnswers = true;
      release();
    }

    @Override
    public String id() {
      return work.id();
    }

    @Override
    public CompletableFuture<URI> upload(Path image) {
      return work.upload(image);
    }

    @Override
    public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
      creates.incrementAndGet();
      if (loseAnswers) {
        // No provider error: a create that may have made a task nobody heard of.
        return CompletableFuture.failedFuture(new IllegalStateException("the connection closed before an answer"));
      }
      return released.thenCompose(go -> work.create(request));
    }

    @Override
    public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
      return work.status(taskId);
    }

    @Override
    public CompletableFuture<InputStream> open(VideoAsset asset) {
      return work.open(asset);
    }

    @Override
    public RequestPreview preview(SubmitRequest request) {
      return work.preview(request);
    }
  }
}
