package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * Events of every job a client runs, for metrics and audit logs. Every method has an empty
 * default; implementations must be thread-safe and quick: they run on the client's own threads
 * (its scheduler, or an HTTP thread that has just read an answer). What one throws, an exception or
 * an {@link Error} of its own (a failed assertion), is logged and does not change the job.
 */
public interface VidgenListener {
  /** Does nothing. */
  VidgenListener NONE = new VidgenListener() {};

  /**
   * A create is about to go out, after the job's checks and uploads: from here until {@link
   * #onSubmitted} or {@link #onFailed}, a task may exist (and be billed) that the client has not
   * heard of. Told as the create is handed to the provider, which may still hold it back behind its own
   * limit of requests at once, so it may be told of a create that never left (stopped while held back: nothing made).
   * {@code clientReference} is what the create carries, or null on a route that takes none.
   */
  default void onCreating(String model, String clientReference) {}

  /**
   * A create that may have made a task (answered with a server error, or not at all) is looked up by
   * {@code clientReference} before it is sent again, for at most about {@code atMost}; meanwhile
   * nothing is sent.
   */
  default void onCreateLookUp(String clientReference, Duration atMost) {}

  /** No task of {@code clientReference} was listed by the end of its look-up: the create is sent again with it now. */
  default void onCreateResent(String clientReference) {}

  /** A task was created. */
  default void onSubmitted(JobHandle handle) {}

  /**
   * A task was created and {@code answer} is the create's answer (its first status and progress). The
   * default calls {@link #onSubmitted(JobHandle)}.
   */
  default void onSubmitted(JobHandle handle, TaskSnapshot answer) {
    onSubmitted(handle);
  }

  /** A status was read: by a wait, or by a {@link VidgenClient#status} of its own (told before it returns). */
  default void onPolled(JobHandle handle, TaskSnapshot snapshot) {}

  /**
   * A wait's status read of {@code handle}'s task went out (each try of it): its answer is told by {@link
   * #onPolled}, a failed try by {@link #onRetry}, {@link #onStatusReadFailed} or {@link #onFailed}.
   */
  default void onStatusReading(JobHandle handle) {}

  /**
   * The last try of a wait's status read was answered with {@code failure}, and the wait rides it out: no read of
   * {@code handle}'s task is on its way until the next one, {@code readAgainIn} from now.
   */
  default void onStatusReadFailed(JobHandle handle, ProviderException failure, Duration readAgainIn) {}

  /** A call failed and will be tried again after {@code delay}; {@code handle} is null before the create succeeds. */
  default void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {}

  /**
   * The {@link #onRetry} of a submit's create (not an extend's or remix's), told just after it, with the reference
   * the caller gave the submit ({@code submitAsync(job, reference, ...)}; null when it gave none), which tells
   * concurrent jobs apart. {@code lookUpFirst}: once {@code delay} is served the create is first looked up by its
   * client reference ({@link #onCreateLookUp}), and sent again only if no task is listed; else it is sent again then.
   */
  default void onCreateRetry(String submitReference, ProviderException failure, int attempt, Duration delay,
      boolean lookUpFirst) {}

  /** A task completed. */
  default void onCompleted(JobHandle handle, TaskSnapshot snapshot) {}

  /**
   * A job ended in an error. {@code handle} is null whenever no task is known: every failure before
   * or at the create (an invalid job, the budget, a refused or unanswered create, a 401 or 402).
   */
  default void onFailed(JobHandle handle, VidgenException error) {}

  /**
   * Something worth knowing that does not stop the job: a check that could not be made (a live
   * model list or balance that could not be read, {@code live_models.unreadable}, {@code
   * balance.unreadable}), or a submitted job's validation warning (a retired or retiring model, an
   * undocumented parameter; the violation's code), each distinct one told once per client.
   */
  default void onWarning(String code, String message) {}

  /**
   * A create that carries nothing to look it up by was answered with a server error and is sent
   * again: the take answered so may have made a task of its own, paid at {@code take} (which the
   * job's price does not count). Comes beside a {@code create.resent} warning, once per resend.
   */
  default void onResentBlind(String model, dev.vidgen.core.pricing.PriceQuote take) {}

  /**
   * {@link #onResentBlind(String, dev.vidgen.core.pricing.PriceQuote)} with the reference the caller gave
   * the submit ({@code submitAsync(job, reference, ...)}; null when it gave none), which tells concurrent
   * jobs apart although it was not sent. The default calls the two-argument method.
   */
  default void onResentBlind(String model, dev.vidgen.core.pricing.PriceQuote take, String submitReference) {
    onResentBlind(model, take);
  }

  /**
   * A download broke off after {@code fromByte} bytes, which are kept: its next try, if any (told by a later
   * {@link #onRetry}), asks for the rest from that byte (an HTTP Range) instead of the whole video.
   */
  default void onDownloadResuming(JobHandle handle, long fromByte) {}

  /**
   * A download of {@code handle}'s video has {@code bytes} so far, of {@code totalBytes} (-1 when the server
   * did not say): told when each try begins and after each read that brought bytes (up to 64 KiB), so
   * a listener that shows it should redraw on its own clock.
   */
  default void onDownloadProgress(JobHandle handle, long bytes, long totalBytes) {}

  /** The video was written to {@code file}. */
  default void onDownloaded(JobHandle handle, Path file) {}

  /**
   * A {@code generate} stopped before its video was saved (its future cancelled, its thread interrupted, or the
   * client closed) and ended in {@code stop}, what its caller got ({@link WaitStoppedException}, {@link
   * SubmitStoppedException}, {@link SubmitNotSentException}). Told once per stopped generate, never after its
   * {@link #onDownloaded} or {@link #onFailed}: {@code handle} is the paid task it hands back, told once a create on
   * its way has answered, or null when no task was made (or one may exist unknown, which {@link #onFailed} tells).
   */
  default void onStopped(JobHandle handle, CancellationException stop) {}
}
