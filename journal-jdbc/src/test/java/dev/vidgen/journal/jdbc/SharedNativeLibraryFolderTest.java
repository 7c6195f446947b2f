package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's native library is never unpacked into a {@code VIDGEN_HOME} another user may write: a library loaded from
 * there could be theirs. The driver's own temporary folder serves instead.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SharedNativeLibraryFolderTest {
  @TempDir Path dir;

  @Test
  void aHomeAnyoneMayWriteIsNotWhereTheLibraryGoes() throws IOException {
    Path home = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    Properties properties = new Properties();

    assertThat(NativeLibraryFolder.prepare(Map.of("VIDGEN_HOME", home.toString()), properties, Instant.now()))
        .isEmpty();

    assertThat(properties.getProperty(NativeLibraryFolder.PROPERTY)).isNull();
    assertThat(home.resolve(NativeLibraryFolder.NAME)).doesNotExist();
  }
}
