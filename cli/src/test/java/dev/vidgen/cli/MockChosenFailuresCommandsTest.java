package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The mock's failed tasks ({@code --set mock.fail=TEXT}) and refused creates ({@code --set
 * mock.create_error=STATUS[xN]}) reach the exit codes cli.md gives, through the real command.
 */
class MockChosenFailuresCommandsTest {
  private static final String IMAGE = "https://img.example/a.png";

  @TempDir Path dir;
  @TempDir Path home;

  private CliRun cli() {
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString());
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTaskWhosePromptHoldsTheFailTextEndsFailedWithExit6AndNoVideo() {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--set", "mock.fail=FAILME", "--set",
        "mock.duration=300ms", "--poll-interval", "50ms", "--image", IMAGE, "--prompt", "a kite FAILME",
        "--out", "kite.mp4", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.TASK_FAILED);
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "task_failed").containsEntry("code", "generation_failed");
    assertThat((String) error.get("message")).contains("mock: failed on purpose");
    assertThat(dir.resolve("kite.mp4")).doesNotExist();

    CliRun.Result other = cli().run("generate", "--provider", "mock", "--set", "mock.fail=FAILME", "--set",
        "mock.duration=300ms", "--poll-interval", "50ms", "--image", IMAGE, "--prompt", "a kite",
        "--out", "other.mp4");
    assertThat(other.exitCode()).as("a prompt without the text completes: " + other.all()).isZero();
    assertThat(dir.resolve("other.mp4")).isNotEmptyFile();
  }

  @Test
  @SuppressWarnings("unchecked")
  void waitInAnotherProcessWithoutTheSettingSeesTheTaskFail() {
    CliRun.Result made = cli().run("generate", "--provider", "mock", "--set", "mock.fail=FAILME", "--set",
        "mock.duration=1s", "--image", IMAGE, "--prompt", "FAILME at dusk", "--no-wait", "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");

    CliRun.Result waited = cli().runProcess("wait", taskId, "--provider", "mock", "--poll-interval", "50ms",
        "--out", "dusk.mp4", "--json");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.TASK_FAILED);
    Map<String, Object> error = (Map<String, Object>) waited.json().get("error");
    assertThat(error).containsEntry("kind", "task_failed");
    assertThat((String) error.get("message")).contains(taskId, "mock: failed on purpose");
    assertThat(dir.resolve("dusk.mp4")).doesNotExist();
  }

  @ParameterizedTest(name = "HTTP {0} -> exit {1}")
  @CsvSource({"400, 2, request_rejected", "401, 3, authentication", "403, 3, authentication",
      "402, 8, insufficient_quota", "429, 4, rate_limited", "500, 5, ambiguous_submit",
      "503, 5, provider_unavailable"})
  @SuppressWarnings("unchecked")
  void aRefusedCreateEndsWithTheExitCodeOfItsStatus(int status, int exitCode, String kind) {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--set", "mock.create_error=" + status,
        "--retry-delay", "1ms", "--image", IMAGE, "--prompt", "a kite", "--out", "kite.mp4", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(exitCode);
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", kind).containsEntry("http_status", (double) status);
    assertThat((String) error.get("message")).contains("mock: HTTP " + status + " on purpose");
    assertThat(dir.resolve("kite.mp4")).doesNotExist();
  }

  @Test
  void theFirstRateLimitedCreatesAreRetriedAndTheJobCompletes() {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--set", "mock.create_error=429x2", "--set",
        "mock.duration=300ms", "--poll-interval", "50ms", "--retry-delay", "1ms", "--image", IMAGE, "--prompt",
        "a kite", "--out", "kite.mp4", "--verbose");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err().lines().filter(line -> line.contains("retrying create"))).as(result.all()).hasSize(2)
        .allSatisfy(line -> assertThat(line).contains("HTTP 429", "retry after 1 s"));
    assertThat(dir.resolve("kite.mp4")).isNotEmptyFile();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchFailsTheJobsWhosePromptsHoldTheFailTextAndCompletesTheRest() throws IOException {
    Path jobs = jobsFile();

    CliRun.Result result = cli().run("batch", jobs.toString(), "--provider", "mock", "--set", "mock.fail=FAILME",
        "--set", "mock.duration=300ms", "--poll-interval", "50ms", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(result.json()).containsEntry("completed", 2.0).containsEntry("failed", 1.0);
    List<Map<String, Object>> failed = (List<Map<String, Object>>) result.json().get("jobs");
    assertThat(failed).singleElement().satisfies(job -> assertThat(job).containsEntry("id", "b")
        .containsEntry("state", "failed").containsEntry("reason", "mock: failed on purpose"));
    assertThat(dir.resolve("jobs-videos/a.mp4")).isNotEmptyFile();
    assertThat(dir.resolve("jobs-videos/c.mp4")).isNotEmptyFile();
    assertThat(dir.resolve("jobs-videos/b.mp4")).doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchResumedByAnotherRunWithoutTheSettingStillFailsTheJobMadeToFail() throws IOException {
    Path jobs = jobsFile();
    CliRun.Result first = cli().run("batch", jobs.toString(), "--provider", "mock", "--set", "mock.fail=FAILME",
        "--set", "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms", "--json");
    assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.DEADLINE);

    CliRun.Result resumed = cli().run("batch", jobs.toString(), "--provider", "mock", "--poll-interval", "50ms",
        "--json");

    assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(resumed.json()).containsEntry("completed", 2.0).containsEntry("failed", 1.0);
    List<Map<String, Object>> failed = (List<Map<String, Object>>) resumed.json().get("jobs");
    assertThat(failed).singleElement().satisfies(job -> assertThat(job).containsEntry("id", "b")
        .containsEntry("reason", "mock: failed on purpose"));
  }

  @Test
  void aBadValueIsRefusedWithExit2NamingTheSettingAndWhatItTakes() {
    CliRun.Result result = cli().run("generate", "--provider", "mock", "--set", "mock.create_error=404",
        "--image", IMAGE, "--prompt", "a kite", "--out", "kite.mp4");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("mock.create_error must be an HTTP status of 400, 401, 402, 403, 429, 500 or"
        + " 503", "was 404", "the mock takes mock.duration, mock.seed, mock.credits, mock.fail and mock.create_error");
  }

  private Path jobsFile() throws IOException {
    return Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n",
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"" + IMAGE + "\"]}",
        "{\"id\": \"b\", \"prompt\": \"b turns FAILME\", \"images\": [\"" + IMAGE + "\"]}",
        "{\"id\": \"c\", \"prompt\": \"c turns\", \"images\": [\"" + IMAGE + "\"]}") + "\n");
  }
}
