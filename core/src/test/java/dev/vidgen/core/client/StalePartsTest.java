package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StalePartsTest {
  @TempDir Path folder;

  @Test
  void deletesOnlyWhatKilledDownloadsToTheTargetLeft() throws IOException {
    Path target = Files.writeString(folder.resolve("kite.mp4"), "an older video");
    Path stale = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "half a video");
    Path staleToo = Files.writeString(folder.resolve(".kite.mp4.9.part"), "another half");
    Path notHex = Files.writeString(folder.resolve(".kite.mp4.notes.part"), "not a download's");
    Path otherTarget = Files.writeString(folder.resolve(".other.mp4.3fa2c0de11b7.part"), "another target's");
    Path dotted = Files.writeString(folder.resolve(".kite.mp4.v2.mp4.3fa2.part"), "kite.mp4.v2.mp4's");

    new StaleParts().remove(target);

    assertThat(stale).doesNotExist();
    assertThat(staleToo).doesNotExist();
    assertThat(target).hasContent("an older video");
    assertThat(notHex).exists();
    assertThat(otherTarget).exists();
    assertThat(dotted).exists();
  }

  @Test
  void leavesAPartThatALiveDownloadIsStillWriting() throws IOException {
    Path target = folder.resolve("kite.mp4");
    Path live = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "the first half so far");
    Path stale = Files.writeString(folder.resolve(".kite.mp4.9.part"), "a killed one's half");

    // A download holds a lock on its part while it writes it, as another vidgen process does.
    try (java.nio.channels.FileChannel writing = java.nio.channels.FileChannel.open(live,
        java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = writing.lock()) {
      new StaleParts().remove(target);

      assertThat(live).as("still being written").hasContent("the first half so far");
      assertThat(stale).doesNotExist();
    }
  }

  @Test
  void leavesAPartThisProcessMayNotOpenForItMayBeAnotherUsersLiveDownload() throws IOException {
    Path target = folder.resolve("kite.mp4");
    Path othersPart = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "another user's first half");
    Path stale = Files.writeString(folder.resolve(".kite.mp4.9.part"), "a killed one's half");
    // Another user's part in a shared group-writable folder: this user may delete its name but not open it.
    StaleParts parts = new StaleParts(StaleParts::namesIn, part -> {
      if (part.getFileName().equals(othersPart.getFileName())) {
        throw new AccessDeniedException(part.toString());
      }
      return FileChannel.open(part, StandardOpenOption.WRITE);
    });

    parts.remove(target);

    assertThat(othersPart).as("another user's download, alive or not").hasContent("another user's first half");
    assertThat(stale).doesNotExist();
  }

  @Test
  void leavesAPartWhosePermissionsKeepThisUserFromWritingIt() throws IOException {
    Path target = folder.resolve("kite.mp4");
    Path othersPart = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "another user's first half");
    Files.setPosixFilePermissions(othersPart, PosixFilePermissions.fromString("r--r--r--"));
    Assumptions.assumeFalse(Files.isWritable(othersPart), "this user (root) may write any file");

    new StaleParts().remove(target);

    assertThat(othersPart).hasContent("another user's first half");
  }

  @Test
  void aPartAnotherClientOfThisProcessWritesStaysLockedForOtherProcesses() throws Exception {
    Path target = folder.resolve("kite.mp4");
    Path live = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "the first half so far");
    // Another client in this JVM writes it: its lock is the process's, and closing any channel on the file would
    // let it go, so that another process tidying the same folder would take the live part for a stale one.
    try (java.nio.channels.FileChannel writing = java.nio.channels.FileChannel.open(live,
        java.nio.file.StandardOpenOption.WRITE); java.nio.channels.FileLock lock = writing.lock()) {
      Downloader.WRITTEN_HERE.add(live.toAbsolutePath().normalize());
      try {
        new StaleParts().remove(target);

        assertThat(probe(live)).as("still locked, for a process tidying the same folder").isEqualTo("held");
        assertThat(live).exists(); // (reading it here would let the lock go too)
      } finally {
        Downloader.WRITTEN_HERE.remove(live.toAbsolutePath().normalize());
      }
    }
  }

  private static String probe(Path part) throws IOException, InterruptedException {
    Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        System.getProperty("java.class.path"), PartLockProbe.class.getName(), part.toString())
        .redirectErrorStream(true).start();
    String said = new String(run.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(run.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).as(said).isTrue();
    return said.strip();
  }

  @Test
  void readsAFolderOnceHoweverManyOfItsTargetsAreDownloaded() throws IOException {
    AtomicInteger reads = new AtomicInteger();
    StaleParts parts = new StaleParts(dir -> {
      reads.incrementAndGet();
      return StaleParts.namesIn(dir);
    });
    Path first = Files.writeString(folder.resolve(".a.mp4.1f2e.part"), "half of a");
    Path second = Files.writeString(folder.resolve(".b.mp4.1f2e.part"), "half of b");

    parts.remove(folder.resolve("a.mp4"));
    parts.remove(folder.resolve("b.mp4"));
    parts.remove(folder.resolve("c.mp4"));
    parts.remove(folder.resolve("a.mp4"));

    assertThat(reads).hasValue(1);
    assertThat(first).doesNotExist();
    assertThat(second).doesNotExist();
  }

  @Test
  void aMissingFolderHasNothingToTidy() {
    new StaleParts().remove(folder.resolve("not-made-yet").resolve("a.mp4"));

    assertThat(folder.resolve("not-made-yet")).doesNotExist();
  }
}
