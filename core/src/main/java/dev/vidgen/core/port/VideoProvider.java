package dev.vidgen.core.port;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A video generation service. Each method makes one attempt and completes exceptionally with a
 * {@link dev.vidgen.core.error.ProviderException} on failure; waiting, retrying and budgeting are
 * done once, in the core, for every provider. A provider serves the route each {@link
 * SubmitRequest} carries (the client owns the catalog), spelling it by the route's hints for this
 * provider or its own standard. Implementations must be safe for concurrent use and must not
 * block the calling thread.
 */
public interface VideoProvider extends AutoCloseable {

  /** The provider's stable id, such as {@code mock}. */
  String id();

  /**
   * Whether a create on {@code route} can carry a client reference, by which the task can be
   * found again ({@link #findByClientReference}) after a create that got no answer. The default
   * is false: the client then sends none and never looks one up.
   */
  default boolean takesClientReference(ModelRoute route) {
    return false;
  }

  /**
   * The parameters this provider fills itself on every create on {@code route} (its client reference field,
   * say), which a job may therefore not set: the client's validation refuses a job that sets one ({@code
   * param.replaces_setting}), for every provider. The default is none.
   */
  default Set<String> paramsItFills(ModelRoute route) {
    return Set.of();
  }

  /**
   * The secrets (its API key, say) that a job's text must not hold: the client's validation refuses a job whose
   * prompt, input links or parameters hold one, in clear or encoded ({@code text.holds_api_key}, the key
   * masked), and sends nothing. The default is none; a provider with a key returns it.
   */
  default Set<ApiKey> keysJobsMayNotHold() {
    return Set.of();
  }

  /**
   * Checks what {@code route} tells this provider (its hints for this provider's id) before any job
   * uses it. The default finds nothing to check.
   *
   * @throws IllegalArgumentException naming the route and the hint when they cannot be used
   */
  default void checkHints(ModelRoute route) {}

  /**
   * Problems with a job that only this provider can see, such as an extra parameter that would
   * replace a field the job's own settings fill (its duration, say) after they were checked and
   * priced (the client itself refuses the {@link #paramsItFills} and the {@link #keysJobsMayNotHold}).
   * Validation calls it for every job on a known route,
   * with the job's mode resolved; the default refuses only a {@code model} parameter, which every
   * provider fills from the job.
   */
  default List<Violation> checkParams(VideoJob job, ModelRoute route) {
    if (!job.params().containsKey("model")) {
      return List.of();
    }
    return List.of(Violation.error("params.model", dev.vidgen.core.validation.ViolationCodes.PARAM_REPLACES_SETTING,
        "model", "a parameter " + route.id() + "'s settings do not fill",
        "params.model: would replace the model, which vidgen fills from the job's model after checking and pricing"
            + " it; name the model on the job instead and remove the parameter"));
  }

  /** Uploads a local image (already validated) and completes with the URL to use in a job. */
  CompletableFuture<URI> upload(Path image);

  /** Creates a task; completes with its first snapshot, which carries the task id. */
  CompletableFuture<TaskSnapshot> create(SubmitRequest request);

  /**
   * {@link #create(SubmitRequest)} held back once {@code stopSending} is done: a create that has not
   * begun to leave this process by then (still waiting for a connection or a rate-limit token) fails
   * at once with a {@link java.util.concurrent.CancellationException} and never goes out; one already
   * on its way gets its answer. The default ignores the stop. Give each submit a stop of its own:
   * a provider may keep a listener on it until it completes.
   */
  default CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending) {
    return create(request);
  }

  /**
   * {@link #create(SubmitRequest, CompletionStage)} telling {@code turns} when the create waits its
   * turn before it leaves (under a client-side rate limit) and holding it until {@code turns} has heard
   * it leaves. The default waits for no turn and calls the two-argument method; a provider that holds
   * creates back overrides it, and a provider wrapping another passes {@code turns} on.
   */
  default CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending,
      CreateTurns turns) {
    return create(request, stopSending);
  }

  /** Reads a task's status. */
  CompletableFuture<TaskSnapshot> status(TaskId taskId);

  /**
   * Opens the finished video for reading; the caller closes the stream. A {@link VideoStream} tells the
   * byte count its server announced, so that the client refuses a video larger than it saves at once.
   */
  CompletableFuture<InputStream> open(VideoAsset asset);

  /**
   * Opens the finished video from byte {@code from.firstByte()} on, after a download that broke off there:
   * {@code from} repeats what the first answer said of the file (its size and validator). The stream is a {@link
   * VideoStream} whose {@link VideoStream#range()} says which bytes it holds; any other stream is taken for the
   * whole file. The default opens the whole file ({@link #open(VideoAsset)}), and the client then starts over.
   */
  default CompletableFuture<InputStream> open(VideoAsset asset, VideoRange from) {
    return open(asset);
  }

  /**
   * Looks a task up by the client reference sent with its create, after a create that got no
   * answer. Completes with empty when the provider knows no such task.
   *
   * @throws UnsupportedOperationException (in the future) when the provider cannot do this
   */
  default CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " cannot look tasks up by client reference"));
  }

  /** Cancels a task, where the provider can. */
  default CompletableFuture<Void> cancel(TaskId taskId) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " cannot cancel tasks"));
  }

  /** The request {@link #create} would send, with the key masked; sends nothing. */
  RequestPreview preview(SubmitRequest request);

  /**
   * The balance the provider reports for this key, where it reports one: the key's own quota where
   * keys have quotas of their own, else the account's. {@link #balances} gives both.
   */
  default CompletableFuture<Balance> balance() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " does not report a balance"));
  }

  /**
   * The request rates the provider's account allows and how its throttling answers read, where
   * the provider knows them; a client-side limiter keeps to them. The default reports none.
   */
  default Optional<RateLimits> rateLimits() {
    return Optional.empty();
  }

  /**
   * How long the provider keeps a completed task's result (its video link) before the task must be run again,
   * where the provider states it; vidgen's advice names this figure. The default is empty: not stated, and advice
   * then gives no figure.
   */
  default Optional<Duration> keepsResultsFor() {
    return Optional.empty();
  }

  /**
   * What the key and the account each have left. The default reads {@link #balance()} and reports
   * it as the account's.
   */
  default CompletableFuture<Balances> balances() {
    return balance().thenApply(balance -> new Balances(null, balance));
  }

  /**
   * The ids of the video models this key may use now, as the provider lists them (live, not the
   * catalog).
   *
   * @throws UnsupportedOperationException (in the future) when the provider cannot list them
   */
  default CompletableFuture<Set<String>> liveModels() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " does not list its live models"));
  }

  /**
   * Uploads a local video (already validated: MP4, MOV or WebM of at most 50 MB) and completes
   * with the URL to use in a job.
   */
  default CompletableFuture<URI> uploadVideo(Path video) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " cannot upload videos"));
  }

  /** Creates a follow-on task (extend or remix of an earlier task); completes with its first snapshot. */
  default CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(id() + " cannot extend or remix tasks"));
  }

  /**
   * {@link #createFollowOn(FollowOnRequest)} held back by {@code stopSending}, as
   * {@link #create(SubmitRequest, CompletionStage)} is.
   */
  default CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request, CompletionStage<?> stopSending) {
    return createFollowOn(request);
  }

  /**
   * {@link #createFollowOn(FollowOnRequest, CompletionStage)} telling {@code turns} about its wait for
   * a turn, as {@link #create(SubmitRequest, CompletionStage, CreateTurns)} does.
   */
  default CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request, CompletionStage<?> stopSending,
      CreateTurns turns) {
    return createFollowOn(request, stopSending);
  }

  /**
   * The request {@link #createFollowOn} would send, with the key masked; sends nothing. The
   * default says the provider cannot show one.
   */
  default RequestPreview previewFollowOn(FollowOnRequest request) {
    throw new UnsupportedOperationException(id() + " cannot show an extend or remix request");
  }

  /** Releases threads and connections; the default does nothing. */
  @Override
  default void close() {}
}
