package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.testkit.JobStoreContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A journal holds task ids and result links: one vidgen makes (with the {@code -wal} and {@code -shm} files
 * SQLite keeps beside it, and the folder made for it) is its owner's alone; one made before keeps its mode.
 */
class OwnerOnlyJournalTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.posix(dir), "the file system has POSIX permissions");
  }

  @Test
  void aNewJournalItsWalAndShmFilesAndItsNewFolderAreTheOwnersAlone() throws IOException {
    Path file = dir.resolve("runs/jobs.journal");

    try (JobStore store = Journals.open(file.toString())) {
      store.enroll("b", JobStoreContract.jobs("b", 2));

      assertThat(mode(dir.resolve("runs"))).isEqualTo("rwx------");
      assertThat(dir.resolve("runs/jobs.journal-wal")).isRegularFile();
      for (String ending : new String[] {"", "-wal", "-shm"}) {
        Path made = dir.resolve("runs/jobs.journal" + ending);
        if (Files.exists(made)) { // no -shm in SQLite's exclusive locking mode, which keeps that index in memory
          assertThat(mode(made)).as("jobs.journal" + ending).isEqualTo("rw-------");
        }
      }
    }
  }

  @Test
  void aJournalGivenAsAJdbcSqliteUrlIsTheOwnersAloneToo() throws IOException {
    Path file = dir.resolve("url.journal");

    try (JobStore store = Journals.open("jdbc:sqlite:" + file)) {
      store.enroll("b", JobStoreContract.jobs("b", 1));

      assertThat(mode(file)).isEqualTo("rw-------");
      assertThat(mode(dir.resolve("url.journal-wal"))).isEqualTo("rw-------");
    }
  }

  @Test
  void aJournalMadeBeforeKeepsItsMode() throws IOException {
    Path file = dir.resolve("old.journal");
    try (JobStore store = Journals.open(file.toString())) {
      store.enroll("b", JobStoreContract.jobs("b", 1));
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    try (JobStore store = Journals.open(file.toString())) {
      store.enroll("c", JobStoreContract.jobs("c", 1));

      assertThat(mode(file)).isEqualTo("rw-r--r--");
      assertThat(store.entries("b")).hasSize(1);
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
