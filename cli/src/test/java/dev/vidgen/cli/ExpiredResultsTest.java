package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.serve.history.HistoryEntry;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpiredResultsTest {
  private static final Instant SUBMITTED = Instant.parse("2026-11-30T10:00:00Z");

  @Test
  void anExpiredResultIsNotedOnTheEntryAndEverythingElseItKnewIsKept() {
    HistoryEntry claimed = new HistoryEntry("task-9", "toapis", "seedance-2", "completed", new BigDecimal("20"),
        new BigDecimal("0.10"), null, SUBMITTED, SUBMITTED.plusSeconds(90), Duration.ofSeconds(90), "vg1:handle",
        Map.of("prompt", "a kite"), null, "generate", 2, List.of("task-9"), SUBMITTED.plusSeconds(30));
    Instant expiredAt = SUBMITTED.plus(Duration.ofHours(24));
    ResultExpiredException expired = new ResultExpiredException(TaskId.of("task-9"),
        new VideoAsset(URI.create("https://files.example/task-9.mp4"), "mp4", expiredAt), expiredAt.plusSeconds(5));

    HistoryEntry marked = ExpiredResults.mark(claimed, expired);

    assertThat(ExpiredResults.of(marked)).contains(expiredAt);
    assertThat(marked.withNote(null)).as("only the note changed").isEqualTo(claimed);
  }
}
