package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code extend} and {@code remix} refused in words that hold for a follow-on: a model unavailable to the key names
 * no other model (a follow-on goes only to its task's own), and a video's link or the history's note of an unanswered
 * create given as TASK is refused before anything is sent, never asked of the provider as a task id.
 */
class FollowOnRefusalWordsTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }

  /** A completed grok-video-1.0 task in the history, its video saved. */
  private String completedTask() {
    CliRun.Result made = here().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--out", "first.mp4", "--poll-interval", "50ms", "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  private int followOnsSent() {
    return cli.fake().requests(Endpoint.EXTEND).size() + cli.fake().requests(Endpoint.REMIX).size();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aModelTheKeysListLacksNamesNoOtherModelForTheExtend() {
    String task = completedTask();
    cli.fake().videoModels(Set.of("grok-video-1.5", "grok-video-1.5-preview", "seedance-2"));

    CliRun.Result run = here().run("extend", task, "--prompt", "x", "--allow-unknown-prices", "--no-wait");
    CliRun.Result dry = here().run("extend", task, "--prompt", "x", "--dry-run");
    CliRun.Result json = here().run("remix", task, "--prompt", "x", "--allow-unknown-prices", "--no-wait", "--json");

    for (CliRun.Result refused : List.of(run, dry)) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
      assertThat(refused.err()).as(refused.all())
          .contains("grok-video-1.0 is not in the provider's live model list for this key")
          .contains("the provider takes an extend only on its task's own model: task " + task + "'s video cannot be"
              + " extended while grok-video-1.0 is unavailable to this key")
          .contains("there is no other model to choose")
          .doesNotContain("grok-video-1.5", "seedance-2", "closest listed", "choose a model this key may use");
    }
    assertThat(json.exitCode()).as(json.all()).isEqualTo(2);
    Map<String, Object> error = (Map<String, Object>) json.json().get("error");
    assertThat(error).containsEntry("code", "model.not_available");
    assertThat((String) error.get("message")).contains("cannot be remixed while grok-video-1.0 is unavailable")
        .doesNotContain("grok-video-1.5");
    assertThat((List<Map<String, Object>>) json.json().get("violations")).singleElement()
        .satisfies(violation -> assertThat(violation.get("allowed")).isEqualTo("grok-video-1.0"));
    assertThat(followOnsSent()).as("nothing sent").isZero();
  }

  @Test
  void aModelListedUnderANewNamePointsToTheRouteFileAlias() {
    String task = completedTask();
    cli.fake().videoModels(Set.of("grok-video-1.0-20261201", "grok-video-1.5", "grok-video-1.5-preview"));

    CliRun.Result run = here().run("extend", task, "--prompt", "x", "--allow-unknown-prices", "--no-wait");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).as(run.all())
        .contains("cannot be extended while grok-video-1.0 is unavailable to this key")
        .contains("the key lists grok-video-1.0-20261201, which may be grok-video-1.0 under a new name: a route file"
            + " with {\"patch\": {\"grok-video-1.0\": {\"aliases\": [\"grok-video-1.0-20261201\"]}}}")
        .doesNotContain("grok-video-1.5", "closest listed");
    assertThat(followOnsSent()).isZero();
  }

  @Test
  void aModelTheProviderRefusesAtTheCreateIsNotAdvisedAway() {
    String task = completedTask();
    cli.fake().inject(Endpoint.EXTEND, Fault.error(400, "invalid_request_error", "model grok-video-1.0 not found"));

    CliRun.Result run = here().run("extend", task, "--prompt", "x", "--allow-unknown-prices", "--no-wait");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).as(run.all()).contains("there is no other model to choose: an extend goes only to its"
        + " task's own model").doesNotContain("choose one it may");
  }

  @Test
  void aRetiredSourceModelNamesNoReplacementForTheRemix() {
    CliRun.Result made = here().run("generate", "--model", "sora-2", "--prompt", "a red kite rises", "--allow-retired",
        "--allow-unknown-prices", "--out", "sora.mp4", "--poll-interval", "50ms", "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String task = (String) made.json().get("task_id");
    cli.fake().videoModels(Set.of("seedance-2", "veo3.1-fast", "kling-v3", "grok-video-1.0"));

    CliRun.Result run = here().run("remix", task, "--prompt", "x", "--allow-unknown-prices", "--no-wait");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).as(run.all()).contains("sora-2 was retired on 2026-09-24")
        .contains("and this key's live model list does not offer it either, and the provider takes a remix only on"
            + " its task's own model: task " + task + "'s video cannot be remixed while sora-2 is unavailable to this"
            + " key")
        .contains("--allow-retired with --no-model-check sends it unchecked")
        .doesNotContain("seedance-2", "veo3.1-fast", "kling-v3");
    assertThat(followOnsSent()).isZero();
  }

  @Test
  void aVideoLinkIsRefusedAsNoTaskBeforeAnythingIsSent() {
    CliRun.Result remix = here().run("remix", "https://cdn.example.com/clips/a.mp4", "--prompt", "x",
        "--allow-unknown-prices", "--no-wait");
    CliRun.Result dry = here().run("extend", "https://cdn.example.com/clips/a.mp4", "--model", "grok-video-1.0",
        "--prompt", "x", "--dry-run");

    assertThat(remix.exitCode()).as(remix.all()).isEqualTo(2);
    assertThat(remix.err()).contains("remix takes the earlier task's id or handle, and"
        + " https://cdn.example.com/clips/a.mp4 is a video's link (a URL), not a task id; nothing was sent")
        .contains("vidgen generate --model seedance-2-5 --video URL --param video_operation=edit")
        .doesNotContain("no task");
    assertThat(dry.exitCode()).as("the dry run shows no request to send: " + dry.all()).isEqualTo(2);
    assertThat(dry.out()).doesNotContain("POST");
    assertThat(dry.err()).contains("video_operation=extend");
    assertThat(cli.fake().requests(Endpoint.STATUS)).as("not read as a task").isEmpty();
    assertThat(followOnsSent()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theLinkOfATasksOwnVideoNamesThatTask() {
    String task = completedTask();
    int reads = cli.fake().requests(Endpoint.STATUS).size();

    CliRun.Result run = here().run("extend", cli.fake().baseUrl() + "/files/" + task + ".mp4", "--prompt", "on",
        "--allow-unknown-prices", "--no-wait", "--json");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    Map<String, Object> error = (Map<String, Object>) run.json().get("error");
    assertThat((String) error.get("next")).contains("the link names task " + task);
    assertThat((String) run.json().get("next_command")).startsWith("vidgen extend " + task + " --prompt on");
    assertThat(cli.fake().requests(Endpoint.STATUS)).hasSize(reads);
    assertThat(followOnsSent()).isZero();
  }

  @Test
  void theCommandOnTheLinksTaskKeepsEveryOptionGivenSoItNeitherPaysPastTheCapNorSavesElsewhere() {
    String task = completedTask();
    Path out = cli.dir().resolve("ext1.mp4");

    CliRun.Result run = here().run("remix", cli.fake().baseUrl() + "/files/" + task + ".mp4", "--prompt", "on",
        "--max-credits", "5", "--out", out.toString(), "--timeout", "5m", "--json");
    CliRun.Result noWait = here().run("extend", cli.fake().baseUrl() + "/files/" + task + ".mp4", "--prompt", "on",
        "--allow-unknown-prices", "--no-wait", "--json");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat((String) run.json().get("next_command")).as(run.all()).startsWith("vidgen remix " + task + " --prompt on")
        .contains(" --max-credits 5", " --out " + out, " --timeout 300s");
    assertThat((String) noWait.json().get("next_command")).as(noWait.all())
        .contains(" --allow-unknown-prices", " --no-wait");
    assertThat(followOnsSent()).isZero();
  }

  @Test
  void anUnansweredCreatesNoteIsACreateNotATask() {
    String task = completedTask();
    Instant at = Instant.now().minusSeconds(300);
    VideoJob job = VideoJob.builder("grok-video-1.0").prompt("on").build();
    String reference = "vg-ea1f45a9-445a-4979-8f02-74f97981315f";
    TaskHistory.in(cli.home()).record(HistoryEntry.unanswered(reference, false, "toapis", job, null, at, at,
        "no answer came", "extend of " + task).withBaseUrl(cli.fake().baseUrl()));
    int reads = cli.fake().requests(Endpoint.STATUS).size();

    CliRun.Result run = here().run("extend", "unanswered-noref-" + reference, "--prompt", "x",
        "--allow-unknown-prices", "--no-wait");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat(run.err()).as(run.all()).contains("unanswered-noref-" + reference + " is the task history's note of a"
        + " create that got no answer, not a task").contains("--made-by unanswered-noref-" + reference)
        .doesNotContain("the provider has no task");
    assertThat(cli.fake().requests(Endpoint.STATUS)).as("no task asked for by the note's reference").hasSize(reads);
    assertThat(followOnsSent()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theNoteOfATakeSentAgainNamesTheTaskItsResendMade() {
    String task = completedTask();
    cli.fake().inject(Endpoint.EXTEND, Fault.serverError(), 1);
    CliRun.Result extended = here().run("extend", task, "--prompt", "on", "--allow-unknown-prices", "--no-wait",
        "--retry-delay", "1ms", "--json");
    assertThat(extended.exitCode()).as(extended.all()).isZero();
    String made = (String) extended.json().get("task_id");
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) here().run("history", "--json").json().get("tasks");
    String note = tasks.stream().map(t -> (String) t.get("task_id")).filter(id -> id.startsWith("unanswered-"))
        .findFirst().orElseThrow();
    int reads = cli.fake().requests(Endpoint.STATUS).size();
    int sent = followOnsSent();

    CliRun.Result run = here().run("remix", note, "--prompt", "x", "--allow-unknown-prices", "--no-wait", "--json");

    assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
    assertThat((String) run.json().get("next_command")).startsWith("vidgen remix " + made + " --prompt x");
    assertThat(run.err()).contains("the take sent again made task " + made);
    assertThat(cli.fake().requests(Endpoint.STATUS)).hasSize(reads);
    assertThat(followOnsSent()).isEqualTo(sent);
  }
}
