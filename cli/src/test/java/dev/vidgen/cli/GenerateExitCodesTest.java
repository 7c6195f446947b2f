package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every exit code of {@code vidgen generate} against the fake ToAPIs, once in this JVM (for
 * people, and with {@code --json}) and once as a real process (with {@code --json} and
 * {@code --verbose}); the key is printed in none of them.
 */
class GenerateExitCodesTest {
  @TempDir Path dir;
  private FakeToApisServer fake;

  @BeforeEach
  void start() {
    fake = FakeToApisServer.start();
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  static List<Scenario> scenarios() {
    return Scenario.all();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void endsWithItsExitCodeForPeople(Scenario scenario) {
    scenario.arrange().accept(fake);

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", scenario.key()).run(scenario.argsFor(fake));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(scenario.exitCode());
    thenNothingLeaks(scenario, result);
    if (scenario.exitCode() != 0) {
      assertThat(result.err()).as(result.all()).contains("vidgen: ");
      assertThat(result.err().lines().filter(l -> l.contains(" — ")).count()).as(result.all()).isPositive();
    }
    thenTheTaskIsNamedWhenOneExists(scenario, result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void endsWithItsExitCodeInJson(Scenario scenario) throws IOException {
    scenario.arrange().accept(fake);

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", scenario.key()).run(scenario.argsFor(fake, "--json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(scenario.exitCode());
    thenTheJsonFits(scenario, result);
    thenNothingLeaks(scenario, result);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void endsWithItsExitCodeAsARealProcess(Scenario scenario) throws IOException {
    scenario.arrange().accept(fake);

    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", scenario.key())
        .runProcess(scenario.argsFor(fake, "--json", "--verbose"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(scenario.exitCode());
    thenTheJsonFits(scenario, result);
    thenNothingLeaks(scenario, result);
    assertThat(result.err()).as("no progress bar off a terminal").doesNotContain("\r").doesNotContain("[#");
  }

  private void thenTheJsonFits(Scenario scenario, CliRun.Result result) throws IOException {
    Map<String, Object> json = result.json();
    if (scenario.exitCode() == 0) {
      assertThat(json).containsEntry("status", "completed").containsEntry("model", "grok-video-1.5-preview")
          .containsEntry("credits", 20.0).containsEntry("usd", 0.1).containsKeys("task_id", "video_url", "file");
      assertThat(Mp4Files.boxes(Path.of((String) json.get("file")))).startsWith("ftyp");
      return;
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) json.get("error");
    assertThat(error).as(result.all()).containsEntry("kind", scenario.errorKind())
        .containsKeys("kind", "code", "message", "http_status", "request_id");
    if (scenario.namesTask()) {
      assertThat(json).as(result.all()).containsKey("task_id");
      assertThat(fake.taskIds()).contains((String) json.get("task_id"));
    } else {
      assertThat(json).doesNotContainKey("task_id");
    }
    if (scenario.exitCode() == ExitCodes.DEADLINE) {
      assertThat(json.get("status")).as("the last status seen").isIn("queued", "in_progress");
    }
    if (scenario.errorKind().equals("invalid_job")) {
      assertThat(json).containsKey("violations");
    }
  }

  private void thenTheTaskIsNamedWhenOneExists(Scenario scenario, CliRun.Result result) {
    if (scenario.namesTask()) {
      assertThat(fake.taskIds()).hasSize(1);
      assertThat(result.all()).contains(fake.taskIds().get(0));
    }
    if (scenario.exitCode() == ExitCodes.DEADLINE) {
      assertThat(result.err()).contains("vidgen wait " + fake.taskIds().get(0));
    }
  }

  private void thenNothingLeaks(Scenario scenario, CliRun.Result result) {
    assertThat(result.all()).as("the key is never printed").doesNotContain(scenario.key())
        .doesNotContain(scenario.key().substring(3));
    if (scenario.sendsNothing()) {
      assertThat(fake.requests()).as("nothing was sent").isEmpty();
    }
  }

}
