package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose tasks completed but whose videos could not be saved: its summary tells them as completed and
 * unsaved, not as tasks still running, in the human summary and in {@code --json}.
 */
class BatchUnsavedSummaryTest {
  @TempDir Path dir;

  @Test
  void completedTasksWhoseVideosWereNotSavedAreToldAsSuchNotAsRunning() throws Exception {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"),
        "{\"id\": \"k1\", \"prompt\": \"waves\", \"images\": [\"https://img.example/k1.png\"], \"seconds\": 10}\n"
            + "{\"id\": \"k2\", \"prompt\": \"sand\", \"images\": [\"https://img.example/k2.png\"], \"seconds\": 10}\n");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      // The video link serves a page, not the video: each task completes, and no video is saved.
      fake.inject(Endpoint.FILE, Fault.answer(200, "text/html", "<html>not here</html>"), 100);

      CliRun.Result human = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(human.all()).contains("is ready but was not saved");
      assertThat(human.out()).as(human.all())
          .containsPattern("unsaved +2 jobs whose tasks completed but whose videos were not saved, quoted ")
          .contains("a later run downloads them, paying nothing again")
          .doesNotContain("still running");
      assertThat(json.json()).as(json.all()).containsEntry("unsaved", 2.0).containsEntry("running", 0.0);
      assertThat((Double) json.json().get("unsaved_credits_quoted")).isPositive();
      assertThat(fake.creates()).as("the second run paid nothing again").hasSize(2);
    }
  }
}
