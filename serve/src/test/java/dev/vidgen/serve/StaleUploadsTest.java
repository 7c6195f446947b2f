package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's uploads folder does not grow without bound: an image is stored once whatever it is called, and
 * an upload unused for a week goes when the playground starts, unless a task in flight names it; files the user put
 * there by hand stay.
 */
class StaleUploadsTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final Instant LONG_AGO = Instant.now().minus(Duration.ofDays(8));

  @TempDir Path home;

  private final VidgenClient client = VidgenClient.builder().provider(MockVideoProvider.builder().build()).build();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void theSameImageUploadedAgainIsStoredOnceAndKeptAWeekFromItsLastUpload() throws IOException {
    Uploads uploads = new Uploads(home.resolve("playground/uploads"));
    Uploads.Upload first = uploads.store(Images.png().bytes(), "product.png");
    ageTree(first.file().getParent());

    Uploads.Upload again = uploads.store(Images.png().bytes(), "renamed.png");

    assertThat(again.file()).as("sent again from the same file").isEqualTo(first.file());
    assertThat(files(home.resolve("playground/uploads"))).containsExactly(first.id() + "/product.png");
    assertThat(Files.getLastModifiedTime(again.file()).toInstant()).as("uploaded again just now: its week starts again")
        .isAfter(Instant.now().minus(Duration.ofMinutes(1)));
  }

  @Test
  void startingRemovesUploadsUnusedForAWeekButNotThoseATaskInFlightNamesNorTheUsersOwnFiles() throws IOException {
    Path folder = home.resolve("playground");
    Uploads uploads = new Uploads(folder.resolve("uploads"));
    Uploads.Upload stale = uploads.store(Images.png(200, 200).bytes(), "old.png");
    Uploads.Upload inFlight = uploads.store(Images.png(300, 300).bytes(), "running.png");
    Uploads.Upload fresh = uploads.store(Images.png(400, 400).bytes(), "new.png");
    // Put there by hand, in and beside the uploads' own pattern: a note, a folder of one's own, a folder named as an
    // upload is whose image is not that upload's bytes.
    Files.writeString(folder.resolve("uploads/notes.txt"), "mine");
    Files.copy(stale.file(), Files.createDirectories(folder.resolve("uploads/holiday")).resolve("beach.png"));
    Files.write(Files.createDirectories(folder.resolve("uploads/0123456789abcdef")).resolve("mine.png"),
        Images.png(500, 500).bytes());
    Stream.of(stale.file().getParent(), inFlight.file().getParent(), folder.resolve("uploads/notes.txt"),
        folder.resolve("uploads/holiday"), folder.resolve("uploads/0123456789abcdef")).forEach(StaleUploadsTest::ageTree);
    TaskHistory history = TaskHistory.in(home);
    JobHandle running = new JobHandle("mock", TaskId.of("task_running"), MODEL, PriceQuote.unknown(MODEL, "test"),
        LONG_AGO, null);
    history.record(HistoryEntry.submitted(running, VideoJob.builder(MODEL).prompt("x").image(inFlight.file()).build(),
        "playground"));

    try (Playground playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder, history,
        MODEL, List.of("--provider", "mock")))) {
      assertThat(files(folder.resolve("uploads"))).as("the week-old upload went, nothing else")
          .containsExactlyInAnyOrder(inFlight.id() + "/running.png", fresh.id() + "/new.png", "notes.txt",
              "holiday/beach.png", "0123456789abcdef/mine.png");
    }
  }

  private static List<String> files(Path folder) throws IOException {
    try (Stream<Path> walk = Files.walk(folder)) {
      return walk.filter(Files::isRegularFile).map(file -> folder.relativize(file).toString().replace('\\', '/'))
          .sorted().toList();
    }
  }

  /** Makes {@code path} and everything in it last changed eight days ago. */
  private static void ageTree(Path path) {
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path each : walk.toList()) {
        Files.setLastModifiedTime(each, FileTime.from(LONG_AGO));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
