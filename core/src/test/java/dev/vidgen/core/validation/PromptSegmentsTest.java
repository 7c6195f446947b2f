package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Timed prompt segments such as "(0-5s) ... (5-10s) ..." are checked against the duration. */
class PromptSegmentsTest {

  private static List<Violation> warningsFor(String prompt, int seconds) {
    List<Violation> found = new ArrayList<>();
    PromptSegments.check(prompt, seconds, found);
    return found;
  }

  @Test
  void acceptsSegmentsThatFillTheVideoExactly() {
    assertThat(warningsFor("(0-5s) medium shot (5-10s) push-in (10-15s) close-up", 15)).isEmpty();
  }

  @Test
  void ignoresAPromptWithoutSegments() {
    assertThat(warningsFor("A cat [Push in] walks (slowly) across 3 rooms", 6)).isEmpty();
  }

  @Test
  void warnsAboutASegmentPastTheEndNamingIt() {
    assertThat(warningsFor("(0-5s) medium shot (5-10s) push-in (10-15s) close-up", 10))
        .extracting(Violation::field, Violation::code, Violation::given)
        .containsExactly(tuple("prompt", ViolationCodes.SEGMENT_PAST_END, "(10-15s)"));
  }

  @Test
  void warnsAboutOverlappingSegments() {
    assertThat(warningsFor("(0-6s) wide (5-10s) push-in", 10)).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.SEGMENT_OVERLAP);
      assertThat(warning.message()).contains("(5-10s)", "overlaps", "(0-6s)");
    });
  }

  @Test
  void warnsAboutAGapBetweenSegments() {
    assertThat(warningsFor("(0-4s) wide (5-10s) push-in", 10)).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.SEGMENT_GAP);
      assertThat(warning.message()).contains("(5-10s)", "from 4 to 5 s");
    });
  }

  @Test
  void warnsWhenTheFirstSegmentStartsLate() {
    assertThat(warningsFor("(2-10s) push-in", 10)).extracting(Violation::code)
        .containsExactly(ViolationCodes.SEGMENT_GAP);
  }

  @Test
  void warnsWhenTheSegmentsEndEarly() {
    assertThat(warningsFor("(0-5s) wide (5-10s) push-in", 15)).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.SEGMENT_GAP);
      assertThat(warning.given()).isEqualTo("(5-10s)");
      assertThat(warning.message()).contains("10 to 15 s");
    });
  }

  @Test
  void warnsAboutABackwardsSegment() {
    assertThat(warningsFor("(0-5s) wide (5-3s) oops (5-10s) end", 10)).extracting(Violation::code, Violation::given)
        .containsExactly(tuple(ViolationCodes.SEGMENT_EMPTY, "(5-3s)"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "(0-5s) a (5-10s) b",
    "[0-5s] a [5-10s] b",
    "(0s-5s) a (5s-10s) b",
    "(0–5s) a (5–10s) b",
    "(0 - 5 sec) a (5 to 10 seconds) b",
    "(0-2.5s) a (2.5-10s) b"
  })
  void readsTheCommonWaysOfWritingSegments(String prompt) {
    assertThat(PromptSegments.find(prompt)).hasSize(2);
    assertThat(warningsFor(prompt, 10)).isEmpty();
  }
}
