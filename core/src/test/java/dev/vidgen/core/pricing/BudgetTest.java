package dev.vidgen.core.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetTest {
  private static final PriceQuote TWENTY = PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s");
  private static final PriceQuote THIRTY = PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.15"), "per request, 15 s");
  private static final PriceQuote UNKNOWN = PriceQuote.unknown("veo3.1-fast", "see https://toapis.com/pricing");

  @Test
  void allowsAQuoteThatFitsAndRefusesOneThatDoesNot() {
    Budget budget = Budget.ofCredits(25);

    assertThat(budget.allows(TWENTY)).isTrue();
    assertThat(budget.allows(THIRTY)).isFalse();
    assertThat(budget.refusal(THIRTY)).contains("grok-video-1.5-preview needs 30 credits, 25 left");
    assertThat(budget.refusal(TWENTY)).isEmpty();
  }

  @Test
  void saysOneCreditInTheSingular() {
    assertThat(Budget.ofCredits(1).refusal(TWENTY)).contains("grok-video-1.5-preview needs 20 credits, 1 left");
    assertThat(new dev.vidgen.core.error.BudgetExceededException(TWENTY, new BigDecimal("1")).getMessage())
        .contains("costs 20 credits but 1 credit of the budget is left;");
    assertThat(new dev.vidgen.core.error.BudgetExceededException(TWENTY, new BigDecimal("1"), true).getMessage())
        .contains("costs 20 credits but the budget is 1 credit;");
    assertThat(PriceQuote.creditsInWords(new BigDecimal("1.00"))).isEqualTo("1.00 credit");
    assertThat(PriceQuote.creditsInWords(new BigDecimal("0.5"))).isEqualTo("0.5 credits");
  }

  @Test
  void allowsAQuoteThatTakesEveryLastCredit() {
    assertThat(Budget.ofCredits(20).allows(TWENTY)).isTrue();
    assertThat(Budget.ofCredits(20).spend(TWENTY).remaining()).contains(BigDecimal.ZERO);
  }

  @Test
  void neverLetsAnUnknownPriceIntoALimitedBudget() {
    Budget budget = Budget.ofCredits(1_000_000);

    assertThat(budget.allows(UNKNOWN)).isFalse();
    assertThat(budget.refusal(UNKNOWN).orElseThrow()).contains("veo3.1-fast").contains("unknown");
    assertThatThrownBy(() -> budget.spend(UNKNOWN))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("budget exceeded");
  }

  @Test
  void spendsExactlyAndLeavesTheOriginalUntouched() {
    Budget budget = Budget.ofCredits(new BigDecimal("50.5"));

    Budget after = budget.spend(TWENTY).spend(THIRTY);

    assertThat(after.remaining()).contains(new BigDecimal("0.5"));
    assertThat(budget.remaining()).contains(new BigDecimal("50.5"));
    assertThatThrownBy(() -> after.spend(TWENTY))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("needs 20 credits, 0.5 left");
  }

  @Test
  void givesBackARefundedQuote() {
    Budget budget = Budget.ofCredits(50).spend(THIRTY);

    assertThat(budget.refund(THIRTY)).isEqualTo(Budget.ofCredits(50));
    assertThat(budget.refund(UNKNOWN)).isEqualTo(budget);
    assertThat(Budget.unlimited().refund(THIRTY).isUnlimited()).isTrue();
  }

  @Test
  void unlimitedAllowsEverythingAndStaysUnlimited() {
    Budget unlimited = Budget.unlimited();

    assertThat(unlimited.allows(UNKNOWN)).isTrue();
    assertThat(unlimited.spend(THIRTY).isUnlimited()).isTrue();
    assertThat(unlimited.remaining()).isEmpty();
    assertThat(unlimited).hasToString("Budget[unlimited]");
  }

  @Test
  void convertsDollarsToCreditsAtTwoHundredEach() {
    assertThat(Budget.ofUsd(new BigDecimal("0.25")).remaining()).contains(new BigDecimal("50"));
    assertThat(Budget.ofUsd(new BigDecimal("0.25"))).isEqualTo(Budget.ofCredits(50)).hasToString("Budget[50 credits]");
    assertThat(PriceQuote.usdOf(new BigDecimal("30"))).isEqualTo(new BigDecimal("0.15"));
  }

  @Test
  void allowsABatchOnlyWhenItsWholeKnownTotalFits() {
    Budget budget = Budget.ofCredits(50);

    assertThat(budget.allows(Pricing.total(List.of(TWENTY, THIRTY)))).isTrue();
    assertThat(budget.allows(Pricing.total(List.of(TWENTY, THIRTY, TWENTY)))).isFalse();
    assertThat(budget.allows(Pricing.total(List.of(TWENTY, UNKNOWN)))).isFalse();
    assertThat(Budget.unlimited().allows(Pricing.total(List.of(UNKNOWN)))).isTrue();
  }

  @Test
  void refusesANegativeBudget() {
    assertThatThrownBy(() -> Budget.ofCredits(-1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("budget is negative: -1 credits");
    assertThatThrownBy(() -> Budget.ofCredits(null)).hasMessage("credits == null");
  }
}
