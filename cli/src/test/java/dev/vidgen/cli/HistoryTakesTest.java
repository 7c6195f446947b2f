package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.PlannedJob;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.HistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HistoryTakesTest {
  private static final VideoJob JOB = VideoJob.builder("grok-video-1.5-preview").prompt("same")
      .image("https://img.example/a.png").seconds(10).aspectRatio("16:9").build();
  private static final PlannedJob LINE = new PlannedJob("g1", 1, JOB, Path.of("g1.mp4"),
      PriceQuote.unknown(JOB.model(), "test"), "fingerprint");
  private static final Instant NOW = Instant.parse("2026-12-06T04:00:00Z");

  @Test
  void saysTheBatchReadTheHistoryAndStillSendsTheLine() {
    String words = HistoryTakes.words(new HistoryTakes.Found(LINE, note(NOW.minusSeconds(8))), NOW);

    assertThat(words).contains("the batch warns of such a line but does not hold it back: it sends it and pays for it"
        + " again; remove the line if that take is the video you want")
        .doesNotContain("does not read the task history");
  }

  @Test
  void aNoteWhoseCreateMayStillBeAnsweredIsOnItsWayNotUnknown() {
    String young = HistoryTakes.words(new HistoryTakes.Found(LINE, note(NOW.minusSeconds(8))), NOW);
    String old = HistoryTakes.words(new HistoryTakes.Found(LINE, note(NOW.minus(Duration.ofMinutes(10)))), NOW);

    assertThat(young).contains("asks for the same job as the create vidgen history lists as unanswered-vg-same,"
        + " submitted just now by vidgen generate (its create is on its way): ").doesNotContain("(unknown)");
    assertThat(old).as("past the grace its answer can no longer come").contains("10 min ago by vidgen generate"
        + " (unknown): ");
  }

  /** The note a {@code generate} writes just before its create leaves, {@code sentAt}. */
  private static HistoryEntry note(Instant sentAt) {
    return HistoryEntry.unanswered("vg-same", true, "toapis", JOB, null, sentAt, sentAt,
        HistoryEntry.SUBMIT_BEGAN + sentAt + " (UTC) and " + HistoryEntry.SENDING_MARK, "generate");
  }
}
