package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.DownloadFailedException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Why a video could not be saved, in words: a full disk names its folder, never a Java class. */
class SaveFailuresTest {
  private static final Path TARGET = Path.of("/videos/small/v.mp4").toAbsolutePath();

  @Test
  void aFullDiskIsSaidAsSuchWithItsFolderAndWhatToDo() {
    String said = SaveFailures.words(new IOException("No space left on device"), TARGET);

    assertThat(said).isEqualTo("the disk is full at " + TARGET.getParent() + " (No space left on device): free"
        + " space there, then save the video again").doesNotContain("java.").doesNotContain("IOException");
    assertThat(SaveFailures.words(new FileSystemException(TARGET.toString(), null, "Disk quota exceeded"), TARGET))
        .startsWith("the disk is full at " + TARGET.getParent());
  }

  @Test
  void otherRefusalsAreTheirReasonAndFileWithoutAJavaClassName() {
    assertThat(SaveFailures.words(new AccessDeniedException("/videos/small/.v.mp4.1f.part"), TARGET))
        .isEqualTo("permission denied (/videos/small/.v.mp4.1f.part)");
    assertThat(SaveFailures.words(new IOException("Input/output error"), TARGET)).isEqualTo("Input/output error");
  }

  @Test
  void aFullDiskWhileSavingIsADownloadFailureSayingSo() {
    dev.vidgen.core.error.DownloadFailedException failure = new dev.vidgen.core.error.DownloadFailedException(
        dev.vidgen.core.domain.TaskId.of("video_1"), TARGET,
        SaveFailures.words(new IOException("No space left on device"), TARGET), null);

    assertThat(failure).hasMessageContaining("could not save the video of task video_1 to " + TARGET
        + ": the disk is full at " + TARGET.getParent()).hasMessageNotContaining("java.io");
  }

  @Test
  void aFileSizeLimitIsNamedWithWhereTheVideoCanBeSaved() {
    DownloadFailedException failure = SaveFailures.failure(TaskId.of("video_1"), TARGET,
        new FileSystemException("/videos/small/.v.mp4.1f.part", null, "File too large"), 6L * 1024 * 1024);

    assertThat(failure).hasMessageContaining("the file grew past the largest file this process may write in "
        + TARGET.getParent() + " (File too large): a file-size limit stops it, most often the shell's (ulimit -f)");
    assertThat(failure.whereToSave()).hasValue("where the file-size limit allows it: from a shell whose ulimit -f is"
        + " unlimited or above 6.0 MB, or in a folder on another file system");
  }

  @Test
  void aVideoLargerThanTheWholeFileSystemSaysBothSizesAndThatFreeingSpaceCannotHelp(@TempDir Path folder)
      throws IOException {
    Path target = folder.resolve("v.mp4");
    long whole = Files.getFileStore(folder).getTotalSpace();

    DownloadFailedException failure = SaveFailures.failure(TaskId.of("video_1"), target,
        new IOException("No space left on device"), whole + 1);

    assertThat(failure).hasMessageContaining("is larger than the whole file system at " + folder + " (")
        .hasMessageContaining("freeing space there cannot make room for it").hasMessageNotContaining("free space there");
    assertThat(failure.whereToSave()).hasValueSatisfying(where -> assertThat(where)
        .startsWith("in a folder on another file system with room for "));
  }

  @Test
  void aFullDiskTheVideoFitsIsToldToFreeSpaceWithTheVideosSize(@TempDir Path folder) {
    DownloadFailedException failure = SaveFailures.failure(TaskId.of("video_1"), folder.resolve("v.mp4"),
        new IOException("No space left on device"), 6L * 1024 * 1024);

    assertThat(failure).hasMessageContaining("the disk is full at " + folder + " (No space left on device): free"
        + " space there (the video is 6.0 MB), then save the video again");
    assertThat(failure.whereToSave()).isEmpty();
  }
}
