package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {
  @TempDir Path dir;

  @Override
  JobStore newStore() {
    return Journals.open(dir.resolve("batch.journal").toString());
  }

  @Test
  void keepsEveryJobAcrossARestartAndGivesTheRestartedProcessItsJobsBack() {
    store.enroll(batch, jobs(batch, 2));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(600)).get(0);
    store.update(held.toBuilder().state(State.SUBMITTING).clientReference("vgb-7").build()).orElseThrow();
    store.close();

    store = newStore();

    Entry again = store.entries(batch).get(0);
    assertThat(again.state()).isEqualTo(State.SUBMITTING);
    assertThat(again.clientReference()).isEqualTo("vgb-7");
    assertThat(again.worker()).as("a restarted process takes its jobs back at once").isNull();
    assertThat(dir.resolve("batch.journal")).isRegularFile();
  }

  @Test
  void refusesASecondUserOfTheSameFileAndSaysWhatToDo() {
    store.enroll(batch, jobs(batch, 1));

    assertThatThrownBy(this::newStore)
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("in use by another vidgen process")
        .hasMessageContaining("PostgreSQL");
  }

  @Test
  void refusesOtherKindsOfDatabase() {
    assertThatThrownBy(() -> Journals.open("jdbc:mysql://db/jobs?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("secret");
  }
}
