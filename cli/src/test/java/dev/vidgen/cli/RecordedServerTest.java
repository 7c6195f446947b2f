package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.BaseUrls;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code status}, {@code wait} and {@code download} of a task the history recorded on another server than the one
 * they ask: they say where it was made and how to ask that server, and never send the key there by themselves.
 */
class RecordedServerTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();

  @Test
  void aTaskMadeOnAnotherServerIsSaidToBeThereAndTheKeyIsNotSentThereByItself() {
    FakeToApisServer madeOn = cli.fake();
    try (FakeToApisServer asked = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      CliRun.Result made = cli.vidgen().run("generate", "--no-wait", "--json", "--image", "product.png", "--prompt",
          "p", "--base-url", madeOn.baseUrl());
      assertThat(made.exitCode()).as(made.all()).isZero();
      String taskId = (String) made.json().get("task_id");
      int requestsBefore = madeOn.requests().size();

      for (List<String> command : List.of(List.of("status", taskId), List.of("wait", taskId), List.of("download",
          taskId))) {
        // Later, in a shell whose TOAPIS_BASE_URL names another server: no --base-url given.
        CliRun.Result read = cli.vidgen().env("TOAPIS_BASE_URL", asked.baseUrl())
            .run(Stream.concat(command.stream(), Stream.of("--poll-interval", "20ms", "--retry-delay", "1ms"))
                .toArray(String[]::new));

        assertThat(read.exitCode()).as(read.all()).isNotZero();
        assertThat(read.err()).as(read.all()).contains("task " + taskId + " was made on " + madeOn.baseUrl()
            + " (the task history), but this command asks " + asked.baseUrl() + ", which may not know it; add"
            + " --base-url " + madeOn.baseUrl() + ", with that server's key in TOAPIS_API_KEY, to ask the server that"
            + " made it (this key is not sent there by itself)",
            "this task was made on " + madeOn.baseUrl() + "; add --base-url " + madeOn.baseUrl() + ", with that"
                + " server's key in TOAPIS_API_KEY, and run this again");
        assertThat(read.all()).doesNotContain(KEY).doesNotContain(KEY.substring(3));
      }
      assertThat(madeOn.requests()).as("nothing was sent to the server that made it").hasSize(requestsBefore);
      assertThat(TaskHistory.in(cli.home()).find(taskId)).map(HistoryEntry::status)
          .as("another server's \"not found\" says nothing of it").contains("queued");

      CliRun.Result there = cli.vidgen().run("status", taskId, "--base-url", madeOn.baseUrl());
      assertThat(there.exitCode()).as(there.all()).isZero();
      assertThat(there.err()).as("asked where it was made: nothing to say").doesNotContain("was made on");
    }
  }

  @Test
  void statusWaitAndDownloadOfAnIdTwoServersBothGaveOutEachFindTheTaskOfTheServerTheyAsk() {
    FakeToApisServer first = cli.fake();
    try (FakeToApisServer second = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      String taskId = madeWithoutWaiting(first);
      assertThat(madeWithoutWaiting(second)).as("both servers gave out the same id").isEqualTo(taskId);

      // The newer entry is the second server's: the first server's commands still find the first's task.
      assertOwnServer(cli.vidgen().run("wait", taskId, "--base-url", first.baseUrl(), "--out", "first.mp4",
          "--poll-interval", "20ms"));
      assertThat(entryOn(first, taskId).status()).isEqualTo("completed");
      assertThat(entryOn(first, taskId).file()).endsWith("first.mp4");
      assertThat(entryOn(second, taskId).status()).as("the other server's task is not touched").isEqualTo("queued");
      assertOwnServer(cli.vidgen().run("status", taskId, "--base-url", first.baseUrl()));
      assertOwnServer(cli.vidgen().run("download", taskId, "--base-url", first.baseUrl(), "--out", "again.mp4"));
      assertThat(entryOn(first, taskId).file()).endsWith("again.mp4");

      assertOwnServer(cli.vidgen().run("status", taskId, "--base-url", second.baseUrl()));
      assertOwnServer(cli.vidgen().run("wait", taskId, "--base-url", second.baseUrl(), "--out", "second.mp4",
          "--poll-interval", "20ms"));
      assertThat(entryOn(second, taskId).file()).endsWith("second.mp4");
      assertThat(entryOn(first, taskId).file()).as("the first server's video stays its own").endsWith("again.mp4");
    }
  }

  @Test
  void anExtendStartsFromTheTaskOfTheServerItAsksNotAFailedOneOfTheSameIdOnAnother() {
    FakeToApisServer failing = cli.fake();
    try (FakeToApisServer completing = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      CliRun.Result done = cli.vidgen().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
          "--base-url", completing.baseUrl(), "--poll-interval", "20ms", "--out", "kite.mp4", "--json");
      assertThat(done.exitCode()).as(done.all()).isZero();
      String taskId = (String) done.json().get("task_id");
      failing.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
      CliRun.Result failed = cli.vidgen().run("generate", "--model", "grok-video-1.0", "--prompt", "a blue kite falls",
          "--base-url", failing.baseUrl(), "--poll-interval", "20ms", "--out", "other.mp4", "--json");
      assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(failing.taskIds()).containsExactly(taskId);

      CliRun.Result extended = cli.vidgen().run("extend", taskId, "--prompt", "higher", "--base-url",
          completing.baseUrl(), "--no-wait", "--json");
      CliRun.Result refused = cli.vidgen().run("extend", taskId, "--prompt", "higher", "--base-url",
          failing.baseUrl(), "--no-wait", "--json");

      assertThat(extended.exitCode()).as(extended.all()).isZero();
      assertThat(completing.requests(Endpoint.EXTEND)).hasSize(1);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
      assertThat(refused.err()).contains("failed (this machine's task history says so)");
      assertThat(failing.requests(Endpoint.EXTEND)).as("nothing sent").isEmpty();
    }
  }

  @Test
  void aClaimWithMadeByTakesTheTaskOfTheServerItsCreateWentToNotAnotherServersOfTheSameId() {
    FakeToApisServer madeOn = cli.fake();
    String name = unansweredOn(madeOn);
    String taskId = madeOn.taskIds().get(0);
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      assertThat(madeWithoutWaiting(other)).as("the other server gave the same id out").isEqualTo(taskId);

      CliRun.Result elsewhere = cli.vidgen().run("status", taskId, "--made-by", name, "--base-url", other.baseUrl());
      CliRun.Result claimed = cli.vidgen().run("status", taskId, "--made-by", name, "--base-url", madeOn.baseUrl());

      assertThat(elsewhere.exitCode()).as(elsewhere.all()).isEqualTo(2);
      assertThat(elsewhere.err()).contains(name + " was sent to " + madeOn.baseUrl() + " (the task history), but this"
          + " command asks " + other.baseUrl() + ", so a task found here was not made by it; nothing was recorded",
          "add --base-url " + madeOn.baseUrl());
      assertThat(claimed.exitCode()).as("the other server's task of that id is another job: " + claimed.all())
          .isZero();
      assertThat(claimed.err()).contains(name + " is closed: its create made task " + taskId);
      assertThat(entryOn(madeOn, taskId).model()).isEqualTo("seedance-2");
      assertThat(entryOn(other, taskId).status()).as("the other server's entry is left as it was").isEqualTo("queued");
      assertThat(entryOn(other, taskId).job().orElseThrow().prompt()).isEqualTo("made on " + other.baseUrl());
    }
  }

  @Test
  void aCreateFoundByItsReferenceGetsAnEntryOnItsServerBesideAnotherServersTaskOfTheSameId() {
    FakeToApisServer madeOn = cli.fake();
    String name = unansweredOn(madeOn);
    String taskId = madeOn.taskIds().get(0);
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      assertThat(madeWithoutWaiting(other)).as("the other server gave the same id out").isEqualTo(taskId);

      CliRun.Result found = cli.vidgen().run("status", name, "--base-url", madeOn.baseUrl());

      assertThat(found.exitCode()).as(found.all()).isZero();
      assertThat(found.err()).contains("made a task that has since been found: task " + taskId);
      assertThat(entryOn(madeOn, taskId).model()).as("recorded on its own server").isEqualTo("seedance-2");
      assertThat(entryOn(other, taskId).job().orElseThrow().prompt()).isEqualTo("made on " + other.baseUrl());

      // Found, the name stands for its server's task: asked on the other server, it is not shown as that one's.
      int readsBefore = other.requests(Endpoint.STATUS).size();
      CliRun.Result askedElsewhere = cli.vidgen().run("status", name, "--base-url", other.baseUrl());

      assertThat(askedElsewhere.exitCode()).as(askedElsewhere.all()).isEqualTo(2);
      assertThat(askedElsewhere.err()).contains(name + " was sent to " + madeOn.baseUrl() + " (the task history), but"
          + " this command asks " + other.baseUrl(), "add --base-url " + madeOn.baseUrl());
      assertThat(other.requests(Endpoint.STATUS)).as("the other server's task is not read").hasSize(readsBefore);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void statusOfATaskWhoseIdAnotherServersExpiredTaskHasIsNotSaidExpired() throws Exception {
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    FakeToApisServer old = cli.restartFake(settings -> settings.clock(twoDaysAgo));
    String taskId = madeWithoutWaiting(old);
    CliRun.Result read = cli.vidgen().run("status", taskId, "--base-url", old.baseUrl());
    for (int reads = 1; reads < 5 && !read.out().contains("completed"); reads++) {
      read = cli.vidgen().run("status", taskId, "--base-url", old.baseUrl());
    }
    old.inject(Endpoint.FILE, Fault.status(404)); // the file host has let it go
    CliRun.Result download = cli.vidgen().run("download", taskId, "--base-url", old.baseUrl(), "--retry-delay", "1ms");
    assertThat(download.exitCode()).as(download.all()).isEqualTo(1);
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(3, 3))
        .start()) {
      // The same id given out by another server, to a job this history does not hold (made without it).
      CliRun.Result made = cli.withoutHome().run("generate", "--no-wait", "--json", "--image", "product.png",
          "--prompt", "p", "--base-url", other.baseUrl());
      assertThat(made.json().get("task_id")).as(made.all()).isEqualTo(taskId);

      CliRun.Result status = cli.vidgen().run("status", taskId, "--base-url", other.baseUrl(), "--json");

      assertThat(status.exitCode()).as(status.all()).isZero();
      assertThat(status.json()).as(status.all()).doesNotContainKey("result_expired_at")
          .doesNotContainEntry("result", "expired");
      assertThat((String) status.json().get("next")).doesNotContain("cannot be saved any more");
    }
  }

  @Test
  void withoutABaseUrlAnIdTwoServersGaveOutIsSaidToBeOnBothNotTheNewest() throws Exception {
    FakeToApisServer first = cli.fake();
    try (FakeToApisServer second = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      String taskId = madeWithoutWaiting(first);
      assertThat(madeWithoutWaiting(second)).as("both servers gave out the same id").isEqualTo(taskId);
      int port;
      try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = closed.getLocalPort();
      }

      // No --base-url, no TOAPIS_BASE_URL: the provider's own address, reached only through a proxy on loopback that
      // refuses every connection, so that nothing leaves this machine.
      CliRun.Result read = cli.vidgen().env("JAVA_TOOL_OPTIONS", "-Dhttps.proxyHost=127.0.0.1 -Dhttps.proxyPort="
          + port).runProcess("status", taskId, "--retry-delay", "1ms");

      assertThat(read.exitCode()).as(read.all()).isNotZero();
      assertThat(read.err()).as(read.all()).contains("task " + taskId + " is in the task history on 2 servers (",
          "), each of which gave that id out, and this command asks https://toapis.com, which made none of them; add"
              + " --base-url ", "--base-url " + first.baseUrl(), "--base-url " + second.baseUrl(), ", with that server's"
              + " key in TOAPIS_API_KEY, to ask the one you mean (this key is not sent there by itself)")
          .doesNotContain("was made on");
      assertThat(read.all()).doesNotContain(KEY).doesNotContain(KEY.substring(3));
    }
  }

  @Test
  void aBareIdIsAdvisedMadeByOnlyWithCreatesOfItsServerThatMayHaveMadeIt() {
    FakeToApisServer madeOn = cli.fake();
    String name = unansweredOn(madeOn); // a create of seedance-2
    String seedanceTask = madeOn.taskIds().get(0);
    CliRun.Result grok = cli.withoutHome().run("generate", "--no-wait", "--json", "--model", "grok-video-1.0",
        "--prompt", "a kite", "--base-url", madeOn.baseUrl());
    String grokTask = (String) grok.json().get("task_id");
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      CliRun.Result there = cli.withoutHome().run("generate", "--no-wait", "--json", "--model", "seedance-2",
          "--prompt", "p", "--base-url", other.baseUrl());
      assertThat(there.json().get("task_id")).as(there.all()).isEqualTo(seedanceTask);

      CliRun.Result mayBe = cli.vidgen().run("status", seedanceTask, "--base-url", madeOn.baseUrl());
      CliRun.Result otherModel = cli.vidgen().run("status", grokTask, "--base-url", madeOn.baseUrl());
      CliRun.Result otherServer = cli.vidgen().run("status", seedanceTask, "--base-url", other.baseUrl());

      for (CliRun.Result run : List.of(mayBe, otherModel, otherServer)) {
        assertThat(run.exitCode()).as(run.all()).isZero();
      }
      assertThat(mayBe.err()).contains(seedanceTask + " is not in the task history, which has 1 create on toapis that"
          + " got no answer: " + name);
      assertThat(otherModel.err()).as("a create of seedance-2 did not make a task of grok-video-1.0")
          .doesNotContain("--made-by").doesNotContain(name);
      assertThat(otherServer.err()).as("a create sent to another server did not make this server's task")
          .doesNotContain("--made-by").doesNotContain(name);
    }
  }

  /** The name of a create sent to {@code server} that got no answer (the task it made is the server's first). */
  @Test
  void aNoteClosedWithTheBaseUrlOfAnotherServerThanItsCreateWentToIsLeftOpen() {
    FakeToApisServer madeOn = cli.fake();
    String name = unansweredOn(madeOn);
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).start()) {
      CliRun.Result closed = cli.vidgen().run("history", "--close", name, "--no-task", "--base-url", other.baseUrl());

      assertThat(closed.exitCode()).as(closed.all()).isEqualTo(2);
      assertThat(closed.err()).contains(name + " was sent to " + madeOn.baseUrl() + " (the task history), but this"
          + " command asks " + other.baseUrl() + "; nothing was closed", "close it with --base-url " + madeOn.baseUrl());
      assertThat(TaskHistory.in(cli.home()).find(name).orElseThrow().status()).isNotEqualTo("closed");
    }
  }

  @Test
  void aNoteRefusedOnTheServerTOAPIS_BASE_URLNamesIsAdvisedWithTheVariableAndItsWaitNamesItsOwnServer() {
    FakeToApisServer madeOn = cli.fake();
    // The note of a create sent to madeOn moments ago, still unanswered (its sender may still be waiting).
    java.time.Instant sent = java.time.Instant.now();
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("grok-video-1.5-preview")
        .prompt("p").image("https://img.example/a.png").build();
    TaskHistory.in(cli.home()).record(HistoryEntry.unanswered("vg-onb", true, "toapis", job, null, sent, sent,
        "its create went out at " + sent + " (UTC) and " + HistoryEntry.SENDING_MARK, "generate")
        .withBaseUrl(madeOn.baseUrl()));
    String name = "unanswered-vg-onb";
    try (FakeToApisServer other = FakeToApisServer.builder().apiKeys(KEY).start()) {
      // A shell whose TOAPIS_BASE_URL names another server: without --base-url, then with it.
      CliRun.Result byVariable = cli.vidgen().env("TOAPIS_BASE_URL", other.baseUrl())
          .run("history", "--close", name, "--no-task");
      CliRun.Result byFlag = cli.vidgen().env("TOAPIS_BASE_URL", other.baseUrl())
          .run("history", "--close", name, "--no-task", "--base-url", other.baseUrl());
      CliRun.Result tooSoon = cli.vidgen().env("TOAPIS_BASE_URL", other.baseUrl())
          .run("history", "--close", name, "--no-task", "--base-url", madeOn.baseUrl());

      assertThat(byVariable.exitCode()).as(byVariable.all()).isEqualTo(2);
      assertThat(byVariable.err()).contains(name + " was sent to " + madeOn.baseUrl() + " (the task history), but"
          + " this command asks " + other.baseUrl() + " (set by TOAPIS_BASE_URL); nothing was closed",
          "close it with --base-url " + madeOn.baseUrl() + ", or with TOAPIS_BASE_URL unset (closing reads no server)")
          .doesNotContain("without --base-url");
      assertThat(byFlag.exitCode()).as(byFlag.all()).isEqualTo(2);
      assertThat(byFlag.err()).contains("close it with --base-url " + madeOn.baseUrl() + ", or without --base-url and"
          + " with TOAPIS_BASE_URL unset (closing reads no server)");
      assertThat(tooSoon.exitCode()).as(tooSoon.all()).isEqualTo(2);
      assertThat(tooSoon.err()).as("the close it advises for later is not refused in this shell").contains(
          "may still be on its way", "close it with vidgen history --close " + name + " --no-task --base-url "
              + madeOn.baseUrl());
      assertThat(TaskHistory.in(cli.home()).find(name).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);
      assertThat(other.requests()).as("closing reads no server").isEmpty();
    }
  }

  private String unansweredOn(FakeToApisServer server) {
    server.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    server.inject(Endpoint.STATUS, Fault.unavailable(), 20); // the look-up after the create fails too
    CliRun.Result unanswered = cli.vidgen().run("generate", "--no-wait", "--model", "seedance-2", "--prompt", "p",
        "--base-url", server.baseUrl(), "--retry-delay", "1ms");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    server.clearFaults();
    return "unanswered-" + server.lastCreate().orElseThrow().clientReference().orElseThrow();
  }

  @Test
  void aFailedReadOnAnotherServerIsNotAdvisedFromTheSavedVideoOfTheTaskOfTheSameIdMadeOnTheFirst() {
    FakeToApisServer madeOn = cli.fake();
    try (FakeToApisServer asked = FakeToApisServer.builder().apiKeys(KEY).start()) {
      CliRun.Result made = cli.vidgen().run("generate", "--json", "--image", "product.png", "--prompt", "saved",
          "--base-url", madeOn.baseUrl(), "--out", "saved.mp4", "--poll-interval", "20ms");
      assertThat(made.exitCode()).as(made.all()).isZero();
      String taskId = (String) made.json().get("task_id");
      asked.inject(Endpoint.STATUS, Fault.unavailable(), 20);

      CliRun.Result read = cli.vidgen().run("status", taskId, "--base-url", asked.baseUrl(), "--retry-delay", "1ms");

      assertThat(read.exitCode()).as(read.all()).isNotZero();
      assertThat(read.err()).as("the saved video is the first server's task's, not this one's")
          .doesNotContain("the task completed and its video is saved at")
          .contains("the task of this id made on " + madeOn.baseUrl() + " (the task history) completed and its video"
              + " is saved at " + cli.dir().resolve("saved.mp4") + ": if that is the task meant, nothing is left to do");
    }
  }

  private String madeWithoutWaiting(FakeToApisServer server) {
    CliRun.Result made = cli.vidgen().run("generate", "--no-wait", "--json", "--image", "product.png", "--prompt",
        "made on " + server.baseUrl(), "--base-url", server.baseUrl());
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  private static void assertOwnServer(CliRun.Result run) {
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).as(run.all()).doesNotContain("was made on");
  }

  /** The history's entry of {@code taskId} made on {@code server}. */
  private HistoryEntry entryOn(FakeToApisServer server, String taskId) {
    return TaskHistory.in(cli.home()).entries().stream()
        .filter(entry -> entry.taskId().equals(taskId)
            && BaseUrls.sameServer(entry.provider(), entry.baseUrl(), server.baseUrl()))
        .findFirst().orElseThrow();
  }

  @Test
  void aCreateThatGotNoAnswerLookedUpOnAnotherServerIsRefusedBeforeAnyRead() {
    FakeToApisServer madeOn = cli.fake();
    madeOn.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    madeOn.inject(Endpoint.STATUS, Fault.unavailable(), 20); // the look-up after the create fails too
    try (FakeToApisServer asked = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1))
        .start()) {
      CliRun.Result unanswered = cli.vidgen().run("generate", "--no-wait", "--model", "seedance-2", "--prompt", "p",
          "--base-url", madeOn.baseUrl(), "--retry-delay", "1ms");
      assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      String name = "unanswered-" + madeOn.lastCreate().orElseThrow().clientReference().orElseThrow();
      madeOn.clearFaults();
      int madeOnBefore = madeOn.requests().size();

      // Asked by TOAPIS_BASE_URL, then by --base-url: another server's answer says nothing of this create.
      for (CliRun.Result here : List.of(
          cli.vidgen().env("TOAPIS_BASE_URL", asked.baseUrl()).run("status", name, "--retry-delay", "1ms"),
          cli.vidgen().run("status", name, "--base-url", asked.baseUrl(), "--retry-delay", "1ms"))) {
        assertThat(here.exitCode()).as(here.all()).isEqualTo(2);
        assertThat(here.err()).contains(name + " was sent to " + madeOn.baseUrl() + " (the task history), but this"
                + " command asks " + asked.baseUrl() + ", so a look-up there says nothing of it; nothing was read",
            "look it up on the server its create went to: add --base-url " + madeOn.baseUrl())
            .doesNotContain("never arrived").doesNotContain("--no-task");
        assertThat(here.all()).doesNotContain(KEY).doesNotContain(KEY.substring(3));
      }
      assertThat(asked.requests()).as("nothing was read on the other server").isEmpty();
      assertThat(madeOn.requests()).as("nor sent where the create went").hasSize(madeOnBefore);
      assertThat(TaskHistory.in(cli.home()).note(name).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);

      CliRun.Result there = cli.vidgen().run("status", name, "--base-url", madeOn.baseUrl());
      assertThat(there.exitCode()).as(there.all()).isZero();
      assertThat(there.err()).contains("made a task that has since been found: task " + madeOn.taskIds().get(0))
          .doesNotContain("was made on");
    }
  }
}
