package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdoutTempFoldersTest {
  @TempDir Path tmp;

  @Test
  void aFolderLeftByARunKilledOutrightIsRemovedByALaterRunOnceADayOldAndNothingElse() throws Exception {
    Instant now = Instant.parse("2026-12-03T12:00:00Z");
    Path killed = Files.createDirectory(tmp.resolve(StdoutTempFolders.PREFIX + "111"));
    Files.writeString(killed.resolve(".video_1.mp4.ab12.part"), "half a video");
    Files.setLastModifiedTime(killed, FileTime.from(now.minus(Duration.ofDays(2))));
    Path running = Files.createDirectory(tmp.resolve(StdoutTempFolders.PREFIX + "222"));
    Files.setLastModifiedTime(running, FileTime.from(now.minus(Duration.ofHours(3))));
    Path others = Files.createDirectory(tmp.resolve("someone-else-333"));
    Files.setLastModifiedTime(others, FileTime.from(now.minus(Duration.ofDays(30))));

    Path made = StdoutTempFolders.create(tmp, now);

    assertThat(killed).doesNotExist();
    assertThat(running).as("a download may still be using it").isDirectory();
    assertThat(others).as("not vidgen's").isDirectory();
    assertThat(made).isDirectory().hasParent(tmp);
    assertThat(made.getFileName().toString()).startsWith(StdoutTempFolders.PREFIX);
  }
}
