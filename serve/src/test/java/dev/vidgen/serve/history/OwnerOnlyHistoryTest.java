package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history holds task ids, prompts and base URLs: what it makes (the file, its lock, the run markers and the
 * folders for them) is its owner's alone, whatever the umask; a history made before keeps its mode.
 */
class OwnerOnlyHistoryTest {
  @TempDir Path dir;

  @BeforeEach
  void posixOnly() {
    assumeTrue(OwnerOnly.posix(dir), "the file system has POSIX permissions");
  }

  @Test
  void theHistoryItsLockItsMarkersAndTheFoldersMadeForThemAreTheOwnersAlone() throws IOException {
    Path home = dir.resolve("share/vidgen");
    TaskHistory history = TaskHistory.in(home);

    history.changing(() -> {
      history.record(HistoryEntry.submitted(handle(), job(), "generate"));
      return null;
    });
    RunMarker marker = RunMarker.hold(history, "vg-uploading").orElseThrow();
    try {
      assertThat(mode(dir.resolve("share"))).isEqualTo("rwx------");
      assertThat(mode(home)).isEqualTo("rwx------");
      assertThat(mode(home.resolve("history.jsonl"))).isEqualTo("rw-------");
      assertThat(mode(home.resolve("history.jsonl.lock"))).isEqualTo("rw-------");
      assertThat(mode(home.resolve("running"))).isEqualTo("rwx------");
      assertThat(mode(home.resolve("running/vg-uploading.lock"))).isEqualTo("rw-------");
    } finally {
      marker.remove();
    }
  }

  @Test
  void aHistoryMadeBeforeKeepsItsModeAndItsLines() throws IOException {
    Path home = Files.createDirectory(dir.resolve("vidgen"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = Files.createFile(home.resolve("history.jsonl"));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    TaskHistory.in(home).record(HistoryEntry.submitted(handle(), job(), "generate"));

    assertThat(mode(home)).isEqualTo("rwxr-xr-x");
    assertThat(mode(file)).isEqualTo("rw-r--r--");
    assertThat(TaskHistory.in(home).entries()).hasSize(1);
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
  }

  private static JobHandle handle() {
    return new JobHandle("mock", TaskId.of("t_1"), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"),
        Instant.parse("2026-11-29T10:00:00Z"), null);
  }

  private static VideoJob job() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(10).build();
  }
}
