package dev.vidgen.core.client;

import dev.vidgen.core.pricing.PriceQuote;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The budget of a create that is sent again after a take of unknown outcome: each resend reserves its
 * price once more (a take answered 500, or one without an answer that a look-up by client reference
 * did not find, may have been paid), and when the create ends, only the takes that may have made a
 * task stay counted (those answered 500, those sent again after a look-up, and the one that
 * succeeded); the others are given back.
 */
final class ResendReservations {
  private final BudgetLedger ledger;
  private final PriceQuote quote;
  /** Reservations made beyond the submit's own. */
  private final AtomicInteger extra = new AtomicInteger();
  private final AtomicInteger serverErrors = new AtomicInteger();
  /** Takes not found by their client reference and sent again: each may still arrive as a task. */
  private final AtomicInteger resentAfterLookUp = new AtomicInteger();

  ResendReservations(BudgetLedger ledger, PriceQuote quote) {
    this.ledger = ledger;
    this.quote = quote;
  }

  /**
   * Reserves the price of one more take.
   *
   * @throws dev.vidgen.core.error.BudgetExceededException when the budget does not allow it
   */
  void reserveResend() {
    ledger.reserve(quote);
    extra.incrementAndGet();
  }

  /**
   * Reserves the price of one more take after a look-up by client reference found none: the take
   * looked up stays counted, since it may still be listed late as a task of its own.
   *
   * @throws dev.vidgen.core.error.BudgetExceededException when the budget does not allow it
   */
  void reserveResendAfterLookUp() {
    reserveResend();
    resentAfterLookUp.incrementAndGet();
  }

  /** Whether the budget allows one more take now (a look only: {@link #reserveResend} still decides). */
  boolean resendFits() {
    return ledger.allows(quote);
  }

  /** How many takes were answered with a server error. */
  int serverErrors() {
    return serverErrors.get();
  }

  /** A take was answered with a server error: it may have made a paid task. */
  void answeredWithServerError() {
    serverErrors.incrementAndGet();
  }

  /** The create ended; {@code succeeded} when its last take made the task. Gives back the takes that made nothing. */
  void settle(boolean succeeded) {
    int keep = Math.max(1, serverErrors.get() + (succeeded ? 1 : 0)) + resentAfterLookUp.get();
    for (int excess = 1 + extra.getAndSet(0) - keep; excess > 0; excess--) {
      ledger.release(quote);
    }
  }
}
