package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {

  @Test
  void oneIsSingularAndEveryOtherCountPlural() {
    assertThat(Plural.count(1, "other take")).isEqualTo("1 other take");
    assertThat(Plural.count(2, "other take")).isEqualTo("2 other takes");
    assertThat(Plural.count(0, "job")).isEqualTo("0 jobs");
  }

  @Test
  void aVerbOrAnIrregularWordFollowsTheCount() {
    assertThat(Plural.count(1, "job is", "jobs are")).isEqualTo("1 job is");
    assertThat(Plural.count(3, "job is", "jobs are")).isEqualTo("3 jobs are");
    assertThat(Plural.word(1, "its", "their")).isEqualTo("its");
    assertThat(Plural.word(2, "its", "their")).isEqualTo("their");
  }
}
