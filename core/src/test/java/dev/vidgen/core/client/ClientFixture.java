package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;

/** A client on a {@link ScriptedProvider} and {@link ManualTime}, with its events recorded. */
final class ClientFixture implements AutoCloseable {
  final ManualTime time = ManualTime.atEpochDay();
  final ScriptedProvider provider;
  final RecordingListener listener = new RecordingListener();
  final VidgenClient client;

  ClientFixture() {
    this(new ScriptedProvider(), builder -> {});
  }

  ClientFixture(ScriptedProvider provider, java.util.function.Consumer<VidgenClient.Builder> settings) {
    this.provider = provider;
    VidgenClient.Builder builder = VidgenClient.builder()
        .provider(provider)
        .scheduling(time)
        .random(new SplittableRandom(42))
        .ioExecutor(Runnable::run)
        .listener(listener);
    settings.accept(builder);
    this.client = builder.build();
  }

  /** A handle for {@code taskId}, submitted now. */
  JobHandle handle(String taskId) {
    return new JobHandle(ScriptedProvider.ID, TaskId.of(taskId), Jobs.MODEL,
        PriceQuote.unknown(Jobs.MODEL, "test"), time.now(), null);
  }

  /** The failure a future ended with, unwrapped. */
  static Throwable failureOf(CompletableFuture<?> future) {
    return RetryLoopTest.failureOf(future);
  }

  void advance(Duration step) {
    time.advance(step);
  }

  @Override
  public void close() {
    client.close();
  }
}
