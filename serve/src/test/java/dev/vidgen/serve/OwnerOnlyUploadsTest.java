package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's own folders (the vidgen data folder it makes on the way, the playground's folder in it, its
 * uploads) are its owner's alone, whatever the umask (under umask 002 a group-writable playground folder made every
 * later command refuse the data folder); its videos folder is the user's, made as the umask says.
 */
class OwnerOnlyUploadsTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.posix(dir), "the file system has POSIX permissions");
  }

  @Test
  void theDataFolderItsPlaygroundFolderAndTheUploadsAreTheOwnersAloneAndTheVideosFolderFollowsTheUmask()
      throws IOException {
    Path home = dir.resolve("vidgen");
    Path asTheUmaskSays = Files.createDirectory(dir.resolve("plain"));
    VidgenClient client = VidgenClient.builder().provider(MockVideoProvider.builder().build()).build();

    try (Playground playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0,
        home.resolve("playground"), TaskHistory.in(home), "grok-video-1.5-preview", List.of("--provider", "mock")))) {
      Uploads.Upload upload = new Uploads(home.resolve("playground/uploads"))
          .store(dev.vidgen.testkit.fixtures.Images.png().bytes(), "product.png");

      assertThat(mode(home)).isEqualTo("rwx------");
      assertThat(mode(home.resolve("playground/uploads"))).isEqualTo("rwx------");
      assertThat(mode(upload.file().getParent())).isEqualTo("rwx------");
      assertThat(mode(upload.file())).isEqualTo("rw-------");
      assertThat(mode(home.resolve("playground/videos"))).isEqualTo(mode(asTheUmaskSays));
      assertThat(mode(home.resolve("playground"))).as("a folder every data-folder check looks at")
          .isEqualTo("rwx------");
    }
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
