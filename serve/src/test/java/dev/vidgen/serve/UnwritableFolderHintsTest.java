package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import org.junit.jupiter.api.Test;

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
}
