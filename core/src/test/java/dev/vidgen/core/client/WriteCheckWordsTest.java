package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A folder that takes no new file is refused with a reason in words, never the name of the file that tried. */
class WriteCheckWordsTest {
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/proc", "/sys"})
  void aSpecialFileSystemIsRefusedWithAReasonAndNotTheProbeName(String special) {
    Path folder = Path.of(special);
    assumeTrue(Files.isDirectory(folder), special + " is a Linux folder");

    assertThat(SaveTargets.whyNoVideoFits(folder)).get().asString()
        .startsWith("does not accept new files: ").doesNotContain(".vidgen-write-check").doesNotContain(".tmp");
  }

  @Test
  void aRefusalWithoutTheSystemsReasonIsSaidInWords() {
    Path folder = Path.of("/sys");

    assertThat(SaveTargets.reason(new AccessDeniedException("/sys/.vidgen-write-check761.tmp"), folder))
        .startsWith("permission denied").doesNotContain(".vidgen-write-check");
    assertThat(SaveTargets.reason(new NoSuchFileException("/proc/.vidgen-write-check42.tmp"), folder))
        .startsWith("no such file or directory").doesNotContain(".vidgen-write-check");
    assertThat(SaveTargets.reason(new FileSystemException("/data/.vidgen-write-check9.tmp", null,
        "Read-only file system"), Path.of("/data"))).isEqualTo("Read-only file system");
  }
}
