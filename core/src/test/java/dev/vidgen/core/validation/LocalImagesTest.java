package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Local images are checked by content, size and readability before anything is uploaded. */
class LocalImagesTest {
  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  @TempDir Path dir;

  private List<Violation> errorsFor(Path image) {
    return validator.validate(VideoJob.builder("grok-video-1.5-preview").prompt("a slow pan").image(image).build())
        .errors();
  }

  @ParameterizedTest
  @ValueSource(strings = {"jpeg", "png", "webp"})
  void acceptsJpegPngAndWebpByTheirFirstBytes(String kind) throws IOException {
    byte[] content = switch (kind) {
      case "jpeg" -> TestImages.JPEG;
      case "png" -> TestImages.PNG;
      default -> TestImages.WEBP;
    };

    assertThat(errorsFor(TestImages.write(dir, "picture." + kind, content))).isEmpty();
  }

  @Test
  void judgesByContentNotByName() throws IOException {
    Path pngNamedTxt = TestImages.write(dir, "picture.txt", TestImages.PNG);
    Path textNamedPng = TestImages.text(dir, "notes.png");

    assertThat(errorsFor(pngNamedTxt)).isEmpty();
    assertThat(errorsFor(textNamedPng)).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("images[0]");
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_FORMAT);
      assertThat(error.allowed()).isEqualTo("JPEG, PNG or WebP");
      assertThat(error.message()).contains("notes.png", "not a JPEG, PNG or WebP image by its content");
    });
  }

  @Test
  void rejectsAGifSayingVideoModelsDoNotTakeIt() throws IOException {
    assertThat(errorsFor(TestImages.write(dir, "anim.gif", TestImages.GIF))).singleElement()
        .satisfies(error -> assertThat(error.message()).contains("GIF"));
  }

  @Test
  void aVideoOrAPhonesHeicPhotoGivenAsAnImageIsNamedForWhatItIs() throws IOException {
    byte[] mp4 = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};
    byte[] heic = {0, 0, 0, 0x18, 'f', 't', 'y', 'p', 'h', 'e', 'i', 'c', 0, 0, 0, 0};

    assertThat(errorsFor(TestImages.write(dir, "clip.png", mp4))).singleElement().satisfies(error ->
        assertThat(error.message()).contains("is an MP4 video, not a JPEG, PNG or WebP image by its content",
            "give it as a video (--video on the command line, \"videos\" in a jobs file, video(...) in Java), to a model"
                + " that takes videos"));
    assertThat(errorsFor(TestImages.write(dir, "photo.heic", heic))).singleElement().satisfies(error ->
        assertThat(error.message()).contains("is a HEIC/HEIF image (as phones save photos)",
            "convert it to JPEG, PNG or WebP"));
  }

  @Test
  void aLoopOfLinksIsToldAsSuchNotAsAMatterOfPermissions() throws IOException {
    Path one = dir.resolve("loop1.png");
    Path two = dir.resolve("loop2.png");
    Files.createSymbolicLink(one, two);
    Files.createSymbolicLink(two, one);

    assertThat(errorsFor(one)).singleElement().satisfies(error -> assertThat(error.message())
        .contains("is a symbolic link that cannot be followed to a file (a loop of links, or too many)")
        .doesNotContain("permissions"));
  }

  @Test
  void rejectsAnEmptyFile() throws IOException {
    Path empty = Files.createFile(dir.resolve("empty.jpg"));

    assertThat(errorsFor(empty)).extracting(Violation::code, Violation::given)
        .containsExactly(org.assertj.core.api.Assertions.tuple(ViolationCodes.IMAGE_FORMAT, "empty"));
    assertThat(errorsFor(empty)).singleElement().satisfies(error -> assertThat(error.message())
        .endsWith("; give a file that holds the image").doesNotContain("convert it"));
  }

  @Test
  void rejectsAMissingFile() {
    assertThat(errorsFor(dir.resolve("gone.png"))).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_MISSING);
      assertThat(error.message()).contains("gone.png", "does not exist");
    });
  }

  @Test
  void rejectsADirectory() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("folder.png"));

    assertThat(errorsFor(folder)).extracting(Violation::code).containsExactly(ViolationCodes.IMAGE_NOT_A_FILE);
  }

  @Test
  void acceptsExactlyTenMegabytes() throws IOException {
    assertThat(errorsFor(TestImages.pngOfSize(dir, "limit.png", 10L * 1024 * 1024))).isEmpty();
  }

  @Test
  void rejectsOneByteOverTenMegabytes() throws IOException {
    Path big = TestImages.pngOfSize(dir, "big.png", 10L * 1024 * 1024 + 1);

    assertThat(errorsFor(big)).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_TOO_LARGE);
      assertThat(error.given()).isEqualTo("10485761 bytes");
      assertThat(error.message()).as("a size just over the limit is told in bytes, not as 10.0 MB")
          .contains("big.png is 10,485,761 bytes, over the 10 MB upload limit (10,485,760 bytes)")
          .doesNotContain("10.0 MB");
    });
  }

  @Test
  void aFileWellOverTheLimitIsToldInMegabytes() throws IOException {
    Path big = TestImages.pngOfSize(dir, "big.png", 12L * 1024 * 1024);

    assertThat(errorsFor(big)).singleElement().satisfies(error -> assertThat(error.message())
        .contains("big.png is 12.0 MB (12,582,912 bytes), over the 10 MB upload limit"));
  }

  @Test
  void aBrokenSymbolicLinkIsToldAsOne() throws IOException {
    Path link = Files.createSymbolicLink(dir.resolve("product.png"), dir.resolve("gone.png"));

    assertThat(errorsFor(link)).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_MISSING);
      assertThat(error.message()).contains("product.png is a symbolic link to " + dir.resolve("gone.png")
          + ", which does not exist");
    });
  }

  @Test
  void anImageGivenAsAVideoIsNamedAsTheImageItIs() throws IOException {
    Path png = TestImages.write(dir, "still.png", TestImages.PNG);
    List<Violation> found = new java.util.ArrayList<>();

    LocalVideos.check("videos[0]", png.toUri(), found);

    assertThat(found).singleElement().satisfies(error -> assertThat(error.message())
        .contains("still.png is a PNG image, not an MP4, MOV or WebM", "give an image as an image")
        .contains("image(...) in Java, --image on the command line, \"images\" in a jobs file")
        .doesNotContain("unknown kind", "convert it to MP4"));
  }

  @Test
  void reportsBothSizeAndFormatOfALargeNonImage() throws IOException {
    Path big = TestImages.text(dir, "huge.jpg");
    try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(11L * 1024 * 1024);
    }

    assertThat(errorsFor(big)).extracting(Violation::code)
        .containsExactly(ViolationCodes.IMAGE_TOO_LARGE, ViolationCodes.IMAGE_FORMAT);
  }

  @Test
  void rejectsAFileItCannotRead() throws IOException {
    Path locked = TestImages.write(dir, "locked.png", TestImages.PNG);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    if (Files.isReadable(locked)) {
      // Running as root, permissions do not stop a read; Linux's /proc/self/mem fails at offset 0.
      locked = Path.of("/proc/self/mem");
      assumeThat(Files.isRegularFile(locked)).as("an unreadable file exists on this machine").isTrue();
    }

    assertThat(errorsFor(locked)).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_UNREADABLE);
      assertThat(error.message()).contains("cannot be read");
    });
  }
}
