package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  @Test
  void readsSecondsMinutesAndHours() {
    assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationConverter.parse("10m")).isEqualTo(Duration.ofMinutes(10));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void readsCombinedPartsAndMilliseconds() {
    assertThat(DurationConverter.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationConverter.parse(" 2M ")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void refusesTextThatIsNoDurationNamingTheAcceptedForms() {
    for (String bad : new String[] {"90", "ten minutes", "", "1.5h", "5 s"}) {
      assertThatThrownBy(() -> DurationConverter.parse(bad))
          .as("'%s'", bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("90s, 10m, 1h");
    }
  }

  @Test
  void refusesANegativeDurationSayingItMustBePositive() {
    assertThatThrownBy(() -> DurationConverter.parse("-5s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("'-5s' is negative: the duration must be positive")
        .hasMessageContaining("90s, 10m, 1h")
        .hasMessageNotContaining("not a duration");
  }

  @Test
  void refusesZero() {
    assertThatThrownBy(() -> DurationConverter.parse("0s"))
        .isInstanceOf(TypeConversionException.class)
        .hasMessageContaining("positive");
  }

  @Test
  void describesDurationsForPeople() {
    assertThat(DurationConverter.describe(Duration.ofSeconds(42))).isEqualTo("42 s");
    assertThat(DurationConverter.describe(Duration.ofMinutes(10))).isEqualTo("10 min");
    assertThat(DurationConverter.describe(Duration.ofSeconds(3725))).isEqualTo("1 h 2 min 5 s");
    assertThat(DurationConverter.describe(Duration.ofMillis(300))).isEqualTo("300 ms");
    assertThat(DurationConverter.describe(Duration.ofHours(30))).isEqualTo("30 h");
    assertThat(DurationConverter.describe(Duration.ofDays(3).plusHours(5))).isEqualTo("3 days");
    assertThat(DurationConverter.describe(Duration.ofSeconds(Long.MAX_VALUE / 1000)))
        .as("a server's absurd Retry-After").isEqualTo("more than a year");
  }
}
