package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.port.Balance;
import dev.vidgen.core.text.SafeText;
import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Reads the account-side answers tolerantly: the live model list and a balance ({@code GET
 * /v1/balance} for the key, {@code GET /v1/user/balance} for the account; fields at the top or
 * under {@code data}; {@code unlimited_quota} or a remainder of -1 mean unlimited, another negative remainder an
 * account overdrawn; a remainder beyond {@link #MOST_CREDITS} either way is no balance; {@code credits_per_usd} is
 * kept when it is a number above zero and at most {@link Balance#MOST_CREDITS_PER_USD}, and one stated that is not, of
 * any JSON shape, is kept apart, to be said).
 */
public final class AccountAnswers {
  private static final BigDecimal UNLIMITED = BigDecimal.ONE.negate();

  /**
   * The most credits, either way of zero, read as a balance: 10^12, five billion US dollars at 200 credits a dollar,
   * more than any account holds. A larger remainder, however it is spelled ({@code 1e308}, or thirty digits written
   * out), is a broken or hostile server's figure: taken as a balance it would pass every funds check.
   */
  static final BigDecimal MOST_CREDITS = BigDecimal.TEN.pow(12);

  private AccountAnswers() {}

  /** The listed model ids, in the order given; entries that are no object, or have a blank or no id, are skipped. */
  public static Set<String> modelIds(ModelListDto body) throws UnreadableResponseException {
    if (body.data() == null) {
      throw new UnreadableResponseException("the model list answer has no data array");
    }
    Set<String> ids = new LinkedHashSet<>();
    for (Object entry : body.data()) {
      String id = entry instanceof Map<?, ?> model && model.get("id") instanceof String text ? text : null;
      if (id != null && !id.isBlank()) {
        ids.add(id.strip());
      }
    }
    if (ids.isEmpty() && !body.data().isEmpty()) {
      // Entries, none of them readable: a list that cannot be read, not one saying the key may use no model.
      throw new UnreadableResponseException("no entry of the model list names an id");
    }
    return ids;
  }

  /** The balance a balance answer gives. */
  public static Balance balance(BalanceDto body) throws UnreadableResponseException {
    BalanceDto values = body.remainCredits() == null && body.data() != null ? body.data() : body;
    boolean beyond = Lenient.beyond(values.remainCredits(), MOST_CREDITS);
    BigDecimal remaining = beyond ? null : Lenient.decimal(values.remainCredits());
    BigDecimal remainingMoney = Lenient.decimal(values.remainBalance());
    // unlimited_quota says it; without it, -1 is how ToAPIs writes "unlimited". An answer that says unlimited_quota
    // false means what it says: its -1 is an account overdrawn by one, as any other number below 0 is.
    boolean unlimited = values.unlimitedQuota() != null ? values.unlimitedQuota()
        : (remaining != null && remaining.compareTo(UNLIMITED) == 0)
            || (remainingMoney != null && remainingMoney.compareTo(UNLIMITED) == 0);
    if (!unlimited && remaining == null) {
      throw new UnreadableResponseException(values.remainCredits() == null || values.remainCredits().isBlank()
          ? "the balance answer names no remain_credits"
          : "the balance answer's remain_credits is no count of credits vidgen can read: "
              + SafeText.clip(values.remainCredits().strip(), 40) + (beyond ? ", beyond the ±"
              + MOST_CREDITS.toPlainString() + " credits ($5 billion) a balance can plausibly be" : ""));
    }
    BigDecimal used = Lenient.decimal(values.usedCredits());
    // The rate is the provider's to state; one vidgen cannot use (no number, not above zero, too large, of any JSON
    // shape) is as good as none, but is said.
    String written = values.creditsPerUsd() == null ? null : values.creditsPerUsd().text();
    BigDecimal rate = Lenient.decimal(written);
    boolean usable = rate != null && rate.signum() > 0 && rate.compareTo(Balance.MOST_CREDITS_PER_USD) <= 0;
    String stated = written == null || written.isBlank() ? null
        : SafeText.clean(SafeText.clip(written.strip(), Lenient.LONGEST_NUMBER_TEXT));
    return new Balance(unlimited ? null : remaining, used == null ? BigDecimal.ZERO : used, unlimited,
        usable ? rate : null, usable ? null : stated);
  }
}
