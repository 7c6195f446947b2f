package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.ZeroPrices;
import java.math.BigDecimal;

/** The funds check of a dry run ({@code generate}, {@code extend}, {@code remix}, {@code batch}), as the real run makes it. */
final class DryRunFunds {
  /** The code of a refusal before sending, as the real run's has it. */
  private static final String INSUFFICIENT_CREDITS = "insufficient_credits";

  private DryRunFunds() {}

  /**
   * What the real run checks before it sends, with a key set: a job the key or the account cannot pay
   * ends the dry run with exit 8 too. A balance that cannot be read is said, and the dry run goes on.
   *
   * @return whether the balance was asked of the provider (not without a key, nor of a provider that reports none)
   */
  static boolean require(Session session, VidgenClient client, PriceQuote quote, Output output) {
    Read read = read(session, client, output);
    if (read.balances() == null) {
      return read.asked();
    }
    dev.vidgen.core.port.Balances balances = read.balances();
    java.util.Optional<BigDecimal> left = balances.effectiveRemaining();
    boolean tooLittle = left.isPresent()
        && (quote.isKnown() && quote.credits().signum() > 0 ? quote.credits().compareTo(left.get()) > 0
            : left.get().signum() <= 0); // a price of 0, like an unknown one, is refused when nothing is left
    if (tooLittle) {
      // As the real run's own refusal reads (exit 8, code insufficient_credits, the price refused), said as a forecast.
      String who = balances.limitedBy();
      String message = (ZeroPrices.isZero(quote) ? quote.model() + " is priced 0 ("
          + quote.basis() + ")"
          : quote.isKnown() ? quote.model() + " costs " + PriceQuote.creditsInWords(quote.credits())
          : "the price of " + quote.model() + " is unknown") + " but the " + who + " has "
          + PriceQuote.creditsInWords(left.get().stripTrailingZeros()) + " left, so the real run would refuse it;"
          + " nothing was sent;" + (who.equals("key") ? " raise the key's quota or use another key," : " top up the "
          + who) + " or choose a cheaper job";
      throw new dev.vidgen.core.error.InsufficientQuotaException(dev.vidgen.core.error.ProviderErrorDetails.of(
          client.provider().id(), 0, INSUFFICIENT_CREDITS, message), null, quote);
    }
    return true;
  }

  /**
   * A batch's dry run, with a key set: the balance is read as the real run reads it before its first create, and jobs
   * still to send ({@code toSend} credits, {@code unknown} more of unknown price) the key or the account cannot pay end
   * the dry run with the real run's refusal (exit 8). A balance that cannot be read is said, and the dry run goes on.
   *
   * @return whether the balance was asked of the provider
   */
  static boolean requireForBatch(Session session, VidgenClient client, BigDecimal toSend, int unknown, Output output) {
    Read read = read(session, client, output);
    java.util.Optional<BigDecimal> left = read.balances() == null ? java.util.Optional.empty()
        : read.balances().effectiveRemaining();
    if (left.isPresent() && toSend.compareTo(left.get()) > 0) {
      CliException refusal = BatchFunds.refusal(read.balances(), toSend, unknown);
      throw new CliException(refusal.exitCode(), refusal.kind(), refusal.getMessage()
          + " (a dry run; the real run would refuse it the same way)", refusal.next(), refusal.fields());
    }
    return read.asked();
  }

  /** A balance read: whether the provider was asked, and what it said (null when not asked or not readable). */
  private record Read(boolean asked, dev.vidgen.core.port.Balances balances) {}

  /**
   * Reads the balance as the real run does: not without a key, nor of a provider that reports none; a key the
   * provider refuses is thrown as the real run throws it; any other failure is said and reads as asked, unknown.
   */
  private static Read read(Session session, VidgenClient client, Output output) {
    if (session.usesStandInKey()) {
      return new Read(false, null); // no key: nothing to read it with
    }
    try {
      return new Read(true, client.balances());
    } catch (RuntimeException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof dev.vidgen.core.error.AuthenticationException refused && refused.refusesKey()) {
        throw refused; // as the real run: the key itself refused
      }
      if (cause instanceof UnsupportedOperationException) {
        return new Read(false, null); // a provider that reports no balance: nothing was read
      }
      output.note("warning: the balance could not be read (" + dev.vidgen.core.text.SafeText.clean(String.valueOf(
          cause.getMessage())) + "); the real run reads it again before it sends");
      return new Read(true, null);
    }
  }
}
