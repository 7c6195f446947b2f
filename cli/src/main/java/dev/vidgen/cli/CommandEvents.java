package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The command's ear on its client: warnings as {@code vidgen: warning: …} lines, every event with
 * {@code --verbose}, and whether a create is on its way without an answer yet (for Ctrl-C).
 */
final class CommandEvents implements VidgenListener {
  private final Output output;
  private final VidgenListener verbose;
  private final AtomicInteger creating = new AtomicInteger();
  private volatile java.time.Instant creatingSince;

  CommandEvents(Output output, boolean verbose) {
    this.output = output;
    this.verbose = verbose ? new VerboseListener(output) : VidgenListener.NONE;
  }

  /** Whether some create has gone out (after its checks and uploads) and not been answered yet. */
  boolean createOnItsWay() {
    return creating.get() > 0;
  }

  /** When the last create went out, if one did. */
  java.util.Optional<java.time.Instant> lastCreateSent() {
    return java.util.Optional.ofNullable(creatingSince);
  }

  @Override
  public void onCreating(String model, String clientReference) {
    creatingSince = java.time.Instant.now();
    creating.incrementAndGet();
    verbose.onCreating(model, clientReference);
  }

  @Override
  public void onSubmitted(JobHandle handle) {
    creating.updateAndGet(n -> Math.max(0, n - 1));
    verbose.onSubmitted(handle);
  }

  @Override
  public void onFailed(JobHandle handle, VidgenException error) {
    if (handle == null) {
      creating.updateAndGet(n -> Math.max(0, n - 1));
    }
    verbose.onFailed(handle, error);
  }

  @Override
  public void onWarning(String code, String message) {
    output.note("warning: " + message);
  }

  @Override
  public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
    verbose.onPolled(handle, snapshot);
  }

  @Override
  public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    verbose.onRetry(handle, operation, failure, attempt, delay);
  }

  @Override
  public void onCompleted(JobHandle handle, TaskSnapshot snapshot) {
    verbose.onCompleted(handle, snapshot);
  }

  @Override
  public void onDownloaded(JobHandle handle, Path file) {
    verbose.onDownloaded(handle, file);
  }
}
