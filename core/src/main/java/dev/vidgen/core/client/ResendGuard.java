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
abstract class ResendGuard implements RetryLoop.AfterServerError<TaskSnapshot> {
  private final CompletableFuture<JobHandle> caller;
  private final CompletableFuture<?> stopSending;
  private final AtomicBoolean warned = new AtomicBoolean();
  private final ResendReservations reservations;

  ResendGuard(BudgetLedger ledger, PriceQuote quote, CompletableFuture<JobHandle> caller,
      CompletableFuture<?> stopSending) {
    this.caller = caller;
    this.stopSending = stopSending;
    this.reservations = new ResendReservations(ledger, quote);
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

  /** True the first time only: the resend warning is said once per create. */
  final boolean firstResend() {
    return warned.compareAndSet(false, true);
  }

  @Override
  public final void failed(ProviderException failure) {
    if (failure.kind() == FailureKind.SERVER_ERROR) {
      reservations.answeredWithServerError();
    }
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
