package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;

/** The funds check of a dry run ({@code generate}, {@code extend}, {@code remix}), as the real run makes it. */
final class DryRunFunds {
  private DryRunFunds() {}

  /**
   * What the real run checks before it sends, with a key set: a job the key or the account cannot pay
   * ends the dry run with exit 8 too. A balance that cannot be read is said, and the dry run goes on.
   */
  static void require(Session session, VidgenClient client, PriceQuote quote, Output output) {
    if (session.usesStandInKey()) {
      return; // no key: nothing to read it with
    }
    dev.vidgen.core.port.Balances balances;
    try {
      balances = client.balances();
    } catch (RuntimeException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof dev.vidgen.core.error.AuthenticationException refused && refused.refusesKey()) {
        throw refused; // as the real run: the key itself refused
      }
      if (!(cause instanceof UnsupportedOperationException)) {
        output.note("the balance could not be read (" + dev.vidgen.core.text.SafeText.clean(String.valueOf(
            cause.getMessage())) + "); the real run reads it again before it sends");
      }
      return;
    }
    java.util.Optional<BigDecimal> left = balances.effectiveRemaining();
    boolean tooLittle = left.isPresent()
        && (quote.isKnown() ? quote.credits().compareTo(left.get()) > 0 : left.get().signum() <= 0);
    if (tooLittle) {
      String who = balances.limitedBy();
      throw new CliException(ExitCodes.OVER_BUDGET, "insufficient_quota", (quote.isKnown() ? quote.model() + " costs "
          + PriceQuote.creditsInWords(quote.credits()) : "the price of " + quote.model() + " is unknown") + " but the "
          + who + " has " + PriceQuote.creditsInWords(left.get().stripTrailingZeros()) + " left, so the real run would"
          + " refuse it; nothing was sent", who.equals("key") ? "raise the key's quota or use another key, or choose a"
          + " cheaper job" : "top up the " + who + " or choose a cheaper job");
    }
  }
}
