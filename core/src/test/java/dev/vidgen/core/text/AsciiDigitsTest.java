package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AsciiDigitsTest {

  @Test
  void aWholeNumberIsAnOptionalSignAndAsciiDigitsOnly() {
    assertThat(AsciiDigits.isWhole("10")).isTrue();
    assertThat(AsciiDigits.isWhole("-1")).isTrue();
    assertThat(AsciiDigits.isWhole("+7")).isTrue();
    assertThat(AsciiDigits.isWhole("６")).as("full-width").isFalse();
    assertThat(AsciiDigits.isWhole("٦")).as("Arabic-Indic").isFalse();
    assertThat(AsciiDigits.isWhole("1e1")).isFalse();
    assertThat(AsciiDigits.isWhole("10.0")).isFalse();
    assertThat(AsciiDigits.isWhole(" 10")).as("the caller strips").isFalse();
    assertThat(AsciiDigits.isWhole("")).isFalse();
  }

  @Test
  void digitsOfOtherScriptsAreToldApartAndSpelledInAscii() {
    assertThat(AsciiDigits.hasOtherDigits("１５")).isTrue();
    assertThat(AsciiDigits.hasOtherDigits("1٦")).isTrue();
    assertThat(AsciiDigits.hasOtherDigits("15s")).isFalse();
    assertThat(AsciiDigits.inAscii("１５")).isEqualTo("15");
    assertThat(AsciiDigits.inAscii("٦.５MB")).isEqualTo("6.5MB");
    assertThat(AsciiDigits.inAscii("abc 12")).isEqualTo("abc 12");
  }
}
