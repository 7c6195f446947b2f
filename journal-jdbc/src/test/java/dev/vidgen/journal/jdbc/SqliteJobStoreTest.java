package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.testkit.JobStoreContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteJobStoreTest extends JobStoreContract {
  @TempDir Path dir;

  @Override
  protected JobStore newStore() {
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
  void tellsThatItsFileWasDeletedWhileItsWritesGoOnToTheUnlinkedFile() throws Exception {
    store.enroll(batch, jobs(batch, 1));
    assertThat(store.fileLost()).as("the path still names the file opened").isEmpty();

    for (String ending : List.of("", "-wal", "-shm")) {
      Files.deleteIfExists(dir.resolve("batch.journal" + ending)); // a clean-up script's rm jobs.journal*
    }

    assertThat(store.fileLost()).contains("was deleted");
    assertThat(store.entries(batch)).as("the run goes on, on a file no one can open again").hasSize(1);
  }

  @Test
  void tellsThatItsFileWasReplacedByAnotherFile() throws Exception {
    store.enroll(batch, jobs(batch, 1));
    Path copy = Files.copy(dir.resolve("batch.journal"), dir.resolve("copy.journal"));

    Files.move(copy, dir.resolve("batch.journal"), StandardCopyOption.REPLACE_EXISTING);

    assertThat(store.fileLost()).contains("was replaced by another file");
  }

  @Test
  void aJournalInNoSingleFileIsNeverToldLost() {
    try (JobStore inMemory = Journals.open("jdbc:sqlite::memory:")) {
      assertThat(inMemory.fileLost()).isEmpty();
    }
  }

  @Test
  void aJournalThisUserMayNotWriteIsSaidToBeSoAndNotADiskError() throws Exception {
    // Root ignores file modes, so only a user without rights sees the refusal: JournalAccessTest covers the words
    // on fed attributes everywhere; this checks the whole way, where the run is not root.
    org.junit.jupiter.api.Assumptions.assumeFalse("root".equals(System.getProperty("user.name")),
        "runs as a user whom file modes bind (root may write a read-only file)");
    store.enroll(batch, jobs(batch, 1));
    store.close();
    Path file = dir.resolve("batch.journal");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r--r--"));
    try {
      assertThatThrownBy(() -> store = newStore()).isInstanceOf(JournalException.class)
          .hasMessageContaining(file + " is not writable by this user (owner ")
          .hasMessageContaining("mode r--r--r--)");
    } finally {
      Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    }
  }

  @Test
  void aJournalOfAnOlderVidgenGainsTheTakesColumnAndReadsOneTakePerJob() throws Exception {
    Path old = olderJournal("old.journal", " possible_tasks INTEGER, key_tag TEXT,", "unknown");

    store = Journals.open(old.toString());

    Entry read = store.entries(batch).get(0);
    assertThat(read.state()).isEqualTo(State.UNKNOWN);
    assertThat(read.possibleTasks()).isEqualTo(1);
    Entry kept = store.update(read.toBuilder().possibleTasks(2).build()).orElseThrow();
    assertThat(kept.possibleTasks()).isEqualTo(2);
  }

  @Test
  void aJournalMadeBeforeKeyTagsGainsTheColumnItsRowsReadingNoKeyAndKeepsTheTagOfTheNextCreate() throws Exception {
    Path old = olderJournal("takes.journal", " key_tag TEXT,", "submitting");

    store = Journals.open(old.toString());

    Entry read = store.entries(batch).get(0);
    assertThat(read.keyTag()).as("sent with a key not known").isNull();
    assertThat(read.sentWithAnotherKey("0a1b2c3d")).as("an unknown key is no other key").isFalse();
    Entry tagged = store.update(read.toBuilder().keyTag("0a1b2c3d").build()).orElseThrow();
    assertThat(tagged.keyTag()).isEqualTo("0a1b2c3d");
    store.close();
    store = Journals.open(old.toString());
    assertThat(store.entries(batch).get(0).keyTag()).as("kept across a restart").isEqualTo("0a1b2c3d");
    assertThat(store.entries(batch).get(0).sentWithAnotherKey("ffff0000")).isTrue();
  }

  /**
   * Closes this test's store and makes a journal {@code name} as an older vidgen made it, its table without the
   * columns {@code missing} (as written in {@link Schema#CREATE}), holding job {@code a} in {@code state}.
   */
  private Path olderJournal(String name, String missing, String state) throws Exception {
    store.close();
    Path old = dir.resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + old)) {
      c.createStatement().execute(Schema.CREATE.get(0).replace(missing, ""));
      c.createStatement().execute("INSERT INTO " + Schema.TABLE + " (batch, job_key, seq, fingerprint, model, out_path,"
          + " state, attempts, version) VALUES ('" + batch + "', 'a', 1, 'f', 'grok-video-1.5-preview', 'a.mp4', '"
          + state + "', 1, 0)");
    }
    return old;
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
  void readsColumnsByNameWhateverTheirOrderInTheQuery() throws Exception {
    store.enroll(batch, jobs(batch, 2));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(60)).get(0);
    store.update(held.toBuilder().state(State.SUBMITTED).taskId("task_1").video("https://x.example/1.mp4", T0)
        .reason("code", "why").updatedAt(T0.plusSeconds(1)).build()).orElseThrow();
    List<String> columns = new ArrayList<>(List.of(Schema.COLUMNS.split(",\\s*")));
    Collections.reverse(columns);
    List<Entry> expected = store.entries(batch);

    store.close();
    Files.copy(dir.resolve("batch.journal"), dir.resolve("copy.journal"), StandardCopyOption.REPLACE_EXISTING);
    List<Entry> read;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("copy.journal"))) {
      try (ResultSet rs = c.createStatement().executeQuery("SELECT " + String.join(", ", columns) + " FROM "
          + Schema.TABLE + " WHERE batch = '" + batch + "' ORDER BY seq")) {
        read = Rows.read(rs);
      }
    }
    store = newStore();

    assertThat(read).isEqualTo(expected);
    assertThat(read.get(0).taskId()).isEqualTo("task_1");
  }

  @Test
  void leavesEveryWriteInTheMainFileAfterACleanCloseSoThatCopyingItAloneIsEnough() throws Exception {
    store.enroll(batch, jobs(batch, 3));
    Entry held = store.claim(batch, "w", 1, T0, T0.plusSeconds(60)).get(0);
    store.update(held.toBuilder().state(State.SUBMITTING).clientReference("vgb-9").build()).orElseThrow();
    List<Entry> before = store.entries(batch);
    store.close();
    Path backup = Files.createDirectories(dir.resolve("backup")).resolve("batch.journal");
    Files.copy(dir.resolve("batch.journal"), backup);

    JobStore copy = Journals.open(backup.toString());
    try {
      assertThat(copy.entries(batch)).usingRecursiveFieldByFieldElementComparatorIgnoringFields("worker", "leaseUntil",
          "version").isEqualTo(before);
      assertThat(copy.entries(batch).get(0).clientReference()).isEqualTo("vgb-9");
    } finally {
      copy.close();
    }
    store = newStore();
  }

  @Test
  void refusesOtherKindsOfDatabase() {
    assertThatThrownBy(() -> Journals.open("jdbc:mysql://db/jobs?password=secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jdbc:postgresql://")
        .hasMessageNotContaining("secret");
  }
  @Test
  void anApplicationsDatabaseGivenAsTheJournalIsRefusedAndLeftAsItWas() throws Exception {
    Path theirs = dir.resolve("app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + theirs)) {
      c.createStatement().execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
      c.createStatement().execute("INSERT INTO customers (name) VALUES ('Ada')");
    }
    byte[] before = Files.readAllBytes(theirs);

    assertThatThrownBy(() -> Journals.open(theirs.toString()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("holds other tables (customers) and no vidgen journal")
        .hasMessageContaining("nothing was written to it");

    assertThat(Files.readAllBytes(theirs)).as("not switched to WAL, no table added").isEqualTo(before);
    assertThat(dir.resolve("app.db-wal")).doesNotExist();
  }

  @Test
  void anApplicationsDatabaseInWalModeIsRefusedWithNoFileMadeBesideIt() throws Exception {
    Path theirs = dir.resolve("wal app.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + theirs);
        java.sql.Statement st = c.createStatement()) {
      try (ResultSet mode = st.executeQuery("PRAGMA journal_mode = WAL")) {
        assertThat(mode.next()).isTrue();
      }
      st.execute("CREATE TABLE orders (id INTEGER)");
    }
    Files.deleteIfExists(dir.resolve("wal app.db-wal"));
    Files.deleteIfExists(dir.resolve("wal app.db-shm"));

    assertThatThrownBy(() -> Journals.open(theirs.toString())).isInstanceOf(JournalException.class)
        .hasMessageContaining("holds other tables (orders)");

    assertThat(dir.resolve("wal app.db-wal")).doesNotExist();
    assertThat(dir.resolve("wal app.db-shm")).doesNotExist();
  }

  @Test
  void aFileThatIsNoDatabaseIsRefusedUntouched() throws Exception {
    Path notes = dir.resolve("notes.txt");
    Files.writeString(notes, "shopping list\n");

    assertThatThrownBy(() -> Journals.open(notes.toString()))
        .isInstanceOf(JournalException.class)
        .hasMessageContaining("is not an SQLite database");

    assertThat(notes).hasContent("shopping list");
  }

  @Test
  void anEmptyFileAndAnEmptyDatabaseBecomeJournals() throws Exception {
    store.close();
    Path empty = Files.createFile(dir.resolve("empty.journal"));
    Path blank = dir.resolve("blank.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + blank)) {
      c.createStatement().execute("PRAGMA user_version = 1"); // a database file with no table
    }

    store = Journals.open(empty.toString());
    store.enroll(batch, jobs(batch, 1));
    store.close();
    store = Journals.open(blank.toString());

    assertThat(store.entries(batch)).isEmpty();
  }
}
