package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnansweredCloseWordsTest {

  @Test
  void aCreateSentMomentsAgoWentOutJustNowNotZeroSecondsAgo() {
    assertThat(UnansweredClose.howLongAgo(Duration.ZERO)).isEqualTo("just now");
    assertThat(UnansweredClose.howLongAgo(Duration.ofMillis(9_900))).isEqualTo("just now");
  }

  @Test
  void aNoteWrittenByAClockAheadOfThisOneIsNeverSaidToHaveGoneOutInTheFuture() {
    assertThat(UnansweredClose.howLongAgo(Duration.ofSeconds(-42))).isEqualTo("just now");
  }

  @Test
  void longerWaitsAreSaidInSecondsThenMinutes() {
    assertThat(UnansweredClose.howLongAgo(Duration.ofSeconds(40))).isEqualTo("40 s ago");
    assertThat(UnansweredClose.howLongAgo(Duration.ofSeconds(125))).isEqualTo("2 min 5 s ago");
  }
}
