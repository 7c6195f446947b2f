package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * From Java 23, {@code CompletableFuture.get}, {@code join} and {@code getNow} throw a new
 * {@code CancellationException} around the one a future holds. The blocking calls and a generate's
 * own future must still end in vidgen's exception, which names the paid task.
 */
@Timeout(30)
class NewerJavaFuturesTest {
  private final ClientFixture fixture = new ClientFixture();

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  /** A future that throws what Java 23 and later throw for a held cancellation, on whichever Java runs the test. */
  private static final class AsOnJava23<T> extends CompletableFuture<T> {
    @Override
    public T get() throws InterruptedException, ExecutionException {
      try {
        return super.get();
      } catch (CancellationException held) {
        CancellationException thrown = new CancellationException("get");
        thrown.initCause(held);
        throw thrown;
      }
    }
  }

  @Test
  void theBlockingFormThrowsTheHeldStopNamingTheTaskNotTheJdksWrapper() {
    WaitStoppedException held = new WaitStoppedException(fixture.handle("task-7"), "the client was closed");
    AsOnJava23<GenerationResult> future = new AsOnJava23<>();
    future.completeExceptionally(held);

    assertThatThrownBy(() -> Futures.await(future, false)).isSameAs(held);
  }

  @Test
  void aCancelledGeneratesGetJoinAndGetNowThrowTheStopThatNamesItsTask() throws Exception {
    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));
    generated.cancel(false);

    for (ThrowingGet get : new ThrowingGet[] {generated::get, () -> generated.get(1, TimeUnit.SECONDS),
        generated::join, () -> generated.getNow(null)}) {
      assertThatThrownBy(get::call).isInstanceOfSatisfying(WaitStoppedException.class,
          stopped -> assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("task-1")));
    }
  }

  @FunctionalInterface
  private interface ThrowingGet {
    Object call() throws Exception;
  }
}
