package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalTest {
  private static final Instant CLAIMED = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void aWriteLongAfterTheClaimKeepsTheJobHeldInsteadOfPuttingBackTheClaimsLease() {
    InMemoryJobStore store = new InMemoryJobStore();
    store.enroll("b", List.of(Entry.pending("b", "a", 1, "f", "m", "a.mp4", BigDecimal.TEN, CLAIMED)));
    Entry claimed = store.claim("b", "w1", 1, CLAIMED, CLAIMED.plus(Duration.ofSeconds(60))).get(0);
    // Two minutes later (an upload of a large video, say), with renewals meanwhile, the job's create is journaled.
    Instant later = CLAIMED.plus(Duration.ofMinutes(2));
    Journal journal = new Journal(store, Runnable::run, Clock.fixed(later, ZoneOffset.UTC), entry -> { },
        Duration.ofSeconds(60));

    Entry moved = journal.move(claimed, b -> b.state(State.SUBMITTING).attempts(1)).join();

    assertThat(moved.leaseUntil()).as("held for a lease from now, not expired since a minute")
        .isEqualTo(later.plus(Duration.ofSeconds(60)));
    assertThat(store.claim("b", "w2", 1, later.plusSeconds(1), later.plusSeconds(61)))
        .as("another worker cannot take the job mid-create").isEmpty();
  }
}
