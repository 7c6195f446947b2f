package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The check of a video's folder before anything is paid for: new files, free space, and files it may replace. */
class SaveTargetsTest {
  @TempDir Path folder;

  @Test
  void aFolderWithNoFreeByteIsRefusedWithTheFreeBytesThoughAnEmptyFileCanStillBeMadeThere() {
    assertThat(SaveTargets.whyNoVideoFits(folder, at -> 0)).get().asString()
        .isEqualTo("has no free space: 0 bytes free on its file system, and no video fits in less than 1 MiB");
    assertThat(SaveTargets.whyNoVideoFits(folder, at -> SaveTargets.LEAST_FREE_BYTES - 1)).get().asString()
        .as("some room, too little for a video: not called none")
        .isEqualTo("has too little free space: 1024.0 KB (1048575 bytes) free on its file system, and no video fits"
            + " in less than 1 MiB");
    assertThat(SaveTargets.whyNoVideoFits(folder, at -> 1044480)).get().asString()
        .startsWith("has too little free space: 1020.0 KB (1044480 bytes) free");
  }

  @Test
  void aFolderWithRoomForAVideoPasses() {
    assertThat(SaveTargets.whyNoVideoFits(folder, at -> SaveTargets.LEAST_FREE_BYTES)).isEmpty();
    assertThat(SaveTargets.whyNoVideoFits(folder, at -> {
      throw new IOException("statfs failed");
    })).as("a figure that cannot be read refuses nothing").isEmpty();
  }

  @Test
  void aFolderWhoseModeLetsThisUserWriteButThatRefusesIsToldWhatTheSystemSaidNotThatTheUserMayNot() {
    assertThat(SaveTargets.notWritable(0755, 0, 0, Optional.of("Operation not permitted")))
        .as("root in an immutable 755 folder of its own")
        .isEqualTo("the system refused to make files there (Operation not permitted), though its owner and mode (owner"
            + " uid 0, mode 755) let this user (uid 0) write: the folder may be immutable (lsattr -d shows an i;"
            + " chattr -i undoes it) or on a file system mounted read-only");
    assertThat(SaveTargets.notWritable(0555, 0, 0, Optional.empty())).as("root writes whatever the mode says")
        .startsWith("the system refused to make files there, though its owner and mode (owner uid 0, mode 555)");
    assertThat(SaveTargets.notWritable(0777, 0, 1000, Optional.of("Operation not permitted")))
        .startsWith("the system refused to make files there (Operation not permitted)");
    assertThat(SaveTargets.notWritable(0755, 0, 1000, Optional.of("Permission denied")))
        .as("another user's 755 folder: the mode forbids it")
        .isEqualTo("this user may not make files there (owner uid 0, mode 755)");
    assertThat(SaveTargets.notWritable(0555, 1000, 1000, Optional.of("Permission denied")))
        .isEqualTo("this user may not make files there (owner uid 1000, mode 555)");
  }

  @Test
  void anotherUsersFileInAStickyFolderThisUserDoesNotOwnCannotBeReplaced() {
    Path file = folder.resolve("clip.mp4");

    assertThat(SaveTargets.stickyRefusal(file, 041777, 0, 1000, 65534)).get().asString()
        .isEqualTo(file + " belongs to another user (uid 1000) and its folder " + folder + " is shared (sticky bit,"
            + " mode 1777), where only a file's owner (or the folder's) may replace it; this user (uid 65534) cannot");
  }

  @Test
  void theOwnerOfTheFileOrOfTheFolderOrRootMayReplaceItAndAFolderWithoutTheStickyBitIsLeftToItsPermissions() {
    Path file = folder.resolve("clip.mp4");

    assertThat(SaveTargets.stickyRefusal(file, 041777, 0, 65534, 65534)).as("own file").isEmpty();
    assertThat(SaveTargets.stickyRefusal(file, 041777, 65534, 1000, 65534)).as("own folder").isEmpty();
    assertThat(SaveTargets.stickyRefusal(file, 041777, 1000, 1000, 0)).as("root").isEmpty();
    assertThat(SaveTargets.stickyRefusal(file, 040777, 0, 1000, 65534)).as("not sticky").isEmpty();
  }

  @Test
  void thisUsersOwnFileInAStickyFolderMayBeReplaced() throws IOException {
    Path shared = Files.createDirectory(folder.resolve("shared"));
    Files.setAttribute(shared, "unix:mode", 01777);
    Path file = Files.writeString(shared.resolve("clip.mp4"), "old");

    assertThat(SaveTargets.whyNotReplaceable(file)).isEmpty();
  }
}
