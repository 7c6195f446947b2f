package dev.vidgen.core.client;

import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client's budget, shared by every job it submits: a job's price is taken once the checks that
 * may refuse it without sending anything (the live model list, the account's funds) have passed,
 * before anything is sent, and given back only when the task surely was not created (a failed upload,
 * a create the provider refused). An unanswered create keeps its price, since it may be billed.
 */
final class BudgetLedger {
  private final AtomicReference<Budget> remaining;
  private final Budget whole; // as given: a refusal before anything is taken says the budget, not what is left
  private final boolean allowUnknownPrices;

  BudgetLedger(Budget budget) {
    this(budget, false);
  }

  /** With {@code allowUnknownPrices}, a job of unknown price passes a limited budget and takes nothing from it. */
  BudgetLedger(Budget budget, boolean allowUnknownPrices) {
    this.remaining = new AtomicReference<>(budget);
    this.whole = budget;
    this.allowUnknownPrices = allowUnknownPrices;
  }

  /**
   * Takes {@code quote} from the budget.
   *
   * @throws BudgetExceededException when it does not fit (an unknown price never fits a limited budget)
   */
  void reserve(PriceQuote quote) {
    if (allowUnknownPrices && !quote.isKnown()) {
      return;
    }
    Budget before;
    do {
      before = remaining.get();
      if (!before.allows(quote)) {
        throw new BudgetExceededException(quote, before.remaining().orElseThrow(), before.equals(whole));
      }
    } while (!remaining.compareAndSet(before, before.spend(quote)));
  }

  /**
   * Throws as {@link #reserve} would when {@code quote} does not fit what is left now, taking nothing: the look a
   * submit makes before its checks, so that a job over the budget is refused at once, before anything is read.
   *
   * @throws BudgetExceededException when it does not fit
   */
  void requireRoom(PriceQuote quote) {
    if (allowUnknownPrices && !quote.isKnown()) {
      return;
    }
    Budget now = remaining.get();
    if (!now.allows(quote)) {
      throw new BudgetExceededException(quote, now.remaining().orElseThrow(), now.equals(whole));
    }
  }

  /** Whether {@link #reserve} would take {@code quote} now (a look only: nothing is taken). */
  boolean allows(PriceQuote quote) {
    return (allowUnknownPrices && !quote.isKnown()) || remaining.get().allows(quote);
  }

  /** Gives back what {@link #reserve} took for a job whose task was never created. */
  void release(PriceQuote quote) {
    remaining.updateAndGet(budget -> budget.isUnlimited() || !quote.isKnown()
        ? budget
        : Budget.ofCredits(budget.remaining().orElseThrow().add(quote.credits())));
  }

  /** What may still be spent. */
  Budget remaining() {
    return remaining.get();
  }
}
