package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.NativeLibraryNotFoundException;

/**
 * A start of SQLite whose native library did not load (it could not be unpacked into the temporary folder) is said
 * as that, naming the folder and what to do, not as a journal that cannot be opened; an empty file made for it goes.
 */
class NativeLibraryFailureTest {
  @TempDir Path dir;

  /** What sqlite-jdbc throws when its native library cannot be loaded. */
  private static final JdbcJobStore.Connections UNLOADABLE = () -> {
    throw new SQLException("Error opening connection",
        new NativeLibraryNotFoundException("No native library found for os.name=Linux, os.arch=x86_64"));
  };

  @Test
  void aFailedStartNamesTheTemporaryFolderItsReasonAndWhatToDoAndLeavesNoEmptyJournal() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("tmp-is-a-file"), "");
    Path journal = dir.resolve("j.journal");
    String before = System.getProperty("org.sqlite.tmpdir");
    System.setProperty("org.sqlite.tmpdir", notAFolder.toString());
    try {
      assertThatThrownBy(() -> Journals.sqliteFile(journal, UNLOADABLE)).isInstanceOf(JournalException.class)
          .hasMessageStartingWith("SQLite journal " + journal + ": SQLite's native library could not be unpacked"
              + " into the temporary folder " + notAFolder + " (org.sqlite.tmpdir) (")
          .hasMessageContaining("make room there, or point it at a folder with room (-Djava.io.tmpdir=FOLDER")
          .hasMessageEndingWith("the journal was not opened, so nothing was sent")
          .message().doesNotContain("Error opening connection");
    } finally {
      if (before == null) {
        System.clearProperty("org.sqlite.tmpdir");
      } else {
        System.setProperty("org.sqlite.tmpdir", before);
      }
    }
    assertThat(journal).as("the empty file made for the start is gone").doesNotExist();
  }

  @Test
  void aJournalThatWasThereBeforeIsKept() throws Exception {
    Path journal = Files.writeString(dir.resolve("kept.journal"), "");

    assertThatThrownBy(() -> Journals.sqliteFile(journal, UNLOADABLE)).isInstanceOf(JournalException.class);
    assertThat(journal).exists();
  }

  @Test
  void aFailedStartOfAJdbcSqliteUrlLeavesNoEmptyJournalEither() {
    Path journal = dir.resolve("url.journal");

    assertThatThrownBy(() -> Journals.sqliteUrl("jdbc:sqlite:" + journal, UNLOADABLE))
        .isInstanceOf(JournalException.class).hasMessageContaining("SQLite's native library could not be");
    assertThat(journal).as("the empty file made for the start is gone, as for a plain path").doesNotExist();
  }

  @Test
  void aJournalAJdbcSqliteUrlNamedThatWasThereBeforeIsKept() throws Exception {
    Path journal = Files.writeString(dir.resolve("kept-url.journal"), "");

    assertThatThrownBy(() -> Journals.sqliteUrl("jdbc:sqlite:" + journal, UNLOADABLE))
        .isInstanceOf(JournalException.class);
    assertThat(journal).exists();
  }

  @Test
  void aTemporaryFolderRefusedByAFileSizeLimitSaysTheLimitAndAFullOneSaysToMakeRoom() {
    assertThat(NativeLibraryFailure.explain(dir, "java.io.tmpdir", Optional.of("File too large")))
        .contains(" (java.io.tmpdir) (File too large), which SQLite needs each time it starts (the journal itself is"
            + " not at fault): a file-size limit stops it, most often the shell's (ulimit -f), which applies in every"
            + " folder, so room there or another folder does not help: run vidgen from a shell whose ulimit -f is"
            + " unlimited, or at least above 2 MB (and above the largest video it is to save); the journal was not"
            + " opened, so nothing was sent")
        .doesNotContain("folder with room");
    assertThat(NativeLibraryFailure.explain(dir, "java.io.tmpdir", Optional.of("No space left on device")))
        .contains("make room there, or point it at a folder with room (-Djava.io.tmpdir=FOLDER")
        .doesNotContain("ulimit");
  }

  @Test
  void aFolderThatTakesAFileTheLibrarysSizeGivesTheDriversWordsRatherThanToMakeRoom() {
    SQLException failure = new SQLException("Error opening connection", new NativeLibraryNotFoundException(
        "No native library found for os.name=Linux, os.arch=x86_64, paths=[/org/sqlite/native/Linux/x86_64:/usr/lib]"));

    assertThat(NativeLibraryFailure.explain(dir, "java.io.tmpdir", Optional.empty(),
        NativeLibraryFailure.driverWords(failure)))
        .contains(" (java.io.tmpdir) (it takes a file the library's size, so room is not what stopped it; the driver"
            + " said: No native library found for os.name=Linux, os.arch=x86_64), which SQLite needs each time it"
            + " starts", "point it at another folder, on a file system that lets libraries load (one not mounted"
            + " noexec): -Djava.io.tmpdir=FOLDER")
        .doesNotContain("make room", "paths=");
  }

  @Test
  void aFolderWithRoomIsNamedWithoutAReason() {
    assertThat(NativeLibraryFailure.explain(dir, "java.io.tmpdir")).startsWith("SQLite's native library could not be"
        + " unpacked into the temporary folder " + dir + " (java.io.tmpdir), which SQLite needs");
    assertThat(dir).isEmptyDirectory();
  }
}
