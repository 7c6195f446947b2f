package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder the playground cannot write is told by its cause (full disk, permission, read-only) with that cause's fix. */
class UnwritableFolderHintsTest {
  private static UncheckedIOException upload(IOException cause) {
    return new UncheckedIOException("cannot keep the upload in /srv/pg/uploads/6fd3: " + cause.getMessage(), cause);
  }

  @Test
  void anUploadOnAFullDiskSaysToFreeSpaceNotThatItWasUnexpected() {
    String next = Hints.next(upload(new IOException("No space left on device")));

    assertThat(next).isEqualTo("the disk is full: free space there, or start vidgen serve with another --out on a disk"
        + " with room; nothing was sent");
  }

  @Test
  void anUploadIntoAFolderThisUserMayNotWriteSaysToFixItsPermissions() {
    String next = Hints.next(upload(new AccessDeniedException("/srv/pg/uploads/6fd3")));

    assertThat(next).contains("may not write there", "fix the folder's permissions", "another --out",
        "nothing was sent").doesNotContain("not expected", "try again in a moment");
  }

  @Test
  void anUploadOnAReadOnlyFileSystemSaysSoAndNamesAnotherOut() {
    String next = Hints.next(upload(new FileSystemException("/srv/pg/uploads", null, "Read-only file system")));

    assertThat(next).startsWith("the folder is on a read-only file system: start vidgen serve with another --out");
  }

  @Test
  void aFailureThatMayHaveSentTheCreateStillSaysToLookForTheJobFirst() {
    String next = Hints.next(upload(new IOException("No space left on device")), true);

    assertThat(next).contains("the create may have gone out", "vidgen history").doesNotContain("free space");
  }

  @Test
  void aHistoryLockRefusedByAPermissionSaysToFixItOrMoveTheDataFolderNotToStopAProcess() {
    UncheckedIOException unlockable = new UncheckedIOException("cannot lock the task history /v/history.jsonl.lock:"
        + " permission denied", new AccessDeniedException("/v/history.jsonl.lock"));

    assertThat(WriteTrouble.fix(unlockable, "another VIDGEN_HOME")).hasValueSatisfying(fix -> assertThat(fix)
        .contains("fix the folder's permissions", "another VIDGEN_HOME").doesNotContain("stop"));
    assertThat(WriteTrouble.fix(new UncheckedIOException(new IOException("held too long")), "another --out")).isEmpty();
  }

  private static UncheckedIOException historyWrite(Path file, IOException cause) {
    return new UncheckedIOException("cannot write the task history " + file + ": " + cause.getMessage(), cause);
  }

  @Test
  void aHistoryNoteOnAFullDiskNamesTheFolderAndItsFreeBytesNotAPermission(@TempDir Path home) throws IOException {
    Path file = home.resolve("history.jsonl");

    Optional<String> fix = WriteTrouble.fixNaming(historyWrite(file, new IOException("No space left on device")),
        file, "another VIDGEN_HOME");

    assertThat(fix).hasValueSatisfying(words -> assertThat(words).startsWith("the disk is full at " + home + " (")
        .containsPattern("\\(\\d+ bytes free\\)").contains("free space there", "another VIDGEN_HOME")
        .doesNotContain("permission", "fix " + file));
  }

  @Test
  void aHistoryNoteRefusedByAPermissionNamesTheFileWithItsOwnerAndMode(@TempDir Path home) throws IOException {
    Path file = Files.writeString(home.resolve("history.jsonl"), "");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r-----"));
    int uid = (Integer) Files.getAttribute(file, "unix:uid");

    Optional<String> fix = WriteTrouble.fixNaming(historyWrite(file, new AccessDeniedException(file.toString())),
        file, "another VIDGEN_HOME");

    assertThat(fix).hasValue("this user may not write " + file + " (owner uid " + uid + ", mode 440): fix its"
        + " permissions (owner or mode), or start vidgen serve with another VIDGEN_HOME");
  }

  @Test
  void aHistoryNoteOnAReadOnlyFileSystemNamesTheFolderNotTheDisk() {
    Path file = Path.of("/mnt/ro/vidgen/history.jsonl");

    Optional<String> fix = WriteTrouble.fixNaming(historyWrite(file, new FileSystemException(file.toString(), null,
        "Read-only file system")), file, "another VIDGEN_HOME");

    assertThat(fix).hasValue("the folder /mnt/ro/vidgen is on a read-only file system: start vidgen serve with another"
        + " VIDGEN_HOME on a writable one");
  }
}
