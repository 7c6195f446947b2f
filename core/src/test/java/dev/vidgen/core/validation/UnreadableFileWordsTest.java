package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local input that cannot be read is said in words, as the system gives them, never by Java's exception class. */
class UnreadableFileWordsTest {
  private final LocalFiles images = new LocalFiles("JPEG, PNG or WebP", ViolationCodes.IMAGE_MISSING,
      ViolationCodes.IMAGE_NOT_A_FILE, ViolationCodes.IMAGE_UNREADABLE);

  @TempDir Path dir;

  @Test
  void aFileThisUserMayNotReadIsSaidAsPermissionDenied() {
    List<Violation> found = new ArrayList<>();

    images.unreadable("images[0]", "/srv/shots/unreadable.png", new AccessDeniedException("/srv/shots/unreadable.png"),
        found);

    assertThat(found).singleElement().extracting(Violation::message).isEqualTo(
        "images[0]: /srv/shots/unreadable.png cannot be read (permission denied); check its permissions");
  }

  @Test
  void anotherFailureIsSaidInTheSystemsWords() {
    List<Violation> found = new ArrayList<>();

    images.unreadable("images[0]", "/mnt/usb/a.png", new FileSystemException("/mnt/usb/a.png", null,
        "Input/output error"), found);

    assertThat(found).singleElement().extracting(Violation::message).asString()
        .startsWith("images[0]: /mnt/usb/a.png cannot be read (input/output error); ").doesNotContain("Exception");
  }

  @Test
  void anUnreadableImageOrVideoGivenToAJobNamesNoJavaClass() throws IOException {
    Path locked = Files.write(dir.resolve("locked.png"), TestImages.PNG);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(locked)) {
      // Run as root, permissions do not stop a read; Linux's /proc/self/mem fails at offset 0.
      locked = Path.of("/proc/self/mem");
    }
    JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

    List<Violation> image = validator.validate(VideoJob.builder("grok-video-1.5-preview").prompt("a slow pan")
        .image(locked).build()).errors();
    List<Violation> video = validator.validate(VideoJob.builder("wan2.6")
        .mode(dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer").video(locked)
        .build()).errors();

    assertThat(image).extracting(Violation::code).contains(ViolationCodes.IMAGE_UNREADABLE);
    assertThat(video).extracting(Violation::code).contains(ViolationCodes.VIDEO_UNREADABLE);
    assertThat(image).extracting(Violation::message).allSatisfy(message ->
        assertThat(message).doesNotContain("Exception").contains("cannot be read ("));
    assertThat(video).extracting(Violation::message).allSatisfy(message ->
        assertThat(message).doesNotContain("Exception"));
  }
}
