package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code extend} and {@code remix} of a task this machine's history does not know finished: one free status read of
 * the source before the paid create, and nothing created when the source failed, is unknown or is not finished.
 */
class FollowOnSourceTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aFailedSourceTheHistoryDoesNotKnowIsReadOnceAndRefusedWithNothingCreated() {
    cli.fake().nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    String source = madeElsewhere();
    int readsBefore = readsOf(source);

    CliRun.Result remix = here().run("remix", source, "--model", "grok-video-1.0", "--prompt", "failed", "--json");

    assertThat(remix.exitCode()).as(remix.all()).isEqualTo(2);
    assertThat(remix.err()).contains("task " + source + " failed (the provider says so: generation_failed, refused by"
        + " the content policy): a remix starts from a finished video; nothing was sent", "start from a completed task");
    assertThat(cli.fake().requests(Endpoint.REMIX)).as("no paid create").isEmpty();
    assertThat(readsOf(source) - readsBefore).as("one free status read of the source").isEqualTo(1);
  }

  @Test
  void aSourceTheProviderDoesNotKnowIsRefusedAsNotFoundWithNothingCreated() {
    CliRun.Result typo = here().run("extend", "video_doesnotexist", "--model", "grok-video-1.0", "--prompt", "typo",
        "--json");

    assertThat(typo.exitCode()).as(typo.all()).isEqualTo(5);
    assertThat(typo.json()).extractingByKey("error").asString().contains("kind=task_not_found");
    assertThat(typo.err()).contains("the provider has no task video_doesnotexist", "nothing was sent",
        "check the task id");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid create").isEmpty();
    assertThat(readsOf("video_doesnotexist")).as("read, not sent").isPositive();
  }

  @Test
  void aSourceTheHistoryKnowsOnlyAsNotFinishedIsReadAndRefusedUntilItIs() {
    cli.fake().nextTask(TaskScript.neverFinishes());
    CliRun.Result made = here().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--no-wait", "--json");
    String source = (String) made.json().get("task_id");

    CliRun.Result extend = here().run("extend", source, "--prompt", "the kite climbs higher", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isEqualTo(1);
    assertThat(extend.json()).extractingByKey("error").asString().contains("kind=not_finished");
    assertThat(extend.err()).contains("task " + source + " is not finished yet", "nothing was sent",
        "vidgen wait " + source);
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid create").isEmpty();
    assertThat(readsOf(source)).isEqualTo(1);
  }

  @Test
  void whatTheReadOfASourceTheHistoryKnowsAsNotFinishedFindsIsRecordedAsStatusRecordsIt() {
    cli.fake().nextTask(TaskScript.fails("generation_failed", "refused by the content policy")
        .taking(Lifecycle.byPolls(0, 0)));
    String failed = madeWithoutWaiting("a kite the policy refuses");
    cli.fake().nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0)));
    String completed = madeWithoutWaiting("a red kite rises");
    assertThat(recorded(failed).status()).isEqualTo("queued");
    assertThat(recorded(completed).status()).isEqualTo("queued");

    CliRun.Result refused = here().run("extend", failed, "--prompt", "higher", "--json");
    CliRun.Result extended = here().run("extend", completed, "--prompt", "higher", "--no-wait", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(recorded(failed).status()).isEqualTo("failed");
    assertThat(recorded(failed).error()).contains("refused by the content policy");
    assertThat(extended.exitCode()).as(extended.all()).isZero();
    assertThat(recorded(completed).status()).isEqualTo("completed");
  }

  @Test
  void aSourceTheHistoryKnowsThatTheProviderDoesNotIsRecordedNotFoundAsStatusRecordsIt() {
    String source = madeWithoutWaiting("a red kite rises");
    cli.fake().inject(Endpoint.STATUS, Fault.status(404), 10_000);

    CliRun.Result extend = here().run("extend", source, "--prompt", "higher", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isEqualTo(5);
    assertThat(recorded(source).status()).isEqualTo(HistoryEntry.NOT_FOUND);
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid create").isEmpty();
  }

  @Test
  void aCompletedSourceTheHistoryDoesNotKnowIsReadOnceAndExtended() {
    String source = madeElsewhere();
    int readsBefore = readsOf(source);

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "higher",
        "--no-wait", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(cli.fake().requests(Endpoint.EXTEND)).hasSize(1);
    assertThat(readsOf(source) - readsBefore).isEqualTo(1);
    assertThat(extend.err()).doesNotContain("expired");
  }

  @Test
  void aSourceWhoseResultExpiredIsExtendedWithAWarning() {
    // The fake's day is three days ago: the source's result expired two days ago by this machine's clock.
    cli.restartFake(server -> server.clock(Clock.offset(Clock.systemUTC(), Duration.ofDays(-3))));
    String source = madeElsewhere();

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "higher",
        "--no-wait", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(extend.err()).contains("task " + source + "'s video expired at", "so it is sent");
    assertThat(extend.out()).contains("source.expired");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).hasSize(1);
  }

  @Test
  void aStatusReadThatFailsIsSaidAndTheFollowOnGoesOn() {
    String source = madeElsewhere();
    cli.fake().inject(Endpoint.STATUS, Fault.serverError(), 50);

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "higher",
        "--no-wait", "--retry-delay", "1ms", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(extend.err()).contains("could not read the status of task " + source + " before an extend",
        "it is sent without that look");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).hasSize(1);
  }

  @Test
  @Timeout(30) // the status read's minute would end it
  void aModelTheLiveListLacksIsRefusedBeforeTheSourceIsRead() {
    String source = madeElsewhere();
    cli.fake().inject(Endpoint.STATUS, Fault.stall());
    cli.fake().videoModels(Set.of("seedance-2"));
    int readsBefore = readsOf(source);

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "slowstatus");

    assertThat(extend.exitCode()).as(extend.all()).isEqualTo(2);
    assertThat(extend.err()).contains("grok-video-1.0", "live model list").doesNotContain("could not read the status");
    assertThat(readsOf(source) - readsBefore).as("refused without the source's read").isZero();
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid create").isEmpty();
  }

  @Test
  @Timeout(50) // the status read's minute would end it
  void aStatusReadThatDoesNotAnswerIsGivenUpAfter20sAndTheFollowOnGoesOn() {
    String source = madeElsewhere();
    cli.fake().inject(Endpoint.STATUS, Fault.stall());

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "slowstatus",
        "--no-wait");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(extend.err()).contains("could not read the status of task " + source + " before an extend (no answer"
        + " within 20 s); it is sent without that look");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).hasSize(1);
  }

  @Test
  void aModelNamedOtherThanTheOneTheSourcesReadSaysIsRefusedWithNothingCreated() {
    String source = madeElsewhere("seedance-2");

    CliRun.Result extend = here().run("extend", source, "--model", "grok-video-1.0", "--prompt", "higher",
        "--no-wait", "--json");
    CliRun.Result remix = here().run("remix", source, "--model", "grok-video-1.0", "--prompt", "night", "--no-wait");

    assertThat(extend.exitCode()).as(extend.all()).isEqualTo(2);
    assertThat(extend.err()).contains("task " + source + " is a seedance-2 task (its status read says so), and"
        + " --model grok-video-1.0 names another: an extend goes to the model of the task it starts from",
        "leave out --model");
    assertThat(remix.exitCode()).as(remix.all()).isEqualTo(2);
    assertThat(remix.err()).contains("is a seedance-2 task (its status read says so)", "a remix goes to the model");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid extend").isEmpty();
    assertThat(cli.fake().requests(Endpoint.REMIX)).as("no paid remix").isEmpty();
  }

  @Test
  void withoutModelTheSourcesReadGivesItsModelAndOneThatTakesNoExtendIsRefused() {
    String source = madeElsewhere("seedance-2");

    CliRun.Result extend = here().run("extend", source, "--prompt", "higher", "--no-wait", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isEqualTo(2);
    assertThat(extend.err()).contains("seedance-2 takes no extend; the routes that do are grok-video-1.0")
        .doesNotContain("its model is unknown");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("no paid create").isEmpty();
  }

  @Test
  void withoutModelTheSourcesReadGivesItsModelAndTheFollowOnGoesToIt() {
    String source = madeElsewhere("grok-video-1.0");
    int readsBefore = readsOf(source);

    CliRun.Result extend = here().run("extend", source, "--prompt", "higher", "--no-wait", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(cli.fake().requests(Endpoint.EXTEND)).singleElement()
        .satisfies(sent -> assertThat(sent.body()).contains("\"model\":\"grok-video-1.0\""));
    assertThat(readsOf(source) - readsBefore).as("one free status read of the source").isEqualTo(1);
  }

  @Test
  void aModelNamedInAnotherCaseIsTheModelTheSourcesReadSays() {
    String source = madeElsewhere("grok-video-1.0");

    CliRun.Result extend = here().run("extend", source, "--model", "GROK-Video-1.0", "--prompt", "higher",
        "--no-wait", "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(cli.fake().requests(Endpoint.EXTEND)).hasSize(1);
  }

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }

  /** A finished task made from another home: this machine's history does not know it. */
  private String madeElsewhere() {
    return madeElsewhere("grok-video-1.0");
  }

  /** A finished task of {@code model} made from another home: this machine's history does not know it. */
  private String madeElsewhere(String model) {
    CliRun.Result made = cli.withoutHome().env("VIDGEN_HOME", cli.dir().resolve("other-home").toString())
        .env("TOAPIS_BASE_URL", cli.fake().baseUrl())
        .run("generate", "--model", model, "--prompt", "a red kite rises", "--poll-interval", "20ms",
            "--out", "elsewhere/", "--json");
    assertThat(made.json()).as(made.all()).containsKey("task_id");
    return (String) made.json().get("task_id");
  }

  /** A task made on the fake from this machine, without waiting: the history has it queued. */
  private String madeWithoutWaiting(String prompt) {
    CliRun.Result made = here().run("generate", "--model", "grok-video-1.0", "--prompt", prompt, "--no-wait", "--json");
    assertThat(made.json()).as(made.all()).containsKey("task_id");
    return (String) made.json().get("task_id");
  }

  private HistoryEntry recorded(String task) {
    return TaskHistory.in(cli.home()).find(task).orElseThrow();
  }

  private int readsOf(String task) {
    return (int) cli.fake().requests(Endpoint.STATUS).stream()
        .filter(read -> read.path().endsWith("/" + task)).count();
  }
}
