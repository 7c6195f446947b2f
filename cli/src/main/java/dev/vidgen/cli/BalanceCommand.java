package dev.vidgen.cli;

import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen balance}: the credits a job may still spend, and what the key and the account each have left. */
@Command(name = "balance", sortOptions = false, description = "Show the credits left: what a job may still spend (the"
    + " smaller of the key's quota and the account's balance), and each of them.")
final class BalanceCommand extends ClientCommand {
  @Option(names = "--timeout", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "How long the balance read may take, its retries included, such as 20s or 2m (default: 1m).")
  Duration timeout;

  @Override
  int run(Session session, Output output) {
    session.balanceTimeout(timeout, "raise it with --timeout");
    Balances balances;
    try {
      balances = read(session, output);
    } catch (UnsupportedOperationException e) {
      // The mock stands in for toapis, whose balance is real; a provider of one's own keeps its figures elsewhere.
      boolean mock = session.choice().map(ProviderChoice::isMock).orElse(false);
      throw new CliException(ExitCodes.OTHER, "unsupported", e.getMessage(), mock
          ? "use --provider toapis for a real balance" : "the provider's own dashboard shows what the account has left");
    }
    // What a job may spend is the smaller of the key's quota and the account's balance: either refuses a job.
    BigDecimal remaining = balances.effectiveRemaining().orElse(null);
    // The used credits shown beside the remainder are the limiting balance's, so that the two belong together; with
    // none limiting (both unlimited), a key without a quota of its own reads as the account.
    boolean byKey = "key".equals(balances.limitedBy()) || balances.account() == null;
    Balance main = byKey ? balances.key() : balances.account();
    BigDecimal rate = rate(balances, output);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits", remaining);
    json.put("usd", remaining == null ? null : Views.usdJson(usd(remaining, rate)));
    json.put("credits_per_usd", rate);
    json.put("used_credits", main.usedCredits());
    json.put("unlimited", remaining == null);
    json.put("limited_by", balances.limitedBy());
    json.put("key", balanceJson(balances.key()));
    json.put("account", balanceJson(balances.account()));
    output.object(json);
    // The key and the account apart only when what they have left differs (docs/cli.md): two unlimited ones, or the
    // same credits used differently, would print the same line twice; a key without a quota reads as the account.
    boolean both = balances.key() != null && balances.account() != null
        && !left(balances.key()).equals(left(balances.account()));
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("remaining", remaining == null ? "unlimited"
        : Views.credits(remaining) + " (" + Views.usd(usd(remaining, rate))
            + (rate.compareTo(PriceQuote.CREDITS_PER_USD) == 0 ? "" : " at the provider's " + rate.toPlainString()
                + " credits per US dollar") + ")"
            + (both ? ", what the " + balances.limitedBy() + " has left" : "")
            + (remaining.signum() < 0 ? (both ? ";" : ",") + " overdrawn: nothing can be spent until it is topped up"
                : ""));
    // Whose count it is, said in every case: the key's and the account's counts differ, and only one is shown.
    fields.put("used", main.usedCredits() == null ? null
        : Views.credits(main.usedCredits()) + ", by the " + (byKey ? "key" : "account"));
    if (both) {
      fields.put("key", left(balances.key()));
      fields.put("account", left(balances.account()));
    }
    output.fields(fields);
    return ExitCodes.DONE;
  }

  /** Both balances; when only the key's could be read (the account's refused), with a note. */
  private static Balances read(Session session, Output output) {
    Balances balances = session.onlineClient().balances();
    if (balances.account() == null && balances.key() != null) {
      output.note("the account's balance was not reported (the key may not read it); the key's is shown, and the"
          + " account may still refuse a job");
    }
    return balances;
  }

  private static String left(Balance balance) {
    return balance.unlimited() || balance.remainingCredits() == null ? "unlimited"
        : Views.credits(balance.remainingCredits()) + " left";
  }

  private static Map<String, Object> balanceJson(Balance balance) {
    if (balance == null) {
      return null;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits", balance.unlimited() ? null : balance.remainingCredits());
    json.put("used_credits", balance.usedCredits());
    json.put("unlimited", balance.unlimited());
    return json;
  }

  /**
   * The credits a dollar buys: the provider's own rate when it reports one (its credits are its to price), else
   * vidgen's 200; a rate other than 200, or one stated that vidgen cannot use, is said in a note.
   */
  private static BigDecimal rate(Balances balances, Output output) {
    BigDecimal reported = balances.reportedCreditsPerUsd().orElse(null);
    if (reported == null) {
      // A rate stated that vidgen cannot use is replaced by its own, as a missing one is, but not silently.
      balances.unusableCreditsPerUsd().ifPresent(stated -> output.note(Balance.unusableRateWords(stated)
          + ": the dollars shown here use the " + PriceQuote.CREDITS_PER_USD + " vidgen assumes, as when the provider"
          + " states none"));
      return PriceQuote.CREDITS_PER_USD;
    }
    if (reported.compareTo(PriceQuote.CREDITS_PER_USD) != 0) {
      output.note("the provider reports " + reported.toPlainString() + " credits per US dollar, but vidgen assumes "
          + PriceQuote.CREDITS_PER_USD + " when it turns a price in dollars into credits: quotes, --max-credits and"
          + " the balance check may be off by that factor; the dollars shown here use the provider's rate");
    }
    return reported;
  }

  /**
   * {@code credits} in dollars at {@code rate}, exactly, as quotes are (at 200 a division always ends); a rate whose
   * division does not end is cut (never rounded up) after 10 decimals, so that no balance reads as more than it is.
   */
  static BigDecimal usd(BigDecimal credits, BigDecimal rate) {
    return PriceQuote.usdAt(credits, rate);
  }
}
