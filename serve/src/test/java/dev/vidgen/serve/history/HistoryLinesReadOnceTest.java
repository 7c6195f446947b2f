package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code vidgen history} reads of the history (its tasks, the tasks read from notes, how many lines cannot be
 * read) parses each line of the file once, and a later look parses only the lines added since.
 */
class HistoryLinesReadOnceTest {
  private static final String CHANGED_BY_HAND = "{\"note\":\"changed by hand\"}\n";

  @TempDir Path folder;

  @Test
  void aListingParsesEachLineOnceAndStillCountsTheLinesThatAreNoEntry() throws IOException {
    TaskHistory writer = TaskHistory.in(folder);
    writer.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    Files.writeString(writer.file(), CHANGED_BY_HAND, StandardOpenOption.APPEND);
    writer.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));
    List<String> parsed = new ArrayList<>();
    TaskHistory history = TaskHistory.in(folder).withLineReader(line -> {
      parsed.add(line);
      return TaskHistory.readLine(line);
    });

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_2", "t_1");
    assertThat(history.tasksReadFromNotes()).isEmpty();
    assertThat(history.unreadableLines()).isEqualTo(1);
    assertThat(parsed).as("each of the three lines parsed once").hasSize(3);

    parsed.clear();
    writer.record(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), job(), "generate"));
    Files.writeString(writer.file(), CHANGED_BY_HAND, StandardOpenOption.APPEND);

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_3", "t_2", "t_1");
    assertThat(history.unreadableLines()).as("the earlier line changed by hand and the new one").isEqualTo(2);
    assertThat(parsed).as("only the two lines added since, once each").hasSize(2);
  }

  private static JobHandle handle(String id, String at) {
    return new JobHandle("mock", TaskId.of(id), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), Instant.parse(at), null);
  }

  private static VideoJob job() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(10).build();
  }
}
