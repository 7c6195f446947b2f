package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What a create (a submit's, a follow-on's) shares after a server error: it is not sent again once
 * its caller gave up or its stop signal is done, and each resend counts against the budget, of
 * which only the takes that may have made a task stay counted ({@link ResendReservations}).
 */
abstract class ResendGuard implements RetryLoop.AfterServerError<TaskSnapshot>, dev.vidgen.core.port.CreateTurns {
  private final java.util.concurrent.atomic.AtomicInteger blindResends = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger failedTakes = new java.util.concurrent.atomic.AtomicInteger();
  /** The failed takes that never reached the provider: no connection could be made for them. */
  private final java.util.concurrent.atomic.AtomicInteger unconnectedTakes =
      new java.util.concurrent.atomic.AtomicInteger();
  private final CompletableFuture<JobHandle> caller;
  private final CompletableFuture<?> stopSending;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final ResendReservations reservations;
  private final PriceQuote quote;
  private final int allowedBlindResends;
  private final CreateTakes takes;
  /** Whether some take was answered with a server error or not at all, and so may have made a task. */
  private volatile boolean mayHaveMadeTask;
  /** Whether a wait (for a turn, for a connection) was told to the takes and its {@link #leaving} not yet asked. */
  private volatile boolean toldTurn;
  /** What the take told to wait waits for, as "waited its turn under the rate limit". */
  private volatile String toldWait = TURN;
  private static final String TURN = "waited its turn under the rate limit";
  private static final String CONNECTION = "waited for one of the provider's connections";

  ResendGuard(BudgetLedger ledger, PriceQuote quote, CompletableFuture<JobHandle> caller,
      CompletableFuture<?> stopSending, int allowedBlindResends) {
    this(ledger, quote, caller, stopSending, allowedBlindResends, CreateTakes.NONE);
  }

  ResendGuard(BudgetLedger ledger, PriceQuote quote, CompletableFuture<JobHandle> caller,
      CompletableFuture<?> stopSending, int allowedBlindResends, CreateTakes takes) {
    this.takes = java.util.Objects.requireNonNull(takes, "takes == null");
    this.allowedBlindResends = allowedBlindResends;
    this.caller = caller;
    this.stopSending = stopSending;
    this.reservations = new ResendReservations(ledger, quote);
    this.quote = quote;
    caller.whenComplete((handle, failure) -> reservations.settle(failure == null));
  }

  /**
   * Reserves the price of one more take.
   *
   * @throws dev.vidgen.core.error.BudgetExceededException when the budget does not allow it
   */
  final void reserveResend() {
    reservations.reserveResend();
  }

  /**
   * Counts one resend of a create that cannot be looked up; false when it already had the retry
   * policy's {@code blindCreateResends} and must not go out again.
   */
  final boolean mayResendBlind() {
    return blindResends.incrementAndGet() <= allowedBlindResends;
  }

  /** The price of one take of the create. */
  final PriceQuote quote() {
    return quote;
  }

  /** Whether the create carries nothing to look it up by, so that each resend is blind. */
  abstract boolean blind();

  @Override
  public final boolean resendRefused() {
    // The budget too: a resend it would hold back is not announced (onRetry) nor waited for.
    return (blind() && blindResends.get() >= allowedBlindResends) || !reservations.resendFits();
  }

  /** " (N credits)" for {@code takes} takes at the create's price, or "" when the price is unknown. */
  final String upTo(int takes) {
    return quote.isKnown() ? " (" + quote.credits().multiply(java.math.BigDecimal.valueOf(takes)).toPlainString()
        + " credits" + (takes > 1 ? " in all" : "") + ")" : "";
  }

  /**
   * How the takes of a create that gave up on server errors went, after "was answered with a server error":
   * one answered so and not sent again (the server asked for a wait longer than the policy's, say, which is
   * named), more until the retries ran out, or a later take that failed otherwise.
   */
  final String howTakesEnded(ProviderException last) {
    if (last.kind() != dev.vidgen.core.policy.FailureKind.SERVER_ERROR) {
      return " and then failed";
    }
    if (serverErrors() <= 1) {
      return " and was not sent again" + last.retryAfter().map(wait -> " (the server asked to wait "
          + dev.vidgen.core.text.Waits.describe(wait) + ", longer than the retry policy waits)").orElse("");
    }
    return " and then with more until the retries ran out";
  }

  /** "each try answered with a server error may have made a task", or "that try …" when there was one. */
  final String triesThatMayHaveMadeATask() {
    return (serverErrors() <= 1 ? "that try" : "each try answered with a server error") + " may have made a task";
  }

  /** "once", "twice" or "N times". */
  static String times(int n) {
    return n == 1 ? "once" : n == 2 ? "twice" : n + " times";
  }

  /** How many takes of this create were answered with a server error so far. */
  final int serverErrors() {
    return reservations.serverErrors();
  }

  /**
   * For a create that made its task: how many earlier takes may have made a task of their own (those
   * answered with a server error, each then sent again blindly; for a create with a reference, those
   * not found by it within the look-up's grace and then sent again, which a late arrival would make a
   * second task of).
   */
  final int possibleExtraTasks() {
    return blind() ? serverErrors() : resentAfterLookUp.get();
  }

  /**
   * A take of a create with a reference was not found by it within the grace and is sent again: the
   * resend reserves its price, as the take looked up may still be listed late as a paid task.
   *
   * @throws dev.vidgen.core.error.BudgetExceededException when the budget does not allow the resend
   */
  final void resentAfterLookUp() {
    reservations.reserveResendAfterLookUp();
    resentAfterLookUp.incrementAndGet();
  }

  private final java.util.concurrent.atomic.AtomicInteger resentAfterLookUp =
      new java.util.concurrent.atomic.AtomicInteger();

  /**
   * Why one more take is over the budget, in words that fit a failure whose earlier takes were sent
   * (the exception's own message says nothing was sent).
   */
  static String overBudget(dev.vidgen.core.error.BudgetExceededException over) {
    String cost = over.quote().isKnown() ? PriceQuote.creditsInWords(over.quote().credits()) : "an unknown price";
    return "another take costs " + cost + " and " + over.budgetInWords();
  }

  /** True the first time only: the resend warning is said once per create. */
  final boolean firstResend() {
    return warned.compareAndSet(false, true);
  }

  @Override
  public final void failed(ProviderException failure) {
    failedTakes.incrementAndGet();
    if (failure.kind() == FailureKind.CONNECT_FAILED) {
      unconnectedTakes.incrementAndGet();
    }
    if (failure.kind() == FailureKind.SERVER_ERROR) {
      reservations.answeredWithServerError();
    }
    if (failure.kind() == FailureKind.SERVER_ERROR || failure.kind() == FailureKind.NO_RESPONSE) {
      mayHaveMadeTask = true;
    }
  }

  /**
   * A take waits its turn under the provider's rate limit: told to the caller's takes only while no
   * take so far can have made a task, as a backoff's wait is, since only then is none on its way.
   */
  @Override
  public final void waitingTurn(java.time.Duration delay) {
    if (mayHaveMadeTask) {
      return;
    }
    toldWait = TURN;
    toldTurn = true;
    takes.waitingTurn(delay);
  }

  /**
   * A take waits for one of the provider's connections: told to the caller's takes, as a wait for a turn
   * is, only while no take so far can have made a task.
   */
  @Override
  public final void waitingForConnection() {
    if (mayHaveMadeTask) {
      return;
    }
    toldWait = CONNECTION;
    toldTurn = true;
    takes.waitingForConnection();
  }

  /**
   * The take that waited its turn leaves once the caller's takes heard it ({@link CreateTakes#sendingAgain});
   * when they could not, it fails with a {@link SubmitNotSentException}: nothing of it was sent.
   */
  @Override
  public final java.util.concurrent.CompletionStage<?> leaving() {
    if (!toldTurn) {
      return CompletableFuture.completedFuture(null);
    }
    toldTurn = false;
    CompletableFuture<Void> heard = new CompletableFuture<>();
    try {
      takes.sendingAgain().whenComplete((any, failure) -> {
        if (failure == null) {
          heard.complete(null);
        } else {
          heard.completeExceptionally(heldBackInTurn(dev.vidgen.core.concurrent.AsyncFailures.unwrap(failure)));
        }
      });
    } catch (RuntimeException e) {
      heard.completeExceptionally(heldBackInTurn(e));
    }
    return heard;
  }

  /** Not sent: the take waited (its turn, a connection), and the caller could not hear it was leaving ({@code why}). */
  private SubmitNotSentException heldBackInTurn(Throwable why) {
    int refused = failedTakes();
    String said = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
    String clipped = dev.vidgen.core.text.SafeText.clip(said, 200);
    String waited = toldWait;
    return refused == 0
        ? new SubmitNotSentException("the create was not sent: it " + waited + ", and the caller"
            + " could not record that it was leaving (" + clipped + "); " + sentBeforeTheCreate())
        : new SubmitNotSentException("the create was not sent again: " + refusedHow(refused) + ", the"
            + " next " + waited + ", and the caller could not record that it was leaving ("
            + clipped + "); nothing more was sent", refused, unconnectedTakes.get());
  }

  /** What went out before the create, for a stop before its first take: "nothing was sent" unless files were uploaded. */
  String sentBeforeTheCreate() {
    return SubmitNotSentException.sentBeforeTheCreate(false);
  }

  /**
   * How the {@code refused} takes that made no task were turned away, for people: a 429 or a 503 is named
   * only when some take was answered at all, not when none could connect.
   */
  private String refusedHow(int refused) {
    int unconnected = unconnectedTakes.get();
    String takes = refused == 1 ? "its one take was" : "each of its " + refused + " takes was";
    if (unconnected >= refused) {
      return takes + " stopped before it reached the provider (no connection could be made), so no task was made";
    }
    return takes + " refused without making a task (as a 429 or a 503 is" + (unconnected > 0
        ? ", or a connection that could not be made" : "") + ")";
  }

  /** How many takes of this create went out and failed so far (0: none has, or none was answered yet). */
  final int failedTakes() {
    return failedTakes.get();
  }

  /**
   * What a create told to stop ends with when every take so far made nothing: {@code what} (as "the
   * create") was held back before it went out, or was not sent again after takes refused without a task.
   */
  final SubmitNotSentException notSent(String what) {
    int refused = failedTakes();
    return refused == 0
        ? new SubmitNotSentException(what + " was held back before it went out: it was told to stop sending; "
            + sentBeforeTheCreate())
        : new SubmitNotSentException(what + " was not sent again: it was told to stop sending, and "
            + refusedHow(refused), refused, unconnectedTakes.get());
  }

  @Override
  public final void waiting(java.time.Duration delay) {
    takes.waiting(delay);
  }

  @Override
  public final java.util.concurrent.CompletionStage<?> sendingAgain() {
    return takes.sendingAgain();
  }

  /**
   * Tells the caller's takes, before a take answered with a server error is sent again blind, how many
   * takes may each have made a task once it leaves; it leaves once the returned stage completes.
   */
  final CompletableFuture<Void> sendingAgainBlind() {
    int possibleTasks = serverErrors() + 1;
    try {
      return takes.sendingAgainBlind(possibleTasks).toCompletableFuture().thenApply(heard -> null);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Not sent again: the caller could not hear that a take was about to leave ({@code why}). */
  @Override
  public final RuntimeException heldBack(Throwable why) {
    int refused = failedTakes();
    String said = why.getMessage() == null ? why.getClass().getSimpleName() : why.getMessage();
    return new SubmitNotSentException("the create was not sent again: " + refusedHow(refused) + ", and"
        + " the caller could not record that the next was leaving (" + dev.vidgen.core.text.SafeText.clip(said, 200)
        + "); nothing more was sent", refused, unconnectedTakes.get());
  }

  @Override
  public final boolean mayResend() {
    return !caller.isDone() && !stopSending.isDone();
  }

  @Override
  public final void whenStopped(Runnable stopped) {
    caller.whenComplete((handle, failure) -> stopped.run());
    stopSending.whenComplete((any, failure) -> stopped.run());
  }
}
