package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.LinesUnderAnAnsweredNote;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's history after an older vidgen serve followed one of its jobs under the name of the job's create
 * note: the task is one card, completed with the video the older serve saved, and the note is no card.
 */
class TaskFollowedUnderItsNoteInPlaygroundTest {
  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);

  @Test
  void theTaskIsOneCardCompletedWithItsVideoAndTheNoteNone() throws IOException {
    TaskHistory history = on.history();
    Path videos = folder.resolve("videos");
    Path saved = LinesUnderAnAnsweredNote.write(history, fake.baseUrl(), videos,
        Instant.now().minusSeconds(600));
    Videos.mp4(Files.createDirectories(videos), saved.getFileName().toString());
    on.startOnFake(LinesUnderAnAnsweredNote.MODEL);

    List<Map<String, Object>> tasks = on.tasks();

    assertThat(tasks).extracting(task -> task.get("task_id")).as("one card, the task's")
        .containsExactly(LinesUnderAnAnsweredNote.TASK);
    assertThat(tasks.get(0)).containsEntry("status", "completed").containsEntry("file", saved.toString());
  }
}
