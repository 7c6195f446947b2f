package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.Violation;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local image or video goes up only as it was validated, and no create goes out unless what went up is that:
 * a file rewritten before its upload is not uploaded, and one changed, deleted or made unreadable while it is
 * uploaded stops the create.
 */
@Timeout(60)
class LocalFilesAroundTheirUploadTest {
  private ClientFixture fixture = new ClientFixture();

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  private void useClient(ScriptedProvider provider, java.util.function.Consumer<VidgenClient.Builder> settings) {
    fixture.close();
    fixture = new ClientFixture(provider, settings);
  }

  @Test
  void anImageDeletedWhileItsUploadIsAnsweredSendsNoCreate() throws IOException {
    Path image = png("q1.png");
    fixture.provider.onUpload(LocalFilesAroundTheirUploadTest::delete);

    Throwable failure = failureOf(fixture.client.submitAsync(imageJob(image)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e -> {
      assertThat(e.violations()).extracting(Violation::field, Violation::code)
          .containsExactly(tuple("images[0]", "image.changed"));
      assertThat(e.getMessage()).contains(image.toString(), "was deleted (or moved away) while this job's uploads",
          "no task was created", "put the file back");
    });
    assertThat(fixture.provider.calls()).as("uploaded, but no create").containsExactly("upload q1.png");
  }

  @Test
  void anImageMadeUnreadableWhileItsUploadIsAnsweredSendsNoCreate() throws IOException {
    Path image = png("locked.png");
    fixture.provider.onUpload(LocalFilesAroundTheirUploadTest::makeUnreadable);

    Throwable failure = failureOf(fixture.client.submitAsync(imageJob(image)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e -> {
      assertThat(e.violations()).extracting(Violation::field, Violation::code)
          .containsExactly(tuple("images[0]", "image.changed"));
      assertThat(e.getMessage()).contains(image.toString(), "could no longer be read (", "no task was created")
          .doesNotContain("Exception");
    });
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aVideoDeletedWhileItsUploadIsAnsweredSendsNoCreate() throws IOException {
    Path clip = Files.write(folder.resolve("clip.mp4"), ScriptedProvider.MP4);
    fixture.provider.onUpload(LocalFilesAroundTheirUploadTest::delete);

    Throwable failure = failureOf(fixture.client.submitAsync(videoJob(clip)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e ->
        assertThat(e.violations()).extracting(Violation::field, Violation::code)
            .containsExactly(tuple("videos[0]", "video.changed")));
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anImageChangedBeforeItsUploadIsNotUploaded() throws IOException {
    Path image = png("p1.png");
    // Rewritten at the last free read before the upload (the balance), with other bytes of the same kind.
    useClient(new ScriptedProvider().onBalance(() -> overwriteLastByte(image)), builder -> builder.checkBalance(true));

    Throwable failure = failureOf(fixture.client.submitAsync(imageJob(image)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e -> {
      assertThat(e.violations()).extracting(Violation::field, Violation::code)
          .containsExactly(tuple("images[0]", "image.changed"));
      assertThat(e.getMessage()).contains(image.toString(), "changed after the job was validated, found before its"
          + " upload: nothing of this job was uploaded, no task was created");
    });
    assertThat(fixture.provider.count("upload")).as("not uploaded").isZero();
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void aVideoChangedBeforeItsUploadIsNotUploaded() throws IOException {
    Path clip = Files.write(folder.resolve("edit.mp4"), ScriptedProvider.MP4);
    useClient(new ScriptedProvider().onBalance(() -> overwriteLastByte(clip)), builder -> builder.checkBalance(true));

    Throwable failure = failureOf(fixture.client.submitAsync(videoJob(clip)));

    assertThat(failure).isInstanceOfSatisfying(InvalidJobException.class, e ->
        assertThat(e.violations()).extracting(Violation::field, Violation::code)
            .containsExactly(tuple("videos[0]", "video.changed")));
    assertThat(fixture.provider.count("upload")).isZero();
    assertThat(fixture.provider.count("create")).isZero();
  }

  @Test
  void anImageTouchedWithItsBytesKeptIsSent() throws IOException {
    Path image = png("same.png");
    useClient(new ScriptedProvider().onBalance(() -> touch(image)), builder -> builder.checkBalance(true));

    fixture.client.submit(imageJob(image));

    assertThat(fixture.provider.count("upload")).isOne();
    assertThat(fixture.provider.count("create")).isOne();
  }

  private static VideoJob imageJob(Path image) {
    return Jobs.valid().toBuilder().images(List.of(ImageInput.file(image))).build();
  }

  private static VideoJob videoJob(Path clip) {
    return VideoJob.builder("wan2.6").mode(GenerationMode.REFERENCE_TO_VIDEO).prompt("the same dancer, at night")
        .video(clip).build();
  }

  private Path png(String name) throws IOException {
    Path file = folder.resolve(name);
    ImageIO.write(new BufferedImage(1280, 720, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    return file;
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Mode 000; where that does not stop a read (run as root), a folder in the file's place, which cannot be read. */
  private static void makeUnreadable(Path file) {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
      if (Files.isReadable(file)) {
        Files.delete(file);
        Files.createDirectory(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void touch(Path file) {
    try {
      Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 60_000));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file with its last byte changed: the same size and type, other bytes. */
  private static void overwriteLastByte(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
      ByteBuffer last = ByteBuffer.allocate(1);
      channel.read(last, channel.size() - 1);
      channel.write(ByteBuffer.wrap(new byte[] {(byte) (last.get(0) ^ 0x5A)}), channel.size() - 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
