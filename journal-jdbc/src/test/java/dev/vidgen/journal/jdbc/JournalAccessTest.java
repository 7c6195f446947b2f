package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.journal.jdbc.JournalAccess.Rights;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rights of a journal as fed attributes: honest as root too, whom file modes do not bind. */
class JournalAccessTest {
  private static final Path FOLDER = Path.of("/srv/batches");
  private static final Path JOURNAL = FOLDER.resolve("jobs.journal");
  private static final Path WAL = FOLDER.resolve("jobs.journal-wal");
  private static final Path SHM = FOLDER.resolve("jobs.journal-shm");

  @TempDir Path dir;

  @Test
  void aReadOnlyJournalOfAnotherOwnerIsNamedWithItsOwnerAndMode() {
    assertThat(JournalAccess.notWritable(readOnly(JOURNAL), missing(WAL), missing(SHM), writable(FOLDER)))
        .hasValueSatisfying(why -> assertThat(why)
            .startsWith("/srv/batches/jobs.journal is not writable by this user (owner root, mode r--r--r--): ")
            .contains("give this user write access").doesNotContain("I/O"));
  }

  @Test
  void aReadOnlyWalFileIsNamedWhenTheMainFileMayBeWritten() {
    assertThat(JournalAccess.notWritable(writable(JOURNAL), readOnly(WAL), writable(SHM), writable(FOLDER)))
        .hasValueSatisfying(why -> assertThat(why).startsWith(WAL + " is not writable by this user (owner root"));
  }

  @Test
  void aFolderThisUserMayNotWriteIsNamedWhenSqliteMustMakeAFileInIt() {
    Rights folder = new Rights(FOLDER, true, false, "root", "r-xr-xr-x");

    assertThat(JournalAccess.notWritable(writable(JOURNAL), missing(WAL), missing(SHM), folder))
        .hasValueSatisfying(why -> assertThat(why).startsWith("the journal's folder /srv/batches is not writable by"
            + " this user (owner root, mode r-xr-xr-x), and SQLite makes the journal's -wal and -shm files there"));
    assertThat(JournalAccess.notWritable(writable(JOURNAL), writable(WAL), writable(SHM), folder))
        .as("every file there already: the folder is not the cause").isEmpty();
  }

  @Test
  void aJournalThisUserMayWriteHasNoRightsToTell() {
    assertThat(JournalAccess.notWritable(writable(JOURNAL), missing(WAL), missing(SHM), writable(FOLDER))).isEmpty();
    assertThat(JournalAccess.notWritable(missing(JOURNAL), missing(WAL), missing(SHM), null)).isEmpty();
  }

  @Test
  void readsAFileOwnerAndModeFromDisk() throws Exception {
    Path file = Files.writeString(dir.resolve("jobs.journal"), "");
    Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("r--r-----"));

    Rights read = Rights.of(file);

    assertThat(read.exists()).isTrue();
    assertThat(read.mode()).isEqualTo("r--r-----");
    assertThat(read.owner()).isEqualTo(Files.getOwner(file).getName());
    assertThat(Rights.of(dir.resolve("gone")).exists()).isFalse();
  }

  private static Rights readOnly(Path path) {
    return new Rights(path, true, false, "root", "r--r--r--");
  }

  private static Rights writable(Path path) {
    return new Rights(path, true, true, "studio", "rw-r--r--");
  }

  private static Rights missing(Path path) {
    return new Rights(path, false, true, null, null);
  }
}
