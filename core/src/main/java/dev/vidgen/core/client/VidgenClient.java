package dev.vidgen.core.client;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * The facade apps use: validate, quote, submit, await and download a video job, the same for
 * every provider. Nothing reaches the network before validation, quoting and the budget check
 * pass. Thread-safe; waiting runs on a shared scheduler, not a thread per job.
 */
public final class VidgenClient implements AutoCloseable {
  // TODO(client helper): the whole implementation. Signatures are agreed with the CLI and batch work.

  private VidgenClient() {}

  public static Builder builder() {
    return new Builder();
  }

  /** The provider jobs go to. */
  public VideoProvider provider() {
    throw new UnsupportedOperationException("TODO");
  }

  /** The routes the provider serves (plus any added through the builder). */
  public RouteCatalog catalog() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Every error and warning for {@code job}; sends nothing. */
  public ValidationReport validate(VideoJob job) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * What {@code job} would cost; sends nothing.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the model is unknown
   */
  public PriceQuote quote(VideoJob job) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * The exact create request the provider would receive (local images shown as to be uploaded,
   * the key masked); validates and quotes, sends nothing.
   *
   * @throws dev.vidgen.core.error.InvalidJobException when the job is invalid
   */
  public RequestPreview preview(VideoJob job) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Validates, quotes, checks the budget, uploads local images and creates the task. */
  public JobHandle submit(VideoJob job) {
    throw new UnsupportedOperationException("TODO");
  }

  /** {@link #submit} without blocking. */
  public CompletableFuture<JobHandle> submitAsync(VideoJob job) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * A handle for a task this client did not submit: an encoded {@link JobHandle}, or a bare task
   * id of this client's provider (its model and price then unknown).
   */
  public JobHandle resume(String handleOrTaskId) {
    throw new UnsupportedOperationException("TODO");
  }

  /** One status read, with the retry policy. */
  public TaskSnapshot status(JobHandle handle) {
    throw new UnsupportedOperationException("TODO");
  }

  public CompletableFuture<TaskSnapshot> statusAsync(JobHandle handle) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Polls until the task completes, fails or the deadline passes.
   *
   * @throws TaskFailedException when the task failed
   * @throws DeadlineExceededException when the deadline passed first
   */
  public TaskSnapshot await(JobHandle handle, AwaitOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  /** {@link #await} without blocking; cancelling the future stops the polling. */
  public CompletableFuture<TaskSnapshot> awaitAsync(JobHandle handle, AwaitOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  /**
   * Writes the completed task's video to {@code target} through a temporary file renamed into
   * place, so a half file never stands under the final name.
   */
  public Path download(JobHandle handle, TaskSnapshot completed, Path target) {
    throw new UnsupportedOperationException("TODO");
  }

  public CompletableFuture<Path> downloadAsync(JobHandle handle, TaskSnapshot completed, Path target) {
    throw new UnsupportedOperationException("TODO");
  }

  /** Submit, await and download in one call. */
  public GenerationResult generate(VideoJob job, Path target, AwaitOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  public CompletableFuture<GenerationResult> generateAsync(VideoJob job, Path target, AwaitOptions options) {
    throw new UnsupportedOperationException("TODO");
  }

  /** The provider's account balance. */
  public Balance balance() {
    throw new UnsupportedOperationException("TODO");
  }

  /** Closes the provider and the scheduler, if this client created it. */
  @Override
  public void close() {}

  /** Builds a {@link VidgenClient}. */
  public static final class Builder {
    private Builder() {}

    /** Uses this provider instance. */
    public Builder provider(VideoProvider provider) {
      return this;
    }

    /** Finds the provider {@code id} with ServiceLoader and creates it with {@code config}. */
    public Builder provider(String id, ProviderConfig config) {
      return this;
    }

    /** Chooses the provider at run time: {@code vidgen.provider}, {@code VIDGEN_PROVIDER}, else the only one. */
    public Builder discoverProvider(ProviderConfig config) {
      return this;
    }

    /** Routes to use instead of the provider's catalog (for example with routes added). */
    public Builder catalog(RouteCatalog catalog) {
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      return this;
    }

    public Builder pollSchedule(PollSchedule pollSchedule) {
      return this;
    }

    public Builder budget(Budget budget) {
      return this;
    }

    public Builder clock(Clock clock) {
      return this;
    }

    /** The scheduler for waits and retries; the client creates (and closes) a small one by default. */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      return this;
    }

    public Builder random(RandomGenerator random) {
      return this;
    }

    public Builder listener(VidgenListener listener) {
      return this;
    }

    public VidgenClient build() {
      return new VidgenClient();
    }
  }
}
