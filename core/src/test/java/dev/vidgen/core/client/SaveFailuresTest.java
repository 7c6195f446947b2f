package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Trial DX F5: why a video could not be saved, in words: a full disk names its folder, never a Java class. */
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
}
