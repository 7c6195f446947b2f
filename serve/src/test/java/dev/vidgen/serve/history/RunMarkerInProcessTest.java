package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A marker this process holds stays held, for other processes, however often this process looks at it: a
 * lock belongs to the whole process, and closing any channel it opened on the file would let it go.
 */
class RunMarkerInProcessTest {
  @TempDir Path home;

  private String probe(Path marker) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process run = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LockProbe.class.getName(), marker.toString()).redirectErrorStream(true).start();
    String said = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(run.waitFor(60, TimeUnit.SECONDS)).as(said).isTrue();
    return said.strip();
  }

  /** The history's lock, held by another process (a {@link LockHolder}) until closed. */
  private AutoCloseable lockHeldElsewhere() throws Exception {
    Files.createDirectories(home);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process holder = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
        LockHolder.class.getName(), home.resolve("history.jsonl.lock").toString()).start();
    AutoCloseable release = () -> {
      holder.getOutputStream().close();
      assertThat(holder.waitFor(60, TimeUnit.SECONDS)).as("the holder ends once told").isTrue();
    };
    String said = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    if (!"locked".equals(said)) {
      release.close();
      throw new AssertionError("the holder did not lock the history: " + said);
    }
    return release;
  }

  @Test
  void aChangeWaitsForAnotherProcessesLockOnlySoLongThenSaysWhy() throws Exception {
    TaskHistory history = TaskHistory.in(home).withLockWait(java.time.Duration.ofMillis(300));
    try (AutoCloseable held = lockHeldElsewhere()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.changing(() -> "changed"))
          .isInstanceOf(java.io.UncheckedIOException.class)
          .hasMessageContaining("cannot lock the task history")
          .hasMessageContaining("another process has held it for 300 ms, longer than a change takes");
    }
    assertThat(history.changing(() -> "changed")).as("once it is let go").isEqualTo("changed");
  }

  @Test
  void onceALockWaitTimedOutTheNextChangesOfTheRunWaitOnlyBrieflyAndSaySoUntilOneGetsIt() throws Exception {
    TaskHistory history = TaskHistory.in(home).withLockWait(java.time.Duration.ofSeconds(3));
    try (AutoCloseable held = lockHeldElsewhere()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.changing(() -> "changed"))
          .hasMessageContaining("another process has held it for 3 s, longer than a change takes");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.changing(() -> "changed"))
          .as("the next change of the run does not wait the whole 3 s again")
          .hasMessageContaining("another process still holds it, as it did for 3 s earlier in this run (this change"
              + " waited 1 s)");
    }
    assertThat(history.changing(() -> "changed")).as("once it is let go").isEqualTo("changed");

    try (AutoCloseable heldAgain = lockHeldElsewhere()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.changing(() -> "changed"))
          .as("a change got the lock meanwhile: a new hold is waited for in full")
          .hasMessageContaining("another process has held it for 3 s");
    }
  }

  @Test
  void lookingAtAMarkerThisProcessHoldsNeverLetsItsLockGoForOtherProcesses() throws Exception {
    TaskHistory history = TaskHistory.in(home);
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("still uploading").image("https://img.example/a.png")
        .build();
    Instant began = Instant.now();
    HistoryEntry note = HistoryEntry.unanswered("vg-uploading", false, "mock", job,
        PriceQuote.unknown("grok-video-1.5-preview", "test"), began, began,
        HistoryEntry.SUBMIT_BEGAN + began + " (UTC) and " + HistoryEntry.SENDING_MARK, "serve");
    history.record(note);
    RunMarker marker = RunMarker.hold(history, "vg-uploading").orElseThrow();
    try {
      Path file;
      try (Stream<Path> held = Files.list(home.resolve("running"))) {
        file = held.findFirst().orElseThrow();
      }
      assertThat(probe(file)).as("held, before any look").isEqualTo("held");

      // What the playground does on each check, Generate and look at its history while one of its own uploads.
      assertThat(RunMarker.isRunning(history, note)).isTrue();
      RunMarker.settleAbandoned(history, Instant.now());
      history.entries();

      assertThat(probe(file)).as("still held for another process, such as a vidgen generate of the same job")
          .isEqualTo("held");
      assertThat(history.note(note.taskId())).map(HistoryEntry::status).as("its note not settled as nothing sent")
          .contains(HistoryEntry.UNKNOWN);
    } finally {
      marker.remove();
    }
  }

  @Test
  void aMarkerThatCannotBeWrittenIsNotLeftBehind() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "a full device to write to");
    TaskHistory history = TaskHistory.in(home);
    Path file = home.resolve("running").resolve("vg-full.lock");
    Files.createDirectories(file.getParent());
    // A marker whose bytes would find no room, as on a full disk: a link, which is now refused before it is opened
    // (another user may have planted it; PlantedHistoryTest), so nothing is made there to linger.
    Files.createSymbolicLink(file, Path.of("/dev/full"));

    assertThat(RunMarker.hold(history, "vg-full")).isEmpty();
    assertThat(Files.isSymbolicLink(file)).as("the link is left as it was, no marker made in its place").isTrue();
  }
}
