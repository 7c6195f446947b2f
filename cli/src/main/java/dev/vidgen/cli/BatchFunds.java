package dev.vidgen.cli;

import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A batch refused before anything is sent because the key or the account cannot pay for the jobs still
 * to send: the words name the side that is short (a key's quota is raised, an account topped up), as
 * {@code generate}'s refusal does.
 */
final class BatchFunds {
  private BatchFunds() {}

  /** The refusal of jobs costing {@code toSend} (and {@code unknown} of unknown price) that {@code balances} cannot pay. */
  static CliException refusal(Balances balances, BigDecimal toSend, int unknown) {
    BigDecimal left = balances.effectiveRemaining().orElseThrow();
    // Both short: each needs its own remedy. Both short by the same amount are named together: a key with a quota of
    // its own is then as short as the account, though a key without one reads as the account (the same numbers).
    boolean both = isShort(balances.key(), toSend) && isShort(balances.account(), toSend);
    boolean tie = both && balances.key().remainingCredits().compareTo(balances.account().remainingCredits()) == 0;
    String have = tie ? "the key and the account each have " + Views.credits(left) + " left"
        : both ? "the key has " + Views.credits(balances.key().remainingCredits()) + " left and the account "
            + Views.credits(balances.account().remainingCredits())
        : "the " + balances.limitedBy() + " has " + Views.credits(left) + " left";
    // A key is not topped up: its quota is raised (in the provider's console), or another key used.
    String next = tie ? "top up the account and, if the key has a quota of its own, raise it (or use another key)"
        : both ? "raise the key's quota (or use another key) and top up the account"
        : "key".equals(balances.limitedBy()) ? "raise the key's quota or use another key" : "top up the account";
    String message = "the jobs still to send cost " + Views.credits(toSend)
        + (unknown > 0 ? " (plus " + unknown + " of unknown price)" : "") + ", but " + have + ": short by "
        + Views.credits(toSend.subtract(left)) + "; nothing was sent";
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("limited_by", balances.limitedBy()); // as vidgen balance has it
    fields.put("credits_left", dev.vidgen.core.json.PriceJson.amount(left));
    fields.put("credits_to_send", dev.vidgen.core.json.PriceJson.amount(toSend));
    return new CliException(ExitCodes.OVER_BUDGET, "insufficient_quota", message, next + ", or send fewer lines", fields);
  }

  private static boolean isShort(Balance side, BigDecimal toSend) {
    return side != null && !side.unlimited() && side.remainingCredits() != null
        && side.remainingCredits().compareTo(toSend) < 0;
  }
}
