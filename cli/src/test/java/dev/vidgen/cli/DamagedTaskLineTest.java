package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A history line that cannot be read costs only itself: when it is a task's own line, the readable note of the
 * create that made the task (answered with it, for the same job) still holds the same job back, as the intact line
 * would.
 */
class DamagedTaskLineTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result generate() {
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "product.png", "--prompt",
        "P hist corrupt", "--max-credits", "60", "--no-wait", "--base-url", fake.baseUrl());
  }

  @ParameterizedTest
  @ValueSource(strings = {"hand-edited", "cut short, later lines appended"})
  void theSameJobIsHeldBackByItsAnsweredNoteWhenItsTaskLineCannotBeRead(String damage) throws Exception {
    CliRun.Result first = generate();
    assertThat(first.exitCode()).as(first.all()).isZero();
    String taskId = fake.taskIds().get(0);
    Path file = home.resolve("history.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int task = taskLine(lines, taskId);
    assertThat(lines.subList(task + 1, lines.size())).as("the create's note names the task after it")
        .anySatisfy(line -> assertThat(line).contains("\"status\":\"answered\"",
            "its create was answered with task " + taskId));
    String line = lines.get(task);
    lines.set(task, damage.equals("hand-edited")
        ? line.replaceFirst("\"credits\":[0-9.]+", "\"credits\":\"twenty\"") : line.substring(0, 400));
    assertThat(lines.get(task)).isNotEqualTo(line);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

    CliRun.Result again = generate();

    assertThat(again.err()).contains("1 line of the task history " + file + " could not be read");
    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("the same job was submitted", "as task " + taskId, "nothing was sent",
        "vidgen wait " + taskId);
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hand-edited", "cut short, later lines appended"})
  @SuppressWarnings("unchecked")
  void historyAndStatusReadATaskWhoseLineCannotBeReadFromItsAnsweredNote(String damage) throws Exception {
    CliRun.Result first = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
        "product.png", "--prompt", "P hist corrupt", "--no-wait", "--out", "v.mp4", "--base-url", fake.baseUrl());
    assertThat(first.exitCode()).as(first.all()).isZero();
    String taskId = fake.taskIds().get(0);
    damage(taskId, damage);
    String out = cli.dir().resolve("v.mp4").toString();

    CliRun.Result history = cli.vidgen().run("history");
    CliRun.Result json = cli.vidgen().run("history", "--json");
    CliRun.Result status = cli.vidgen().run("status", taskId, "--base-url", fake.baseUrl());

    assertThat(history.exitCode()).as(history.all()).isZero();
    assertThat(history.out()).contains(taskId, "unreadable", "An unreadable row is a task whose own line in the"
        + " history cannot be read, listed from the readable note of the create that made it (such as unanswered-")
        .doesNotContain("No task line can be read").doesNotContain("unknown");
    assertThat(history.err()).contains("1 line of " + home.resolve("history.jsonl") + " could not be read (written by"
        + " another version of vidgen, or changed by hand) and is not shown; a task it holds is listed (status"
        + " unreadable) from the note of the create that made it, and noticed as the same job only when a later note of"
        + " it, still readable, names it");
    Map<String, Object> task = ((List<Map<String, Object>>) json.json().get("tasks")).get(0);
    assertThat(task).containsEntry("task_id", taskId).containsEntry("status", "unreadable")
        .containsEntry("out", out).containsEntry("base_url", fake.baseUrl());
    assertThat((String) task.get("read_from_note")).startsWith("unanswered-");
    assertThat(task.get("credits")).isNotNull();
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.out()).doesNotContain("price unknown").doesNotContain("resumed from a bare task id")
        .contains("--out " + out);
    assertThat(status.err()).contains("task " + taskId + "'s own line in the task history cannot be read; its model,"
        + " price and --out are read from the note of the create that made it, unanswered-");
  }

  @org.junit.jupiter.api.Test
  void aTaskWhoseLaterLineIsReadableIsNotSaidToBeListedUnreadable() throws Exception {
    CliRun.Result first = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
        "product.png", "--prompt", "P hist corrupt", "--no-wait", "--out", "v.mp4", "--base-url", fake.baseUrl());
    assertThat(first.exitCode()).as(first.all()).isZero();
    String taskId = fake.taskIds().get(0);
    damage(taskId, "hand-edited");
    CliRun.Result waited = cli.vidgen().run("wait", taskId, "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
    assertThat(waited.exitCode()).as(waited.all()).isZero();

    CliRun.Result history = cli.vidgen().run("history");

    assertThat(history.out()).as("its later lines are readable").containsPattern(taskId + " .* completed ")
        .doesNotContain("unreadable");
    assertThat(history.err()).contains("1 line of " + home.resolve("history.jsonl") + " could not be read (written by"
        + " another version of vidgen, or changed by hand) and is not shown; a task it holds is listed, and noticed as"
        + " the same job, only from a later line or note of it that is still readable")
        .doesNotContain("status unreadable").doesNotContain("they hold");
  }

  /** Damages the history line of task {@code taskId} the way {@code damage} names. */
  private void damage(String taskId, String damage) throws java.io.IOException {
    Path file = home.resolve("history.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    int task = taskLine(lines, taskId);
    String line = lines.get(task);
    lines.set(task, damage.equals("hand-edited")
        ? line.replaceFirst("\"credits\":[0-9.]+", "\"credits\":\"twenty\"") : line.substring(0, 400));
    assertThat(lines.get(task)).isNotEqualTo(line);
    Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private static int taskLine(List<String> lines, String taskId) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("\"task_id\":\"" + taskId + "\"")) {
        return i;
      }
    }
    throw new AssertionError("no line of task " + taskId + " in " + lines);
  }
}
