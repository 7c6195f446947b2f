package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * Decides, with no sleeping, whether and when a failed provider call is tried again, as the
 * {@link FailureTable} says: 400/401/402/422 never; 429 with exponential backoff and jitter,
 * honouring {@code Retry-After}; 500/503 a few short retries; a connection that failed before
 * sending always; an unanswered create never blindly; a 404 on a status read of a task being
 * waited for, for a grace period ({@link #decideTaskNotFound}). Immutable and thread-safe.
 *
 * <p>Jitter only lengthens a wait: a retry never comes before the nominal backoff (1 s, 2 s,
 * 4 s, … for 429) nor before the server's {@code Retry-After}. See
 * {@code docs/retries-and-polling.md}.
 */
public final class RetryPolicy {
  private final int rateLimitRetries;
  private final Backoff rateLimitBackoff;
  private final int transientRetries;
  private final Backoff transientBackoff;
  private final Duration maxRetryAfter;
  private final Duration retryAfterJitter;
  private final int notFoundRetries;
  private final Backoff notFoundBackoff;
  private final int blindCreateResends;

  private RetryPolicy(Builder builder) {
    this.rateLimitRetries = builder.rateLimitRetries;
    this.rateLimitBackoff = builder.rateLimitBackoff;
    this.transientRetries = builder.transientRetries;
    this.transientBackoff = builder.transientBackoff;
    this.maxRetryAfter = builder.maxRetryAfter;
    this.retryAfterJitter = builder.retryAfterJitter;
    this.notFoundRetries = builder.notFoundRetries;
    this.notFoundBackoff = builder.notFoundBackoff;
    this.blindCreateResends = builder.blindCreateResends;
  }

  /**
   * How often a create that carries no client reference (so its task cannot be looked up) is sent
   * again after server errors, within {@link Builder#transientRetries}: each take answered 500 may
   * have made a paid task.
   */
  public int blindCreateResends() {
    return Math.min(blindCreateResends, transientRetries);
  }

  /** The policy vidgen uses unless told otherwise. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** A policy that retries nothing (an unanswered create is still reported as ambiguous). */
  public static RetryPolicy never() {
    return builder().rateLimitRetries(0).transientRetries(0).notFoundRetries(0).blindCreateResends(0).build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy's settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * The decision after {@code failedAttempts} failures in a row (1 after the first failure).
   *
   * @param retryAfter the server's hint, or null
   * @param random the source of jitter
   * @throws IllegalArgumentException when {@code failedAttempts} is below 1
   */
  public RetryDecision decide(
      Operation operation, FailureKind kind, int failedAttempts, Duration retryAfter, RandomGenerator random) {
    return decideAnswered(operation, kind, 0, failedAttempts, retryAfter, random);
  }

  /**
   * {@link #decide}, for a failure that came with {@code httpStatus} (0 when no answer came): the same
   * decision, whose reason says that an answer came and could not be read when a call of kind {@link
   * FailureKind#NO_RESPONSE} got one (an HTML page sent with HTTP 200, say), not that it was never answered.
   */
  public RetryDecision decideAnswered(Operation operation, FailureKind kind, int httpStatus, int failedAttempts,
      Duration retryAfter, RandomGenerator random) {
    Objects.requireNonNull(operation, "operation == null");
    Objects.requireNonNull(kind, "kind == null");
    Objects.requireNonNull(random, "random == null");
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    String what = label(operation) + ": " + FailureText.of(kind, httpStatus);
    FailureTable.Row row = FailureTable.row(kind);
    if (operation == Operation.CREATE && row.create() == FailureTable.CreateStep.LOOK_UP) {
      return new RetryDecision.Ambiguous(
          what + "; the task may exist and be billed, so the create is not sent again blindly");
    }
    if (row.retry() == FailureTable.Retry.NEVER || row.retry() == FailureTable.Retry.NOT_FOUND_GRACE) {
      return new RetryDecision.GiveUp(what + "; never retried");
    }
    boolean rateLimited = row.retry() == FailureTable.Retry.RATE_LIMIT_BACKOFF;
    int allowed = rateLimited ? rateLimitRetries : transientRetries;
    if (failedAttempts > allowed) {
      return new RetryDecision.GiveUp(what + "; gave up after " + allowed + " retr" + (allowed == 1 ? "y" : "ies"));
    }
    String retry = what + "; retry " + failedAttempts + " of " + allowed + " in ";
    Duration backoff = (rateLimited ? rateLimitBackoff : transientBackoff).delay(failedAttempts, random);
    if (retryAfter != null) {
      return honour(retryAfter.isNegative() ? Duration.ZERO : retryAfter, backoff, what, retry, random);
    }
    return new RetryDecision.Retry(backoff, retry + FailureText.seconds(backoff) + " (backoff)");
  }

  /**
   * The decision after a status read of a task this client created and is waiting on answered
   * "not found" {@code failedAttempts} times in a row: such an answer can pass (the provider has
   * not caught up yet), so it is retried with backoff for a grace period before it is believed.
   */
  public RetryDecision decideTaskNotFound(int failedAttempts, RandomGenerator random) {
    Objects.requireNonNull(random, "random == null");
    if (failedAttempts < 1) {
      throw new IllegalArgumentException("failedAttempts must be at least 1: " + failedAttempts);
    }
    String what = "read: " + FailureText.of(FailureKind.NOT_FOUND) + " for a task this client created";
    if (failedAttempts > notFoundRetries) {
      return new RetryDecision.GiveUp(what + "; believed after " + notFoundRetries + " retr"
          + (notFoundRetries == 1 ? "y" : "ies"));
    }
    Duration delay = notFoundBackoff.delay(failedAttempts, random);
    return new RetryDecision.Retry(delay, what + "; retry " + failedAttempts + " of " + notFoundRetries + " in "
        + FailureText.seconds(delay) + " (grace before it is believed)");
  }

  /**
   * The longest the grace of {@link #decideTaskNotFound} waits in all, each of its waits at its
   * longest: how long a look-up of a fresh task may go on before "not found" is believed.
   */
  public Duration notFoundGraceAtMost() {
    Duration total = Duration.ZERO;
    for (int retry = 1; retry <= notFoundRetries; retry++) {
      total = total.plus(notFoundBackoff.atMost(retry));
    }
    return total;
  }

  /**
   * The server's hint is the least wait, never the most: a hint shorter than the backoff (a {@code
   * Retry-After: 0}, or a date already past) leaves the backoff in place, so retries never hammer.
   */
  private RetryDecision honour(Duration hint, Duration backoff, String what, String retry, RandomGenerator random) {
    if (hint.compareTo(maxRetryAfter) > 0) {
      return new RetryDecision.GiveUp(
          what + "; the server asked to wait " + FailureText.seconds(hint) + " (Retry-After), longer than the "
              + FailureText.seconds(maxRetryAfter) + " vidgen waits at most before a retry");
    }
    Duration asked = hint.plusMillis((long) Math.floor(random.nextDouble() * retryAfterJitter.toMillis()));
    if (backoff.compareTo(asked) > 0) {
      return new RetryDecision.Retry(backoff, retry + FailureText.seconds(backoff) + " (backoff, longer than"
          + " Retry-After " + FailureText.seconds(hint) + ")");
    }
    return new RetryDecision.Retry(
        asked, retry + FailureText.seconds(asked) + " (Retry-After " + FailureText.seconds(hint) + ")");
  }

  private static String label(Operation operation) {
    return switch (operation) {
      case CREATE -> "create";
      case READ -> "read";
      case UPLOAD -> "upload";
      case DOWNLOAD -> "download";
    };
  }

  @Override
  public String toString() {
    return "RetryPolicy[429: " + rateLimitRetries + " retries " + rateLimitBackoff + "; 5xx/network: "
        + transientRetries + " retries " + transientBackoff + "; Retry-After up to " + maxRetryAfter
        + " + " + retryAfterJitter + "; 404 of a created task: " + notFoundRetries + " retries " + notFoundBackoff
        + "; a create without a client reference resent after 500: " + blindCreateResends() + " times]";
  }

  /** Tunes a {@link RetryPolicy}; every setting has a sensible default. Not thread-safe. */
  public static final class Builder {
    private int rateLimitRetries = 6;
    private Backoff rateLimitBackoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    private int transientRetries = 3;
    private Backoff transientBackoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(2), 0.2);
    private Duration maxRetryAfter = Duration.ofSeconds(120);
    private Duration retryAfterJitter = Duration.ofSeconds(1);
    private int notFoundRetries = 5;
    private Backoff notFoundBackoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(30), 0.2);
    private int blindCreateResends = 1;

    private Builder() {}

    private Builder(RetryPolicy policy) {
      rateLimitRetries = policy.rateLimitRetries;
      rateLimitBackoff = policy.rateLimitBackoff;
      transientRetries = policy.transientRetries;
      transientBackoff = policy.transientBackoff;
      maxRetryAfter = policy.maxRetryAfter;
      retryAfterJitter = policy.retryAfterJitter;
      notFoundRetries = policy.notFoundRetries;
      notFoundBackoff = policy.notFoundBackoff;
      blindCreateResends = policy.blindCreateResends;
    }

    /** Retries after HTTP 429 before giving up (default 6). */
    public Builder rateLimitRetries(int retries) {
      this.rateLimitRetries = requireRetries(retries);
      return this;
    }

    /**
     * The first wait after HTTP 429 with no {@code Retry-After}, doubled on each retry up to
     * {@code cap} (default 1 s doubling to 30 s).
     */
    public Builder rateLimitBackoff(Duration first, Duration cap) {
      this.rateLimitBackoff = new Backoff(first, cap, rateLimitBackoff.jitter());
      return this;
    }

    /** Retries after 500, 503 and network failures before giving up (default 3). */
    public Builder transientRetries(int retries) {
      this.transientRetries = requireRetries(retries);
      return this;
    }

    /**
     * How often a create without a client reference (an extend, a remix, a route that takes none) is
     * sent again after a server error (default 1; 0 never): each take answered 500 may have made a
     * paid task that cannot be looked up. Never more than {@link #transientRetries}.
     */
    public Builder blindCreateResends(int resends) {
      this.blindCreateResends = requireRetries(resends);
      return this;
    }

    /** The first wait after 500, 503 or a network failure, doubled up to {@code cap} (default 0.5 s to 2 s). */
    public Builder transientBackoff(Duration first, Duration cap) {
      this.transientBackoff = new Backoff(first, cap, transientBackoff.jitter());
      return this;
    }

    /**
     * Retries of a status read that answered "not found" for a task this client created and is
     * waiting on, before the answer is believed (default 5: about a minute with the default backoff).
     */
    public Builder notFoundRetries(int retries) {
      this.notFoundRetries = requireRetries(retries);
      return this;
    }

    /** The first wait after such a "not found", doubled up to {@code cap} (default 2 s doubling to 30 s). */
    public Builder notFoundBackoff(Duration first, Duration cap) {
      this.notFoundBackoff = new Backoff(first, cap, notFoundBackoff.jitter());
      return this;
    }

    /** Backoff waits grow at random by up to this share (default 0.2, i.e. up to +20 %). */
    public Builder jitter(double jitter) {
      this.rateLimitBackoff = new Backoff(rateLimitBackoff.first(), rateLimitBackoff.cap(), jitter);
      this.transientBackoff = new Backoff(transientBackoff.first(), transientBackoff.cap(), jitter);
      this.notFoundBackoff = new Backoff(notFoundBackoff.first(), notFoundBackoff.cap(), jitter);
      return this;
    }

    /** The longest {@code Retry-After} honoured; a longer hint gives up and reports it (default 120 s). */
    public Builder maxRetryAfter(Duration max) {
      this.maxRetryAfter = DurationChecks.requireNotNegative(max, "maxRetryAfter");
      return this;
    }

    /** Up to this much is added at random to a {@code Retry-After} hint (default 1 s). */
    public Builder retryAfterJitter(Duration jitter) {
      this.retryAfterJitter = DurationChecks.requireNotNegative(jitter, "retryAfterJitter");
      return this;
    }

    /** A policy with these settings; any not set keep their defaults. */
    public RetryPolicy build() {
      return new RetryPolicy(this);
    }

    private static int requireRetries(int retries) {
      if (retries < 0 || retries > 100) {
        throw new IllegalArgumentException("retries must be from 0 to 100: " + retries);
      }
      return retries;
    }
  }
}
