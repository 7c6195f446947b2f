package dev.vidgen.cli;

import dev.vidgen.core.port.Balance;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code vidgen balance}: the credits left on the account. */
@Command(name = "balance", sortOptions = false, description = "Show the credits left on the provider account.")
final class BalanceCommand extends ClientCommand {

  @Override
  int run(Session session, Output output) {
    Balance balance;
    try {
      balance = session.onlineClient().balance();
    } catch (UnsupportedOperationException e) {
      throw new CliException(ExitCodes.OTHER, "unsupported", e.getMessage(), "use --provider toapis for a real balance");
    }
    BigDecimal remaining = balance.remaining().orElse(null);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits", remaining);
    json.put("usd", remaining == null ? null : usd(remaining));
    json.put("used_credits", balance.usedCredits());
    json.put("unlimited", balance.unlimited());
    output.object(json);
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("remaining", balance.unlimited() || remaining == null
        ? "unlimited"
        : Views.credits(remaining) + " (" + Views.usd(usd(remaining)) + ")");
    fields.put("used", balance.usedCredits() == null ? null : Views.credits(balance.usedCredits()));
    output.fields(fields);
    return ExitCodes.DONE;
  }

  private static BigDecimal usd(BigDecimal credits) {
    return credits.divide(PriceQuote.CREDITS_PER_USD, 4, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
