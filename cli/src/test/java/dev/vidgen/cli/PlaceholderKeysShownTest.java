package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An unrelated {@code *_API_KEY} variable holding a stand-in too short to be a real key ({@code Z_API_KEY=demo}, as
 * {@code OLLAMA_API_KEY=ollama} in a developer's shell) changes nothing a command prints: words, job ids, statuses and
 * paths that hold it are shown as they are, and no {@code --json} field name is ever masked.
 */
class PlaceholderKeysShownTest {
  private static final String KEY = "sk-test" + "6".repeat(44);
  private static final String IMAGE = "https://img.example/a.png";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  /** Short stand-ins, and values of 8 characters or more (masked as keys) that are field names. */
  @ParameterizedTest
  @ValueSource(strings = {"model", "toapis", "progress", "video_url"})
  void statusJsonKeepsEveryFieldNameAndValue(String placeholder) {
    CliRun.Result made = cli.vidgen().run("generate", "--json", "--image", IMAGE, "--seconds", "10", "--prompt",
        "waves", "--poll-interval", "20ms", "--base-url", fake.baseUrl());
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    CliRun.Result plain = cli.vidgen().run("status", taskId, "--json", "--base-url", fake.baseUrl());

    CliRun.Result status = cli.vidgen().env("Z_API_KEY", placeholder)
        .run("status", taskId, "--json", "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json().keySet()).as(status.out()).isEqualTo(plain.json().keySet());
    assertThat(status.json()).containsEntry("model", made.json().get("model")).containsEntry("status", "completed")
        .containsEntry("provider", "toapis").containsEntry("video_url", plain.json().get("video_url"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchsJsonShowsTheJobIdAndTheFolderThatAreThePlaceholder() throws IOException {
    Path jobs = Files.writeString(cli.dir().resolve("jobs.jsonl"),
        "{\"id\": \"demo\", \"prompt\": \"a demo of waves\", \"images\": [\"" + IMAGE + "\"], \"seconds\": 10,"
            + " \"out\": \"fail.mp4\"}\n"
            + "{\"id\": \"ok1\", \"prompt\": \"sand\", \"images\": [\"" + IMAGE + "\"], \"seconds\": 10,"
            + " \"out\": \"demo/ok1.mp4\"}\n");
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));

    CliRun.Result run = cli.vidgen().env("Z_API_KEY", "demo").run("batch", jobs.toString(), "--out-dir", "out",
        "--concurrency", "1", "--poll-interval", "20ms", "--base-url", fake.baseUrl(), "--json");

    assertThat(run.exitCode()).as(run.all()).isNotZero();
    Map<String, Object> json = run.json();
    assertThat((List<String>) json.get("files")).as(run.out()).singleElement()
        .satisfies(file -> assertThat(Path.of(file)).endsWith(Path.of("out", "demo", "ok1.mp4")).exists());
    assertThat((List<Map<String, Object>>) json.get("jobs")).as(run.out()).singleElement()
        .satisfies(job -> assertThat(job).containsEntry("id", "demo").containsEntry("state", "failed"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunShowsTheBodyThatIsSentWithThePlaceholderWordInItsPrompt() {
    CliRun.Result dry = cli.vidgen().env("Z_API_KEY", "demo").run("generate", "--dry-run", "--json", "--image",
        IMAGE, "--seconds", "10", "--prompt", "a demo of waves", "--out", "out/demo/demo.mp4", "--base-url",
        fake.baseUrl());

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    Map<String, Object> request = (Map<String, Object>) dry.json().get("request");
    assertThat(String.valueOf(request.get("body"))).as(dry.out()).contains("a demo of waves");
    String file = (String) dry.json().get("file");
    assertThat(Path.of(file).endsWith(Path.of("out", "demo", "demo.mp4"))).as(file).isTrue();
    assertThat(fake.creates()).as("a dry run sends nothing").isEmpty();
  }
}
