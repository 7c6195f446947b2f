package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class JobHandleTest {
  private static final Instant SUBMITTED = Instant.parse("2026-03-01T12:00:00.123456789Z");

  @Test
  void survivesTheRoundTripWithAKnownPriceAndAReference() {
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_01J9"), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), SUBMITTED, "vg-1234");

    String encoded = handle.encode();

    assertThat(encoded).startsWith("vg1.").doesNotContain("=", "+", "/", " ");
    assertThat(JobHandle.decode(encoded)).isEqualTo(handle);
  }

  @Test
  void survivesTheRoundTripWithOddCharactersAnUnknownPriceAndNoReference() {
    JobHandle handle = new JobHandle("my provider", TaskId.of("a&b=c%20d+e/f?g#h täsk ✓"), "model=x&y",
        PriceQuote.unknown("model=x&y", "no price & no = sign"), SUBMITTED, null);

    JobHandle back = JobHandle.decode(handle.encode());

    assertThat(back).isEqualTo(handle);
    assertThat(back.quote().isKnown()).isFalse();
    assertThat(back.reference()).isEmpty();
  }

  @Test
  void survivesTheRoundTripForRandomText() {
    long seed = System.nanoTime();
    RandomGenerator random = seeded(seed);
    for (int i = 0; i < 500; i++) {
      String model = text(random);
      JobHandle handle = new JobHandle(text(random), TaskId.of("t" + text(random)), model,
          PriceQuote.ofUsd(model, BigDecimal.valueOf(random.nextInt(0, 100_000), random.nextInt(0, 6)), text(random)),
          Instant.ofEpochSecond(random.nextLong(0, 4_000_000_000L), random.nextInt(0, 1_000_000_000)),
          random.nextBoolean() ? null : text(random), random.nextInt(0, 3));

      JobHandle back = JobHandle.decode(handle.encode());

      assertThat(back).as("seed %d, handle %s", seed, handle)
          .usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class).isEqualTo(handle);
    }
  }

  /** A handle as vidgen wrote it before handles told of blind resends, as histories and journals keep it. */
  private static final String STORED_BEFORE_EXTRA_TASKS = "vg1.cD10b2FwaXMmdD10YXNrXzAxSjkmbT1ncm9rLXZpZGVvLTEuNS1wcmV2"
      + "aWV3JnM9MjAyNi0wMy0wMVQxMiUzQTAwJTNBMDAuMTIzNDU2Nzg5WiZ1PTAuMTAmYj1wZXIrcmVxdWVzdCUyQysxMCtzJnI9dmctMTIzNA";

  @Test
  void aHandleStoredBeforeItCouldTellOfExtraTasksReadsAsHavingNoneAndOneWithNoneIsWrittenAsBefore() {
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_01J9"), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), SUBMITTED, "vg-1234");

    JobHandle stored = JobHandle.decode(STORED_BEFORE_EXTRA_TASKS);

    assertThat(stored).isEqualTo(handle);
    assertThat(stored.possibleExtraTasks()).isZero();
    assertThat(handle.encode()).as("readable by an earlier vidgen too").isEqualTo(STORED_BEFORE_EXTRA_TASKS);
  }

  @Test
  void keepsThePossibleExtraTasksOfABlindResendThroughTheRoundTrip() {
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_01J9"), "grok-video-1.5-preview",
        PriceQuote.unknown("grok-video-1.5-preview", "no price"), SUBMITTED, null, 2);

    JobHandle back = JobHandle.decode(handle.encode());

    assertThat(back.possibleExtraTasks()).isEqualTo(2);
    assertThat(back).isEqualTo(handle);
    assertThat(handle.encode()).isNotEqualTo(new JobHandle("toapis", TaskId.of("task_01J9"), "grok-video-1.5-preview",
        PriceQuote.unknown("grok-video-1.5-preview", "no price"), SUBMITTED, null).encode());
  }

  @Test
  void refusesANegativeCountOfPossibleExtraTasks() {
    assertThatThrownBy(() -> new JobHandle("toapis", TaskId.of("t"), "m", PriceQuote.unknown("m", "none"), SUBMITTED,
        null, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("possibleExtraTasks must be 0 or more, was -1");
  }

  @Test
  void refusesTextThatIsNotAHandleSayingWhatAHandleLooksLike() {
    assertThatThrownBy(() -> JobHandle.decode("task_01J9"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("vg1.");
    assertThatThrownBy(() -> JobHandle.decode("vg1.!!!not-base64"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a readable vidgen job handle");
    assertThatThrownBy(() -> JobHandle.decode("vg1.cD10b2FwaXM"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tryDecodeReadsAHandleAndLeavesAnythingElseEmpty() {
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_01J9"), "m", PriceQuote.unknown("m", "none"), SUBMITTED,
        null);

    assertThat(JobHandle.tryDecode(handle.encode())).contains(handle);
    assertThat(JobHandle.tryDecode("vg1.444a901")).as("a task id that starts like a handle").isEmpty();
    assertThat(JobHandle.tryDecode("task_01J9")).isEmpty();
    assertThat(JobHandle.tryDecode("")).isEmpty();
  }

  private static RandomGenerator seeded(long seed) {
    return new java.util.SplittableRandom(seed);
  }

  private static String text(RandomGenerator random) {
    String alphabet = "abcXYZ019 &=%+/?#.:-_~äé✓\u00a0'\"";
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(1, 20);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString().isBlank() ? "x" + text : text.toString();
  }
}
