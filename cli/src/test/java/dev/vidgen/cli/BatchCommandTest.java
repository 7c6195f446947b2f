package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidgen batch} in this JVM, on the mock provider and against the fake ToAPIs. */
class BatchCommandTest {
  private static final String[] FAST_MOCK = {"--provider", "mock", "--set", "mock.duration=100ms",
      "--poll-interval", "50ms"};

  @TempDir Path dir;

  @Test
  void refusesAnInvalidLineWithNothingSentAndExitTwo() throws Exception {
    Path jobs = write(job("a", 10), "{\"prompt\": \"b\", \"seconds\": 7, \"images\": [\"https://img.example/b.png\"]}");

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    Map<String, Object> json = result.json();
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) json.get("error");
    assertThat(error).containsEntry("kind", "invalid_job").containsEntry("exit_code", 2.0);
    assertThat(json.get("violations").toString()).contains("line=2", "seconds");
    assertThat(result.err()).contains("line 2: seconds: 7 is not offered");
    assertThat(dir.resolve("jobs.journal")).as("nothing was started").doesNotExist();
  }

  @Test
  void aJobsFileWithNoJobIsRefusedWithNothingMadeNotRunAsASuccess() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    Path blank = Files.writeString(dir.resolve("blank.jsonl"), "\n  \n\n");

    CliRun.Result emptyRun = CliRun.in(dir).run(args(empty));
    CliRun.Result blankRun = CliRun.in(dir).run(args(blank, "--skip-invalid", "--json"));

    assertThat(emptyRun.exitCode()).as(emptyRun.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(emptyRun.err()).contains("holds no job (it is empty, or holds only blank lines); nothing was sent or made")
        .contains("docs/batch.md#the-jobs-file");
    assertThat(blankRun.exitCode()).as(blankRun.all()).isEqualTo(ExitCodes.INVALID_JOB);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) blankRun.json().get("error");
    assertThat(error).containsEntry("kind", "usage");
    assertThat(dir.resolve("empty.journal")).doesNotExist();
    assertThat(dir.resolve("empty-videos")).doesNotExist();
    assertThat(dir.resolve("blank.journal")).doesNotExist();
    assertThat(dir.resolve("blank-videos")).doesNotExist();
  }

  @Test
  void aLineWhoseOutNamesTheJournalTheJobsFileOrAnImageIsRefusedEvenWithStartOver() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("img.png"));
    byte[] image = Files.readAllBytes(dir.resolve("img.png"));
    Path jobs = write(job("first", 10));
    CliRun.Result first = CliRun.in(dir).run(args(jobs, "--out-dir", dir.toString()));
    assertThat(first.exitCode()).as(first.all()).isZero();
    byte[] journal = Files.readAllBytes(dir.resolve("jobs.journal"));

    Map<String, String> named = Map.of("jobs.journal", "the batch's journal, which keeps its paid task ids",
        "jobs.jsonl", "the jobs file", "img.png", "an input of line 2", ".vidgen-batch.json",
        "the batch's results manifest");
    for (String out : List.of("jobs.journal", "jobs.jsonl", "img.png", ".vidgen-batch.json")) {
      write(job("first", 10), "{\"id\": \"second\", \"prompt\": \"p\", \"images\": [\"img.png\"],"
          + " \"seconds\": 10, \"out\": \"" + out + "\"}");
      String lines = Files.readString(jobs);

      CliRun.Result refused = CliRun.in(dir).run(args(jobs, "--out-dir", dir.toString(), "--start-over"));
      CliRun.Result dry = CliRun.in(dir).run(args(jobs, "--out-dir", dir.toString(), "--dry-run"));

      for (CliRun.Result run : List.of(refused, dry)) {
        assertThat(run.exitCode()).as(out + ": " + run.all()).isEqualTo(ExitCodes.INVALID_JOB);
        assertThat(run.err()).contains("line 2 (second): out " + dir.resolve(out).toAbsolutePath() + " is "
            + named.get(out) + ": its video would be saved over that file, which the batch needs (even with"
            + " --start-over); nothing was sent");
      }
      assertThat(Files.readAllBytes(dir.resolve("jobs.journal"))).as(out).isEqualTo(journal);
      assertThat(Files.readString(jobs)).isEqualTo(lines);
      assertThat(Files.readAllBytes(dir.resolve("img.png"))).isEqualTo(image);
    }
  }

  @Test
  void standardInputRedirectedFromAFileIsNoJobsFileItsJournalWouldGoToDev() throws Exception {
    Path jobs = write(job("a", 10));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    List<String> args = new java.util.ArrayList<>(List.of("batch", "/dev/stdin"));
    args.addAll(List.of(FAST_MOCK));
    Process process = CliRun.in(dir).stdinFrom(jobs).startProcess(out, err, args);

    assertThat(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(Files.readString(err)).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(Files.readString(err)).contains("/dev/stdin is not a regular file (a pipe, a device, or standard input"
        + " however redirected); nothing was sent");
    assertThat(Path.of("/dev/stdin.journal")).doesNotExist();
    assertThat(Path.of("/dev/stdin-videos")).doesNotExist();
  }

  @Test
  void aDashForTheJobsFileIsRefusedSayingStandardInputIsNotRead() {
    List<String> args = new java.util.ArrayList<>(List.of("batch", "-"));
    args.addAll(List.of(FAST_MOCK));

    CliRun.Result dash = CliRun.in(dir).run(args.toArray(String[]::new));

    assertThat(dash.exitCode()).as(dash.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dash.err()).contains("vidgen batch does not read its jobs from standard input", "nothing was sent",
        "save the jobs to a JSON-lines file first and give its path").doesNotContain("does not exist");
    assertThat(dir.resolve("-.journal")).doesNotExist();
  }

  @Test
  void aJobsFileThatIsNotUtf8OrNotARegularFileIsRefusedSayingSo() throws Exception {
    Path latin1 = java.nio.file.Files.write(dir.resolve("latin1.jsonl"),
        ("{\"prompt\": \"cafe\", \"seconds\": 10}\n{\"prompt\": \"caf\u00e9\", \"seconds\": 10}\n")
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

    CliRun.Result notUtf8 = CliRun.in(dir).run(args(latin1));
    CliRun.Result device = CliRun.in(dir).run(args(Path.of("/dev/null")));

    assertThat(notUtf8.exitCode()).as(notUtf8.all()).isEqualTo(2);
    assertThat(notUtf8.err()).contains("latin1.jsonl is not UTF-8 text (line 2 holds the first byte that is not);"
        + " nothing was sent", "save it as UTF-8").doesNotContain("Input length");
    assertThat(device.exitCode()).as(device.all()).isEqualTo(2);
    assertThat(device.err()).contains("/dev/null is not a regular file");
    assertThat(Path.of("/dev/null.journal")).doesNotExist();
  }

  @Test
  void refusesABatchOverMaxCreditsWithExitEight() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15));

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--max-credits", "49", "--json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(8);
    assertThat(result.json()).containsEntry("credits", 50.0);
    assertThat(dir.resolve("jobs.journal")).doesNotExist();
  }

  @Test
  void linesPaidForInEarlierRunsCountAtWhatTheyWereQuotedThenNotAtTodaysPrice() throws Exception {
    Path dear = seedanceAt("dear.json", "0.10");
    Path cheap = seedanceAt("cheap.json", "0.04");
    String s1 = "{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}";
    String s2 = "{\"id\": \"s2\", \"model\": \"seedance-2\", \"prompt\": \"dunes\", \"seconds\": 10}";
    String s3 = "{\"id\": \"s3\", \"model\": \"seedance-2\", \"prompt\": \"sky\", \"seconds\": 5}";
    Path jobs = write(s1, s2);
    CliRun.Result paid = CliRun.in(dir).run(args(jobs, "--routes", dear.toString(), "--max-credits", "300", "--json"));
    assertThat(paid.exitCode()).as(paid.all()).isZero();
    assertThat(paid.json()).containsEntry("credits", 300.0);
    write(s1, s2, s3);

    // The price fell: the two lines sent cost 300 all the same, so a third of 40 passes a limit of 300.
    CliRun.Result cheaper = CliRun.in(dir).run(args(jobs, "--routes", cheap.toString(), "--max-credits", "300",
        "--json"));
    CliRun.Result cheaperDry = CliRun.in(dir).run(args(jobs, "--routes", cheap.toString(), "--dry-run", "--json"));

    assertThat(cheaper.exitCode()).as(cheaper.all()).isEqualTo(8);
    assertThat(cheaper.err()).contains("the batch costs 340 credits but --max-credits is 300; nothing was sent");
    assertThat(cheaperDry.json()).as(cheaperDry.all()).containsEntry("credits", 340.0);
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::key).as("s3 was not sent").containsOnly("s1", "s2");
    }

    // The price rose: the lines sent still count at 300, not at today's 750.
    Path dearer = seedanceAt("dearer.json", "0.25");
    CliRun.Result dearerRun = CliRun.in(dir).run(args(jobs, "--routes", dearer.toString(), "--max-credits", "550",
        "--json"));

    assertThat(dearerRun.exitCode()).as(dearerRun.all()).isZero();
    assertThat(dearerRun.json()).containsEntry("completed", 3.0).containsEntry("credits", 550.0);
  }

  @Test
  void theJournalKeepsTheTagOfTheKeyEachCreateWentOutWithAndNeverTheKey() throws Exception {
    Path jobs = write("{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      CliRun.Result sent = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(sent.exitCode()).as(sent.all()).isZero();
      try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(journal.entries("jobs.jsonl")).singleElement().extracting(Entry::keyTag)
            .isEqualTo(dev.vidgen.core.port.ApiKey.of(FakeToApisServer.DEFAULT_KEY).tag());
      }
      assertThat(new String(java.nio.file.Files.readAllBytes(dir.resolve("jobs.journal")),
          java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(FakeToApisServer.DEFAULT_KEY);
    }
  }

  @Test
  void aLineSentInALaterRunCountsAtThePriceItWasSentAtNotTheOneOfTheRunThatFirstTookItIn() throws Exception {
    Path cheap = seedanceAt("cheap.json", "0.04");
    Path dear = seedanceAt("dear.json", "0.10");
    Path jobs = write("{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      fake.inject(Endpoint.CREATE, Fault.error(402, "insufficient_quota", "quota exhausted"));
      CliRun.Result refused = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--routes", cheap.toString(),
          "--json");
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OVER_BUDGET);

      // The price was corrected before the line was sent: it costs 100 credits now, not the 40 of the first plan.
      CliRun.Result sent = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--routes", dear.toString(),
          "--json");

      assertThat(sent.exitCode()).as(sent.all()).isZero();
      assertThat(sent.json()).containsEntry("completed", 1.0).containsEntry("credits", 100.0);
      try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(journal.entries("jobs.jsonl")).singleElement()
            .satisfies(s1 -> assertThat(s1.credits()).isEqualByComparingTo("100"));
      }
      CliRun.Result limited = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          write("{\"id\": \"s1\", \"model\": \"seedance-2\", \"prompt\": \"waves\", \"seconds\": 5}",
              "{\"id\": \"s2\", \"model\": \"seedance-2\", \"prompt\": \"dunes\", \"seconds\": 5}").toString(),
          "--base-url", fake.baseUrl(), "--routes", dear.toString(), "--max-credits", "150");
      assertThat(limited.exitCode()).as("100 spent and 100 more: over 150; " + limited.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(fake.creates()).as("the refused create and s1's").hasSize(2);
    }
  }

  @Test
  void aBatchOfJobsOfUnknownPriceOnlyIsNeverSaidToCostZeroCredits() throws Exception {
    Path jobs = write("{\"id\": \"kite\", \"model\": \"kling-v3\", \"prompt\": \"a kite\"}",
        "{\"id\": \"boat\", \"model\": \"kling-v3\", \"prompt\": \"a boat\"}");

    CliRun.Result run = CliRun.in(dir).run(args(jobs));
    Files.writeString(jobs, "{\"id\": \"cart\", \"model\": \"kling-v3\", \"prompt\": \"a cart\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    CliRun.Result preview = CliRun.in(dir).run(args(jobs, "--dry-run"));

    assertThat(preview.out()).contains("1 to send (price unknown)").doesNotContain("to send (0 credits");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.out()).contains("spent    an unknown amount (2 of unknown price) for 2 completed jobs over all runs")
        .doesNotContain("spent    0 credits");
  }

  @Test
  void aLineOfUnknownPriceUnderMaxCreditsRunsOnlyWhenUnknownPricesAreAllowed() throws Exception {
    Path jobs = write(job("a", 10), "{\"id\": \"kite\", \"model\": \"kling-v3\", \"prompt\": \"a kite\"}");

    CliRun.Result refused = CliRun.in(dir).run(args(jobs, "--max-credits", "100", "--json"));
    CliRun.Result allowed = CliRun.in(dir).run(args(jobs, "--max-credits", "100", "--allow-unknown-prices", "--json"));
    CliRun.Result overKnown =
        CliRun.in(dir).run(args(jobs, "--max-credits", "19", "--allow-unknown-prices", "--dry-run"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(8);
    assertThat(refused.err()).contains("1 job has no known price (line 2, kling-v3: no price is documented",
            "add --allow-unknown-prices")
        .contains("give its model's price in a route file").doesNotContain("their models' prices")
        .doesNotContain("raise --max-credits");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(allowed.json()).containsEntry("completed", 2.0).containsEntry("credits", 20.0)
        .containsEntry("completed_unpriced", 1.0);
    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--max-credits", "100", "--allow-unknown-prices"));
    assertThat(again.out()).as("the total leaves out the job of unknown price, and says so")
        .contains("spent    20 credits ($0.10) for 2 completed jobs over all runs, not counting 1 of unknown price");
    assertThat(overKnown.exitCode()).as("the known prices still count").isEqualTo(8);
    assertThat(overKnown.err()).contains("the batch costs at least 20 credits but --max-credits is 19",
        "raise --max-credits");
  }

  @Test
  void runsEveryJobAndEndsWithOneJsonObjectOfTotals() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15), job("c", 10));

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(result.exitCode()).as(result.all()).isZero();
    Map<String, Object> json = result.json();
    assertThat(json).containsEntry("total", 3.0).containsEntry("completed", 3.0).containsEntry("failed", 0.0)
        .containsEntry("unknown", 0.0).containsEntry("credits", 70.0).containsEntry("usd", 0.35)
        .containsEntry("completed_unpriced", 0.0);
    @SuppressWarnings("unchecked")
    List<String> files = (List<String>) json.get("files");
    assertThat(files).hasSize(3).allSatisfy(file -> assertThat(Path.of(file)).isRegularFile());
    assertThat(files.get(0)).endsWith("jobs-videos/a.mp4");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTimeoutEndsTheBatchWithExit7KeepingEveryTaskIdAndTheNextRunFinishesIt() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));

    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--concurrency", "1", "--timeout", "300ms", "--json");

    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
    assertThat(error).containsEntry("kind", "deadline_exceeded").containsEntry("exit_code", 7.0);
    assertThat(error).as("the keys every command's error has").containsOnlyKeys("kind", "code", "message",
        "http_status", "request_id", "retry_after_seconds", "next", "exit_code");
    assertThat((String) error.get("message")).isEqualTo("the batch's --timeout of 300 ms passed: 2 jobs are not"
        + " finished (1 with a task that is still running, its id kept in the journal; 1 not sent yet)");
    assertThat(timed.err()).contains("run the same command again to go on");
    assertThat(timed.json()).as("the paid task still running is counted with its quote")
        .containsEntry("running", 1.0).containsEntry("running_credits_quoted", 20.0);
    List<Map<String, Object>> left = (List<Map<String, Object>>) timed.json().get("jobs");
    assertThat(left).filteredOn(job -> job.get("id").equals("a")).singleElement()
        .satisfies(job -> assertThat((String) job.get("task_id")).startsWith("video_mock_"));
    assertThat(left).filteredOn(job -> job.get("id").equals("b")).singleElement().as("the reason its left line gives")
        .satisfies(job -> assertThat(job.get("reason")).isEqualTo("not sent: the run's time ran out; the next run sends it"));
    String taskId;
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      Entry a = journal.entries("jobs.jsonl").stream().filter(e -> e.key().equals("a")).findFirst().orElseThrow();
      assertThat(a.state()).isEqualTo(JobStore.State.SUBMITTED);
      taskId = a.taskId();
    }
    assertThat(taskId).as("the paid task id is in the journal").isNotNull();

    CliRun.Result next = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(next.exitCode()).as(next.all()).isZero();
    assertThat(next.json()).containsEntry("completed", 2.0);
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::attempts).as("a was not sent twice").containsOnly(1);
      assertThat(journal.entries("jobs.jsonl")).filteredOn(e -> e.key().equals("a")).extracting(Entry::taskId)
          .containsExactly(taskId);
    }
  }

  @Test
  void theSummaryOfARunLeftByItsTimeoutGivesTheQuotesOfTheTasksStillRunningBesideWhatWasSpent() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15), job("c", 10));

    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=5s", "--poll-interval", "50ms", "--timeout", "1s");

    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    assertThat(timed.out()).as(timed.all()).contains("spent").containsPattern("running +3 jobs whose tasks are still"
        + " running, quoted 70 credits \\(\\$0\\.35\\) \\(not in spent until they complete; a later run waits for"
        + " them, paying nothing again\\)");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "{\"patch\": {\"grok-video-1.5-preview\": {\"retired\": {\"on\": \"2026-11-30\", \"note\": \"ended\", \"instead\": [\"grok-video-1.5\"]}}}}",
      "{\"remove\": [\"grok-video-1.5-preview\"]}"})
  void aPaidTaskIsFollowedAndSavedAfterItsModelWasRetiredOrRemovedAndOnlyLinesToSendAreRefused(String routes)
      throws Exception {
    Path jobs = write(job("a", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    Files.writeString(dir.resolve("routes.json"), routes);
    Files.writeString(jobs, job("a", 10) + "\n" + job("b", 10) + "\n");

    CliRun.Result refused = CliRun.in(dir).run(args(jobs, "--routes", "routes.json"));
    CliRun.Result dry = CliRun.in(dir).run(args(jobs, "--routes", "routes.json", "--skip-invalid", "--dry-run"));
    CliRun.Result run = CliRun.in(dir).run(args(jobs, "--routes", "routes.json", "--skip-invalid", "--json"));

    assertThat(refused.exitCode()).as("b still needs a create: " + refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("1 of 2 lines is invalid; nothing was sent", "line 2")
        .contains("fix it and run again, or add --skip-invalid to run the 1 valid line")
        .doesNotContain("1 valid lines")
        .contains("line 1 (a): its model grok-video-1.5-preview is no longer valid (");
    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).containsPattern("1 +a +grok-video-1.5-preview .*follow");
    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).contains("its task video_mock_", "is followed and downloaded all the same, no create is sent"
        + " for it");
    assertThat(run.json()).containsEntry("completed", 1.0);
    assertThat(dir.resolve("jobs-videos/a.mp4")).isRegularFile();
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).filteredOn(e -> e.key().equals("a")).singleElement()
          .satisfies(a -> assertThat(a.attempts()).as("a was not sent again").isEqualTo(1))
          .satisfies(a -> assertThat(a.state()).isEqualTo(JobStore.State.COMPLETED));
      assertThat(journal.entries("jobs.jsonl")).filteredOn(e -> e.key().equals("b"))
          .allSatisfy(b -> assertThat(b.attempts()).as("b was never sent").isZero());
    }
  }

  @Test
  void aTaskFoundForAnUnknownJobIsAdoptedFollowedAndSavedSoTheBatchEndsCompleted() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--concurrency", "1", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    String task;
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      // As a create that got no answer leaves it: the task exists at the provider, the journal does not know it.
      Entry a = journal.entries("jobs.jsonl").stream().filter(e -> e.key().equals("a")).findFirst().orElseThrow();
      task = a.taskId();
      journal.update(a.toBuilder().state(JobStore.State.UNKNOWN).taskId(null).handle(null)
          .reason("ambiguous_submit", "its create got no answer").build()).orElseThrow();
    }
    CliRun.Result stuck = CliRun.in(dir).run(args(jobs));
    assertThat(stuck.exitCode()).as(stuck.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);

    CliRun.Result malformed = CliRun.in(dir).run(args(jobs, "--adopt", "a"));
    CliRun.Result notInFile = CliRun.in(dir).run(args(jobs, "--adopt", "zz=" + task));
    CliRun.Result notUnknown = CliRun.in(dir).run(args(jobs, "--adopt", "b=" + task));
    CliRun.Result noSuchTask = CliRun.in(dir).run(args(jobs, "--adopt", "a=video_mock_doesnotexist"));
    CliRun.Result adopted = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + task, "--json"));
    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + task));

    assertThat(malformed.exitCode()).as(malformed.all()).isEqualTo(2);
    assertThat(malformed.err()).contains("--adopt a is not JOB_ID=TASK_ID", "--adopt mug-01=video_abc123");
    assertThat(notInFile.exitCode()).as(notInFile.all()).isEqualTo(2);
    assertThat(notInFile.err()).contains("this jobs file has no valid line of job zz");
    assertThat(notUnknown.exitCode()).as(notUnknown.all()).isEqualTo(2);
    assertThat(notUnknown.err()).contains("job b is completed", "not unknown; nothing was recorded");
    assertThat(noSuchTask.exitCode()).as(noSuchTask.all()).isEqualTo(2);
    assertThat(noSuchTask.err()).contains("--adopt a=video_mock_doesnotexist: the provider knows no task"
        + " video_mock_doesnotexist", "nothing was recorded");
    assertThat(adopted.exitCode()).as(adopted.all()).isZero();
    assertThat(adopted.err()).contains("job a is unknown no more: its create made task " + task
        + " (as told with --adopt)");
    assertThat(adopted.json()).containsEntry("completed", 2.0).containsEntry("unknown", 0.0);
    assertThat(dir.resolve("jobs-videos/a.mp4")).isRegularFile();
    assertThat(again.exitCode()).as("the task a job has already is no adoption, and the run goes on: " + again.all())
        .isZero();
    assertThat(again.err()).contains("job a has task " + task + " already; nothing to adopt")
        .doesNotContain("not unknown");
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::attempts).as("nothing was sent again")
          .containsOnly(1);
    }
  }

  @Test
  void repeatedAdoptOptionsAreCheckedAllBeforeAnyIsRecordedAndTheTaskAJobHasAlreadyIsNoRefusal() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10), job("c", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--concurrency", "3", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    Map<String, String> tasks = new java.util.HashMap<>();
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      // a and b as creates killed in flight leave them: their tasks exist at the provider, the journal does not know them.
      for (Entry entry : journal.entries("jobs.jsonl")) {
        tasks.put(entry.key(), entry.taskId());
        if (!entry.key().equals("c")) {
          journal.update(entry.toBuilder().state(JobStore.State.UNKNOWN).taskId(null).handle(null)
              .reason("ambiguous_submit", "its create got no answer").build()).orElseThrow();
        }
      }
    }
    String a = tasks.get("a");
    String b = tasks.get("b");

    // b given c's task: refused, and a's right task is not recorded either, nor anything followed or sent.
    CliRun.Result wrong = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + a, "--adopt", "b=" + tasks.get("c")));
    // a alone, the run cut short: a is submitted with its adopted task.
    CliRun.Result first = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms", "--adopt", "a=" + a);
    // The script's command line again, with b's right task: a's is known already, b's is adopted.
    CliRun.Result both = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + a, "--adopt", "b=" + b, "--json"));
    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + a, "--adopt", "b=" + b));
    CliRun.Result otherTask = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + a, "--adopt", "b=video_mock_other"));

    assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(2);
    assertThat(wrong.err()).contains("--adopt b=" + tasks.get("c") + ": task " + tasks.get("c") + " is job c's already",
        "nothing was recorded (for none of the 2 --adopt options: they are recorded all or none)")
        .doesNotContain("unknown no more").doesNotContain("will be followed");
    assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.DEADLINE);
    assertThat(first.err()).contains("job a is unknown no more: its create made task " + a + " (as told with --adopt),"
        + " now recorded in the journal: the task will be followed and its video saved as");
    assertThat(both.exitCode()).as(both.all()).isZero();
    assertThat(both.err()).contains("job a has task " + a + " already; nothing to adopt",
        "job b is unknown no more: its create made task " + b);
    assertThat(both.json()).containsEntry("completed", 3.0).containsEntry("unknown", 0.0);
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).contains("job a has task " + a + " already; nothing to adopt",
        "job b has task " + b + " already; nothing to adopt");
    assertThat(otherTask.exitCode()).as("a job with another task is still refused: " + otherTask.all()).isEqualTo(2);
    assertThat(otherTask.err()).contains("job b is completed (task " + b + "), not unknown");
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::attempts).as("nothing was sent again")
          .containsOnly(1);
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::taskId).containsExactlyInAnyOrder(a, b,
          tasks.get("c"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void tasksAnotherKeyMadeAndThisKeyCannotFindAreSaidToBeThatKeysInTheRunsError() throws Exception {
    String other = "sk-test" + "7".repeat(44);
    String tag = dev.vidgen.core.port.ApiKey.of(FakeToApisServer.DEFAULT_KEY).tag();
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}",
        "{\"id\": \"b\", \"model\": \"seedance-2\", \"prompt\": \"b turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance()
        .apiKeys(FakeToApisServer.DEFAULT_KEY, other)
        .lifecycle(java.time.Duration.ofHours(1), java.time.Duration.ofHours(1)).start()) {
      CliRun.Result sent = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout", "1s");
      assertThat(sent.exitCode()).as(sent.all()).isEqualTo(ExitCodes.DEADLINE);
      // The other key's account does not show the first key's tasks.
      fake.inject(Endpoint.STATUS, Fault.status(404), 10_000);

      CliRun.Result otherKey = CliRun.in(dir).env("TOAPIS_API_KEY", other).run("batch", jobs.toString(),
          "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms", "--json");

      assertThat(otherKey.exitCode()).as(otherKey.all()).isNotZero();
      Map<String, Object> error = (Map<String, Object>) otherKey.json().get("error");
      assertThat((String) error.get("message")).as(otherKey.all()).contains("2 jobs are not finished (their last tries:"
          + " task_not_found 2 (made with another API key, tagged " + tag + ": run this batch with that key; this"
          + " run's key is tagged " + dev.vidgen.core.port.ApiKey.of(other).tag() + "))");
      assertThat((String) error.get("next")).startsWith("set the API key that made the tasks (tagged as the message"
          + " says) in TOAPIS_API_KEY, then run the same command again");
      assertThat(otherKey.all()).doesNotContain(other).doesNotContain(FakeToApisServer.DEFAULT_KEY);
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent again").hasSize(2);
    }
  }

  @Test
  void aTaskWhoseAnswerTheJournalCouldNotRecordIsAdoptedOnTheNextRunAsTheFailedRunSaid() throws Exception {
    Path jobs = write(job("a", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    String task;
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      // As a run whose journal went out of reach leaves it: the create was answered, the answer never written,
      // and the run's hold on the job still on it.
      Entry a = journal.entries("jobs.jsonl").get(0);
      task = a.taskId();
      journal.update(a.toBuilder().state(JobStore.State.SUBMITTING).taskId(null).handle(null).reason(null, null)
          .claim("worker-gone", java.time.Instant.now().plusSeconds(60)).build()).orElseThrow();
    }

    CliRun.Result adopted = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + task, "--json"));

    assertThat(adopted.exitCode()).as(adopted.all()).isZero();
    assertThat(adopted.err()).contains("job a, left being sent by a stopped run, has its task: its create made task "
        + task + " (as told with --adopt)");
    assertThat(adopted.json()).containsEntry("completed", 1.0).containsEntry("unknown", 0.0);
    assertThat(dir.resolve("jobs-videos/a.mp4")).isRegularFile();
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::attempts).as("nothing was sent again")
          .containsOnly(1);
    }
  }

  @Test
  void aTaskCreatedLongAfterTheUnknownJobsCreateIsNotAdoptedUnlessTheUserInsists() throws Exception {
    Path jobs = write(job("a", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    String task;
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      // Marked unknown an hour ago: a task made now cannot be what its create made then.
      Entry a = journal.entries("jobs.jsonl").get(0);
      task = a.taskId();
      journal.update(a.toBuilder().state(JobStore.State.UNKNOWN).taskId(null).handle(null)
          .reason("ambiguous_submit", "its create got no answer").updatedAt(java.time.Instant.now().minusSeconds(3600))
          .build()).orElseThrow();
    }

    CliRun.Result alone = CliRun.in(dir).run(args(jobs, "--ignore-creation-time"));
    CliRun.Result refused = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + task));
    CliRun.Result insisted = CliRun.in(dir).run(args(jobs, "--adopt", "a=" + task, "--ignore-creation-time"));

    assertThat(alone.exitCode()).as(alone.all()).isEqualTo(2);
    assertThat(alone.err()).contains("--ignore-creation-time goes with --adopt");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("--adopt a=" + task + ": the provider says task " + task + " was created at",
        "after job a's create was last sent (sent before", "so it did not make this task; nothing was recorded",
        "add --ignore-creation-time");
    assertThat(insisted.exitCode()).as(insisted.all()).isZero();
    assertThat(insisted.err()).contains("claimed all the same, as --ignore-creation-time says",
        "job a is unknown no more: its create made task " + task);
  }

  @Test
  void linesAskingForTheSameJobUnderTwoIdsAreWarnedOfBeforeAnythingIsPaid() throws Exception {
    String sea = "\"prompt\": \"sea turns\", \"images\": [\"https://img.example/sea.png\"], \"seconds\": 10}";
    Path jobs = write("{\"id\": \"sea-a\", " + sea, job("other", 10), "{\"id\": \"sea-b\", " + sea,
        "{\"id\": \"sea-c\", \"model\": \"GROK-VIDEO-1.5-PREVIEW\", " + sea);

    CliRun.Result preview = CliRun.in(dir).run(args(jobs, "--dry-run"));

    assertThat(preview.exitCode()).as(preview.all()).isZero();
    assertThat(preview.err()).as("the model named in another case is the same job, as generate finds")
        .containsOnlyOnce("warning: lines 1 (sea-a), 3 (sea-b), 4 (sea-c) ask for the same job")
        .doesNotContain("(other)");
  }

  @Test
  void linesWhoseLocalImagesHoldTheSameBytesUnderOtherNamesAreTheSameJob() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("one.png"));
    Files.copy(dir.resolve("one.png"), dir.resolve("copy.png"));
    dev.vidgen.testkit.fixtures.Images.png(360, 640).writeTo(dir.resolve("other.png"));
    String line = "{\"id\": \"%s\", \"prompt\": \"b6 one\", \"images\": [\"%s\"], \"seconds\": 10}";
    Path jobs = write(line.formatted("a", "one.png"), line.formatted("b", "copy.png"), line.formatted("c", "other.png"));

    CliRun.Result preview = CliRun.in(dir).run(args(jobs, "--dry-run"));

    assertThat(preview.exitCode()).as(preview.all()).isZero();
    assertThat(preview.err()).as("compared by their bytes, as generate and the playground do")
        .containsOnlyOnce("warning: lines 1 (a), 2 (b) ask for the same job").doesNotContain("(c)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aLineGenerateMadeTodayIsWarnedOfNamingItsTaskAndIsSentAgain() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("a.png"));
    Path jobs = write("{\"id\": \"g1\", \"prompt\": \"gb1\", \"images\": [\"a.png\"]}", job("other", 10));
    String home = dir.resolve("home").toString();
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result generated = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home).run("generate", "--base-url", fake.baseUrl(), "--image", "a.png", "--prompt", "gb1",
              "--no-wait");
      assertThat(generated.exitCode()).as(generated.all()).isZero();
      String task = fake.taskIds().get(0);

      CliRun.Result dry = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("VIDGEN_HOME", home)
          .run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--dry-run");
      CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("VIDGEN_HOME", home)
          .run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      String said = "line 1 (g1) asks for the same job as task " + task + ", submitted just now by vidgen generate";
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.err()).containsOnlyOnce(said).doesNotContain("(other) asks");
      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.err()).containsOnlyOnce(said).contains("does not hold it back: it sends it and pays for it again");
      assertThat((List<Map<String, Object>>) run.json().get("history_takes")).singleElement()
          .satisfies(take -> assertThat(take).containsEntry("id", "g1").containsEntry("task_id", task));
      assertThat((List<Map<String, Object>>) run.json().get("warnings")).anySatisfy(warning ->
          assertThat(warning).containsEntry("code", HistoryTakes.CODE));
      assertThat(fake.requests(Endpoint.CREATE)).as("warned of, not held back: generate's, then the batch's two")
          .hasSize(3);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBalanceThatFellByMoreThanTheRunsQuotesIsSaidWithWhatMayExplainIt() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10), job("c", 10)); // quoted 20 credits each
    try (FakeToApisServer fake = FakeToApisServer.builder().credits(java.math.BigDecimal.valueOf(1000))
        .creditsPerSecond("grok-video-1.5-preview", java.math.BigDecimal.valueOf(6)).start()) { // charged 30 each
      CliRun.Result run = againstFake(fake, jobs, "--max-credits", "60");
      CliRun.Result again = againstFake(fake, jobs, "--max-credits", "60", "--json");
      Path more = Files.writeString(dir.resolve("more.jsonl"), job("d", 10) + "\n");
      CliRun.Result moreJson = againstFake(fake, more, "--json");

      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(run.out()).contains("balance  1000 credits before, 910 credits after: fell by 90 credits, 30 credits"
          + " more than this run's quotes (60 credits)");
      assertThat(run.err()).containsOnlyOnce("warning: the balance fell by 90 credits, 30 credits more than this run's"
          + " quotes (60 credits): prices may have changed upstream, or other runs spent meanwhile");
      Map<String, Object> json = again.json();
      assertThat(json).as("a run that sends nothing: nothing to explain").containsEntry("balance_fell_by", 0.0)
          .containsEntry("credits_quoted_this_run", 0.0);
      assertThat((List<Map<String, Object>>) json.get("warnings"))
          .noneSatisfy(warning -> assertThat(warning).containsEntry("code", BatchViews.BALANCE_FELL_MORE));
      assertThat(moreJson.json()).containsEntry("balance_fell_by", 30.0).containsEntry("credits_quoted_this_run", 20.0);
      assertThat((List<Map<String, Object>>) moreJson.json().get("warnings")).anySatisfy(warning -> assertThat(warning)
          .containsEntry("code", BatchViews.BALANCE_FELL_MORE).extracting("message").asString()
          .startsWith("the balance fell by 30 credits, 10 credits more than this run's quotes (20 credits)"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void jobsLeftByARateLimitThatNeverEndsSaySoAndWhatToDo() throws Exception {
    // One job: each 429 pauses creates for a second at least, and the job is tried four times, each with retries.
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start()) {
      fake.inject(Endpoint.CREATE, Fault.rateLimited(java.time.Duration.ZERO), 10_000);

      CliRun.Result left = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms",
          "--allow-unknown-prices", "--json");

      assertThat(left.exitCode()).as(left.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      Map<String, Object> error = (Map<String, Object>) left.json().get("error");
      assertThat(error).as("a documented kind, the cause named").containsEntry("kind", "rate_limited");
      assertThat((String) error.get("message")).contains("1 job is not finished", "429 (rate limited)");
      assertThat((String) error.get("next")).startsWith("wait a few minutes").contains("run the same command again");
      assertThat(fake.taskIds()).as("nothing made").isEmpty();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTimeoutWhileADroppedCreateIsLookedUpLeavesTheJobSubmittingAndEndsPromptly() throws Exception {
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), 1); // no answer, and no task made

      long started = System.nanoTime();
      CliRun.Result timed = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout", "1s",
          "--json"); // the default retry delays: the look-up's grace is about a minute
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(took).as("the look-up ends at the timeout, not after its grace of about a minute")
          .isLessThan(java.time.Duration.ofSeconds(30));
      assertThat(fake.creates()).as("one create, dropped; no task was made").singleElement()
          .satisfies(create -> assertThat(create.taskId()).isNull());
      assertLeftSubmittingToBeLookedUp(timed);

      CliRun.Result resumed = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout", "1s");

      assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(resumed.err()).as("the resumed run's look-up is said, not a silent wait")
          .containsPattern("job a was being created when an earlier run stopped \\(attempt 1\\): looking its task up"
              + " by client reference vgb-\\w+ .* before sending anything")
          .as("the look-up's true bound, as generate's look-up says it: the not-found grace's waits and 30 s of reads")
          .contains("(for at most about 102 s: the time a fresh task may take to be listed, and the look-up's own"
              + " reads) before sending anything");
      assertThat(resumed.out()).contains("left     line 1 (a, submitting");
      assertThat(fake.creates()).as("nothing sent while it is looked up").hasSize(1);
    }
  }

  @Test
  void aCreateLeftUnansweredWhileItsLookUpFailsStaysSubmittingAndTheNextRunFindsItsTaskWithoutPayingAgain()
      throws Exception {
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing()); // the task is made and billed; no answer comes
      fake.inject(Endpoint.STATUS, Fault.serverError(), 1_000); // and every look-up by its reference fails

      CliRun.Result outage = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(outage.exitCode()).as("not unknown, whose way out sends again blind: " + outage.all())
          .isNotEqualTo(ExitCodes.UNKNOWN_OUTCOME).isNotZero();
      assertThat(outage.json()).containsEntry("unknown", 0.0);
      try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(journal.entries("jobs.jsonl")).singleElement().satisfies(a -> {
          assertThat(a.state()).isEqualTo(JobStore.State.SUBMITTING);
          assertThat(a.clientReference()).startsWith("vgb-");
        });
      }

      fake.clearFaults();
      CliRun.Result after = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(after.exitCode()).as(after.all()).isZero();
      assertThat(after.json()).containsEntry("completed", 1.0);
      assertThat(fake.creates()).as("its task was found by its reference: paid once").hasSize(1);
    }
  }

  /**
   * What a run timed out on one job whose create is being looked up says and keeps: exit 7's JSON names it
   * {@code submitting} (not unknown) with why, and the journal keeps it with its client reference.
   */
  @SuppressWarnings("unchecked")
  private void assertLeftSubmittingToBeLookedUp(CliRun.Result timed) throws Exception {
    Map<String, Object> error = (Map<String, Object>) timed.json().get("error");
    assertThat((String) error.get("message")).contains("1 job is not finished", "1 whose create got no answer,"
        + " looked up by its client reference first next run; 0 not sent yet");
    assertThat(timed.json()).containsEntry("unknown", 0.0);
    assertThat((List<Map<String, Object>>) timed.json().get("jobs")).singleElement().satisfies(job -> {
      assertThat(job).containsEntry("state", "submitting");
      assertThat((String) job.get("reason")).contains("looked up by client reference " + job.get("client_reference"),
          "the next run looks it up before sending anything");
    });
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).singleElement().satisfies(a -> {
        assertThat(a.state()).isEqualTo(JobStore.State.SUBMITTING);
        assertThat(a.clientReference()).startsWith("vgb-");
      });
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTimeoutWhileACreateAnsweredWithServerErrorsIsLookedUpLeavesTheJobSubmittingAndEndsPromptly() throws Exception {
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError(), 10); // every take answered 500, none made a task

      long started = System.nanoTime();
      // The default retry delays: the look-up before the first resend believes "not found" only after its grace of
      // about a minute, so the timeout comes during it.
      CliRun.Result timed = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout", "6s", "--json");
      java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - started);

      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(took).as("the look-up ends at the timeout, not after its grace of about a minute")
          .isLessThan(java.time.Duration.ofSeconds(30));
      int creates = fake.requests(Endpoint.CREATE).size();
      assertThat(creates).as("the first take only: the look-up before its resend had not ended at the timeout")
          .isEqualTo(1);
      assertThat(fake.creates()).allSatisfy(create -> assertThat(create.taskId()).isNull());
      assertLeftSubmittingToBeLookedUp(timed);

      CliRun.Result resumed = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout", "1s");

      assertThat(resumed.exitCode()).as(resumed.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(resumed.out()).contains("left     line 1 (a, submitting");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent while it is looked up").hasSize(creates);
    }
  }

  @Test
  void sendsNothingAgainWhenTheSameCommandRunsAgain() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();

    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.json()).containsEntry("completed", 2.0);
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(journal.entries("jobs.jsonl")).extracting(Entry::attempts).containsOnly(1);
    }
  }

  @Test
  void tasksTheProviderDoesNotFindAreSaidAsNotFoundNotAsStillRunning() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15));
    try (FakeToApisServer fake = FakeToApisServer.builder().start()) {
      fake.inject(Endpoint.STATUS, Fault.error(404, "task_not_found", "task not found"), 1_000);
      String[] run = {"batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay",
          "1ms"};

      CliRun.Result text = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(run);
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .run(concat(run, "--json"));

      assertThat(text.exitCode()).as(text.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(text.out()).as(text.all())
          .contains("2 jobs whose tasks were not found when last read, quoted 50 credits ($0.25)")
          .doesNotContain("still running");
      assertThat(json.json()).as(json.all()).containsEntry("not_found", 2.0).containsEntry("running", 0.0);
      assertThat(fake.creates()).as("nothing made again").hasSize(2);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobWhoseResultExpiredIsCountedAsLikelyChargedAtItsQuote() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15));
    java.time.Clock twoDaysAgo = java.time.Clock.offset(java.time.Clock.systemUTC(), java.time.Duration.ofDays(-2));
    try (FakeToApisServer fake = FakeToApisServer.builder().clock(twoDaysAgo).start()) {
      fake.inject(Endpoint.FILE, Fault.status(404), 20); // the file host has let them go
      String[] run = {"batch", jobs.toString(), "--concurrency", "1", "--base-url", fake.baseUrl(), "--poll-interval",
          "20ms", "--retry-delay", "1ms"};

      CliRun.Result text = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(run);
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .run(concat(run, "--json"));

      assertThat(text.out()).as(text.all()).contains("failed     2", "result_expired 2")
          .contains("the 2 jobs whose result expired before they were saved were quoted 50 credits ($0.25) and were"
              + " most likely charged (their tasks completed)")
          .containsPattern("failed   line 1 \\(a\\): .*\\(task \\S+; quoted 20 credits \\(\\$0.10\\), charge likely: its task"
              + " completed\\)");
      assertThat(json.json()).containsEntry("expired_credits_quoted", 50.0).containsEntry("expired_charge", "likely")
          .containsEntry("failed_charge", null);
      List<Map<String, Object>> listed = (List<Map<String, Object>>) json.json().get("jobs");
      assertThat(listed).filteredOn(job -> job.get("id").equals("b")).singleElement()
          .satisfies(job -> assertThat(job).containsEntry("credits", 30.0).containsEntry("charge", "likely"));
    }
  }

  private static String[] concat(String[] args, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  @Test
  void drawsABarOnATerminalAndPlainLinesElsewhere() throws Exception {
    Path jobs = write(job("a", 10));

    CliRun.Result terminal = CliRun.in(dir).terminal(true).run(args(jobs, "--journal", "t.journal", "--out-dir", "t"));
    CliRun.Result log = CliRun.in(dir).run(args(jobs, "--journal", "l.journal", "--out-dir", "l"));

    assertThat(terminal.err()).contains("\r[########################] 1/1 done");
    assertThat(log.err()).contains("vidgen: batch 1/1 done").doesNotContain("\r");
    assertThat(log.out()).contains("completed  1", "spent", "files");
    assertThat(dir.resolve("t.journal")).as("a relative --journal is read against the working folder").isRegularFile();
  }

  @Test
  void aJobWhoseTaskNamesAVideoLinkThatIsNotHttpFailsWithThatReasonAndIsNotPolledAgain() throws Exception {
    Path jobs = write(job("a", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
          "{\"status\":\"completed\",\"result\":{\"data\":[{\"url\":\"file:///etc/passwd\"}]}}"), 1_000);
      String[] run = {"batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
          "--retry-delay", "1ms"};

      CliRun.Result first = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(run);
      int reads = fake.requests(Endpoint.STATUS).size();
      CliRun.Result again = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(run);

      assertThat(first.exitCode()).as(first.all()).isEqualTo(6);
      assertThat(first.out()).contains("failed     1", "result_unusable 1")
          .containsPattern("failed   line 1 \\(a\\): .*is completed, but its result link cannot be used: .*"
              + "file:///etc/passwd.*provider's dashboard");
      assertThat(reads).as("the task's own final answer, read once").isEqualTo(1);
      assertThat(first.out()).as("its task completed, so it was paid: not a failed task of unknown charge")
          .contains("charge likely: its task completed", "the 1 job whose task completed with a video link that cannot"
              + " be used was quoted 20 credits ($0.10) and was most likely charged")
          .doesNotContain("charge unknown");
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(
          java.util.stream.Stream.concat(java.util.Arrays.stream(run), java.util.stream.Stream.of("--json"))
              .toArray(String[]::new));
      assertThat(json.json()).containsEntry("unusable_charge", "likely").containsEntry("failed_charge", null);
      assertThat(((Number) json.json().get("unusable_credits_quoted")).intValue()).isEqualTo(20);
      assertThat(again.exitCode()).as(again.all()).isEqualTo(6);
      assertThat(fake.requests(Endpoint.STATUS)).as("a failed job is not polled again").hasSize(reads);
      assertThat(fake.requests(Endpoint.FILE)).as("never fetched").isEmpty();
      assertThat(fake.creates()).as("nothing paid twice").hasSize(1);
    }
  }

  @Test
  void reportsAFailedJobByItsReasonAndEndsWithSixAgainstToApis() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.fails("generation_failed", "the model could not render this"));

      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
          "--retry-delay", "1ms");

      assertThat(result.exitCode()).as("a job failed: " + result.all()).isEqualTo(6);
      assertThat(fake.creates()).hasSize(2);
      assertThat(result.err()).contains("1 job failed");
      assertThat(result.out()).as(result.all()).contains("completed  1", "failed     1", "failures", "generation_failed 1",
          "1 in " + dir.resolve("jobs-videos"))
          .containsPattern("failed   line 1 \\(a\\): .*could not render")
          .containsPattern("failed   line 1 \\(a\\): .* \\(task " + fake.creates().get(0).taskId() + "[;)]");
      assertThat(result.all()).doesNotContain(FakeToApisServer.DEFAULT_KEY);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFailedJobShowsItsQuoteWithTheChargeUnknownAsGenerateAndStatusDo() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15)); // 20 and 30 credits
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.fails("generation_failed", "the model could not render this"));
      String[] batch = {"batch", jobs.toString(), "--concurrency", "1", "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--retry-delay", "1ms"};

      CliRun.Result text = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(batch);
      CliRun.Result json = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .run(java.util.stream.Stream.concat(java.util.Arrays.stream(batch), java.util.stream.Stream.of("--json"))
              .toArray(String[]::new));

      assertThat(text.exitCode()).as(text.all()).isEqualTo(ExitCodes.TASK_FAILED);
      String taskId = fake.creates().get(0).taskId();
      assertThat(text.out()).as(text.all())
          .contains("failed   line 1 (a): ", "(task " + taskId + "; quoted 20 credits ($0.10), charge unknown)")
          .containsPattern("spent +30 credits \\(\\$0\\.15\\) for 1 completed job over all runs; the 1 failed"
              + " job with a task was quoted 20 credits \\(\\$0\\.10\\): whether the provider charges a failed"
              + " task is not documented, so the charge is unknown");
      assertThat(json.exitCode()).as("the second run sends nothing: " + json.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(fake.creates()).hasSize(2);
      assertThat(json.json()).containsEntry("credits", 30.0).containsEntry("failed_credits_quoted", 20.0)
          .containsEntry("failed_charge", "unknown");
      assertThat((List<Map<String, Object>>) json.json().get("jobs")).singleElement().satisfies(job ->
          assertThat(job).containsEntry("id", "a").containsEntry("state", "failed").containsEntry("task_id", taskId)
              .containsEntry("credits", 20.0).containsEntry("usd", 0.1).containsEntry("charge", "unknown"));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void retryFailedSendsAgainTheJobsWhoseUploadsWereRefusedButNotAJobWhoseTaskFailed() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("a.png"));
    dev.vidgen.testkit.fixtures.Images.png(400, 400).writeTo(dir.resolve("b.png"));
    Path jobs = write("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"a.png\"], \"seconds\": 10}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"b.png\"], \"seconds\": 10}",
        job("c", 10)); // 20 credits each
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.UPLOAD, Fault.answer(400, "application/json",
          "{\"success\": false, \"message\": \"Unsupported image type\"}"), 2);
      fake.nextTask(TaskScript.fails("generation_failed", "the model could not render this"));

      CliRun.Result refused = againstFake(fake, jobs);
      CliRun.Result dry = againstFake(fake, jobs, "--dry-run");
      CliRun.Result dryRetry = againstFake(fake, jobs, "--dry-run", "--retry-failed");
      CliRun.Result dryRetryJson = againstFake(fake, jobs, "--dry-run", "--retry-failed", "--json");
      assertThat(fake.creates()).as("only c's create went out; a's and b's uploads were refused").hasSize(1);
      String charged = fake.creates().get(0).taskId();
      CliRun.Result retried = againstFake(fake, jobs, "--retry-failed", "--json");
      CliRun.Result again = againstFake(fake, jobs, "--retry-failed");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(refused.out()).as(refused.all()).containsPattern("failed   line 1 \\(a\\): .*Unsupported image type");
      assertThat(refused.err()).as(refused.all()).contains("3 jobs failed", "nothing was created for 2 of them (no"
          + " task): fix what their reasons say and run again with --retry-failed; a failed job with a task (its task"
          + " may have been charged) is not sent again by --retry-failed: give its line a new id to try again");
      assertThat(dry.out()).as(dry.all())
          .containsPattern("1\\s+a\\s+.*keep \\(failed, no task\\): --retry-failed sends it again")
          .containsPattern("3\\s+c\\s+.*keep \\(failed, task " + charged + "\\): its task may have been charged")
          .contains("2 failed jobs have no task (nothing was created): --retry-failed sends them again; 1 failed job"
              + " has a task that may have been charged, not sent again by --retry-failed: a new id for its line"
              + " tries again");
      assertThat(dryRetry.out()).as(dryRetry.all())
          .containsPattern("1\\s+a\\s+.*send \\(failed, no task\\)")
          .containsPattern("2\\s+b\\s+.*send \\(failed, no task\\)")
          .containsPattern("3\\s+c\\s+.*keep \\(failed, task " + charged + "\\)")
          .contains("a run now would have 2 to send (40 credits, $0.20), 1 kept as it ended");
      Map<String, Object> run = (Map<String, Object>) dryRetryJson.json().get("run");
      assertThat(run).containsEntry("to_send", 2.0).containsEntry("credits_to_send", 40.0).containsEntry("keep", 1.0);
      assertThat(retried.err()).as("said before it pays").contains("--retry-failed: sending again 2 failed jobs that made"
          + " no task (lines 1, 2), 40 credits; failed jobs with a task may have been charged and are not sent again");
      assertThat(retried.exitCode()).as("c is still failed: " + retried.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(retried.json()).containsEntry("completed", 2.0).containsEntry("failed", 1.0);
      assertThat(fake.creates()).as("a and b sent once more, c never again").hasSize(3)
          .extracting(CreateRecord::taskId).doesNotHaveDuplicates();
      assertThat(fake.requests(Endpoint.UPLOAD)).as("refused twice, then uploaded").hasSize(4);
      assertThat(dir.resolve("jobs-videos/a.mp4")).exists();
      assertThat(dir.resolve("jobs-videos/b.mp4")).exists();
      assertThat(((Map<String, Object>) retried.json().get("error")).get("next").toString())
          .contains("a failed job with a task (its task may have been charged) is not sent again by --retry-failed")
          .doesNotContain("nothing was created");
      assertThat((List<Map<String, Object>>) retried.json().get("jobs")).singleElement().satisfies(job ->
          assertThat(job).containsEntry("id", "c").containsEntry("task_id", charged));
      assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(again.err()).contains("--retry-failed: no failed job without a task to send again");
      assertThat(fake.creates()).as("nothing sent by the run after").hasSize(3);

      // c's line changed: its failed task may have been charged, so the refusal names it and says why.
      write("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"a.png\"], \"seconds\": 10}",
          "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"b.png\"], \"seconds\": 10}",
          job("c", 15));
      CliRun.Result edited = againstFake(fake, jobs, "--retry-failed");
      assertThat(edited.exitCode()).as(edited.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(edited.err()).contains("job c (line 3)", "(its task " + charged + " failed and may have been charged,"
          + " so --retry-failed does not send it again)");
      assertThat(fake.creates()).as("nothing sent for the changed line").hasSize(3);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobWhoseCreateWasRefusedForItsPromptIsSentWithItsChangedLineUnderRetryFailed() throws Exception {
    Path jobs = write(job("a", 10), job("rej", 10)); // 20 credits each
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(400), 1); // a's create: refused, no task made
      CliRun.Result refused = againstFake(fake, jobs);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);

      // The prompt fixed (and the video made longer: 30 credits now) under the same id.
      write(job("a", 15).replace("a turns", "a turns gently"), job("rej", 10));
      CliRun.Result without = againstFake(fake, jobs);
      CliRun.Result dry = againstFake(fake, jobs, "--dry-run", "--retry-failed");
      CliRun.Result dryJson = againstFake(fake, jobs, "--dry-run", "--retry-failed", "--json");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent by the refused run or the dry runs").hasSize(2);
      CliRun.Result retried = againstFake(fake, jobs, "--retry-failed");
      CliRun.Result again = againstFake(fake, jobs);

      assertThat(without.exitCode()).as(without.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(without.err()).as(without.all()).contains("job a (line 1) failed in ", " before any task existed (",
          "and its line changed since: nothing was created for it, so the changed line may take its place; nothing"
          + " was sent — run the same command with --retry-failed to send it as it is now")
          .containsOnlyOnce("--retry-failed")
          .doesNotContain("put the line back").doesNotContain("which pays for it")
          .as("not the advice for a journal of another file").doesNotContain("use another --journal");
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.out()).as(dry.all()).containsPattern("1\\s+a\\s+.*send \\(failed, no task\\)")
          .contains("a run now would have 1 to send (30 credits, $0.15)")
          .contains("it would send the changed line of 1 job without a task: a (was line 1)");
      Map<String, Object> run = (Map<String, Object>) dryJson.json().get("run");
      assertThat(run).containsEntry("to_send", 1.0).containsEntry("credits_to_send", 30.0)
          .containsEntry("replaced", List.of("a"));
      assertThat(retried.exitCode()).as(retried.all()).isZero();
      assertThat(retried.out()).as(retried.all())
          .contains("replaced  1 job without a task, whose line changed and was taken as it is now: a (was line 1)");
      assertThat(fake.requests(Endpoint.CREATE)).as("the changed line, sent once").hasSize(3);
      assertThat(fake.creates()).filteredOn(CreateRecord::madeTask)
          .extracting(create -> String.valueOf(create.json().get("prompt")))
          .containsExactlyInAnyOrder("rej turns", "a turns gently");
      assertThat(again.exitCode()).as("the journal holds the line as it is now: " + again.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid twice").hasSize(3);
    }
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      Entry a = journal.entries("jobs.jsonl").stream().filter(e -> e.key().equals("a")).findFirst().orElseThrow();
      assertThat(a.state()).isEqualTo(JobStore.State.COMPLETED);
      assertThat(a.credits()).as("the new line's price").isEqualByComparingTo("30");
      assertThat(dir.resolve("jobs-videos/a.mp4")).exists();
    }
  }

  @Test
  void aJobWhoseCreateWasRefusedIsSentAgainWithRetryFailedOnlyWhenTheBalanceCoversIt() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10)); // 20 credits each
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(400), 1); // a's create: refused, no task made
      CliRun.Result refused = againstFake(fake, jobs);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(refused.err()).contains("nothing was created for it (no task): fix what its reason says and run"
          + " again with --retry-failed").doesNotContain("a failed job with a task");
      assertThat(fake.taskIds()).as("b's task only").hasSize(1);
      fake.balance(new java.math.BigDecimal("10"), false);

      CliRun.Result without = againstFake(fake, jobs);
      CliRun.Result short10 = againstFake(fake, jobs, "--retry-failed");
      CliRun.Result short10Json = againstFake(fake, jobs, "--retry-failed", "--json");
      fake.balance(new java.math.BigDecimal("1000"), false);
      CliRun.Result overLimit = againstFake(fake, jobs, "--retry-failed", "--max-credits", "30");
      CliRun.Result retried = againstFake(fake, jobs, "--retry-failed", "--max-credits", "40");

      assertThat(without.exitCode()).as("nothing to send, so the balance is enough: " + without.all())
          .isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(short10.exitCode()).as(short10.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(short10.err()).as("a key without a quota of its own reads as the account: both named").contains(
          "the jobs still to send cost 20 credits, but the key and the account each have 10 credits left: short by 10"
          + " credits; nothing was sent");
      assertThat(short10Json.json().get("error")).as("the code of a refusal before sending, as generate's")
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("kind", "insufficient_quota").containsEntry("code", "insufficient_credits");
      assertThat(overLimit.exitCode()).as("a and b cost 40 in all: " + overLimit.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(retried.exitCode()).as(retried.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).as("a's refused create, b's, and a's once more").hasSize(3);
      assertThat(fake.taskIds()).hasSize(2);
    }
  }

  @Test
  void aDryRunReadsTheBalanceAsTheRealRunDoesAndForecastsItsRefusal() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15)); // 20 and 30 credits
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.balance(new java.math.BigDecimal("40"), false);
      CliRun.Result shortDry = againstFake(fake, jobs, "--dry-run");
      CliRun.Result shortDryJson = againstFake(fake, jobs, "--dry-run", "--json");
      fake.balance(new java.math.BigDecimal("1000"), false);
      CliRun.Result enough = againstFake(fake, jobs, "--dry-run");

      assertThat(shortDry.exitCode()).as(shortDry.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(shortDry.err()).contains("the jobs still to send cost 50 credits, but the key and the account each"
          + " have 40 credits left: short by 10 credits; nothing was sent (a dry run; the real run would refuse it the"
          + " same way)");
      assertThat(shortDryJson.json().get("error")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("kind", "insufficient_quota");
      assertThat(enough.exitCode()).as(enough.all()).isZero();
      assertThat(enough.out()).contains("dry run: no create was sent (only free reads, such as the model list and the"
          + " balance)");
      assertThat(fake.requests(Endpoint.BALANCE)).as("each dry run read the balance").hasSize(3);
      assertThat(fake.requests(Endpoint.CREATE)).as("a dry run sends no create").isEmpty();
    }
  }

  @Test
  void aDryRunOnTheMockNamesOnlyTheReadItMadeAsGeneratesDoes() throws Exception {
    Path jobs = write(job("a", 10));

    CliRun.Result dry = CliRun.in(dir).run(args(jobs, "--dry-run"));

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).as("the mock has no model list to read").contains(
        "dry run: no create was sent (only a free read of the balance)").doesNotContain("the model list");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchTheBalanceCannotPayNamesTheShortSideWithTheAdviceThatFitsIt() throws Exception {
    Path jobs = write(job("a", 10)); // 20 credits
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.balance(new java.math.BigDecimal("1000"), false);
      fake.keyBalance(new java.math.BigDecimal("15"));
      CliRun.Result keyShort = againstFake(fake, jobs);
      CliRun.Result keyShortJson = againstFake(fake, jobs, "--json");
      fake.balance(new java.math.BigDecimal("18"), false);
      CliRun.Result bothShort = againstFake(fake, jobs);
      fake.balance(new java.math.BigDecimal("15"), false);
      CliRun.Result bothShortAlike = againstFake(fake, jobs, "--json");

      fake.keyBalance(null);
      fake.balance(new java.math.BigDecimal("15"), false);
      fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
          "{\"success\":true,\"remain_credits\":-1,\"used_credits\":0,\"unlimited_quota\":true}"), 20);
      CliRun.Result accountShort = againstFake(fake, jobs, "--json");

      assertThat(keyShort.exitCode()).as(keyShort.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(keyShort.err()).contains("the jobs still to send cost 20 credits, but the key has 15 credits left:"
          + " short by 5 credits; nothing was sent — raise the key's quota or use another key, or send fewer lines")
          .doesNotContain("top up");
      assertThat(keyShortJson.json()).containsEntry("limited_by", "key").containsEntry("credits_left", 15.0)
          .containsEntry("credits_to_send", 20.0);
      assertThat((Map<String, Object>) keyShortJson.json().get("error"))
          .containsEntry("next", "raise the key's quota or use another key, or send fewer lines");
      assertThat(bothShort.err()).contains("but the key has 15 credits left and the account 18 credits: short by 5"
          + " credits; nothing was sent — raise the key's quota (or use another key) and top up the account, or send"
          + " fewer lines");
      assertThat((Map<String, Object>) bothShortAlike.json().get("error")).as("the key and the account alike short")
          .containsEntry("message", "the jobs still to send cost 20 credits, but the key and the account each have 15"
              + " credits left: short by 5 credits; nothing was sent")
          .containsEntry("next", "top up the account and, if the key has a quota of its own, raise it (or use another"
              + " key), or send fewer lines");
      assertThat(accountShort.exitCode()).as(accountShort.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(accountShort.json()).as("the key is unlimited").containsEntry("limited_by", "account");
      assertThat((Map<String, Object>) accountShort.json().get("error"))
          .containsEntry("message", "the jobs still to send cost 20 credits, but the account has 15 credits left:"
              + " short by 5 credits; nothing was sent")
          .containsEntry("next", "top up the account, or send fewer lines");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent").isEmpty();
    }
  }

  @Test
  void aResendAfterAServerErrorIsCountedInTheSummaryAndKeptWithinMaxCredits() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10)); // 20 credits each
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError(), 1);

      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--max-credits", "60", "--json", "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--retry-delay", "1ms");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).as("a's first take, its resend, and b").hasSize(3);
      assertThat(result.json()).containsEntry("resent_after_server_error", 1.0)
          .containsEntry("resent_credits_at_most", 20.0);
      assertThat(result.out()).contains("\"code\":\"create.resent\"").doesNotContain(FakeToApisServer.DEFAULT_KEY);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnknownJobWhoseTwoTakesWereAnsweredWithServerErrorsCountsUpToTwoTasksInEveryRun() throws Exception {
    Path jobs = write(job("a", 10)); // 20 credits, on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2); // each take made a task

      CliRun.Result first = againstFake(fake, jobs, "--json");

      assertThat(first.exitCode()).as(first.all()).isEqualTo(9);
      assertThat(fake.taskIds()).as("the provider made a task for each take").hasSize(2);
      assertThat(first.json()).containsEntry("unknown", 1.0).containsEntry("unknown_credits_at_most", 40.0)
          .as("its takes are counted once, as unknown").containsEntry("resent_credits_at_most", 0.0);
      Map<String, Object> job = ((List<Map<String, Object>>) first.json().get("jobs")).get(0);
      assertThat(job).containsEntry("state", "unknown").containsEntry("possible_tasks", 2.0)
          .containsEntry("credits_at_most", 40.0);
      try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(journal.entries("jobs.jsonl")).extracting(Entry::possibleTasks).containsExactly(2);
      }

      CliRun.Result again = againstFake(fake, jobs);

      assertThat(again.exitCode()).as(again.all()).isEqualTo(9);
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent again").hasSize(2);
      CliRun.Result dry = againstFake(fake, jobs, "--dry-run");
      assertThat(dry.out()).as(dry.all()).containsPattern("1\\s+a\\s+.*keep \\(unknown, up to 2 tasks\\)");
      assertThat(again.err()).contains("1 job ended unknown: its create may or may not have reached the provider")
          .contains("to send it again (perhaps paying twice)").doesNotContain("send them again")
          .contains("a task found there is taken in with --adopt JOB_ID=TASK_ID, sending nothing");
      assertThat(again.out()).as("a later run tells the worst case from the journal")
          .contains("unknown  line 1 (a): up to 2 tasks, up to 40 credits: ")
          .contains("the 1 job of unknown outcome may have cost up to 40 credits more, if its tasks were made");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEarlierTakesOfAJobResubmittedAfterItWasUnknownStayToldInEveryLaterRun() throws Exception {
    Path jobs = write(job("a", 10)); // 20 credits, on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2); // each take made a task
      CliRun.Result first = againstFake(fake, jobs);
      assertThat(first.exitCode()).as(first.all()).isEqualTo(9);

      CliRun.Result resubmitted = againstFake(fake, jobs, "--resubmit-unknown", "--json");
      CliRun.Result json = againstFake(fake, jobs, "--json");
      CliRun.Result text = againstFake(fake, jobs);

      assertThat(resubmitted.exitCode()).as(resubmitted.all()).isZero();
      assertThat(fake.taskIds()).as("both earlier takes made tasks, and the resubmit a third").hasSize(3);
      assertThat(json.exitCode()).as(json.all()).isZero();
      String taskId = (String) ((List<Map<String, Object>>) json.json().get("jobs")).stream().findFirst()
          .map(job -> job.get("task_id")).orElse(null);
      assertThat((List<Map<String, Object>>) json.json().get("extra_tasks")).as(json.all()).singleElement()
          .satisfies(extra -> assertThat(extra).containsEntry("id", "a").containsEntry("possible_extra_tasks", 2.0)
              .containsEntry("possible_extra_credits", 40.0));
      assertThat(taskId).as("a completed job is not listed in jobs").isNull();
      assertThat(text.out()).contains("extra    line 1 (a): task ")
          .contains("2 earlier takes of its create").contains("up to 40 credits more");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent after the resubmit").hasSize(3);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobResubmittedAfterItWasUnknownAndThenRefusedStillTellsItsEarlierTakesInEveryRun() throws Exception {
    Path jobs = write(job("a", 10)); // 20 credits, on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2); // each take made a paid task
      assertThat(againstFake(fake, jobs).exitCode()).as("unknown, up to 2 tasks").isEqualTo(9);
      fake.inject(Endpoint.CREATE, Fault.status(400), 1);

      CliRun.Result refused = againstFake(fake, jobs, "--resubmit-unknown", "--json");
      CliRun.Result text = againstFake(fake, jobs);
      CliRun.Result dry = againstFake(fake, jobs, "--dry-run");
      CliRun.Result dryJson = againstFake(fake, jobs, "--dry-run", "--json");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(fake.taskIds()).as("the two earlier takes made tasks; the refused one none").hasSize(2);
      assertThat(refused.json()).containsEntry("failed", 1.0).containsEntry("unknown", 0.0)
          .containsEntry("earlier_credits_at_most", 40.0)
          .as("counted once, in earlier_credits_at_most").containsEntry("unknown_credits_at_most", 0.0)
          .containsEntry("resent_credits_at_most", 0.0).containsEntry("failed_credits_quoted", 0.0);
      assertThat((List<Map<String, Object>>) refused.json().get("extra_tasks")).as("it has no task").isEmpty();
      assertThat((List<Map<String, Object>>) refused.json().get("earlier_takes")).singleElement().satisfies(earlier ->
          assertThat(earlier).containsEntry("id", "a").containsEntry("line", 1.0).containsEntry("state", "failed")
              .containsEntry("possible_extra_tasks", 2.0).containsEntry("possible_extra_credits", 40.0));
      assertThat(text.exitCode()).as("a later run sends nothing: " + text.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(text.out()).as(text.all()).contains("failed   line 1 (a): ")
          .contains("extra    line 1 (a): no task; 2 earlier takes of its create (of unknown outcome, then sent"
              + " again with --resubmit-unknown) may have made a paid task, up to 40 credits: check the provider's"
              + " dashboard for a task of grok-video-1.5-preview made before ")
          .as("the time said once, by its Z").containsPattern("made before \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ;")
          .contains("the 1 job sent again after it was unknown and left without a task may have cost up to 40"
              + " credits more, if its earlier takes made tasks");
      assertThat(dry.out()).as(dry.all()).containsPattern("1\\s+a\\s+.*keep \\(failed, no task, 2 earlier takes may"
          + " have made tasks\\): an earlier take may have made a paid task; look first \\(--adopt a=TASK_ID takes it"
          + " in\\), as --retry-failed sends it again, perhaps paying twice");
      CliRun.Result dryRetry = againstFake(fake, jobs, "--dry-run", "--retry-failed");
      assertThat(dryRetry.out()).as(dryRetry.all()).containsPattern("1\\s+a\\s+.*send \\(failed, .*\\): sent again,"
          + " perhaps paying twice").contains("1 failed job --retry-failed would send again has earlier takes that may"
          + " have made a paid task");
      assertThat(text.err()).as("never told that nothing was created: an earlier take may have made its task")
          .contains("1 failed job has no task of its last create, but earlier takes that may have made a paid task:"
              + " check the provider's dashboard first (--adopt JOB_ID=TASK_ID takes a task found in, sending"
              + " nothing); --retry-failed sends it again, perhaps paying twice")
          .doesNotContain("nothing was created for");
      assertThat((List<Map<String, Object>>) dryJson.json().get("jobs")).singleElement().satisfies(job ->
          assertThat(job).containsEntry("action", "keep").containsEntry("journal_state", "failed")
              .containsEntry("possible_extra_tasks", 2.0));
      assertThat(fake.requests(Endpoint.CREATE)).as("the two takes and the refused one, nothing since").hasSize(3);
      assertThat(text.out()).contains("a task found there is taken in with --adopt a=TASK_ID");

      // Its earlier takes may have made tasks: its line may not change, even with --retry-failed.
      write(job("a", 10).replace("a turns", "a turns gently"));
      CliRun.Result edited = againstFake(fake, jobs, "--retry-failed");
      assertThat(edited.exitCode()).as(edited.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(edited.err()).contains("job a (line 1)", "as failed (tried 2 times) with other content",
          "put the line back as it was");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent").hasSize(3);
      write(job("a", 10));

      // One earlier take's task found on the dashboard: taken in, followed and saved; the other take is still told.
      String found = fake.taskIds().get(0);
      CliRun.Result adopted = againstFake(fake, jobs, "--adopt", "a=" + found, "--json");
      CliRun.Result after = againstFake(fake, jobs);

      assertThat(adopted.exitCode()).as(adopted.all()).isZero();
      assertThat(adopted.err()).contains("job a is without a task no more: its create made task " + found
          + " (as told with --adopt)", "1 other take may still have made a task");
      assertThat(adopted.json()).containsEntry("completed", 1.0).containsEntry("failed", 0.0);
      assertThat((List<Map<String, Object>>) adopted.json().get("extra_tasks")).singleElement().satisfies(extra ->
          assertThat(extra).containsEntry("task_id", found).containsEntry("possible_extra_tasks", 1.0)
              .containsEntry("possible_extra_credits", 20.0));
      assertThat((List<Map<String, Object>>) adopted.json().get("earlier_takes")).as("told as extra now").isEmpty();
      assertThat(after.out()).as(after.all()).contains("extra    line 1 (a): task " + found)
          .as("the spent line's worst case agrees with the extra line").contains("1 earlier take of a job that got a"
              + " task (of unknown outcome, then sent again) may have made a task of its own:"
              + " up to 20 credits more");
      assertThat(fake.requests(Endpoint.CREATE)).as("adopting sends nothing").hasSize(3);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void theEarlierTakesOfARefusedJobOfUnknownPriceAreNullNotZero() throws Exception {
    Path jobs = write("{\"id\": \"w1\", \"model\": \"wan2.6\", \"prompt\": \"a fox\"}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing(), 1); // no answer: the take made a task
      assertThat(againstFake(fake, jobs).exitCode()).isEqualTo(9);
      fake.inject(Endpoint.CREATE, Fault.status(400), 1);

      CliRun.Result refused = againstFake(fake, jobs, "--resubmit-unknown", "--json");
      CliRun.Result text = againstFake(fake, jobs);

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(refused.json()).containsEntry("earlier_credits_at_most", null);
      assertThat((List<Map<String, Object>>) refused.json().get("earlier_takes")).singleElement().satisfies(earlier ->
          assertThat(earlier).containsEntry("possible_extra_tasks", 1.0).containsEntry("possible_extra_credits", null));
      assertThat(text.out()).as(text.all())
          .contains("extra    line 1 (w1): no task; an earlier take of its create (of unknown outcome, then sent"
              + " again with --resubmit-unknown) may have made a paid task, at a price unknown: ")
          .contains("the 1 job sent again after it was unknown and left without a task may have cost more, at a price"
              + " unknown, if its earlier take made a task")
          .doesNotContain("up to 0 credits");
    }
  }

  @Test
  void theUnknownAndTheResentWorstCasesAreDisjointSoTheyAddUpToTheWholeWorstCase() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10)); // 20 credits each, on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      // a: two takes answered 500 (unknown, up to 2 tasks); b: one take answered 500, then its resend made the task.
      fake.inject(Endpoint.CREATE, Fault.serverError(), 3);

      CliRun.Result json = againstFake(fake, jobs, "--json");
      CliRun.Result text = againstFake(fake, jobs);

      assertThat(json.exitCode()).as(json.all()).isEqualTo(9);
      assertThat(json.json()).containsEntry("unknown", 1.0).containsEntry("completed", 1.0)
          .as("a's two takes").containsEntry("unknown_credits_at_most", 40.0)
          .as("only b's earlier take: a's are in the unknown figure").containsEntry("resent_after_server_error", 1.0)
          .containsEntry("resent_credits_at_most", 20.0);
      assertThat(text.out()).contains("the 1 job of unknown outcome may have cost up to 40 credits more")
          .as("a later run still tells b's earlier take").contains("1 earlier take of a job that got a task",
              "up to 20 credits more");
    }
  }

  @Test
  void aJobWhoseResendWasRefusedAfterAServerErrorIsCountedOnlyAsUnknownNotAlsoAsAResend() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10)); // 20 credits each, on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      // a: a take answered 500 (it may have made a task), then its resend refused with a 400: unknown, up to 1 task.
      fake.inject(Endpoint.CREATE, Fault.serverError(), 1);
      fake.inject(Endpoint.CREATE, Fault.status(400), 1);

      CliRun.Result json = againstFake(fake, jobs, "--json");

      assertThat(json.exitCode()).as(json.all()).isEqualTo(9);
      assertThat(fake.requests(Endpoint.CREATE)).as("a's two takes and b").hasSize(3);
      assertThat(json.json()).containsEntry("unknown", 1.0).containsEntry("completed", 1.0)
          .as("a's take answered 500").containsEntry("unknown_credits_at_most", 20.0)
          .as("counted there, not again as a resend: b was sent once").containsEntry("resent_after_server_error", 0.0)
          .containsEntry("resent_credits_at_most", 0.0);
    }
  }

  @Test
  void aKeyTheAccountEndpointsRefuseStopsTheBatchBeforeAnyUploadOrCreate() throws Exception {
    Path image = dir.resolve("product.png");
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(image);
    Path jobs = write("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"" + image + "\"]}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"" + image + "\"]}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      String refused = "{\"success\":false,\"message\":\"Invalid token\"}";
      fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", refused), 10);
      fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", refused), 10);

      CliRun.Result result = againstFake(fake, jobs);

      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.AUTHENTICATION);
      assertThat(result.err()).contains("Invalid token").doesNotContain("the batch goes on");
      assertThat(fake.requests(Endpoint.UPLOAD)).as("no upload with a refused key").isEmpty();
      assertThat(fake.requests(Endpoint.CREATE)).as("no create with a refused key").isEmpty();
    }
  }

  @Test
  void twoJobsEndingUnknownAreCountedOnceNotAgainAsResends() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError(), 4);

      CliRun.Result result = againstFake(fake, jobs, "--json");

      assertThat(result.exitCode()).as(result.all()).isEqualTo(9);
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(4);
      assertThat(result.json()).containsEntry("unknown", 2.0).containsEntry("unknown_credits_at_most", 80.0)
          .containsEntry("resent_after_server_error", 0.0).containsEntry("resent_credits_at_most", 0.0);
    }
  }

  @Test
  void anUnknownPriceIsShownAsUnknownNotAsZeroCredits() throws Exception {
    Path jobs = write("{\"id\": \"w1\", \"model\": \"wan2.6\", \"prompt\": \"a fox\"}",
        "{\"id\": \"w2\", \"model\": \"wan2.6\", \"prompt\": \"a hare\"}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      // w1: two takes answered 500, each making a task (unknown); w2: one such take, then its resend made the task.
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 3);

      CliRun.Result json = againstFake(fake, jobs, "--json");
      String words = json.err() + json.out();

      assertThat(json.exitCode()).as(json.all()).isEqualTo(9);
      assertThat(json.json()).containsEntry("unknown", 1.0).containsEntry("unknown_credits_at_most", null)
          .containsEntry("resent_after_server_error", 1.0).containsEntry("resent_credits_at_most", null);
      CliRun.Result text = againstFake(fake, jobs);
      assertThat(text.out()).as(words)
          .contains("the 1 job of unknown outcome may have cost more, at a price unknown, if its tasks were made");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJobSentAgainAfterAServerErrorIsToldToHaveAPossibleExtraTaskByEveryLaterRunToo() throws Exception {
    Path jobs = write(job("a", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 1); // the first take made a task too
      CliRun.Result first = againstFake(fake, jobs, "--json");
      assertThat(first.exitCode()).as(first.all()).isZero();
      String taskId = (String) ((List<Map<String, Object>>) first.json().get("extra_tasks")).get(0).get("task_id");
      assertThat(fake.taskIds()).hasSize(2).contains(taskId);

      CliRun.Result again = againstFake(fake, jobs, "--json");
      CliRun.Result words = againstFake(fake, jobs);

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.json()).as("nothing resent in this run").containsEntry("resent_after_server_error", 0.0);
      assertThat((List<Map<String, Object>>) again.json().get("extra_tasks")).singleElement().satisfies(extra ->
          assertThat(extra).containsEntry("id", "a").containsEntry("line", 1.0).containsEntry("task_id", taskId)
              .containsEntry("possible_extra_tasks", 1.0).containsEntry("possible_extra_credits", 20.0));
      assertThat(words.out()).contains("extra    line 1 (a): task " + taskId + "; an earlier take of its create"
          + " (of unknown outcome, then sent again) may also have made a paid task, up to 20 credits more:"
          + " check the provider's dashboard for a task of grok-video-1.5-preview made between ");
      assertThat(words.out()).as("the time said once, by its Z, not also as UTC").doesNotContain("Z UTC")
          .containsPattern("made between \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ and"
              + " \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\(the takes of one create go out within minutes of one"
              + " another, before or after the task above\\)\\R");
      assertThat(fake.requests(Endpoint.CREATE)).as("paid once more at most, never again").hasSize(2);
    }
  }

  @Test
  void afterTheFirstTakesTaskIsAdoptedTheExtraLineGivesAWindowThatHoldsTheLaterTakesTaskToo() throws Exception {
    Path jobs = write(job("a", 10)); // on a route without a client reference
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2); // each take made a paid task
      Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      assertThat(againstFake(fake, jobs).exitCode()).as("unknown, up to 2 tasks").isEqualTo(9);
      Instant later = Instant.now(); // after the later take made its task
      String first = fake.taskIds().get(0);

      CliRun.Result adopted = againstFake(fake, jobs, "--adopt", "a=" + first);

      assertThat(adopted.exitCode()).as(adopted.all()).isZero();
      Matcher window = Pattern.compile("extra    line 1 \\(a\\): task " + first
          + "; .* for a task of grok-video-1.5-preview made between (\\S+) and (\\S+) ").matcher(adopted.out());
      assertThat(window.find()).as(adopted.out()).isTrue();
      assertThat(Instant.parse(window.group(1))).as("from before the first take").isBeforeOrEqualTo(before);
      assertThat(Instant.parse(window.group(2))).as("to after the later take, whose task was made after the one"
          + " adopted").isAfterOrEqualTo(later.truncatedTo(ChronoUnit.SECONDS));
      assertThat(fake.requests(Endpoint.CREATE)).as("adopting sends nothing").hasSize(2);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void maxCreditsCountsAResendSoTheRunStopsBeforeGoingOverIt() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError(), 1);

      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--max-credits", "40", "--json", "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--retry-delay", "1ms");

      assertThat(result.exitCode()).as("over --max-credits: " + result.all()).isEqualTo(8);
      assertThat(fake.requests(Endpoint.CREATE)).as("a's two takes fill the 40 credits; b is not sent").hasSize(2);
      // Stopped part-way after paid creates: the batch's last words say what this run sent, never "nothing was sent".
      String stopped = "the batch stopped at its budget (--max-credits 40): this run sent 2 creates, which took 40"
          + " credits of it (each may have made a paid task: the summary counts them in spent, unknown and extra, and"
          + " with --json sent_this_run); the next create (grok-video-1.5-preview at 20 credits did not fit the 0"
          + " credits left) was held back, so 1 job was not sent (listed as left; see docs/errors.md#budget-exceeded)";
      assertThat(result.err()).contains(stopped, "raise --max-credits (what earlier takes may have cost counts against it too), then"
              + " run the same command").doesNotContain("nothing was sent (see docs/errors.md#budget-exceeded) —");
      assertThat(result.json()).containsEntry("completed", 1.0).containsEntry("pending", 1.0)
          .containsEntry("resent_after_server_error", 1.0)
          .containsEntry("sent_this_run", Map.of("creates", 2.0, "credits", 40.0));
      assertThat((Map<String, Object>) result.json().get("error")).containsEntry("kind", "budget_exceeded")
          .as("a stop during the run, beside batch.over_budget before it").containsEntry("code", "batch.budget_reached")
          .containsEntry("exit_code", 8.0);
      assertThat((List<Map<String, Object>>) result.json().get("jobs")).singleElement().satisfies(b ->
          assertThat((String) b.get("reason")).as("held back by the client's own budget, refused by no one")
              .startsWith("not sent: the client's budget held it back: ").doesNotContain("refused"));

      // The limit is the whole batch's: run again, a's first take still counts, so b is still not sent.
      CliRun.Result again = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--max-credits", "40", "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--retry-delay", "1ms");
      CliRun.Result raised = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "1", "--max-credits", "60", "--json", "--base-url", fake.baseUrl(),
          "--poll-interval", "20ms", "--retry-delay", "1ms");

      assertThat(again.exitCode()).as(again.all()).isEqualTo(8);
      assertThat(again.err()).contains("the batch may cost 60 credits (20 credits of it for earlier takes of"
          + " unknown outcome, which may each have made a paid task) but"
          + " --max-credits is 40; nothing was sent");
      CliRun.Result dry = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--max-credits", "60", "--dry-run", "--base-url", fake.baseUrl());
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.out()).contains("earlier takes of unknown outcome, which may"
          + " each have made a paid task: up to 20 credits more than the total above, which --max-credits counts too");
      assertThat(raised.exitCode()).as(raised.all()).isZero();
      assertThat(raised.json()).containsEntry("completed", 2.0);
      assertThat(fake.requests(Endpoint.CREATE)).as("b sent once the limit covers a's two takes and b").hasSize(3);
    }
  }

  @Test
  void aDryRunPricesOneModelGivenInSeveralSpellingsAsOneRowAndShowsEachLineAsSent() throws Exception {
    Path jobs = write("{\"id\": \"a\", \"model\": \"gemini-omni-flash\", \"prompt\": \"a\"}",
        "{\"id\": \"b\", \"model\": \"GEMINI_OMNI_FLASH\", \"prompt\": \"b\"}");

    CliRun.Result dry = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--dry-run");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).containsPattern("(?m)^gemini-omni-flash +2 +price unknown$")
        .containsPattern("(?m)^total +2 +price unknown$")
        .containsPattern("(?m)^2 +b +gemini_omni_flash ")
        .doesNotContain("GEMINI_OMNI_FLASH").doesNotContain("0 credits");
  }

  @Test
  void aDryRunShowsTheNameTheKeysLiveListMakesEachLineSend() throws Exception {
    Path jobs = write("{\"id\": \"a\", \"model\": \"gemini-omni-flash\", \"prompt\": \"a\"}",
        "{\"id\": \"b\", \"model\": \"GEMINI_OMNI_FLASH\", \"prompt\": \"b\"}");
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(java.util.Set.of("gemini_omni_flash")).start()) {
      CliRun.Result dry = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--dry-run", "--base-url", fake.baseUrl());

      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(dry.out()).containsPattern("(?m)^1 +a +gemini_omni_flash ").containsPattern("(?m)^2 +b +gemini_omni_flash ");
      assertThat(fake.creates()).isEmpty();
    }
  }

  @Test
  void maxCreditsCountsTheTakesOfAnUnknownJobThatResubmitUnknownWouldSendAgain() throws Exception {
    Path jobs = write(job("a", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2); // both takes may have made a task
      CliRun.Result first = againstFake(fake, jobs);
      assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.UNKNOWN_OUTCOME);

      CliRun.Result resubmitted = againstFake(fake, jobs, "--resubmit-unknown", "--max-credits", "40");

      assertThat(resubmitted.exitCode()).as(resubmitted.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(resubmitted.err()).contains("the batch may cost 60 credits (40 credits of it for earlier takes");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing sent again").hasSize(2);
      try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(journal.entries("jobs.jsonl")).extracting(Entry::state).as("still unknown, not moved to pending")
            .containsExactly(JobStore.State.UNKNOWN);
      }
    }
  }

  @Test
  void namesAFailedJobByTheLineItHasNowAfterALineWasAddedAboveIt() throws Exception {
    String a = job("a", 10);
    String b = job("b", 10);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      Path jobs = runWithTheFirstJobFailing(fake, a, b);

      write(job("z", 10), a, b);
      CliRun.Result again = againstFake(fake, jobs);

      assertThat(again.exitCode()).as(again.all()).isEqualTo(6);
      assertThat(again.out()).as(again.all()).containsPattern("failed   line 2 \\(a\\): .*could not render");
      CliRun.Result json = againstFake(fake, jobs, "--json");
      assertThat(json.json().get("jobs")).asList().singleElement()
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("id", "a").containsEntry("line", 2.0);
    }
  }

  @Test
  void refusesAMissingJournalBesideResultsAndRunsAgainOnlyWithStartOver() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    Files.delete(dir.resolve("jobs.journal"));

    CliRun.Result lost = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(lost.exitCode()).as(lost.all()).isEqualTo(1);
    assertThat(lost.err()).contains("has none of its jobs", "nothing was sent", "--start-over");
    assertThat(dir.resolve("jobs.journal")).as("no empty journal left in the place of the lost one").doesNotExist();
    assertThat(dir.resolve("jobs.journal-wal")).doesNotExist();
    assertThat(dir.resolve("jobs.journal-shm")).doesNotExist();
    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--start-over", "--json"));
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.json()).containsEntry("completed", 2.0);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aJournalDeletedDuringTheRunIsToldLoudlyWithEveryTaskIdOfTheBatch() throws Exception {
    // The fake's clock, which the task follows: it ends only once the test moves the clock on.
    dev.vidgen.testkit.time.ShiftedClock fakeClock = new dev.vidgen.testkit.time.ShiftedClock();
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().clock(fakeClock)
        .lifecycle(java.time.Duration.ofHours(1), java.time.Duration.ZERO).start()) {
      Path jobs = write(job("a", 10));
      java.util.concurrent.CompletableFuture<CliRun.Result> run =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> againstFake(fake, jobs, "--json"));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
          .pollInterval(java.time.Duration.ofMillis(5)).until(() -> fake.creates().size() == 1 || run.isDone());
      assertThat(run).as("still running").isNotDone();

      for (String ending : List.of("", "-wal", "-shm")) {
        Files.deleteIfExists(dir.resolve("jobs.journal" + ending)); // a clean-up script's rm jobs.journal*
      }
      fakeClock.shift(java.time.Duration.ofHours(1));
      CliRun.Result result = run.get(60, java.util.concurrent.TimeUnit.SECONDS);

      String taskId = fake.taskIds().get(0);
      String journal = "SQLite journal " + dir.resolve("jobs.journal").toAbsolutePath().normalize();
      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.err()).as("said loudly, with what to do").contains("warning: the file of " + journal
          + " was deleted during this run, so the journal of this batch is gone: 1 task id is kept only in this output",
          "do not run again with --start-over");
      assertThat((Map<String, Object>) result.json().get("journal_lost")).containsEntry("journal", journal)
          .containsEntry("change", "was deleted");
      assertThat((List<Map<String, Object>>) ((Map<String, Object>) result.json().get("journal_lost")).get("tasks"))
          .singleElement().satisfies(task -> assertThat(task).containsEntry("id", "a").containsEntry("task_id", taskId)
              .containsEntry("state", "completed"));
      assertThat(fake.creates()).as("nothing sent twice").hasSize(1);
    }
  }

  @Test
  void aJournalLeftWholeIsNeverToldLost() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result result = againstFake(fake, write(job("a", 10)), "--json");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.json()).containsEntry("journal_lost", null);
      assertThat(result.err()).doesNotContain("during this run");
    }
  }

  @Test
  void aRunKilledMidwayIsRefusedWithItsJournalMovedAwayAndSendsNothingAgain() throws Exception {
    // The fake's clock, which the second task follows: it ends only once the test moves the clock on.
    dev.vidgen.testkit.time.ShiftedClock fakeClock = new dev.vidgen.testkit.time.ShiftedClock();
    java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
    try (FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().clock(fakeClock)
        .lifecycles(() -> tasks.incrementAndGet() == 2
            ? dev.vidgen.testkit.toapis.Lifecycle.byTime(java.time.Duration.ofHours(1), java.time.Duration.ZERO)
            : dev.vidgen.testkit.toapis.Lifecycle.byPolls(1, 1))
        .start()) {
      Path jobs = write(job("a", 10), job("b", 10), job("c", 10));
      Path videos = dir.resolve("jobs-videos");
      Path manifest = videos.resolve(dev.vidgen.batch.ResultsManifest.FILE);
      java.util.concurrent.CompletableFuture<CliRun.Result> first =
          java.util.concurrent.CompletableFuture.supplyAsync(() -> againstFake(fake, jobs));
      // What a kill -9 finds now: a's video saved, b's task made and not done yet, c not sent.
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
          .pollInterval(java.time.Duration.ofMillis(5))
          .until(() -> fake.creates().size() == 2 && Files.exists(videos.resolve("a.mp4")) || first.isDone());
      assertThat(first).as("still running").isNotDone();
      byte[] manifestThen = Files.readAllBytes(manifest);
      byte[] videoA = Files.readAllBytes(videos.resolve("a.mp4"));
      fakeClock.shift(java.time.Duration.ofHours(1)); // b's task is done now, its video still to be fetched
      CliRun.Result whole = first.get(60, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(whole.exitCode()).as(whole.all()).isZero();
      // The state the kill left, with nothing written at the run's end; then the journal is moved aside.
      Files.write(manifest, manifestThen);
      Files.delete(videos.resolve("b.mp4"));
      Files.delete(videos.resolve("c.mp4"));
      for (String ending : List.of("", "-wal", "-shm")) {
        Path journal = dir.resolve("jobs.journal" + ending);
        if (Files.exists(journal)) {
          Files.move(journal, dir.resolve("aside.journal" + ending));
        }
      }
      int sent = fake.creates().size();

      CliRun.Result again = againstFake(fake, jobs);

      assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
      assertThat(again.err()).contains("has none of its jobs", "nothing was sent", "--start-over");
      assertThat(fake.creates()).as("no job paid for twice").hasSize(sent);
      assertThat(Files.readAllBytes(videos.resolve("a.mp4"))).as("a's video is not replaced").isEqualTo(videoA);
      assertThat(videos.resolve("b.mp4")).doesNotExist();
    }
  }

  @Test
  void aRefusedRunLeavesAnEmptyFileGivenAsTheJournalEmptyAndAnotherDatabaseUntouched() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    Files.delete(dir.resolve("jobs.journal"));
    Files.createFile(dir.resolve("jobs.journal")); // an empty file in the lost journal's place

    CliRun.Result lost = CliRun.in(dir).run(args(jobs));

    assertThat(lost.exitCode()).as(lost.all()).isEqualTo(1);
    assertThat(lost.err()).contains("has none of its jobs");
    assertThat(dir.resolve("jobs.journal")).as("still the user's empty file").exists().isEmptyFile();
    assertThat(dir.resolve("jobs.journal-wal")).doesNotExist();

    Files.delete(dir.resolve("jobs.journal"));
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("jobs.journal"))) {
      c.createStatement().execute("CREATE TABLE orders (id INTEGER)");
    }
    byte[] theirs = Files.readAllBytes(dir.resolve("jobs.journal"));
    CliRun.Result foreign = CliRun.in(dir).run(args(jobs));

    assertThat(foreign.exitCode()).as(foreign.all()).isEqualTo(1);
    assertThat(foreign.err()).contains("holds other tables (orders) and no vidgen journal");
    assertThat(Files.readAllBytes(dir.resolve("jobs.journal"))).isEqualTo(theirs);
  }

  @Test
  void refusesVidgensOwnFilesAsTheJournal() throws Exception {
    Path jobs = write(job("a", 10));
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.createFile(home.resolve("history.jsonl.lock"));

    CliRun.Result refused = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
        .run(args(jobs, "--journal", home.resolve("history.jsonl.lock").toString()));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("is vidgen's own file, beside the task history");
    assertThat(home.resolve("history.jsonl.lock")).isEmptyFile();
  }

  @Test
  void refusesAnOlderCopyOfTheJournal() throws Exception {
    Path jobs = write(job("a", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    Files.copy(dir.resolve("jobs.journal"), dir.resolve("backup.journal"));
    write(job("a", 10), job("b", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    Files.copy(dir.resolve("backup.journal"), dir.resolve("jobs.journal"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    CliRun.Result old = CliRun.in(dir).run(args(jobs));

    assertThat(old.exitCode()).as(old.all()).isEqualTo(1);
    assertThat(old.err()).contains("is older than those results");
  }

  @Test
  void refusesAFreshJournalBesideVideosOfTheBatch() throws Exception {
    Path jobs = write(job("a", 10));
    Files.createDirectories(dir.resolve("jobs-videos"));
    Files.writeString(dir.resolve("jobs-videos/a.mp4"), "a video made earlier");

    CliRun.Result result = CliRun.in(dir).run(args(jobs));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(1);
    assertThat(result.err()).contains("the video of line 1", "already exists");
  }

  @Test
  void anotherBatchInTheSameOutDirNeverReplacesTheFirstBatchsVideoNotEvenWithStartOver() throws Exception {
    String videos = dir.resolve("videos").toString();
    Path second = dir.resolve("second.jsonl");
    byte[] video = firstBatchsVideoAndASecondBatchOfTheSameId(dir.resolve("first.jsonl"), second, videos);

    CliRun.Result refused = CliRun.in(dir).run(args(second, "--out-dir", videos));
    CliRun.Result startOver = CliRun.in(dir).run(args(second, "--out-dir", videos, "--start-over"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("This folder holds the results of batch first.jsonl (journal ")
        .contains("the file may be one of their videos: give the line another out (or an id), or use another --out-dir")
        .doesNotContain("add --start-over");
    assertThat(startOver.exitCode()).as(startOver.all()).isEqualTo(1);
    assertThat(startOver.err()).contains("line 1's file ").contains("g0.mp4 already exists, and this folder holds"
        + " the results of batch first.jsonl").contains("which --start-over would replace; nothing was sent");
    assertThat(dir.resolve("videos/g0.mp4")).as("the first batch's paid video is kept").hasBinaryContent(video);

    // The second batch, once it has results of its own there, still cannot take the first one's file over.
    Files.write(second, List.of(job("s1", 10)));
    CliRun.Result own = CliRun.in(dir).run(args(second, "--out-dir", videos));
    assertThat(own.exitCode()).as(own.all()).isZero();
    Files.write(second, List.of(job("s1", 10), job("g0", 15).replace("g0 turns", "another prompt")));
    CliRun.Result added = CliRun.in(dir).run(args(second, "--out-dir", videos, "--start-over"));
    assertThat(added.exitCode()).as(added.all()).isEqualTo(1);
    assertThat(added.err()).contains("which --start-over would replace; nothing was sent");
    assertThat(dir.resolve("videos/g0.mp4")).hasBinaryContent(video);
  }

  @Test
  void aBatchOfTheSameFileNameElsewhereIsToldThatTheJournalOfTheResultsStillExistsAndReplacesNothing()
      throws Exception {
    String videos = dir.resolve("videos").toString();
    Files.createDirectories(dir.resolve("a"));
    Files.createDirectories(dir.resolve("b"));
    Path second = dir.resolve("b/jobs.jsonl");
    byte[] video = firstBatchsVideoAndASecondBatchOfTheSameId(dir.resolve("a/jobs.jsonl"), second, videos);

    CliRun.Result refused = CliRun.in(dir).run(args(second, "--out-dir", videos));
    CliRun.Result startOver = CliRun.in(dir).run(args(second, "--out-dir", videos, "--start-over"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
    assertThat(refused.err()).contains("That journal still exists: go on with --journal " + dir.resolve("a/jobs.journal"))
        .doesNotContain("add --start-over");
    assertThat(startOver.exitCode()).as(startOver.all()).isEqualTo(1);
    assertThat(startOver.err()).contains("were made with the journal " + dir.resolve("a/jobs.journal")
        + ", which still exists").contains("--start-over would pay for them again and replace their videos");
    assertThat(dir.resolve("videos/g0.mp4")).hasBinaryContent(video);
  }

  @Test
  void refusesAJournalThatIsNeitherAFileNorASupportedUrlWithExitTwo() throws Exception {
    Path jobs = write(job("a", 10));

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--journal", "mysql://db/x"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("mysql://db/x is not supported", "a file path", "jdbc:sqlite:", "jdbc:postgresql:");
    assertThat(dir.resolve("mysql:")).doesNotExist();
    assertThat(dir.resolve("jobs-videos")).as("nothing is made for a run refused").doesNotExist();
  }

  @Test
  void refusesAJournalThatIsAFolderBeforeMakingTheOutputFolder() throws Exception {
    Path jobs = write(job("a", 10));
    Files.createDirectories(dir.resolve("journals"));

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--journal", dir.resolve("journals").toString()));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("is a folder; give a file such as");
    assertThat(dir.resolve("jobs-videos")).doesNotExist();
  }

  @Test
  void refusesAnSqliteUrlInAFolderThatDoesNotExistSayingHowToGoOn() throws Exception {
    Path jobs = write(job("a", 10));

    String url = "jdbc:sqlite:" + dir.resolve("sub").resolve("j.db");
    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--journal", url));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains(url + " is in " + dir.resolve("sub") + ", which does not exist",
        "give the journal as a plain file path");
    assertThat(dir.resolve("jobs-videos")).doesNotExist();
  }

  @Test
  void makesTheJournalsOwnFolderButNoFolderAboveIt() throws Exception {
    Path jobs = write(job("a", 10));

    CliRun.Result deep = CliRun.in(dir).run(args(jobs, "--journal", "no/such/j.journal"));
    CliRun.Result near = CliRun.in(dir).run(args(jobs, "--journal", "journals/j.journal"));

    assertThat(deep.exitCode()).as(deep.all()).isEqualTo(2);
    assertThat(deep.err()).contains("does not exist either");
    assertThat(dir.resolve("no")).doesNotExist();
    assertThat(near.exitCode()).as(near.all()).isZero();
    assertThat(dir.resolve("journals/j.journal")).isRegularFile();
  }

  @Test
  void refusesAnOutDirThatCannotBeWrittenBeforeAnyCreate() throws Exception {
    Path jobs = write(job("a", 10));
    Files.writeString(dir.resolve("taken"), "a file, not a folder");

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--out-dir", "taken/videos", "--json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("--out-dir", "cannot be written", "nothing was sent");
    assertThat(dir.resolve("jobs.journal")).as("nothing was started").doesNotExist();
  }

  @Test
  void aJournalThatCannotBeOpenedLeavesNoEmptyOutDirBehind() throws Exception {
    Path jobs = write(job("a", 10));
    Files.createDirectories(dir.resolve("a-folder.journal"));

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--journal", "a-folder.journal"));

    assertThat(result.exitCode()).as(result.all()).isNotZero();
    assertThat(result.err()).contains("a-folder.journal");
    assertThat(dir.resolve("jobs-videos")).as("made only once the journal opened").doesNotExist();
  }

  @Test
  void saysThereIsNothingToRunWhenNoLineIsValid() throws Exception {
    Path jobs = write("{\"prompt\": \"b\", \"seconds\": 7, \"images\": [\"https://img.example/b.png\"]}");

    CliRun.Result result = CliRun.in(dir).run(args(jobs));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("1 of 1 line is invalid; nothing was sent — fix it and run again: no line is"
        + " valid, so there is nothing to run").doesNotContain("--skip-invalid to run the 0");
    assertThat(result.out()).contains("1 line: 0 valid, 1 invalid").doesNotContain("1 lines");

    CliRun.Result skipping = CliRun.in(dir).run(args(jobs, "--skip-invalid"));

    assertThat(skipping.exitCode()).as("--skip-invalid with nothing left to run is no success: " + skipping.all())
        .isEqualTo(2);
    assertThat(skipping.err()).contains("no line is valid, so there is nothing to run");
    assertThat(dir.resolve("jobs.journal")).as("no journal made").doesNotExist();
  }

  @Test
  void refusesALineWhoseOutLeavesTheOutDir() throws Exception {
    Path jobs = write(job("a", 10), "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"https://img.example/b.png\"],"
        + " \"out\": \"../../escape.mp4\"}");

    CliRun.Result result = CliRun.in(dir).run(args(jobs));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("line 2: out ../../escape.mp4 is not a file inside");
    assertThat(dir.resolve("jobs.journal")).doesNotExist();
  }

  @Test
  void refusesAnOutThatCouldNotBeSavedBeforeAnythingIsPaidFor() throws Exception {
    Files.createDirectories(dir.resolve("jobs-videos/existing"));
    Files.writeString(dir.resolve("jobs-videos/afile"), "a file, not a folder");
    Path jobs = write(job("a", 10),
        "{\"id\": \"b\", \"prompt\": \"b\", \"images\": [\"https://img.example/b.png\"], \"out\": \"existing\"}",
        "{\"id\": \"c\", \"prompt\": \"c\", \"images\": [\"https://img.example/c.png\"], \"out\": \"afile/c.mp4\"}",
        "{\"id\": \"d\", \"prompt\": \"d\", \"images\": [\"https://img.example/d.png\"], \"out\": \"sub/\"}");

    CliRun.Result dryRun = CliRun.in(dir).run(args(jobs, "--dry-run"));
    CliRun.Result result = CliRun.in(dir).run(args(jobs));

    assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(2);
    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("line 2: out " + dir.resolve("jobs-videos/existing") + " is an existing folder",
        "line 3: out " + dir.resolve("jobs-videos/afile/c.mp4") + " cannot be made: "
            + dir.resolve("jobs-videos/afile") + " is a file",
        "line 4: out " + dir.resolve("jobs-videos/sub") + " names a folder");
    assertThat(dir.resolve("jobs.journal")).as("nothing was started").doesNotExist();
  }

  @Test
  void refusesANewJobWhoseFileIsAnotherJobsVideo() throws Exception {
    Path jobs = write(job("a", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    byte[] paid = Files.readAllBytes(dir.resolve("jobs-videos/a.mp4"));
    // Line a is done and taken out; a new line takes over its file name.
    write("{\"id\": \"b\", \"prompt\": \"b\", \"images\": [\"https://img.example/b.png\"], \"out\": \"a.mp4\"}");

    CliRun.Result result = CliRun.in(dir).run(args(jobs, "--json"));

    assertThat(result.exitCode()).as(result.all()).isNotZero();
    assertThat(result.err()).contains("line 1 is a new job, but its file " + dir.resolve("jobs-videos/a.mp4")
        + " already exists (the video of job a)", "nothing was sent");
    assertThat(Files.readAllBytes(dir.resolve("jobs-videos/a.mp4"))).as("the paid video is kept").isEqualTo(paid);
  }

  @Test
  void aRunRefusedBeforeItsFirstJobDoesNotBlockTheNextRun() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15));
    CliRun.Result short_ = CliRun.in(dir).run(args(jobs, "--set", "mock.credits=10", "--json"));
    assertThat(short_.exitCode()).as(short_.all()).isEqualTo(8);
    assertThat(short_.out()).as("the kind generate gives for the same refusal").contains("\"kind\":\"insufficient_quota\"");

    CliRun.Result topped = CliRun.in(dir).run(args(jobs));

    assertThat(topped.exitCode()).as("after topping up, the same command runs: " + topped.all()).isZero();
    assertThat(dir.resolve("jobs-videos/b.mp4")).exists();
  }

  @Test
  void aRunThatSkipsInvalidLinesSaysWhichInItsSummaryAndJson() throws Exception {
    Path jobs = write(job("a", 10), job("b", 12));

    CliRun.Result json = CliRun.in(dir).run(args(jobs, "--skip-invalid", "--json"));
    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--skip-invalid"));

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.json()).containsEntry("lines", 2.0).containsEntry("skipped_invalid", List.of(2.0))
        .containsEntry("completed", 1.0);
    assertThat(again.out()).contains("skipped  1 invalid line, not sent: line 2");
  }

  @Test
  void uploadsTheSameLocalImageOncePerRunAndReadsAStringAsOneImage() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("still.png"));
    Path jobs = write("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"still.png\"]}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": \"still.png\"}",
        "{\"id\": \"c\", \"prompt\": \"c turns\", \"images\": [\"still.png\"]}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(fake.creates()).hasSize(3);
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.UPLOAD)).as("one upload for three lines").hasSize(1);
    }
  }

  @Test
  void uploadsALocalInputVideoOncePerRunAndSendsItsUrlInEveryLine() throws Exception {
    dev.vidgen.testkit.fixtures.Videos.mp4(dir, "clip.mp4");
    Path jobs = write(
        "{\"id\": \"a\", \"model\": \"seedance-2-5\", \"prompt\": \"make it snow\", \"videos\": [\"clip.mp4\"]}",
        "{\"id\": \"b\", \"model\": \"seedance-2-5\", \"prompt\": \"make it rain\", \"videos\": \"clip.mp4\"}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--no-model-check", "--json");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.VIDEO_UPLOAD)).as("one upload for two lines")
          .hasSize(1);
      assertThat(fake.creates()).hasSize(2).allSatisfy(create -> assertThat(create.body())
          .contains("\"video_operation\":\"edit\"", "\"role\":\"reference_video\"", "\"url\":\"http")
          .doesNotContain("file:"));
    }
  }

  @Test
  void aSeedanceLineWithALocalImageIsSentWithTheUploadsUrlWhenTheUploadAnswersAPlainHttpUrl() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("still.png"));
    Path jobs = write("{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a turns\", \"images\": [\"still.png\"],"
        + " \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().uploadUrlBase("http://127.0.0.1:9/uploads/").start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--no-model-check",
          "--allow-unknown-prices", "--json");

      assertThat(result.exitCode()).as("the batch checks the job again with its upload's URL: " + result.all()).isZero();
      assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.body())
          .contains("\"url\":\"http://127.0.0.1:9/uploads/"));
    }
  }

  @Test
  void aLineOnAModelTheKeyMayNotUseIsRefusedAtStartWithNothingJournaledAndRunsWithNoModelCheck() throws Exception {
    Path jobs = write(job("a", 10),
        "{\"id\": \"b\", \"model\": \"seedance-2\", \"prompt\": \"b turns\", \"seconds\": 5}");
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(java.util.Set.of("grok-video-1.5-preview"))
        .start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY);
      CliRun.Result refused = vidgen.run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval",
          "20ms");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
      assertThat(refused.err()).contains("line 2: model: seedance-2 is not in the provider's live model list",
          "--no-model-check", "--skip-invalid");
      assertThat(fake.creates()).isEmpty();
      assertThat(dir.resolve("jobs.journal")).as("nothing recorded, so the check can be turned off").doesNotExist();

      CliRun.Result unchecked = vidgen.run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval",
          "20ms", "--no-model-check");

      assertThat(unchecked.exitCode()).as(unchecked.all()).isZero();
      assertThat(fake.creates()).extracting(dev.vidgen.testkit.toapis.CreateRecord::model)
          .containsExactlyInAnyOrder("grok-video-1.5-preview", "seedance-2");
    }
  }

  @Test
  void refusesAnImagesValueThatIsNeitherATextNorAListByLineNumber() throws Exception {
    Path jobs = write(job("a", 10), "{\"id\": \"b\", \"prompt\": \"b\", \"images\": 7}");

    CliRun.Result result = CliRun.in(dir).run(args(jobs));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("line 2: images");
  }

  @Test
  void quotesEveryLineOnADryRunAndSendsNothing() throws Exception {
    Path jobs = write(job("a", 10), job("b", 15));

    CliRun.Result text = CliRun.in(dir).run(args(jobs, "--dry-run"));
    CliRun.Result json = CliRun.in(dir).run(args(jobs, "--dry-run", "--json"));

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("total", "50 credits", "dry run: ")
        .containsPattern("1\\s+a\\s+grok-video-1.5-preview\\s+20 credits")
        .containsPattern("2\\s+b\\s+grok-video-1.5-preview\\s+30 credits");
    assertThat(json.json()).containsEntry("dry_run", true).containsEntry("credits", 50.0);
    assertThat((List<?>) json.json().get("jobs")).hasSize(2);
    assertThat(dir.resolve("jobs.journal")).as("no journal").doesNotExist();
    assertThat(dir.resolve("jobs-videos")).as("no folder").doesNotExist();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunNamesJobsAStoppedRunWasSendingAsSuchNotAsEnded() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10), job("c", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(400), 3);
      againstFake(fake, jobs);
      // As a run killed while the creates of a and b (grok: no client reference) were on their way leaves them.
      try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
        for (Entry entry : store.entries("jobs.jsonl")) {
          if (!entry.key().equals("c")) {
            store.update(entry.toBuilder().state(JobStore.State.SUBMITTING).reason(null, null).build()).orElseThrow();
          }
        }
      }

      CliRun.Result text = againstFake(fake, jobs, "--dry-run");
      CliRun.Result json = againstFake(fake, jobs, "--dry-run", "--json");

      assertThat(text.exitCode()).as(text.all()).isZero();
      assertThat(text.out()).as(text.all())
          .containsPattern("1\\s+a\\s+.*keep \\(submitting\\)")
          .contains("a run now would have 0 to send (0 credits, $0.00), 2 left being sent by a stopped run, with no"
              + " client reference to look them up by: told unknown by the run, not sent again, 1 kept as it ended"
              + " (failed or unknown)");
      assertThat((Map<String, Object>) json.json().get("run")).containsEntry("keep", 3.0)
          .containsEntry("left_submitting", 2.0);
    }
  }

  @Test
  void aDryRunNamesAJobWhoseCreateWasMarkedWaitingAsNeverSentNotAsSubmitting() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(400), 2);
      againstFake(fake, jobs);
      // As a run killed while a's create waited for a connection, and b's was on its way, leaves them.
      try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
        for (Entry entry : store.entries("jobs.jsonl")) {
          store.update(entry.toBuilder().state(JobStore.State.SUBMITTING).reason(entry.key().equals("a")
              ? JobStore.CREATE_WAITING : null, entry.key().equals("a") ? "its create waits for one of the provider's"
              + " connections; none is on its way" : null).build()).orElseThrow();
        }
      }

      CliRun.Result text = againstFake(fake, jobs, "--dry-run");

      assertThat(text.exitCode()).as(text.all()).isZero();
      assertThat(text.out()).as(text.all())
          .containsPattern("1\\s+a\\s+.*send \\(waiting, never sent\\)")
          .containsPattern("2\\s+b\\s+.*keep \\(submitting\\)")
          .doesNotContain("send (submitting)");
    }
  }

  @Test
  void aDryRunAfterARunSaysWhatRunningAgainWouldSendAndWritesNothing() throws Exception {
    String a = job("a", 10);
    String b = job("b", 10);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      Path jobs = runWithTheFirstJobFailing(fake, a, b);
      List<Entry> journaled;
      try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
        journaled = store.entries("jobs.jsonl");
      }
      int creates = fake.requests(Endpoint.CREATE).size();

      write(a, b, job("c", 15));
      CliRun.Result text = againstFake(fake, jobs, "--dry-run");
      CliRun.Result json = againstFake(fake, jobs, "--dry-run", "--json");

      assertThat(text.exitCode()).as(text.all()).isZero();
      assertThat(text.out()).as(text.all())
          .containsPattern("1\\s+a\\s+.*keep \\(failed, task \\S+\\)")
          .containsPattern("2\\s+b\\s+.*done \\(completed, task \\S+\\)")
          .containsPattern("3\\s+c\\s+.*send \\(new\\)")
          .contains("a run now would have 1 to send (30 credits, $0.15), 1 done, 1 kept as it ended");
      assertThat(json.json().get("run")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .containsEntry("to_send", 1.0).containsEntry("credits_to_send", 30.0).containsEntry("done", 1.0)
          .containsEntry("keep", 1.0);
      assertThat(json.json().get("jobs")).asList().extracting(job -> (Object) ((Map<?, ?>) job).get("action"))
          .containsExactly("keep", "done", "send");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing was sent").hasSize(creates);
      try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
        assertThat(store.entries("jobs.jsonl")).as("nothing was written").isEqualTo(journaled);
      }

      // A line whose job completed, changed: the run would be refused, and so is the dry run.
      write(a, b.replace("b turns", "b turns twice"));
      CliRun.Result refused = againstFake(fake, jobs, "--dry-run");
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
      assertThat(refused.err()).contains("job b (line 2)", "as completed", "with other content");
    }
  }

  @Test
  void suggestsANewIdWhenALineAlreadySentWasEdited() throws Exception {
    Path jobs = write(job("a", 10));
    assertThat(CliRun.in(dir).run(args(jobs)).exitCode()).isZero();
    write(job("a", 15));

    CliRun.Result edited = CliRun.in(dir).run(args(jobs));

    assertThat(edited.exitCode()).as(edited.all()).isEqualTo(1);
    assertThat(edited.err()).contains("job a (line 1)", "put the line back as it was", "give the changed line a new id as a line of its own", "nothing was sent");
  }

  @Test
  void aLineNeverSentMayBeEditedOrRemovedBetweenRunsAndTheSummarySaysWhatWasDropped() throws Exception {
    String d = job("d", 10);
    Path jobs = write(unnamed("a"), unnamed("b"), unnamed("c"), d);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(401));
      CliRun.Result stopped = againstFake(fake, jobs);
      assertThat(stopped.exitCode()).as("the key was refused: " + stopped.all()).isNotZero();
      assertThat(fake.creates()).noneMatch(CreateRecord::madeTask);

      // b changed (without an id: a new job), c removed, d changed under its id: none had a task.
      String dChanged = d.replace("d turns", "d turns twice");
      write(unnamed("a"), unnamed("b").replace("b turns", "b turns slowly"), dChanged);
      CliRun.Result edited = againstFake(fake, jobs);

      assertThat(edited.exitCode()).as(edited.all()).isZero();
      assertThat(edited.out()).contains("completed  3")
          .containsPattern("dropped +2 jobs without a task, whose line is gone or left out:"
              + " job-[0-9a-f]+ \\(was line 2\\), job-[0-9a-f]+ \\(was line 3\\)")
          .contains("replaced  1 job without a task, whose line changed and was taken as it is now: d (was line 4)");
      assertThat(fake.creates()).filteredOn(CreateRecord::madeTask)
          .extracting(create -> String.valueOf(create.json().get("prompt")))
          .containsExactlyInAnyOrder("a turns", "b turns slowly", "d turns twice");

      // The first b and c come back: dropped jobs are pending again, and the sent ones stay as they are.
      write(unnamed("a"), unnamed("b"), unnamed("c"), dChanged);
      CliRun.Result restored = againstFake(fake, jobs, "--json");
      assertThat(restored.exitCode()).as(restored.all()).isZero();
      assertThat(restored.json()).containsEntry("completed", 4.0).containsEntry("dropped", List.of());
      assertThat(fake.creates()).filteredOn(CreateRecord::madeTask)
          .extracting(create -> String.valueOf(create.json().get("prompt")))
          .containsExactlyInAnyOrder("a turns", "b turns slowly", "d turns twice", "b turns", "c turns");
    }
  }

  @Test
  void aLineWhoseCreateWasRefusedForWantOfCreditsMayBeEditedAfterTopping() throws Exception {
    Path jobs = write(unnamed("a"), unnamed("b"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.error(402, "insufficient_quota", "insufficient quota"));
      CliRun.Result stopped = againstFake(fake, jobs, "--json");
      assertThat(stopped.exitCode()).as(stopped.all()).isEqualTo(8);
      assertThat(stopped.err()).as("running again as it is would fail the same way")
          .contains("the provider refused the create, so no task was made for that job and nothing was billed; vidgen"
              + " balance shows whether the account or the key is short; once it is topped up, run the same command"
              + " again");
      assertThat(stopped.err().split("raise the key's quota", -1)).as("the advice, once: " + stopped.err()).hasSize(2);
      assertThat(stopped.json().get("jobs")).asList().anySatisfy(job -> assertThat(job)
          .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry("attempts", 1.0));
      assertThat(stopped.json().get("error")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
          .as("the provider's own details, as generate --json gives them")
          .containsEntry("kind", "insufficient_quota").containsEntry("code", "insufficient_quota")
          .containsEntry("http_status", 402.0);

      write(unnamed("a").replace("a turns", "a turns twice"), unnamed("b"));
      CliRun.Result edited = againstFake(fake, jobs);

      assertThat(edited.exitCode()).as(edited.all()).isZero();
      assertThat(edited.out()).containsPattern("dropped +1 job without a task, whose line is gone or left out:"
          + " job-[0-9a-f]+ \\(was line 1\\)");
      assertThat(fake.creates()).filteredOn(CreateRecord::madeTask)
          .extracting(create -> String.valueOf(create.json().get("prompt")))
          .containsExactlyInAnyOrder("a turns twice", "b turns");
    }
  }

  @Test
  void theJsonTellsADroppedJobFromAReplacedOneAndTheBalanceCheckCountsADroppedJobThatComesBack() throws Exception {
    String a = job("a", 10);
    String b = job("b", 10);
    String c = job("c", 10);
    Path jobs = write(a, b, c);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.status(401));
      assertThat(againstFake(fake, jobs).exitCode()).isNotZero();

      String bChanged = b.replace("b turns", "b turns twice");
      write(a, bChanged);
      CliRun.Result edited = againstFake(fake, jobs, "--json");

      assertThat(edited.exitCode()).as(edited.all()).isZero();
      assertThat(edited.json().get("dropped")).asList().extracting(
          dropped -> ((Map<?, ?>) dropped).get("id") + " " + ((Map<?, ?>) dropped).get("change"))
          .containsExactlyInAnyOrder("b replaced", "c dropped");

      // c comes back, but the account is empty: it is refused before anything is sent.
      fake.balance(java.math.BigDecimal.ZERO, false);
      int creates = fake.requests(Endpoint.CREATE).size();
      write(a, bChanged, c);
      CliRun.Result back = againstFake(fake, jobs);

      assertThat(back.exitCode()).as(back.all()).isEqualTo(8);
      assertThat(back.err()).as("refused by the check before the run").contains("the jobs still to send cost 20 credits");
      assertThat(fake.requests(Endpoint.CREATE)).as("nothing was sent").hasSize(creates);
    }
  }

  @Test
  void refusesWithNothingWrittenWhenASentJobThatIsNotFinishedLeftTheFile() throws Exception {
    try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
      Entry a = store.enroll("jobs.jsonl", List.of(Entry.pending("jobs.jsonl", "a", 1, "fp-a", "grok-video-1.5-preview",
          dir.resolve("jobs-videos/a.mp4").toString(), null, java.time.Instant.EPOCH))).get(0);
      store.update(a.toBuilder().state(JobStore.State.SUBMITTED).attempts(1).taskId("mock-1").build()).orElseThrow();
    }
    Path jobs = write(job("b", 10));

    CliRun.Result other = CliRun.in(dir).run(args(jobs));

    assertThat(other.exitCode()).as(other.all()).isEqualTo(1);
    assertThat(other.err()).contains("does not have (a, line 1, submitted, task mock-1)", "put their lines back", "nothing was sent");
    try (JobStore store = Journals.open(dir.resolve("jobs.journal").toString())) {
      assertThat(store.entries("jobs.jsonl")).as("the refused run added nothing").extracting(Entry::key)
          .containsExactly("a");
    }
  }

  /** Writes the jobs file of {@code lines} and runs it against {@code fake} once, its first job's task failing. */
  private Path runWithTheFirstJobFailing(FakeToApisServer fake, String... lines) throws Exception {
    Path jobs = write(lines);
    fake.nextTask(TaskScript.fails("generation_failed", "the model could not render this"));
    assertThat(againstFake(fake, jobs).exitCode()).as("the first job failed").isEqualTo(6);
    return jobs;
  }

  @Test
  @SuppressWarnings("unchecked")
  void aVideoDeletedAfterTheBatchIsReportedMissingWithTheCommandThatSavesItAgain() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result first = againstFake(fake, jobs);
      assertThat(first.exitCode()).as(first.all()).isZero();
      Path a = dir.resolve("jobs-videos").resolve("a.mp4");
      assertThat(a).exists();
      java.nio.file.Files.delete(a);

      CliRun.Result text = againstFake(fake, jobs);
      CliRun.Result json = againstFake(fake, jobs, "--json");

      assertThat(text.out()).containsPattern("missing  line 1 \\(a\\): " + java.util.regex.Pattern.quote(a.toString())
          + " is gone; save it again with vidgen download \\S+ --out " + java.util.regex.Pattern.quote(a.toString())
          + " --base-url " + java.util.regex.Pattern.quote(fake.baseUrl()))
          .contains("files    1 in ");
      assertThat((List<String>) json.json().get("files")).noneMatch(file -> file.endsWith("a.mp4")).hasSize(1);
      assertThat((List<String>) json.json().get("files_missing")).containsExactly(a.toString());
      assertThat(text.exitCode()).as("not every video is in its file").isEqualTo(ExitCodes.OTHER);
      assertThat(text.err()).contains("1 completed job has no video in its file any more (listed above)");
      assertThat((java.util.Map<String, Object>) json.json().get("error")).containsEntry("kind", "video_missing");
      assertThat(fake.creates()).as("nothing paid again").hasSize(2);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchFolderMovedWholeFindsItsVideosWhereTheyAreNowAndPaysNothingAgain() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result first = againstFake(fake, jobs, "--journal", "j.journal", "--out-dir", "vids");
      assertThat(first.exitCode()).as(first.all()).isZero();
      Path moved = Files.createDirectories(dir.resolve("moved"));
      for (String name : List.of("jobs.jsonl", "j.journal", "vids")) {
        Files.move(dir.resolve(name), moved.resolve(name));
      }

      CliRun.Result again = CliRun.in(moved).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          moved.resolve("jobs.jsonl").toString(), "--journal", "j.journal", "--out-dir", "vids", "--base-url",
          fake.baseUrl(), "--json");

      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat((List<String>) again.json().get("files")).containsExactlyInAnyOrder(
          moved.resolve("vids").resolve("a.mp4").toString(), moved.resolve("vids").resolve("b.mp4").toString());
      assertThat(again.json()).doesNotContainKey("error");
      assertThat(fake.creates()).as("nothing paid again").hasSize(2);
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.FILE)).as("nothing saved again").hasSize(2);

      // A copy of the moved folder reports its own files, while the ones it was copied from are still there.
      Path copy = Files.createDirectories(dir.resolve("copy").resolve("vids"));
      Files.copy(moved.resolve("jobs.jsonl"), copy.resolveSibling("jobs.jsonl"));
      Files.copy(moved.resolve("j.journal"), copy.resolveSibling("j.journal"));
      Files.copy(moved.resolve("vids").resolve("a.mp4"), copy.resolve("a.mp4"));
      Files.copy(moved.resolve("vids").resolve("b.mp4"), copy.resolve("b.mp4"));
      CliRun.Result copied = CliRun.in(copy.getParent()).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(
          "batch", copy.resolveSibling("jobs.jsonl").toString(), "--journal", "j.journal", "--out-dir", "vids",
          "--base-url", fake.baseUrl(), "--json");

      assertThat((List<String>) copied.json().get("files")).as(copied.all())
          .containsExactlyInAnyOrder(copy.resolve("a.mp4").toString(), copy.resolve("b.mp4").toString());
      assertThat(fake.creates()).as("nothing paid again").hasSize(2);

      // A video gone from the copy and from where the journal had it is told missing where this run saves it.
      Files.delete(copy.resolve("b.mp4"));
      Files.delete(moved.resolve("vids").resolve("b.mp4"));
      Path again2 = Files.createDirectories(dir.resolve("third"));
      Files.move(copy.resolveSibling("jobs.jsonl"), again2.resolve("jobs.jsonl"));
      Files.move(copy.resolveSibling("j.journal"), again2.resolve("j.journal"));
      Files.move(copy, again2.resolve("vids"));
      CliRun.Result third = CliRun.in(again2).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          again2.resolve("jobs.jsonl").toString(), "--journal", "j.journal", "--out-dir", "vids", "--base-url",
          fake.baseUrl(), "--json");
      assertThat((List<String>) third.json().get("files_missing")).as(third.all())
          .containsExactly(again2.resolve("vids").resolve("b.mp4").toString());
    }
  }

  @Test
  void retryFailedSaysAFailedJobOnAModelNoLongerValidIsNotSentAgainRatherThanThatNoneFailed() throws Exception {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("a.png"));
    Path jobs = write("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"a.png\"], \"seconds\": 10}");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.UPLOAD, Fault.answer(400, "application/json",
          "{\"success\": false, \"message\": \"Unsupported image type\"}"));
      CliRun.Result refused = againstFake(fake, jobs);
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.TASK_FAILED);
      Files.writeString(dir.resolve("routes.json"), "{\"remove\": [\"grok-video-1.5-preview\"]}");

      CliRun.Result dry = againstFake(fake, jobs, "--retry-failed", "--routes", "routes.json", "--dry-run");
      CliRun.Result retried = againstFake(fake, jobs, "--retry-failed", "--routes", "routes.json");

      assertThat(dry.out()).as(dry.all()).contains("1 line: 1 valid (1 of them on a model no longer valid: never"
          + " sent again, only followed where they have a task), 0 invalid");
      assertThat(retried.err()).as(retried.all())
          .contains("line 1 (a): its model grok-video-1.5-preview is no longer valid (")
          .contains("it failed without a task and is not sent again on that model, not even with --retry-failed")
          .contains("--retry-failed: nothing to send again: the failed job without a task (line 1) is on a model no"
              + " longer valid")
          .doesNotContain("the job is finished").doesNotContain("no failed job without a task");
      assertThat(fake.creates()).as("nothing was ever created").isEmpty();
    }
  }

  @Test
  void jobsRefusedAsTheirModelLeftTheKeysListAreAdvisedAnotherModelAlikeInTheRunThatFailedThemAndTheNext()
      throws Exception {
    Path jobs = write(grokLine("a"), grokLine("b"));
    String advice = "nothing was created for them (no task), refused as their models are ones this key may not use:"
        + " not sent again on those models, not even with --retry-failed; give their lines a model the key may use"
        + " (vidgen models --live marks them) and run again with --retry-failed";
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.videoModels(Set.of("grok-video-1.5", "grok-video-1.5-preview", "seedance-2"));
      fake.inject(Endpoint.CREATE, Fault.answer(400, "application/json", "{\"error\": {\"code\": \"model_not_found\","
          + " \"message\": \"model grok-video-1.5 not found or not available for this key\"}}"), 1);

      CliRun.Result first = againstFake(fake, jobs, "--journal", "j.journal");
      fake.videoModels(Set.of("grok-video-1.5-preview", "seedance-2"));
      CliRun.Result next = againstFake(fake, jobs, "--journal", "j.journal");

      assertThat(first.exitCode()).as(first.all()).isEqualTo(ExitCodes.TASK_FAILED);
      assertThat(first.err()).as(first.all()).contains(advice)
          .doesNotContain("fix what their reasons say and run again with --retry-failed")
          .doesNotContain("it is not sent again until")
          .as("grok-video-1.5-preview offers 10 or 15 s only: no alternative for an 8 s job")
          .doesNotContain("the closest listed: grok-video-1.5-preview");
      assertThat(next.err()).as(next.all()).contains(advice);
      assertThat(fake.creates()).as("only the refused create").hasSize(1);
    }
  }

  private static String grokLine(String id) {
    return "{\"id\": \"" + id + "\", \"model\": \"grok-video-1.5\", \"prompt\": \"" + id + " turns\", \"images\":"
        + " [\"https://img.example/" + id + ".png\"], \"seconds\": 8}";
  }

  private CliRun.Result againstFake(FakeToApisServer fake, Path jobs, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of("batch", jobs.toString(), "--concurrency", "1", "--base-url",
        fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"));
    all.addAll(List.of(more));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(all.toArray(String[]::new));
  }

  private static String unnamed(String name) {
    return "{\"prompt\": \"" + name + " turns\", \"images\": [\"https://img.example/" + name + ".png\"]}";
  }

  /**
   * Runs a first batch of one job {@code g0} into {@code videos}, writes a second batch whose line has the same id
   * (another prompt, another length), and gives the first batch's paid video.
   */
  private byte[] firstBatchsVideoAndASecondBatchOfTheSameId(Path first, Path second, String videos) throws Exception {
    Files.write(first, List.of(job("g0", 10)));
    Files.write(second, List.of(job("g0", 15).replace("g0 turns", "another prompt")));
    CliRun.Result made = CliRun.in(dir).run(args(first, "--out-dir", videos));
    assertThat(made.exitCode()).as(made.all()).isZero();
    return Files.readAllBytes(Path.of(videos, "g0.mp4"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDryRunNamesTheJobsOfTheBatchWhoseLineTheFileLacksSuchAsAnotherFileOfTheSameNames() throws Exception {
    Path jobs = write(job("a", 10), job("b", 10));
    CliRun.Result first = CliRun.in(dir).run(args(jobs));
    assertThat(first.exitCode()).as(first.all()).isZero();
    // Another team's file of the same name, in the same place: the same batch, by its name.
    write(job("c", 10));

    CliRun.Result dry = CliRun.in(dir).run(args(jobs, "--dry-run"));
    CliRun.Result dryJson = CliRun.in(dir).run(args(jobs, "--dry-run", "--json"));

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).contains("the journal also holds 2 jobs of batch jobs.jsonl whose line this file lacks, sent"
        + " or ended", "--batch-name keeps another apart");
    assertThat((Map<String, Object>) dryJson.json().get("run")).containsEntry("elsewhere", List.of("a", "b"));
  }

  private String[] args(Path jobs, String... more) {
    List<String> all = new java.util.ArrayList<>(List.of("batch", jobs.toString()));
    all.addAll(List.of(FAST_MOCK));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String job(String id, int seconds) {
    return "{\"id\": \"" + id + "\", \"prompt\": \"" + id + " turns\", \"images\": [\"https://img.example/" + id
        + ".png\"], \"seconds\": " + seconds + "}";
  }

  /** A route file {@code name} that prices seedance-2 at {@code usdPerSecond}. */
  private Path seedanceAt(String name, String usdPerSecond) throws Exception {
    return Files.writeString(dir.resolve(name),
        "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"" + usdPerSecond + "\"}}}}");
  }

  private Path write(String... lines) throws Exception {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of(lines));
    return jobs;
  }
}
