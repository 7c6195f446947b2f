package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target whose name the file system takes, but not the temporary part name 23 bytes longer that the
 * video is written to first, is refused before anything is sent, saying what fits; nothing is left behind.
 */
@Timeout(30)
@EnabledOnOs(OS.LINUX)
class NameRoomTest {
  private final ClientFixture fixture = new ClientFixture();

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  /** A file name of {@code bytes} bytes ending in {@code .mp4}. */
  private static String named(int bytes) {
    return "n".repeat(bytes - 4) + ".mp4";
  }

  /** Skips unless names of 255 bytes, and no longer, can be made here (as on ext4, tmpfs, xfs, btrfs). */
  private void assumeNamesOf255Bytes() throws IOException {
    Path longest = folder.resolve(named(255));
    Files.createFile(longest);
    Files.delete(longest);
    boolean longerRefused;
    try {
      Files.createFile(folder.resolve(named(256)));
      longerRefused = false;
    } catch (IOException e) {
      longerRefused = true;
    }
    assumeTrue(longerRefused, "a file system whose names stop at 255 bytes");
  }

  private String[] filesLeft() throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).toArray(String[]::new);
    }
  }

  @Test
  void aNameThatLeavesNoRoomForThePartNameIsTooLongAndSaysWhatFits() throws IOException {
    assumeNamesOf255Bytes();

    assertThat(SaveTargets.nameTooLong(folder.resolve(named(240)))).get().asString()
        .contains("its name is 240 bytes", "a temporary name 23 bytes longer", "more than the 255 bytes a name may"
            + " have in " + folder, "give a file name of at most 232 bytes");
    assertThat(filesLeft()).as("the probes are deleted").isEmpty();
  }

  @Test
  void aNameOfAtMost232BytesFitsAndLeavesNothing() throws IOException {
    assumeNamesOf255Bytes();

    assertThat(SaveTargets.nameTooLong(folder.resolve(named(232)))).isEmpty();
    assertThat(SaveTargets.nameTooLong(folder.resolve("sub/deeper/" + named(232)))).isEmpty();
    assertThat(filesLeft()).isEmpty();
  }

  @Test
  void aNameOverTheLimitItselfAndAFolderNameOverItAreTooLong() throws IOException {
    assumeNamesOf255Bytes();

    assertThat(SaveTargets.nameTooLong(folder.resolve(named(256)))).get().asString()
        .contains("its name is 256 bytes, more than the 255 bytes", "give a file name of at most 232 bytes");
    assertThat(SaveTargets.nameTooLong(folder.resolve("d".repeat(300)).resolve("clip.mp4"))).get().asString()
        .contains("the folder name " + "d".repeat(300) + " on its way is 300 bytes, more than the 255 bytes");
    assertThat(filesLeft()).isEmpty();
  }

  @Test
  void aPathOverTheSystemsLimitIsTooLongThoughEachNameFits() throws IOException {
    Path deep = folder;
    for (int i = 0; i < 25; i++) {
      deep = deep.resolve("d".repeat(200));
    }

    assertThat(SaveTargets.nameTooLong(deep.resolve("x.mp4"))).get().asString()
        .containsPattern("its path is \\d+ bytes, more than the \\d+ bytes a path may have here")
        .containsPattern("give a path of at most \\d+ bytes");
    assertThat(filesLeft()).isEmpty();
  }

  @Test
  void generateRefusesBeforePayingATargetWithNoRoomForItsPartName() throws IOException {
    assumeNamesOf255Bytes();
    Path target = folder.resolve(named(240));
    Files.createFile(target);
    Files.delete(target);

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());

    assertThat(failureOf(generated)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("give a file name of at most 232 bytes").hasMessageEndingWith("(nothing was sent)");
    assertThat(fixture.provider.count("create")).as("nothing paid for a video that could not be saved").isZero();
  }

  @Test
  void aTargetWithRoomForItsPartNameIsSavedAsBefore() throws Exception {
    assumeNamesOf255Bytes();
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1"));
    Path target = folder.resolve(named(232));

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));

    assertThat(generated.join().file()).isEqualTo(target);
    assertThat(filesLeft()).containsExactly(named(232));
  }

  @Test
  void manyJobsSavingIntoOneNewFolderAtOnceAreNeitherRefusedNorLoseTheirVideos() throws Exception {
    int jobs = 8;
    int rounds = 60;
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(jobs);
    try {
      for (int round = 0; round < rounds; round++) {
        Path newFolder = folder.resolve("r" + round).resolve("sub");
        java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(jobs);
        java.util.List<java.util.concurrent.Future<Path>> saved = new java.util.ArrayList<>();
        for (int job = 0; job < jobs; job++) {
          Path target = newFolder.resolve("v" + job + ".mp4");
          saved.add(threads.submit(() -> {
            together.await(10, java.util.concurrent.TimeUnit.SECONDS);
            // What generate checks before it sends anything, then what it does once its task is done.
            SaveTargets.requireSavable(target);
            return fixture.client.download(fixture.handle("task-1"), ScriptedProvider.completed("task-1"), target);
          }));
        }
        for (java.util.concurrent.Future<Path> video : saved) {
          assertThat(video.get(10, java.util.concurrent.TimeUnit.SECONDS)).exists();
        }
      }
    } finally {
      threads.shutdownNow();
    }
    try (Stream<Path> all = Files.walk(folder)) {
      assertThat(all.filter(Files::isRegularFile).count()).as("every video saved, no probe left").isEqualTo(jobs * rounds);
    }
    assertThat(filesLeft()).as("no probe left beside the new folders").hasSize(rounds).allMatch(name -> name.startsWith("r"));
  }
}
