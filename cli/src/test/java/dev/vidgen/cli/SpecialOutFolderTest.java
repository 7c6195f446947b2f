package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.fixtures.Images;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An --out in a folder that takes no new file, even from root, is refused with a reason, not a temporary file. */
class SpecialOutFolderTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/proc", "/sys"})
  void aDryRunNamesTheReasonTheFolderTakesNoVideo(String special) {
    assumeTrue(Files.isDirectory(Path.of(special)), special + " is a Linux folder");
    Images.png(640, 360).writeTo(dir.resolve("product.png"));

    CliRun.Result run = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "ro", "--dry-run", "--out", special + "/clips/");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).as(run.all()).contains("cannot save the video to " + special + "/clips: the folder "
        + special + " does not accept new files: ").doesNotContain(".vidgen-write-check").doesNotContain(".tmp");
  }
}
