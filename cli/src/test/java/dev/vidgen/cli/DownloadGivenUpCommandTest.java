package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download of a finished, paid task that kept breaking off until the retries ran out: a download
 * failure naming the paid task, never a "try again later" that would pay for it twice.
 */
class DownloadGivenUpCommandTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @TempDir Path dir;
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

  @Test
  void aDownloadThatKeptBreakingOffIsADownloadFailureOfAPaidTaskWithTheProvidersCodeAndExitCode() {
    fake.inject(Endpoint.FILE, Fault.cutShort(1000), 100);

    CliRun.Result failed = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).run("generate", "--image", "product.png",
        "--prompt", "p", "--out", "clip.mp4", "--json", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms");

    String taskId = fake.taskIds().get(0);
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.creates()).as("made and paid once").hasSize(1);
    assertThat(fake.requests(Endpoint.FILE)).as("its retries were used up").hasSizeGreaterThan(1);
    Map<String, Object> json = failed.json();
    assertThat(json).containsEntry("task_id", taskId);
    assertThat(json.get("error")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("kind", "download_failed")
        .containsEntry("code", "download_broke_off")
        .containsEntry("exit_code", (double) ExitCodes.PROVIDER_ERROR)
        .hasEntrySatisfying("message", message -> assertThat(message).asString()
            .contains("could not save the video of task " + taskId, "cut short",
                "the task is finished and paid for, so do not generate it again"))
        .hasEntrySatisfying("next", next -> assertThat(next).asString()
            .contains("vidgen download " + taskId + " --out " + dir.resolve("clip.mp4")));
  }
}
