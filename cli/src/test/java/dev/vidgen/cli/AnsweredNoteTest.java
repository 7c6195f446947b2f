package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every create first leaves a note ({@code unanswered-…}) that its answer then settles; a user who
 * finds that name in the history file and gives it to a command is told what the answer made,
 * never sent looking for a reference that was never a task.
 */
class AnsweredNoteTest {
  private static final String KEY = "sk-test" + "7".repeat(44);
  private static final Pattern NOTE = Pattern.compile("\"task_id\":\"(unanswered-[^\"]+)\"");

  @TempDir Path dir;
  @TempDir Path home;
  private FakeToApisServer fake;

  @BeforeEach
  void start() {
    fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start();
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CliRun.Result vidgen(String... args) {
    return CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString()).run(args);
  }

  private CliRun.Result generate(String model) {
    return vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--model", model, "--no-wait",
        "--base-url", fake.baseUrl(), "--retry-delay", "1ms");
  }

  private String noteName() throws IOException {
    Path file = dev.vidgen.serve.history.TaskHistory.in(home).file();
    List<String> lines = Files.readAllLines(file);
    Matcher named = NOTE.matcher(String.join("\n", lines));
    assertThat(named.find()).as("a note was written before the create: " + lines).isTrue();
    return named.group(1);
  }

  @Test
  void theNoteOfACreateWithoutReferenceThatWasAnsweredStandsForItsTask() throws IOException {
    CliRun.Result generated = generate("grok-video-1.5-preview");
    assertThat(generated.exitCode()).as(generated.all()).isZero();
    String name = noteName();
    assertThat(name).startsWith("unanswered-noref-");
    String taskId = fake.taskIds().get(0);
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = vidgen("status", name, "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).contains(name + "'s create was answered: it is task " + taskId)
        .doesNotContain("not in the task history", "looking it up by client reference");
    assertThat(status.out()).contains("task      " + taskId).doesNotContain("price unknown");
    assertThat(fake.requests(Endpoint.STATUS).subList(readsBefore, fake.requests(Endpoint.STATUS).size()))
        .as("only the task is read").isNotEmpty().allSatisfy(read -> assertThat(read.path()).endsWith(taskId));
  }

  @Test
  void theNoteOfACreateWithReferenceThatWasAnsweredIsReadAsItsTask() throws IOException {
    CliRun.Result generated = generate("seedance-2");
    assertThat(generated.exitCode()).as(generated.all()).isZero();
    String name = noteName();
    assertThat(name).startsWith("unanswered-vg-");
    String taskId = fake.taskIds().get(0);

    CliRun.Result byName = vidgen("status", name, "--base-url", fake.baseUrl());
    CliRun.Result byReference = vidgen("status", name.substring("unanswered-".length()), "--base-url", fake.baseUrl());

    for (CliRun.Result status : List.of(byName, byReference)) {
      assertThat(status.exitCode()).as(status.all()).isZero();
      assertThat(status.out()).as("read as the task this machine submitted").contains("task      " + taskId)
          .doesNotContain("resumed from a bare task id");
    }
    CliRun.Result close = vidgen("history", "--close", name, "--no-task");
    assertThat(close.exitCode()).as(close.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(close.err()).contains(name + " needs no closing: its create was answered with task " + taskId,
        "follow it with vidgen status " + taskId);
    CliRun.Result claim = vidgen("wait", "task-elsewhere", "--made-by", name, "--base-url", fake.baseUrl());
    assertThat(claim.exitCode()).as(claim.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claim.err()).contains(name + " has no task to claim: its create was answered with task " + taskId);
  }

  @Test
  void theNoteOfARefusedCreateSaysItMadeNoTaskAndSendsNothing() throws IOException {
    fake.inject(Endpoint.CREATE, Fault.error(400, "invalid_request", "prompt rejected"));
    CliRun.Result generated = generate("seedance-2");
    assertThat(generated.exitCode()).as(generated.all()).isNotZero();
    String name = noteName();
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = vidgen("status", name, "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(status.err()).contains(name + " has nothing to look up: its create was answered and made no task",
        "vidgen history lists the tasks this machine made");
    assertThat(fake.requests(Endpoint.STATUS)).as("nothing looked up").hasSize(readsBefore);
  }
}
