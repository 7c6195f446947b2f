package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A history another local user could have planted (a link to one of this user's files, a folder anyone may write) is
 * never written through, also by the Java library and the playground: the record fails naming the path, and the file
 * the link leads to keeps its lines.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PlantedHistoryTest {
  @TempDir Path dir;

  @Test
  void aHistoryThatIsALinkIsNeverAppendedTo() throws IOException {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path victim = Files.writeString(dir.resolve("notes.txt"), "precious line\n");
    Files.createSymbolicLink(home.resolve("history.jsonl"), victim);

    assertThatThrownBy(() -> TaskHistory.in(home).record(entry()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(home.resolve("history.jsonl") + " is a symbolic link to " + victim);

    assertThat(Files.readString(victim)).isEqualTo("precious line\n");
  }

  @Test
  void aFolderAnyoneMayWriteIsNotUsed() throws IOException {
    Path home = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> TaskHistory.in(home).record(entry()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(home + " is writable by group and others (mode 0777)")
        .hasMessageContaining("chmod 700 " + home);

    assertThat(home.resolve("history.jsonl")).doesNotExist();
  }

  @Test
  void aRunMarkerIsNeverTruncatedThroughALink() throws IOException {
    Path home = Files.createDirectory(dir.resolve("home"));
    Path running = Files.createDirectory(home.resolve("running"));
    Path victim = Files.writeString(dir.resolve("notes.txt"), "precious line\n");
    Files.createSymbolicLink(running.resolve("vg-uploading.lock"), victim);

    assertThat(RunMarker.hold(TaskHistory.in(home), "vg-uploading")).isEmpty();

    assertThat(Files.readString(victim)).isEqualTo("precious line\n");
  }

  private static HistoryEntry entry() {
    JobHandle handle = new JobHandle("mock", TaskId.of("t_1"), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"),
        Instant.parse("2026-11-29T10:00:00Z"), null);
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("confidential prompt X").seconds(10).build();
    return HistoryEntry.submitted(handle, job, "generate");
  }
}
