package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Money before paying: what the key and the account have left is read (the smaller of the two
 * counts), then counted down locally by every quote sent; a job that costs more than what is left
 * is refused before anything is sent, after one more read (a top-up since counts). A read older
 * than five minutes is made again, for clients that live long. A provider that reports no balance
 * is not checked; a balance that cannot be read (or does not answer within {@link #READ_TIMEOUT})
 * before any read succeeded lets the job go on with a warning, and after one, leaves its count standing; it
 * is not asked for again within {@link #UNREAD_RESPITE}, nor after the client's own balance read failed.
 */
final class AccountFunds {
  /** The error code of a refusal, as the provider's own 402 answer has it. */
  static final String INSUFFICIENT_QUOTA = "insufficient_credits";
  /** A long-lived client (the playground, a server) reads the balances again after this. */
  static final java.time.Duration READ_AGAIN_AFTER = java.time.Duration.ofMinutes(5);
  /** Before refusing a job, the balances are read again unless they were read this recently. */
  static final java.time.Duration MIN_READ_GAP = java.time.Duration.ofSeconds(2);
  /**
   * How long a job waits for the balances before it goes on without the check, as for the live model
   * list: the read is free and failing it only draws a warning, so the provider's call timeout (two
   * minutes on some) is not waited out in silence.
   */
  static final java.time.Duration READ_TIMEOUT = LiveModelCheck.READ_TIMEOUT;
  /**
   * A balance that could not be read (no answer, a server error), here or by the client's own {@link
   * VidgenClient#balances} just before (the playground's read before a Generate, a batch's first look), is not
   * asked for again for this long: the job right after goes on unchecked instead of waiting a second time
   *. Three read timeouts, so it covers that job's uploads; a job a minute later reads again.
   */
  static final java.time.Duration UNREAD_RESPITE = java.time.Duration.ofMinutes(1);

  private final ClientRuntime runtime;
  private final boolean enabled;
  private final Object lock = new Object();
  private CompletableFuture<Optional<Balances>> read;
  /** When the balances were last asked for; null before. */
  private java.time.Instant readAt;
  /** The last balances read, for a refusal's words; null before. */
  private Balances lastRead;
  /** The last read that failed (other than a refused key), while no read succeeded since; null otherwise. */
  private Unread unread;
  /** What is left after the quotes sent; null until read, or when unlimited or unknown. */
  private BigDecimal left;
  /**
   * The quotes taken whose create has not been answered: the provider's balance does not show them
   * yet, so a fresh read is counted less these.
   */
  private BigDecimal unsettled = BigDecimal.ZERO;
  /** The quotes taken and not yet settled or released, by identity (two jobs may cost the same). */
  private final java.util.Set<PriceQuote> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Models whose unknown price was already warned about, so that a batch draws one warning per model. */
  private final java.util.Set<String> warnedUnknown = new java.util.HashSet<>();
  /** Whether a rate of credits to dollars other than vidgen's was already warned about: once per client. */
  private boolean warnedRate;

  AccountFunds(ClientRuntime runtime, boolean enabled) {
    this.runtime = runtime;
    this.enabled = enabled;
  }

  /** Takes {@code quote} from what is left; fails with an {@link InsufficientQuotaException} when it does not fit. */
  CompletableFuture<Void> reserve(PriceQuote quote) {
    if (!enabled) {
      return CompletableFuture.completedFuture(null);
    }
    return balances(false).thenCompose(balances -> {
      // A read that failed leaves the count of an earlier one standing (take sees no count before any read).
      if (take(quote) != Fit.SHORT) {
        return CompletableFuture.completedFuture(null);
      }
      // What was read may be old (a long-lived client, a top-up since): read again before refusing. A read
      // that fails is no news: the count still holds, and the job is refused on it.
      return balances(true).thenApply(fresh -> {
        synchronized (lock) {
          if (take(quote) == Fit.SHORT) {
            throw new CompletionException(refusal(quote, left, lastRead));
          }
          return null;
        }
      });
    });
  }

  /** Whether a quote fits what is left. */
  private enum Fit { TAKEN, UNCHECKED, SHORT }

  /**
   * A balance read that failed at {@code at} for {@code why}; {@code told} when it was the client's own read, whose
   * caller learnt it (and said it), so that the jobs after it draw no warning of their own.
   */
  private record Unread(java.time.Instant at, String why, boolean told) {}

  /** Takes {@code quote} from what is left when it fits. */
  private Fit take(PriceQuote quote) {
    synchronized (lock) {
      if (left == null) {
        return Fit.UNCHECKED;
      }
      if (!quote.isKnown()) {
        if (left.signum() <= 0) {
          return Fit.SHORT; // whatever it costs, nothing is left to pay it with
        }
        if (warnedUnknown.add(quote.model())) {
          runtime.events().warning("price.unknown", "the price of " + quote.model() + " is unknown (" + quote.basis()
              + "), so it cannot be compared with the " + PriceQuote.creditsInWords(left) + " left; a job of this model is sent without that check");
        }
        return Fit.UNCHECKED;
      }
      if (quote.credits().compareTo(left) > 0 || quote.credits().signum() == 0 && left.signum() <= 0) {
        return Fit.SHORT; // a price of 0 may be one typed wrong: with nothing left, nothing could pay the real one
      }
      left = left.subtract(quote.credits());
      unsettled = unsettled.add(quote.credits());
      taken.add(quote);
      return Fit.TAKEN;
    }
  }

  /** Gives back {@code quote} for a job whose task surely was not created (when it was taken). */
  void release(PriceQuote quote) {
    synchronized (lock) {
      if (taken.remove(quote)) {
        unsettled = unsettled.subtract(quote.credits());
        if (left != null) {
          left = left.add(quote.credits());
        }
      }
    }
  }

  /**
   * A create of {@code quote} was sent again after a server error that may have made a paid task of
   * its own: what is left drops by its price once more (it was sent: nothing is refused here).
   */
  void spentAgain(PriceQuote quote) {
    synchronized (lock) {
      if (left != null && quote.isKnown()) {
        left = left.subtract(quote.credits()).max(BigDecimal.ZERO);
      }
    }
  }

  /**
   * {@code quote}'s create was answered, or may have made its task: the provider's balance shows it
   * from now on (when it was taken).
   */
  void settle(PriceQuote quote) {
    synchronized (lock) {
      if (taken.remove(quote)) {
        unsettled = unsettled.subtract(quote.credits());
      }
    }
  }

  /**
   * Whether {@code failure} is the provider refusing the key: HTTP 401, or an account read answered HTTP 200
   * {@code success: false} in words that blame the key (the provider's own shape for account errors, which it
   * maps to an authentication failure only then). No other call can work either, so a job stops before its
   * uploads and its create instead of going on unchecked. A 403 is not: a key may lack only the account reads.
   */
  static boolean isRefusedKey(Throwable failure) {
    return failure instanceof dev.vidgen.core.error.AuthenticationException refused && refused.refusesKey();
  }

  /** What is left after the quotes sent so far, when known and limited. */
  Optional<BigDecimal> remaining() {
    synchronized (lock) {
      return Optional.ofNullable(left);
    }
  }

  /**
   * The client's own balance read ({@link VidgenClient#balances} or {@link VidgenClient#balance}) ended with {@code
   * failure} (null when it answered): one that failed other than by a refused key, a provider that reports no balance
   * or its caller abandoning it starts an {@link #UNREAD_RESPITE}, told to its caller already; one that answered ends
   * it.
   */
  void heard(Throwable failure) {
    if (!enabled) {
      return;
    }
    Throwable cause = failure == null ? null : AsyncFailures.unwrap(failure);
    synchronized (lock) {
      if (cause == null) {
        unread = null;
      } else if (cause instanceof dev.vidgen.core.error.ProviderException && !isRefusedKey(cause)) {
        unread = new Unread(runtime.time().now(), String.valueOf(cause.getMessage()), true);
      }
    }
  }

  /**
   * The balances as read, read again when {@code again} (unless the last read is a moment old),
   * when the last read failed (not within {@link #UNREAD_RESPITE}), or when it is older than {@link
   * #READ_AGAIN_AFTER}.
   */
  private CompletableFuture<Optional<Balances>> balances(boolean again) {
    String unchecked;
    synchronized (lock) {
      java.time.Instant now = runtime.time().now();
      boolean stale = readAt != null && (again ? readAt.plus(MIN_READ_GAP).isBefore(now)
          : readAt.plus(READ_AGAIN_AFTER).isBefore(now));
      boolean wouldRead = read == null || read.isCompletedExceptionally() || (read.isDone() && stale);
      if (wouldRead && unread != null && !unread.at().plus(UNREAD_RESPITE).isBefore(now)) {
        // Just failed: not waited for again. A count read before still stands; without one the job goes unchecked,
        // said as after the read that failed (unless the client's own read failed: its caller said it).
        unchecked = !again && !unread.told() && lastRead == null ? unread.why() : null;
      } else if (wouldRead) {
        return readNow(again, now);
      } else {
        return read;
      }
    }
    if (unchecked != null) {
      warnUnchecked(unchecked);
    }
    return CompletableFuture.completedFuture(Optional.empty());
  }

  /** {@link #balances} under the lock, once a read is due: a new read, shared by the jobs that ask meanwhile. */
  private CompletableFuture<Optional<Balances>> readNow(boolean again, java.time.Instant now) {
    readAt = now;
    read = withinReadTimeout(Futures.attempt(() -> runtime.provider().balances())).handle((balances, failure) -> {
      if (failure == null) {
        synchronized (lock) {
          unread = null;
          lastRead = balances;
          warnOfAnotherRate(balances);
          // The quotes of creates still on their way are not in the provider's figure yet.
          left = balances.effectiveRemaining().map(fresh -> fresh.subtract(unsettled)).orElse(null);
        }
        return Optional.of(balances);
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (isRefusedKey(cause)) {
        synchronized (lock) {
          read = null;
        }
        throw new CompletionException(cause);
      }
      if (!(cause instanceof UnsupportedOperationException)) {
        if (!again) {
          warnUnchecked(String.valueOf(cause.getMessage()));
        }
        synchronized (lock) {
          read = null;
          unread = new Unread(runtime.time().now(), String.valueOf(cause.getMessage()), false);
        }
      }
      return Optional.empty();
    });
    return read;
  }

  /** Says that a job goes out without the balance check, because the balance could not be read ({@code why}). */
  private void warnUnchecked(String why) {
    runtime.events().warning("balance.unreadable", "the balance of " + runtime.provider().id()
        + " could not be read (" + why + "); the job is sent without a balance check");
  }

  /**
   * A copy of {@code asked} that fails with a {@link java.util.concurrent.TimeoutException} once {@link
   * #READ_TIMEOUT} has passed, on the client's scheduler (virtual time applies); the read left behind is
   * cancelled, so that its connection is let go.
   */
  private CompletableFuture<Balances> withinReadTimeout(CompletableFuture<Balances> asked) {
    if (asked.isDone()) {
      return asked;
    }
    CompletableFuture<Balances> bounded = new CompletableFuture<>();
    asked.whenComplete((balances, failure) -> {
      if (failure == null) {
        bounded.complete(balances);
      } else {
        bounded.completeExceptionally(failure);
      }
    });
    Scheduling.Cancellable timer = runtime.time().after(READ_TIMEOUT, () -> {
      if (bounded.completeExceptionally(new java.util.concurrent.TimeoutException("no answer within "
          + READ_TIMEOUT.toSeconds() + " s"))) {
        asked.cancel(true);
      }
    });
    bounded.whenComplete((balances, failure) -> timer.cancel());
    return bounded;
  }

  /**
   * Prices are turned from dollars into credits at {@link PriceQuote#CREDITS_PER_USD}; a provider that reports
   * another rate makes every such count (quotes, budgets, this check) off by that factor, which is said once, as is
   * a rate it states that vidgen cannot use (its own is used instead).
   */
  private void warnOfAnotherRate(Balances balances) {
    BigDecimal rate = balances.reportedCreditsPerUsd().orElse(null);
    String unusable = balances.unusableCreditsPerUsd().orElse(null);
    if (!warnedRate && unusable != null) {
      // A rate stated that vidgen cannot use is replaced by its own, as a missing one is, but not silently.
      warnedRate = true;
      runtime.events().warning("balance.rate", Balance.unusableRateWords(unusable) + ": vidgen assumes "
          + PriceQuote.CREDITS_PER_USD + ", as when the provider states none, when it turns a price in dollars into"
          + " credits; check the provider's prices");
      return;
    }
    if (warnedRate || rate == null || rate.compareTo(PriceQuote.CREDITS_PER_USD) == 0) {
      return;
    }
    warnedRate = true;
    runtime.events().warning("balance.rate", "the provider reports " + rate.toPlainString() + " credits per US"
        + " dollar, but vidgen assumes " + PriceQuote.CREDITS_PER_USD + " when it turns a price in dollars into"
        + " credits: quotes, budgets and this balance check may be off by that factor; check the provider's prices");
  }

  private InsufficientQuotaException refusal(PriceQuote quote, BigDecimal left, Balances balances) {
    String who = balances.limitedBy();
    String taken = balances.effectiveRemaining().filter(first -> first.compareTo(left) > 0)
        .map(first -> " (after " + PriceQuote.creditsInWords(first.subtract(left)) + " for the jobs this client already sent)")
        .orElse("");
    boolean zero = quote.isKnown() && quote.credits().signum() == 0;
    String message = (zero ? quote.model() + " is priced 0 (" + quote.basis() + ")"
        : quote.isKnown() ? quote.model() + " costs " + PriceQuote.creditsInWords(quote.credits())
        : "the price of " + quote.model() + " is unknown") + " but the " + who
        + " has " + PriceQuote.creditsInWords(left) + " left" + taken + "; nothing was sent;"
        + (zero ? " a price of 0 may be one typed wrong, and then nothing can pay the real one: give the route its"
            + " real price, and" : "")
        // A key is not topped up: its quota is raised (in the provider's console), or another key used.
        + (who.equals("key") ? " raise the key's quota or use another key" + (zero ? "" : ",") : " top up the " + who)
        + (zero ? "" : " or choose a cheaper job");
    return new InsufficientQuotaException(
        ProviderErrorDetails.of(runtime.provider().id(), 0, INSUFFICIENT_QUOTA, message), null, quote);
  }
}
