package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What vidgen makes for its own bookkeeping is its owner's alone; what was there keeps its mode. */
class OwnerOnlyTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.posix(dir), "the file system has POSIX permissions");
  }

  @Test
  void foldersMadeOnTheWayAndFilesOpenedAfreshAreTheOwnersAlone() throws IOException {
    Path folder = OwnerOnly.folders(dir.resolve("a/b"));
    try (FileChannel made = OwnerOnly.open(folder.resolve("f"), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      made.write(java.nio.ByteBuffer.wrap(new byte[] {1}));
    }
    OwnerOnly.emptyFile(folder.resolve("empty"));
    OwnerOnly.folder(folder.resolve("c"));

    assertThat(mode(dir.resolve("a"))).isEqualTo("rwx------");
    assertThat(mode(folder)).isEqualTo("rwx------");
    assertThat(mode(folder.resolve("c"))).isEqualTo("rwx------");
    assertThat(mode(folder.resolve("f"))).isEqualTo("rw-------");
    assertThat(mode(folder.resolve("empty"))).isEqualTo("rw-------");
  }

  @Test
  void whatExistsAlreadyKeepsItsModeAndItsContent() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.writeString(folder.resolve("f"), "kept");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    OwnerOnly.folders(folder);
    assertThat(OwnerOnly.folder(folder)).isFalse();
    assertThat(OwnerOnly.emptyFile(file)).isFalse();
    OwnerOnly.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE).close();

    assertThat(mode(folder)).isEqualTo("rwxr-xr-x");
    assertThat(mode(file)).isEqualTo("rw-r--r--");
    assertThat(file).hasContent("kept");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }
}
