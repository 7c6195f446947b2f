package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The playground's check of a job's price against the balances read just before it is sent, as a
 * {@code vidgen generate} (a fresh process) checks it: the smaller of the key's quota and the
 * account's credits. A long-lived client counts down a read that may be minutes old, which misses
 * a quota lowered since (in the provider's console); this read does not.
 */
final class FundsCheck {
  /** The code of a refusal before sending, as the client's own refusal has it. */
  static final String INSUFFICIENT_CREDITS = "insufficient_credits";

  private FundsCheck() {}

  /**
   * Completes when {@code quote} fits what the key and the account have left now, or when that cannot
   * be told (an unknown price, unlimited balances, a read that failed: the client's own check still
   * runs), with why the balance could not be read, if it could not; fails with an {@link
   * InsufficientQuotaException} (nothing sent) when it does not fit.
   */
  static CompletableFuture<Optional<String>> before(VidgenClient client, PriceQuote quote) {
    // Read for every Generate, whatever the client counts: a balance unlimited at its last read (minutes old) may be
    // limited now, and a read is free. A job of unknown price is compared with nothing, but an unreadable balance is
    // still said, as vidgen generate says it. Checked before the uploads, so a refusal uploads nothing either.
    if (quote == null) {
      return CompletableFuture.completedFuture(Optional.empty());
    }
    CompletableFuture<Balances> read;
    try {
      read = client.balancesAsync();
    } catch (RuntimeException unreadable) {
      return CompletableFuture.completedFuture(unreported(unreadable) ? Optional.empty()
          : Optional.of(unread(client, quote, unreadable)));
    }
    return read.handle((balances, failure) -> {
      if (failure != null) {
        // No news: the job goes out on the client's own check (its count, or its own read before the create).
        Throwable cause = dev.vidgen.core.concurrent.AsyncFailures.unwrap(failure);
        return unreported(cause) ? Optional.<String>empty() : Optional.of(unread(client, quote, cause));
      }
      Optional<BigDecimal> left = balances.effectiveRemaining();
      if (quote.isKnown() && left.isPresent() && quote.credits().compareTo(left.get()) > 0) {
        throw new CompletionException(refusal(client.provider().id(), quote, left.get(), balances.limitedBy()));
      }
      return Optional.empty();
    });
  }

  /** Whether {@code cause} is a provider that reports no balance at all: nothing to warn of. */
  private static boolean unreported(Throwable cause) {
    return cause instanceof UnsupportedOperationException;
  }

  /** What a Generate of {@code quote} sent without a fresh balance read is told, as {@code vidgen generate} warns it. */
  static String unread(VidgenClient client, PriceQuote quote, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    // The client's count exists only once a limited balance was read and a create sent on it: say which is true.
    Optional<BigDecimal> counted = client.remainingCredits();
    String refused = " (a create the account cannot pay is refused by the provider, nothing billed)";
    String sent = !quote.isKnown() ? "the job was sent without a balance check (its price is unknown too)"
        : counted.isPresent() ? "the job was sent on the playground's own count of what is left, "
            + PriceQuote.creditsInWords(counted.get()) + " (the last balance read, less the jobs sent since)" + refused
        : "the job was sent without a balance check: the playground has no count of what is left (no limited balance"
            + " was read before a job yet)" + refused;
    return "the balance of " + client.provider().id() + " could not be read (" + why + "); " + sent;
  }

  private static InsufficientQuotaException refusal(String providerId, PriceQuote quote, BigDecimal left,
      String limitedBy) {
    String message = quote.model() + " costs " + PriceQuote.creditsInWords(quote.credits()) + " but the " + limitedBy
        + " has " + PriceQuote.creditsInWords(left) + " left; nothing was sent";
    return new InsufficientQuotaException(ProviderErrorDetails.of(providerId, 0, INSUFFICIENT_CREDITS, message), null,
        quote);
  }

  /**
   * What to do about a job refused for its price, worded by what is short: the key's quota (raised
   * in the provider's console, or another key) or the account's credits (a top-up); either way a
   * cheaper job fits. The provider's key variable and addresses are {@code terms}'.
   */
  static String advice(String limitedBy, ProviderTerms terms) {
    if ("key".equals(limitedBy)) {
      return "the key's quota is what is short, not the account: raise the key's quota in " + terms.console()
          + " or use another key (" + terms.keyVariable() + ", then start vidgen serve again), or choose a shorter"
          + " or cheaper job";
    }
    String where = terms.isToApis() ? " at https://toapis.com" : " with the provider";
    if ("account".equals(limitedBy)) {
      return "the account's credits are what is short: top up the account" + where + ", or choose a shorter"
          + " or cheaper job";
    }
    return "top up the account, or raise the key's quota," + where + " (vidgen balance shows which is short),"
        + " or choose a cheaper job";
  }

  /**
   * Which balance a refusal before sending names ({@code key} or {@code account}), read from the
   * words vidgen itself wrote ("but the key has …"); empty for the provider's own answer.
   */
  static Optional<String> shortOf(InsufficientQuotaException refused) {
    if (refused.refusedQuote().isEmpty() || refused.httpStatus() != 0) {
      return Optional.empty();
    }
    String message = refused.details().message();
    return message.contains(" but the key has ") ? Optional.of("key")
        : message.contains(" but the account has ") ? Optional.of("account") : Optional.empty();
  }
}
