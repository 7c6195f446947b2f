package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.pricing.PriceQuote;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalSeedsTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final Instant SUBMITTED = Instant.parse("2026-11-29T10:00:00Z");

  @Test
  void teachesTheClientHowLongTheJournalsCompletedJobsTook() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      entries.add(entry("k" + i, State.COMPLETED, handle(i), SUBMITTED.plusSeconds(120 + i)));
    }
    entries.add(entry("failed", State.FAILED, handle(9), SUBMITTED.plusSeconds(3)));
    entries.add(entry("running", State.SUBMITTED, handle(10), SUBMITTED.plusSeconds(4)));
    entries.add(entry("unreadable", State.COMPLETED, "not-a-handle", SUBMITTED.plusSeconds(5)));

    ScriptedBackend backend = new ScriptedBackend(new InMemoryJobStore(), "b");

    JournalSeeds.seed(backend, entries);

    RouteDurations durations = backend.durations;
    assertThat(durations.count(MODEL)).isEqualTo(5);
    assertThat(durations.learned(MODEL).quantile(0)).isEqualTo(Duration.ofSeconds(120));
    assertThat(durations.learned(MODEL).quantile(1)).isEqualTo(Duration.ofSeconds(124));
  }

  private static String handle(int i) {
    return new JobHandle("mock", TaskId.of("t_" + i), MODEL, PriceQuote.unknown(MODEL, "test"), SUBMITTED, null)
        .encode();
  }

  private static Entry entry(String key, State state, String handle, Instant updatedAt) {
    return Entry.pending("b", key, 1, "f", MODEL, "out/" + key + ".mp4", null, SUBMITTED).toBuilder()
        .state(state).handle(handle).updatedAt(updatedAt).build();
  }
}
