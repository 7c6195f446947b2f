package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemPathsTest {
  @TempDir Path dir;

  @Test
  void aDotDotAfterALinkIsTheParentOfItsTargetAsTheShellReadsIt() throws IOException {
    Path base = dir.toRealPath();
    Path shots = Files.createDirectories(base.resolve("team").resolve("shots"));
    Files.createSymbolicLink(base.resolve("current"), shots);
    Files.writeString(base.resolve("team").resolve("pic.png"), "the team's");
    Files.writeString(base.resolve("pic.png"), "another");

    Path read = SystemPaths.resolve(base, Path.of("current/../pic.png"));

    assertThat(read).isEqualTo(base.resolve("team").resolve("pic.png"));
    assertThat(read).hasContent("the team's");
  }

  @Test
  void withoutLinksOrWhereNothingExistsItIsNormalizedText() throws IOException {
    Path base = dir.toRealPath();
    Files.createDirectories(base.resolve("a"));

    assertThat(SystemPaths.resolve(base, Path.of("./a/../clip.mp4"))).isEqualTo(base.resolve("clip.mp4"));
    assertThat(SystemPaths.resolve(base, Path.of("missing/../x/./y.mp4"))).isEqualTo(base.resolve("x").resolve("y.mp4"));
    assertThat(SystemPaths.resolve(base, base.resolve("a"))).isEqualTo(base.resolve("a"));
  }
}
