package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The way on after the provider broke its contract once the task was made: a ready command, as other failures give. */
class ProviderFaultAdviceTest {
  private static final String KEY = "sk-test" + "9".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aStatusAnswerNamingAnotherTaskEndsWithTheWaitCommandThatGoesOn() {
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{\"id\":\"task_other\",\"status\":\"queued\"}"),
        50);

    CliRun.Result result = cli.vidgen().run("generate", "--image", "product.png", "--prompt", "p", "--out",
        "clip.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms");

    assertThat(result.all()).doesNotContain(KEY).doesNotContain(KEY.substring(3));
    String taskId = fake.lastCreate().orElseThrow().taskId();
    assertThat(result.err()).as(result.all()).contains("another task's status (task task_other)",
        "read it again later with its task id " + taskId)
        .contains("to read the task: vidgen wait " + taskId).contains("--out");
    assertThat(result.err().split("again later", -1)).as("said once: " + result.err()).hasSize(2);
    assertThat(cli.dir().resolve("clip.mp4")).as("another task's video is never saved as this job's").doesNotExist();
  }
}
