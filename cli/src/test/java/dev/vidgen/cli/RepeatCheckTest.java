package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.SavesElsewhere;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running the same {@code vidgen generate} again pays for a second take: someone at a terminal is
 * asked first, a script is told and goes on, and a failed or different job is not held up. The
 * note each create leaves in the history ({@code unanswered-…}) stands, once answered, for what
 * its answer made.
 */
class RepeatCheckTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private FakeToApisServer fake = cli.fake();

  private CliRun.Result generate(CliRun run, String... more) {
    String[] args = Stream.of(
        Stream.of("generate", "--image", "product.png", "--prompt", "slow push-in"), Stream.of(more),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .flatMap(s -> s).toArray(String[]::new);
    return run.env("VIDGEN_HOME", home.toString()).run(args);
  }

  private CliRun toApis() {
    return cli.withoutHome();
  }

  private CliRun atTerminal(String answer) {
    return toApis().terminal(true).canAsk(true).stdin(answer);
  }

  private String submittedTaskId() {
    CliRun.Result first = generate(toApis(), "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    return (String) first.json().get("task_id");
  }

  @Test
  void aJobOfAnUnknownPriceRunAgainWithMaxCreditsAndAllowUnknownPricesIsHeldBackAsAnyOther() {
    // What the README tells scripts to give on every command; kling-v3's price is not in the fact sheet.
    String[] args = {"generate", "--model", "kling-v3", "--prompt", "a slow pan over the bottle", "--seconds", "5",
        "--max-credits", "400", "--allow-unknown-prices", "--no-wait", "--json", "--base-url", fake.baseUrl()};

    CliRun.Result first = toApis().env("VIDGEN_HOME", home.toString()).run(args);
    CliRun.Result second = toApis().env("VIDGEN_HOME", home.toString()).run(args);

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
    assertThat(second.json()).containsKey("same_job");
    assertThat(second.err()).contains("the same job was submitted just now as task " + first.json().get("task_id"),
        "nothing was sent", "or add --again to pay again (its price is unknown) for another take");
  }

  @Test
  void withoutADataFolderEachPaidRunSaysThatTheSameJobCannotBeNoticed() {
    String[] args = {"generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait", "--json",
        "--base-url", fake.baseUrl()};

    // No VIDGEN_HOME, XDG_DATA_HOME or HOME: a CI container's environment, run twice by a retried step.
    CliRun.Result first = toApis().run(args);
    CliRun.Result second = toApis().run(args);

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing could hold the second back").hasSize(2);
    for (CliRun.Result run : List.of(first, second)) {
      assertThat(run.err()).contains("no task history: none of VIDGEN_HOME, XDG_DATA_HOME and HOME is set, so this run"
          + " cannot notice the same job made before or at the same time, and running it again pays again; set"
          + " VIDGEN_HOME to a folder your runs share");
      assertThat(run.json()).containsKey("task_id");
    }
    CliRun.Result onTheMock = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png", "--prompt",
        "slow push-in", "--out", "mock.mp4");
    assertThat(onTheMock.err()).as("the mock charges nothing: no such note").doesNotContain("no task history");
  }

  @Test
  void aHistoryWithALineTornInsideACharacterStillHoldsTheSameJobBackAndStillLists() throws Exception {
    submittedTaskId();
    // What a full disk leaves: a line cut inside a character of a non-ASCII prompt, the rest of the file sound.
    byte[] torn = "{\"task_id\":\"video_torn\",\"settings\":{\"prompt\":\"\u65e5\u672c".getBytes(
        java.nio.charset.StandardCharsets.UTF_8);
    java.nio.file.Files.write(home.resolve("history.jsonl"), java.util.Arrays.copyOf(torn, torn.length - 1),
        java.nio.file.StandardOpenOption.APPEND);

    CliRun.Result again = generate(toApis(), "--no-wait");
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).doesNotContain("could not read the task history").doesNotContain("could not be read");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
    assertThat(listed.exitCode()).as(listed.all()).isZero();
    assertThat(listed.out()).contains(fake.taskIds().get(0));
  }

  @Test
  void aHistoryLineThisVersionCannotReadIsSaidBeforeARunThatMayPayAgain() throws Exception {
    submittedTaskId();
    Path file = home.resolve("history.jsonl");
    List<String> lines = java.nio.file.Files.readAllLines(file);
    // As another version of vidgen might write it: the price as an object where this one writes a number.
    String newer = lines.stream().filter(line -> line.contains("\"credits\":20")).findFirst().orElseThrow()
        .replaceFirst("\"credits\":20", "\"credits\":{\"amount\":20}")
        .replaceFirst("\"task_id\":\"[^\"]+\"", "\"task_id\":\"video_newer\"");
    assertThat(newer).contains("{\"amount\":20}", "video_newer");
    java.nio.file.Files.writeString(file, newer + "\n", java.nio.file.StandardOpenOption.APPEND);

    CliRun.Result again = generate(toApis(), "--no-wait");

    assertThat(again.err()).contains("1 line of the task history " + file + " could not be read",
        "the job it holds is not seen");
    assertThat(again.exitCode()).as("the readable line still holds the same job back: " + again.all())
        .isEqualTo(ExitCodes.OTHER);
  }

  @Test
  void aRunStillUploadingMinutesAfterItBeganHoldsTheSameJobBackAndItsNoteCannotBeClosedAsNoTask() {
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("grok-video-1.5-preview")
        .prompt("slow upload").image("https://img.example/a.png").seconds(10).aspectRatio("16:9").build();
    java.time.Instant began = java.time.Instant.now().minus(Duration.ofMinutes(4));
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    // As a run whose upload has been retried for four minutes leaves it: its note, and its marker held (by this JVM).
    history.record(dev.vidgen.serve.history.HistoryEntry.unanswered("vg-slow", true, "toapis", job, null, began, began,
        dev.vidgen.serve.history.HistoryEntry.SUBMIT_BEGAN + began + " (UTC) and "
            + dev.vidgen.serve.history.HistoryEntry.SENDING_MARK, "generate").withBaseUrl(fake.baseUrl()));
    dev.vidgen.serve.history.RunMarker marker = dev.vidgen.serve.history.RunMarker.hold(history, "vg-slow")
        .orElseThrow();
    try {
      CliRun.Result again = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
          "https://img.example/a.png", "--prompt", "slow upload", "--seconds", "10", "--aspect-ratio", "16:9",
          "--no-wait", "--base-url", fake.baseUrl());
      CliRun.Result asked = atTerminal("y\n").env("VIDGEN_HOME", home.toString()).run("generate", "--image",
          "https://img.example/a.png", "--prompt", "slow upload", "--seconds", "10", "--aspect-ratio", "16:9",
          "--no-wait", "--base-url", fake.baseUrl());
      CliRun.Result close = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close",
          "unanswered-vg-slow", "--no-task");
      CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");
      CliRun.Result listedJson = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");

      assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(again.err()).contains("by another run (vidgen generate), which is still going",
          "its create has not been sent yet", "wait for that run to end")
          .doesNotContain("may exist and be billed", "--no-task");
      assertThat(asked.exitCode()).as("not even asked: " + asked.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(close.exitCode()).as(close.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(close.err()).contains("the note of a run still going", "nothing was closed");
      assertThat(listed.out()).as("listed as running, not as a create that may have been paid")
          .contains("running", "A running row is a job whose run is still in its uploads or checks")
          .doesNotContain("An unknown row");
      assertThat(listedJson.out()).contains("\"running\":true");
      assertThat(fake.requests(Endpoint.CREATE)).as("the first run's create is the only one to come").isEmpty();
    } finally {
      marker.remove();
    }
  }

  @Test
  void aCreateThatGotNoAnswerIsAskedAboutBeforeTheSameJobPaysAgain() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = generate(toApis(), "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);

    CliRun.Result again = generate(atTerminal("n\n"), "--no-wait");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("(its create got no answer, so it may exist and be billed).",
        "Pay 20 credits ($0.10) for another take? [y/N]", "nothing was sent; look for it first: its create got no"
        + " usable answer; check the provider's dashboard before you send it again");
    assertThat(fake.requests(Endpoint.CREATE)).as("no second create").hasSize(1);
  }

  @Test
  void anUnansweredCreateIsFoundByTheNameTheHistoryGivesIt() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    // The look-up that follows a create without an answer fails too, so the job stays unknown.
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 20);
    CliRun.Result unanswered = generate(toApis(), "--model", "seedance-2", "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String reference = fake.lastCreate().orElseThrow().clientReference().orElseThrow();
    fake.clearFaults();
    CliRun.Result history = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(history.out()).as(history.all()).contains("unanswered-" + reference);
    CliRun.Result historyJson = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");
    assertThat(historyJson.out()).as(historyJson.all()).contains("\"charge\":\"unknown\"");

    assertThat(unanswered.err()).contains("look it up with vidgen status unanswered-" + reference + " --base-url "
        + fake.baseUrl() + " before you send it again");
    CliRun.Result elsewhere = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", "unanswered-" + reference, "--provider", "mock");
    assertThat(elsewhere.exitCode()).as(elsewhere.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(elsewhere.err()).contains("was sent to provider toapis, not mock");

    // The bare reference, as the Ctrl-C notice names it, is the same name.
    CliRun.Result status = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", reference, "--base-url", fake.baseUrl());

    String taskId = fake.taskIds().get(0);
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).contains("the create the history recorded as unanswered-" + reference + " made a task that has since been"
        + " found: task " + taskId);
    assertThat(status.out()).contains("task      " + taskId, "model     seedance-2", "vidgen wait " + taskId);
    // The history now holds the task under its own id, and the same job again names it.
    CliRun.Result again = generate(toApis(), "--model", "seedance-2", "--no-wait");
    assertThat(again.err()).as(again.all()).contains("as task " + taskId + " (last seen in progress)",
        "follow that one with: vidgen wait " + taskId);
    dev.vidgen.serve.history.HistoryEntry unknown =
        dev.vidgen.serve.history.TaskHistory.in(home).find("unanswered-" + reference).orElseThrow();
    assertThat(unknown.status()).as("the unknown entry names the task now").isEqualTo("found");
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(listed.out()).as("paid once, shown once").containsPattern("unanswered-" + reference
        + " +seedance-2 +found +- \\(on its task's row\\)");
    assertThat(unknown.error()).isEqualTo("its create arrived as task " + taskId);
    // The name, found once, stands for that task from then on.
    CliRun.Result later = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", "unanswered-" + reference, "--base-url", fake.baseUrl());
    assertThat(later.exitCode()).as(later.all()).isZero();
    assertThat(later.out()).contains("task      " + taskId, "model     seedance-2");
    assertThat(fake.requests(Endpoint.STATUS)).last().satisfies(read -> assertThat(read.path()).endsWith(taskId));
    CliRun.Result foundElsewhere = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", "unanswered-" + reference, "--provider", "mock");
    assertThat(foundElsewhere.exitCode()).as("found, the name still belongs to its provider: " + foundElsewhere.all())
        .isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(foundElsewhere.err()).contains("was sent to provider toapis, not mock");
  }

  @Test
  void aWaitOrDownloadByAnUnansweredCreatesNameRunAgainOnTheFileItSavedHasNothingToDo() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 20); // the look-up after the create fails too: the job stays unknown
    CliRun.Result unanswered = generate(toApis(), "--model", "seedance-2", "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String name = "unanswered-" + fake.lastCreate().orElseThrow().clientReference().orElseThrow();
    fake.clearFaults();
    String taskId = fake.taskIds().get(0);
    Path other = dir.resolve("other.mp4");
    java.nio.file.Files.writeString(other, "another task's paid video");

    // Looked up while another file stands there: the file beside it is named after the task, not the name.
    CliRun.Result refused = waitFor("wait", name, "--out", "other.mp4");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("save this task's video beside it with --out "
        + dir.resolve("other-" + taskId + ".mp4")).doesNotContain("other-unanswered-");
    assertThat(other).hasContent("another task's paid video");

    CliRun.Result saved = waitFor("wait", name, "--out", "clip.mp4");
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    int files = fake.requests(Endpoint.FILE).size();
    // A retried cron step: the same recovery line, then the same download, on the file the first run saved.
    for (String command : List.of("wait", "download")) {
      CliRun.Result again = waitFor(command, name, "--out", "clip.mp4");
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).contains(dir.resolve("clip.mp4") + " already holds this task's video, saved ",
          "nothing was downloaded");
    }
    assertThat(fake.requests(Endpoint.FILE)).as("not downloaded again").hasSize(files);
    try (Stream<Path> listed = java.nio.file.Files.list(dir)) {
      assertThat(listed.map(file -> file.getFileName().toString())).as("no second copy beside it")
          .noneMatch(file -> file.startsWith("clip-"));
    }
    assertThat(fake.creates()).as("paid once").hasSize(1);
  }

  @Test
  void anUnansweredCreateTellsScriptsWhereToLookForItsTask() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 20);
    CliRun.Result withReference = generate(toApis(), "--model", "seedance-2", "--no-wait", "--json");
    String reference = fake.lastCreate().orElseThrow().clientReference().orElseThrow();

    assertThat(withReference.exitCode()).as(withReference.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    java.util.Map<?, ?> error = (java.util.Map<?, ?>) withReference.json().get("error");
    assertThat(error.get("kind")).isEqualTo("ambiguous_submit");
    assertThat((String) error.get("next")).isEqualTo("once the provider can be reached, look the task up with vidgen"
        + " status unanswered-" + reference + " --base-url " + fake.baseUrl() + " before you send the job again (a task"
        + " found on the dashboard instead is saved with vidgen wait TASK_ID --made-by unanswered-" + reference + "; if"
        + " there is none, close the entry with vidgen history --close unanswered-" + reference + " --no-task)");
    assertThat(withReference.err()).as("people read the advice once").doesNotContain(" — ");
    assertThat(withReference.json()).as("the note's name, for scripts").containsEntry("unanswered",
        "unanswered-" + reference);
    assertThat(withReference.json()).as("the look-up alone, for scripts").containsEntry("next_command",
        "vidgen status unanswered-" + reference + " --base-url " + fake.baseUrl());

    // A model whose create carries no client reference: only the dashboard can tell.
    fake.clearFaults();
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result withoutReference = generate(toApis(), "--no-wait", "--json");
    java.util.Map<?, ?> plain = (java.util.Map<?, ?>) withoutReference.json().get("error");
    assertThat(withoutReference.exitCode()).as(withoutReference.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat((String) plain.get("next")).matches("check the provider's dashboard for the task before you send the"
        + " job again; save a task found there with vidgen wait TASK_ID --made-by unanswered-noref-vg-[0-9a-f-]+"
        + " --base-url " + java.util.regex.Pattern.quote(fake.baseUrl()) + ", or, if there is none, close the entry"
        + " with vidgen history --close unanswered-noref-vg-[0-9a-f-]+ --no-task");
    String named = (String) withoutReference.json().get("unanswered");
    assertThat(named).as(withoutReference.all()).matches("unanswered-noref-vg-[0-9a-f-]+");
    assertThat((String) plain.get("next")).contains("--made-by " + named + " --base-url");
    assertThat(withoutReference.json()).as("its --made-by form waits for a TASK_ID").containsEntry("next_command", null);
    CliRun.Result history = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(history.out()).as("a create that got no answer is not shown as charged")
        .containsPattern(java.util.regex.Pattern.quote(named) + " .*quoted 20 credits \\(\\$0\\.10\\), charge unknown")
        .contains("An unknown row is a create whose answer did not say whether a task was made");
  }

  @Test
  void anUnansweredCreateThatNoTaskAnswersToIsSaidToHaveMostLikelyNeverArrived() {
    fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing()); // no task made
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 20);      // and the look-up fails, so it stays unknown
    CliRun.Result unanswered = generate(toApis(), "--model", "seedance-2", "--no-wait");
    String reference = fake.lastCreate().orElseThrow().clientReference().orElseThrow();
    fake.clearFaults();
    assertThat(fake.taskIds()).isEmpty();
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", "unanswered-" + reference, "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(status.exitCode()).as(unanswered.all() + status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(status.err()).contains("no task answers to unanswered-" + reference + "'s client reference on toapis",
        "most likely never arrived", "if it shows none, vidgen history --close unanswered-" + reference
            + " --no-task records that");
    assertThat(fake.requests(Endpoint.STATUS).size() - readsBefore).as("believed only after the look-up's grace")
        .isGreaterThan(1);
  }

  @Test
  void anUnansweredCreateWithoutAClientReferenceIsNotLookedUp() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    generate(toApis(), "--no-wait");
    assertThat(fake.lastCreate().orElseThrow().clientReference()).as("the preview's create carries none").isEmpty();
    CliRun.Result history = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("unanswered-noref-vg-[0-9a-f-]+")
        .matcher(history.out());
    assertThat(named.find()).as(history.all()).isTrue();

    CliRun.Result status = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", named.group(), "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(status.err()).contains(named.group() + " cannot be looked up: grok-video-1.5-preview's create carries"
        + " no client reference", "check the provider's dashboard", "once found, vidgen status TASK_ID --made-by "
        + named.group() + " --base-url " + fake.baseUrl() + " records it as what this create made");
    CliRun.Result download = toApis().env("VIDGEN_HOME", home.toString())
        .run("download", named.group(), "--out", "x.mp4", "--base-url", fake.baseUrl());
    assertThat(download.err()).as("the command given again is the one run").contains("once found, vidgen download"
        + " TASK_ID --made-by " + named.group() + " --out " + dir + java.io.File.separator + " --base-url " + fake.baseUrl());
    assertThat(fake.requests(Endpoint.STATUS)).as("no status read that could only say 'not found'").isEmpty();
  }

  /** A create of the preview (which carries no client reference) that got no answer but made a task; its note's name. */
  /** A create without a reference that got no answer: its note's name, the task it made, the history and the note. */
  private record Unanswered(String name, String taskId, dev.vidgen.serve.history.TaskHistory history,
      dev.vidgen.serve.history.HistoryEntry note) {}

  private Unanswered unanswered() {
    String name = unansweredWithoutReference();
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    return new Unanswered(name, fake.taskIds().get(0), history, history.find(name).orElseThrow());
  }

  private String unansweredWithoutReference() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = generate(toApis(), "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("unanswered-noref-vg-[0-9a-f-]+")
        .matcher(toApis().env("VIDGEN_HOME", home.toString()).run("history").out());
    assertThat(named.find()).isTrue();
    assertThat(unanswered.err()).contains("the entry closed, with vidgen wait TASK_ID --made-by " + named.group());
    return named.group();
  }

  @Test
  void theCreateDropMessageReadsWithoutNestedParentheses() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = generate(toApis(), "--no-wait");

    String line = unanswered.err().lines().filter(text -> text.contains("the create request was sent but"))
        .findFirst().orElseThrow(() -> new AssertionError(unanswered.all()));
    assertThat(line).contains("the create request was sent but no answer came: ")
        .as("no parentheses inside parentheses").doesNotContainPattern("\\([^)]*\\(");
  }

  /** A task made on the fake by another machine (a history of its own), so this history does not know it. */
  private String taskMadeElsewhere(Path elsewhere, String... more) {
    String[] args = Stream.of(
        Stream.of("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait", "--json"),
        Stream.of(more), Stream.of("--base-url", fake.baseUrl(), "--retry-delay", "1ms"))
        .flatMap(s -> s).toArray(String[]::new);
    CliRun.Result made = toApis().env("VIDGEN_HOME", elsewhere.toString()).run(args);
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  @Test
  void madeByIsRefusedWhenTheProviderSaysAnotherModelMadeTheTask(@TempDir Path elsewhere) {
    String otherModel = taskMadeElsewhere(elsewhere, "--model", "grok-video-1.5");
    String name = unansweredWithoutReference();
    String madeByIt = fake.taskIds().get(1);

    CliRun.Result claimed = waitFor("status", otherModel, "--made-by", name);

    assertThat(claimed.exitCode()).as(claimed.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claimed.err()).contains("the provider says task " + otherModel + " was made by model grok-video-1.5, but "
        + name + " was a create of grok-video-1.5-preview", "nothing was recorded",
        "look on the provider's dashboard for a task of grok-video-1.5-preview created at about");
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    assertThat(history.find(name).orElseThrow().status()).isEqualTo("unknown");
    assertThat(history.find("toapis", otherModel)).isEmpty();

    CliRun.Result right = waitFor("status", madeByIt, "--made-by", name);
    assertThat(right.exitCode()).as("the task the create made, of the same model: " + right.all()).isZero();
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("found");
  }

  @Test
  void madeByIsRefusedForATaskCreatedClearlyBeforeTheCreateWentOut(@TempDir Path elsewhere) {
    dev.vidgen.testkit.time.ShiftedClock clock = new dev.vidgen.testkit.time.ShiftedClock();
    fake = cli.restartFake(settings -> settings.clock(clock));
    clock.shift(Duration.ofMinutes(-4)); // the provider made this one four minutes before
    String earlier = taskMadeElsewhere(elsewhere);
    clock.shift(Duration.ofSeconds(-90)); // a provider's clock behind this machine's, within what is allowed
    String name = unansweredWithoutReference();
    String madeByIt = fake.taskIds().get(1);

    CliRun.Result claimed = waitFor("status", earlier, "--made-by", name);

    assertThat(claimed.exitCode()).as(claimed.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claimed.err()).contains("the provider says task " + earlier + " was created at ",
        " before " + name + "'s create went out (", "clocks may differ by up to 2 min, which is allowed",
        "so it did not make this task; nothing was recorded");
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    assertThat(history.find(name).orElseThrow().status()).isEqualTo("unknown");
    assertThat(history.find("toapis", earlier)).isEmpty();

    CliRun.Result right = waitFor("status", madeByIt, "--made-by", name);
    assertThat(right.exitCode()).as("created 90 s \"before\" by the provider's clock: " + right.all()).isZero();
    dev.vidgen.serve.history.TaskHistory after = dev.vidgen.serve.history.TaskHistory.in(home);
    java.time.Instant noteSent = after.find(name).orElseThrow().submittedAt();
    assertThat(after.find("toapis", madeByIt).orElseThrow().jobHandle().orElseThrow().submittedAt())
        .as("a wait times the task from its own created_at, not from the note's create")
        .isBefore(noteSent.minusSeconds(60)).isAfter(noteSent.minusSeconds(120));
  }

  @Test
  void madeByIsRefusedForATaskCreatedLongAfterTheCreateUnlessTheUserSaysItIsSure(@TempDir Path elsewhere) {
    dev.vidgen.testkit.time.ShiftedClock clock = new dev.vidgen.testkit.time.ShiftedClock();
    fake = cli.restartFake(settings -> settings.clock(clock));
    String name = unansweredWithoutReference();
    clock.shift(Duration.ofMinutes(30)); // a task the provider made half an hour after the create: another job's
    String later = taskMadeElsewhere(elsewhere);
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result claimed = waitFor("status", later, "--made-by", name);

    assertThat(claimed.exitCode()).as(claimed.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claimed.err()).contains("the provider says task " + later + " was created at ",
        " after " + name + "'s create was last sent (sent ", "a task it made is created within 10 min of that",
        "so it did not make this task; nothing was recorded", "if you are sure this task is what " + name
            + " made, add --ignore-creation-time");
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    assertThat(history.find(name).orElseThrow().status()).isEqualTo("unknown");
    assertThat(history.find("toapis", later)).isEmpty();

    CliRun.Result loose = waitFor("status", later, "--ignore-creation-time");
    assertThat(loose.exitCode()).as(loose.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(loose.err()).contains("--ignore-creation-time goes with --made-by");
    assertThat(fake.requests(Endpoint.STATUS)).as("one read for the refused claim, none for the loose option")
        .hasSize(readsBefore + 1);

    CliRun.Result sure = waitFor("status", later, "--made-by", name, "--ignore-creation-time");

    assertThat(sure.exitCode()).as(sure.all()).isZero();
    assertThat(sure.err()).contains("warning: the provider says task " + later + " was created at ",
        "claimed all the same, as --ignore-creation-time says", name + " is closed: its create made task " + later);
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("found");
  }

  @Test
  void madeByTakesATaskWhoseAnswerSaysNoCreationTimeWithAWarning() {
    String name = unansweredWithoutReference();
    String taskId = fake.taskIds().get(0);
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{\"id\":\"" + taskId + "\",\"object\":"
        + "\"generation.task\",\"model\":\"grok-video-1.5-preview\",\"status\":\"queued\",\"progress\":0}"));

    CliRun.Result claimed = waitFor("status", taskId, "--made-by", name);

    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(claimed.err()).contains("warning: the provider's answer does not say when task " + taskId
        + " was created, so it cannot be checked against " + name + "'s create (sent ", "it is claimed on your word");
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("found");
  }

  private CliRun.Result waitFor(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    return toApis().env("VIDGEN_HOME", home.toString()).run(all);
  }

  @Test
  void aWaitToldWhichUnansweredCreateMadeItsTaskClosesTheUnknownNote() {
    String name = unansweredWithoutReference();
    String taskId = fake.taskIds().get(0); // as the provider's dashboard would show it

    CliRun.Result plain = waitFor("status", taskId);
    assertThat(plain.err()).as("a bare id the history lacks names the open notes")
        .contains(taskId + " is not in the task history, which has 1 create on toapis that got no answer: " + name
            + "; if this task is what it made, add --made-by with its name");
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("unknown");

    CliRun.Result waited = waitFor("wait", taskId, "--made-by", name, "--out", "found.mp4");

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(dir.resolve("found.mp4")).isNotEmptyFile();
    assertThat(waited.err()).contains(name + " is closed: its create made task " + taskId + " (as told with --made-by)");
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    dev.vidgen.serve.history.HistoryEntry note = history.find(name).orElseThrow();
    assertThat(note.status()).isEqualTo("found");
    assertThat(note.error()).isEqualTo("its create arrived as task " + taskId + ", as told with --made-by");
    dev.vidgen.serve.history.HistoryEntry task = history.find("toapis", taskId).orElseThrow();
    assertThat(task.status()).isEqualTo("completed");
    assertThat(task.model()).isEqualTo("grok-video-1.5-preview");
    assertThat(task.credits()).isEqualByComparingTo("20");
    assertThat(task.file()).isEqualTo(dir.resolve("found.mp4").toString());
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(listed.out()).as("paid once, shown once").containsPattern(name + " +grok-video-1.5-preview +found"
        + " +- \\(on its task's row\\)");
    CliRun.Result again = generate(toApis(), "--no-wait");
    assertThat(again.err()).as("the same job names the task now").contains("as task " + taskId)
        .doesNotContain("its create got no answer");
  }

  @Test
  void aBareIdTheHistoryLacksNamesSeveralOpenNotesInThePlural() {
    Unanswered unanswered = unanswered();
    String name = unanswered.name();
    String taskId = unanswered.taskId();
    dev.vidgen.serve.history.TaskHistory history = unanswered.history();
    dev.vidgen.serve.history.HistoryEntry note = unanswered.note();
    String other = name + "-2"; // a second create without an answer, a minute later
    history.record(new dev.vidgen.serve.history.HistoryEntry(other, note.provider(), note.model(), note.status(),
        note.credits(), note.usd(), null, note.submittedAt().plusSeconds(60), null, null, null, note.settings(),
        note.error(), note.source()).withBaseUrl(note.baseUrl())); // sent to the same server

    CliRun.Result plain = waitFor("status", taskId);

    assertThat(plain.err()).contains(taskId + " is not in the task history, which has 2 creates on toapis that got no"
        + " answer: ", name, other, "; if this task is what one of them made, add --made-by");
  }

  @Test
  void historyCloseNoTaskEndsANoteWhoseCreateMadeNoneSoTheSameJobIsNoLongerAskedAbout() {
    fake.inject(Endpoint.CREATE, Fault.dropBeforeProcessing());
    CliRun.Result unanswered = generate(toApis(), "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    assertThat(fake.taskIds()).as("the create never arrived").isEmpty();
    String name = dev.vidgen.serve.history.TaskHistory.in(home).entries().get(0).taskId();
    CliRun.Result asked = generate(toApis(), "--no-wait");
    assertThat(asked.exitCode()).as("open, the same job is asked about").isEqualTo(ExitCodes.OTHER);
    assertThat(asked.err()).as("the note is named for what it is, with the way out once the dashboard shows none")
        .contains("the same job was submitted just now, as the create vidgen history lists as " + name + " (its create"
            + " got no answer", "look for it first: ", "if the provider's dashboard shows that it made no task, close"
            + " it with vidgen history --close " + name + " --no-task; or add --again")
        .doesNotContain("as task " + name);

    CliRun.Result refused = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name);
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains(name + " has no task claimed with --made-by yet",
        "close it with vidgen history --close " + name + " --no-task");

    // The bare client reference the create's notice showed stands for its entry too.
    String reference = name.substring("unanswered-noref-".length());
    CliRun.Result closed = toApis().env("VIDGEN_HOME", home.toString())
        .run("history", "--close", reference, "--no-task");

    assertThat(closed.exitCode()).as(closed.all()).isZero();
    assertThat(closed.out()).contains(name + " is closed with no task found: vidgen takes your word that its create"
        + " made no task, so the same job is no longer asked about; if it did make one, that task's charge is not"
        + " tracked");
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(listed.out()).containsPattern(name + " +grok-video-1.5-preview +closed +- \\(no task found, as told\\)")
        .contains("A closed row is a create that got no answer, closed with --no-task");
    CliRun.Result json = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");
    java.util.Map<?, ?> row = (java.util.Map<?, ?>) ((java.util.List<?>) json.json().get("tasks")).get(0);
    assertThat(row.get("status")).isEqualTo("closed");
    assertThat((String) row.get("error")).startsWith("closed with no task found");
    assertThat(row.containsKey("charge") || row.containsKey("credits_at_most")).as("no longer a create that may cost")
        .isFalse();
    CliRun.Result again = generate(toApis(), "--no-wait");
    assertThat(again.exitCode()).as("closed, the same job is not asked about: " + again.all()).isZero();
    assertThat(again.err()).doesNotContain("the same job was submitted");
    CliRun.Result twice = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name, "--no-task");
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(twice.err()).contains(name + " is closed, not an open create that got no answer");
    int readsBefore = fake.requests(Endpoint.STATUS).size();
    CliRun.Result status = waitFor("status", name);
    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(status.err()).as("a closed note reads as closed, not as one to look for")
        .contains(name + " is closed with no task found, as told with vidgen history --close --no-task",
            "save it with vidgen wait TASK_ID --made-by " + name)
        .doesNotContain("before you send the job again");
    assertThat(fake.requests(Endpoint.STATUS)).as("nothing sent").hasSize(readsBefore);
  }

  @Test
  void aTaskFoundAfterItsNoteWasClosedWithNoTaskIsStillSavedWithMadeBy() {
    String name = unansweredWithoutReference();
    String taskId = fake.taskIds().get(0); // there was one after all
    CliRun.Result closed = toApis().env("VIDGEN_HOME", home.toString())
        .run("history", "--close", name, "--no-task", "--json");
    assertThat(closed.exitCode()).as(closed.all()).isZero();
    assertThat(closed.json()).containsEntry("status", "closed");
    assertThat((String) closed.json().get("note")).contains("that task's charge is not tracked",
        "vidgen wait TASK_ID --made-by " + name);

    CliRun.Result waited = waitFor("wait", taskId, "--made-by", name, "--out", "late.mp4");

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    assertThat(history.find(name).orElseThrow().status()).isEqualTo("found");
    assertThat(history.find("toapis", taskId).orElseThrow().credits()).as("tracked again").isEqualByComparingTo("20");
  }

  @Test
  void noTaskIsRefusedWithoutCloseAndForANoteWithATaskClaimedWithNothingChanged() {
    String name = twoServerErrorsThatEachMadeATask();
    String first = fake.taskIds().get(0);
    assertThat(waitFor("status", first, "--made-by", name).exitCode()).isZero();

    CliRun.Result alone = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--no-task");
    CliRun.Result claimed = toApis().env("VIDGEN_HOME", home.toString())
        .run("history", "--close", name, "--no-task", "--json");

    assertThat(alone.exitCode()).as(alone.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(alone.err()).contains("--no-task goes with --close");
    CliRun.Result named = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--no-task", name);
    assertThat(named.exitCode()).as(named.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(named.err()).contains("--no-task goes with --close", "vidgen history --close " + name + " --no-task")
        .doesNotContain("Unmatched");
    CliRun.Result two = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name, first);
    assertThat(two.exitCode()).as(two.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(two.err()).contains("--close takes one name, and '" + first + "' is one more");
    assertThat(claimed.exitCode()).as(claimed.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claimed.all()).contains("--no-task: " + name + " made " + first, "vidgen history --close " + name);
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("unknown");
    CliRun.Result closed = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name);
    assertThat(closed.out()).as(closed.all()).contains("and 1 other take made none, as you say; the task has its own"
        + " entry in the history");
  }

  /** Two creates of the preview answered 500, each making a task (as a provider may); the note's name. */
  private String twoServerErrorsThatEachMadeATask() {
    fake.inject(Endpoint.CREATE, Fault.serverError().afterProcessing(), 2);
    CliRun.Result failed = generate(toApis(), "--no-wait", "--json");
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(failed.err()).contains("(40 credits in all)");
    assertThat(fake.taskIds()).as("the provider made a task for each take").hasSize(2);
    return (String) failed.json().get("unanswered");
  }

  @Test
  void twoServerErrorsOnACreateWithoutAReferenceLeaveANoteForTwoTasksThatMadeByClaimsOneByOne() {
    String name = twoServerErrorsThatEachMadeATask();
    assertThat(name).startsWith("unanswered-noref-vg-");
    String first = fake.taskIds().get(0);
    String second = fake.taskIds().get(1);

    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(listed.out()).as("the worst case, not one take's price").containsPattern(name
        + " +grok-video-1.5-preview +unknown +up to 2 tasks, up to 40 credits \\(\\$0.20\\)");
    CliRun.Result json = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");
    java.util.Map<?, ?> row = (java.util.Map<?, ?>) ((java.util.List<?>) json.json().get("tasks")).get(0);
    assertThat(row.get("task_id")).isEqualTo(name);
    assertThat(((Number) row.get("possible_tasks")).intValue()).isEqualTo(2);
    assertThat(((Number) row.get("credits_at_most")).intValue()).isEqualTo(40);
    assertThat(row.get("usd_at_most").toString()).isEqualTo("0.2");

    CliRun.Result one = waitFor("wait", first, "--made-by", name, "--out", "first.mp4");

    assertThat(one.exitCode()).as(one.all()).isZero();
    assertThat(one.err()).contains(name + " made task " + first + " (as told with --made-by)", name + " stays open",
        "vidgen history --close " + name);
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status())
        .as("one of two possible tasks claimed: still open").isEqualTo("unknown");
    assertThat(toApis().env("VIDGEN_HOME", home.toString()).run("history").out())
        .containsPattern(name + " +grok-video-1.5-preview +unknown +up to 1 more task \\(1 claimed\\), up to 20"
            + " credits \\(\\$0.10\\)")
        .containsPattern(first + " +grok-video-1.5-preview +completed +20 credits");

    CliRun.Result two = waitFor("status", second, "--made-by", name);

    assertThat(two.exitCode()).as(two.all()).isZero();
    assertThat(two.err()).as("every task claimed, not only the last").contains(name + " is closed: its create made"
        + " tasks " + first + ", " + second + " (as told with --made-by); each task has its own entry");
    dev.vidgen.serve.history.TaskHistory history = dev.vidgen.serve.history.TaskHistory.in(home);
    dev.vidgen.serve.history.HistoryEntry note = history.find(name).orElseThrow();
    assertThat(note.status()).isEqualTo("found");
    assertThat(note.claimed()).containsExactly(first, second);
    assertThat(note.error()).isEqualTo("its create's takes arrived as tasks " + first + ", " + second
        + ", as told with --made-by");
    assertThat(history.find("toapis", second).orElseThrow().credits()).isEqualByComparingTo("20");

    int readsBefore = fake.requests(Endpoint.STATUS).size();
    CliRun.Result beyond = waitFor("status", "video_made_elsewhere", "--made-by", name);
    assertThat(beyond.exitCode()).as(beyond.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(beyond.err()).contains(name + " may have made 2 tasks at most (one per take), and both are accounted"
        + " for already: " + first + ", " + second);
    assertThat(fake.requests(Endpoint.STATUS)).as("refused before anything is sent").hasSize(readsBefore);
    CliRun.Result again = waitFor("status", first, "--made-by", name);
    assertThat(again.exitCode()).as("a task claimed before is followed again: " + again.all()).isZero();
  }

  @Test
  void historyCloseEndsANoteForSeveralTasksOnlyOnceOneIsClaimed() {
    String name = twoServerErrorsThatEachMadeATask();
    String first = fake.taskIds().get(0);

    CliRun.Result early = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name);
    assertThat(early.exitCode()).as(early.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(early.err()).contains(name + " has no task claimed with --made-by yet, so it stays open");
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("unknown");

    assertThat(waitFor("status", first, "--made-by", name).exitCode()).isZero();
    CliRun.Result closed = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name, "--json");

    assertThat(closed.exitCode()).as(closed.all()).isZero();
    assertThat(closed.json()).containsEntry("status", "found").containsEntry("claimed_tasks", java.util.List.of(first));
    dev.vidgen.serve.history.HistoryEntry note = dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow();
    assertThat(note.status()).isEqualTo("found");
    assertThat(note.error()).contains("its create arrived as task " + first, "closed with vidgen history --close");
    assertThat(toApis().env("VIDGEN_HOME", home.toString()).run("history").out())
        .containsPattern(name + " +grok-video-1.5-preview +found +- \\(on its task's row\\)");
    CliRun.Result twice = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--close", name);
    assertThat(twice.exitCode()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(twice.err()).contains(name + " is found, not an open create that got no answer");
  }

  @Test
  void aMadeByClaimStoppedBetweenItsTwoWritesCanBeFinished() {
    Unanswered unanswered = unanswered();
    String name = unanswered.name();
    String taskId = unanswered.taskId();
    dev.vidgen.serve.history.TaskHistory history = unanswered.history();
    dev.vidgen.serve.history.HistoryEntry note = unanswered.note();
    // The task's own entry was written, then the process stopped before the note was closed.
    history.record(note.madeAs(new dev.vidgen.core.client.JobHandle("toapis", dev.vidgen.core.domain.TaskId.of(taskId),
        note.model(), dev.vidgen.core.pricing.PriceQuote.unknown(note.model(), "test"), note.submittedAt(), null),
        "queued", java.time.Instant.now()));

    CliRun.Result again = waitFor("status", taskId, "--made-by", name);

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status()).isEqualTo("found");
  }

  @Test
  void aTaskWhoseCreatesNoteWasNotClosedForAFullDiskIsClaimedByThatNote() {
    Unanswered lost = unanswered();
    // The task's own entry, written as the create's answer came; the line closing the note was lost.
    java.time.Instant answered = lost.note().submittedAt().plusSeconds(2);
    lost.history().record(new dev.vidgen.serve.history.HistoryEntry(lost.taskId(), lost.note().provider(),
        lost.note().model(), "queued", lost.note().credits(), lost.note().usd(), null, answered, answered, null,
        new dev.vidgen.core.client.JobHandle("toapis", dev.vidgen.core.domain.TaskId.of(lost.taskId()),
            lost.note().model(), dev.vidgen.core.pricing.PriceQuote.unknown(lost.note().model(), "test"), answered,
            null).encode(), lost.note().settings(), null, lost.note().source(), 1, java.util.List.of(), null, null));

    CliRun.Result claimed = waitFor("status", lost.taskId(), "--made-by", lost.name());

    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(lost.history().find(lost.name()).orElseThrow().status()).isEqualTo("found");
  }

  @Test
  void madeByThatCannotHoldIsRefusedWithNothingSentOrRecorded() {
    String name = unansweredWithoutReference();
    String taskId = fake.taskIds().get(0);
    CliRun.Result other = generate(toApis(), "--no-wait", "--json", "--again"); // a task of its own
    String otherTask = (String) other.json().get("task_id");
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result unknownName = waitFor("wait", taskId, "--made-by", "unanswered-vg-nope");
    CliRun.Result notAName = waitFor("wait", taskId, "--made-by", taskId);
    CliRun.Result ownJob = waitFor("status", otherTask, "--made-by", name);

    assertThat(unknownName.exitCode()).as(unknownName.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(unknownName.err()).contains("unanswered-vg-nope is not in the task history",
        "give the name vidgen history shows for a create that got no answer");
    assertThat(notAName.exitCode()).as(notAName.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(notAName.err()).contains("--made-by " + taskId + " is not the name of a create that got no answer");
    assertThat(ownJob.exitCode()).as(ownJob.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(ownJob.err()).contains("task " + otherTask + " is in the history as a job of its own");
    assertThat(fake.requests(Endpoint.STATUS)).as("nothing sent").hasSize(readsBefore);

    CliRun.Result gone = waitFor("wait", "video_not_there", "--made-by", name);
    assertThat(gone.exitCode()).as(gone.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find(name).orElseThrow().status())
        .as("a task that is not there closes nothing").isEqualTo("unknown");
    assertThat(dev.vidgen.serve.history.TaskHistory.in(home).find("toapis", "video_not_there")).isEmpty();
  }

  @Test
  void atATerminalAnsweringNoSendsNothingAndNamesTheTaskToFollow() {
    String taskId = submittedTaskId();

    CliRun.Result again = generate(atTerminal("n\n"), "--no-wait");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err())
        .contains("The same job was submitted just now as task " + taskId + " (last seen queued).")
        .contains("Pay 20 credits ($0.10) for another take? [y/N]")
        .contains("nothing was sent; follow that one with: vidgen wait " + taskId);
    assertThat(fake.requests(Endpoint.CREATE)).as("no second task").hasSize(1);
    assertThat(fake.requests(Endpoint.UPLOAD)).as("not even the image went again").hasSize(1);
  }

  @Test
  void anEmptyAnswerOrAClosedInputIsNo() {
    submittedTaskId();

    assertThat(generate(atTerminal("\n"), "--no-wait").exitCode()).isEqualTo(ExitCodes.OTHER);
    assertThat(generate(atTerminal(""), "--no-wait").exitCode()).isEqualTo(ExitCodes.OTHER);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void atATerminalAnsweringYesPaysForAnotherTake() {
    String taskId = submittedTaskId();

    CliRun.Result again = generate(atTerminal("yes\n"), "--no-wait");

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(fake.creates()).hasSize(2).extracting(create -> create.taskId()).doesNotHaveDuplicates().contains(taskId);
  }

  @Test
  void theWaitCommandOfTheRefusalKeepsTheOutThisRunWasToSaveTo() {
    String taskId = submittedTaskId();

    CliRun.Result again = generate(toApis(), "--out", "clip.mp4");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat(again.err()).containsPattern("follow that one with: vidgen wait " + taskId + " .*--out \\S*clip\\.mp4");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void withoutATerminalAScriptIsRefusedNamingTheEarlierTaskAndAgainPays() {
    String taskId = submittedTaskId();

    CliRun.Result again = generate(toApis(), "--no-wait");
    CliRun.Result json = generate(toApis(), "--no-wait", "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat(again.err()).contains("the same job was submitted just now as task " + taskId
        + " (last seen queued); nothing was sent — follow that one with: vidgen wait " + taskId
        + " --base-url " + fake.baseUrl() + "; or add --again to pay 20 credits ($0.10) for another take");
    assertThat(again.err()).doesNotContain("[y/N]");
    assertThat(json.exitCode()).as(json.all()).isEqualTo(1);
    assertThat((java.util.Map<String, Object>) json.json().get("error")).containsEntry("kind", "same_job");
    assertThat((java.util.Map<String, Object>) json.json().get("same_job")).as("the earlier take, for the script")
        .containsEntry("task_id", taskId).containsEntry("status", "queued").containsEntry("file", null)
        .containsEntry("unanswered", null).containsKey("submitted_at");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid twice by accident").hasSize(1);

    CliRun.Result paid = generate(toApis(), "--no-wait", "--again");

    assertThat(paid.exitCode()).as(paid.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  void theSameRequestIsTheSameJobHoweverItWasSpelled() {
    String taskId = submittedTaskId();

    CliRun.Result again = generate(toApis(), "--no-wait", "--seconds", "10", "--mode", "i2v");

    assertThat(again.err()).as("10 s is the default, image-to-video the mode inferred")
        .contains("the same job was submitted just now as task " + taskId);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameImageCopiedUnderAnotherNameIsTheSameJobAndNothingIsSent() throws Exception {
    String taskId = submittedTaskId();
    java.nio.file.Files.copy(dir.resolve("product.png"), dir.resolve("copy.png"));

    CliRun.Result again = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "copy.png",
        "--prompt", "slow push-in", "--no-wait", "--json", "--base-url", fake.baseUrl());

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((java.util.Map<String, Object>) again.json().get("same_job")).containsEntry("task_id", taskId);
    assertThat(fake.requests(Endpoint.CREATE)).as("the same bytes under another name are not paid again").hasSize(1);
    assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(1);
  }

  @Test
  void theSameImageThroughASymbolicLinkIsTheSameJob() throws Exception {
    String taskId = submittedTaskId();
    try {
      java.nio.file.Files.createSymbolicLink(dir.resolve("link.png"), dir.resolve("product.png"));
    } catch (UnsupportedOperationException | java.io.IOException noLinks) {
      org.junit.jupiter.api.Assumptions.abort("this file system makes no symbolic links: " + noLinks);
    }

    CliRun.Result again = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "link.png",
        "--prompt", "slow push-in", "--no-wait", "--base-url", fake.baseUrl());

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("the same job was submitted just now as task " + taskId);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void anImageEditedUnderTheSamePathIsAnotherJobAndIsSent() {
    submittedTaskId();
    Images.png(800, 450).writeTo(dir.resolve("product.png"));

    CliRun.Result edited = generate(toApis(), "--no-wait");

    assertThat(edited.exitCode()).as(edited.all()).isZero();
    assertThat(edited.err()).doesNotContain("same job");
    assertThat(fake.requests(Endpoint.CREATE)).as("other bytes are another video").hasSize(2);
  }

  @Test
  void anEntryWrittenBeforeDigestsWereKeptStillMatchesByPath() throws Exception {
    String taskId = submittedTaskId();
    Path file = home.resolve("history.jsonl");
    String lines = java.nio.file.Files.readString(file);
    assertThat(lines).as("the history keeps what the image held").contains("\"input_sha256\":{\"images\":[\"");
    // As an older vidgen wrote it: the settings without input_sha256.
    java.nio.file.Files.writeString(file, lines.replaceAll(",\"input_sha256\":\\{[^}]*\\}", ""));
    assertThat(java.nio.file.Files.readString(file)).doesNotContain("input_sha256");
    java.nio.file.Files.copy(dir.resolve("product.png"), dir.resolve("copy.png"));

    CliRun.Result samePath = generate(toApis(), "--no-wait");
    CliRun.Result copy = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "copy.png",
        "--prompt", "slow push-in", "--no-wait", "--base-url", fake.baseUrl());

    assertThat(samePath.exitCode()).as(samePath.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(samePath.err()).contains("the same job was submitted just now as task " + taskId);
    assertThat(copy.exitCode()).as("known by its path only, a copy is another job: " + copy.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  void aModelNamedByItsAliasIsStillTheSameJob() {
    CliRun.Result first = generate(toApis(), "--model", "gemini-omni-flash", "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();

    CliRun.Result again = generate(toApis(), "--model", "GEMINI_omni_flash", "--no-wait");
    CliRun.Result paid = generate(toApis(), "--model", "GEMINI_omni_flash", "--no-wait", "--again");

    assertThat(again.err()).contains("the same job was submitted just now as task " + first.json().get("task_id"));
    assertThat(paid.exitCode()).as(paid.all()).isZero();
    assertThat(fake.creates()).extracting(create -> create.body().replaceAll(".*\"model\":\"([^\"]+)\".*", "$1"))
        .as("the fake lists the model by its id, which is sent whichever name the job gave")
        .containsExactly("gemini-omni-flash", "gemini-omni-flash");
  }

  @Test
  void aTerminalNobodyTypesIntoIsNoAnswerAfterTheWait() throws Exception {
    try (PipedOutputStream nobody = new PipedOutputStream(); PipedInputStream silent = new PipedInputStream(nobody)) {
      assertThat(RepeatCheck.answer(silent, Duration.ofMillis(200))).as("no answer in time").isEmpty();
    }
    assertThat(RepeatCheck.answer(new ByteArrayInputStream("yes\n".getBytes(StandardCharsets.UTF_8)),
        Duration.ofSeconds(10))).contains("yes");
    assertThat(RepeatCheck.answer(InputStream.nullInputStream(), Duration.ofSeconds(10))).as("end of input")
        .contains("");
  }

  @Test
  void aLongInlineImageIsKeptShortInTheHistoryAndStillMakesTheSameJob() throws Exception {
    byte[] pixels = new byte[30_000];
    String inline = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(pixels);
    CliRun.Result first = generate(toApis(), "--model", "seedance-2", "--image", inline, "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();

    String history = java.nio.file.Files.readString(home.resolve("history.jsonl"));
    assertThat(history).as("not 40,000 characters of base64 per entry").doesNotContain(inline)
        .contains("data:image/png;base64,elided-" + inline.length() + "-chars-sha256-").hasSizeLessThan(5_000);
    CliRun.Result again = generate(toApis(), "--model", "seedance-2", "--image", inline, "--no-wait");
    assertThat(again.err()).contains("the same job was submitted just now as task " + first.json().get("task_id"));
    pixels[20_000] = 1;
    String other = "data:image/png;base64," + java.util.Base64.getEncoder().encodeToString(pixels);
    CliRun.Result another = generate(toApis(), "--model", "seedance-2", "--image", other, "--no-wait");
    assertThat(another.exitCode()).as(another.all()).isZero();
    assertThat(another.err()).as("another image of the same length is another job").doesNotContain("same job");
    assertThat(fake.lastCreate().orElseThrow().body()).as("the provider still gets the whole image").contains(other);
  }

  @Test
  void againSkipsTheQuestion() {
    submittedTaskId();

    CliRun.Result again = generate(atTerminal(""), "--no-wait", "--again");

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).doesNotContain("same job").doesNotContain("[y/N]");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  void aCompletedTakeNamesItsVideo() {
    CliRun.Result first = generate(toApis(), "--out", "first.mp4");
    assertThat(first.exitCode()).as(first.all()).isZero();

    CliRun.Result again = generate(atTerminal("n\n"), "--out", "second.mp4");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("(completed, saved as " + dir.resolve("first.mp4") + ")")
        .contains("nothing was sent; its video is " + dir.resolve("first.mp4"));
    assertThat(dir.resolve("second.mp4")).doesNotExist();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aCompletedTakeWhoseVideoWasDeletedOffersToSaveItAgain() throws Exception {
    CliRun.Result first = generate(toApis(), "--out", "first.mp4");
    assertThat(first.exitCode()).as(first.all()).isZero();
    java.nio.file.Files.delete(dir.resolve("first.mp4"));

    CliRun.Result again = generate(toApis(), "--out", "second.mp4");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("(completed, saved as " + dir.resolve("first.mp4") + ", a file since gone)")
        .contains("save its video with: vidgen download ").doesNotContain("its video is");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aCompletedTakeWhoseDownloadFailedGivesADownloadCommandThatSavesItWhereThisRunWasToSaveIt() {
    fake.inject(Endpoint.FILE, Fault.unavailable(), 100);
    CliRun.Result first = generate(toApis(), "--out", "i6.mp4");
    assertThat(first.exitCode()).as(first.all()).isNotZero();
    fake.clearFaults();
    String taskId = fake.taskIds().get(0);

    CliRun.Result again = generate(toApis(), "--out", "i6.mp4");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    String command = savingCommand(again);
    assertThat(command).isEqualTo("vidgen download " + taskId + " --base-url " + fake.baseUrl() + " --out "
        + dir.resolve("i6.mp4"));
    CliRun.Result saved = toApis().env("VIDGEN_HOME", home.toString()).run(args(command));
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve("i6.mp4")).isNotEmptyFile();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aCompletedTakeWhoseVideoSavesOnlyElsewhereIsOfferedADownloadToAnotherFolderNotTheSameOut() {
    fake.inject(Endpoint.FILE, Fault.unavailable(), 100);
    CliRun.Result first = generate(toApis(), "--out", "i6.mp4");
    assertThat(first.exitCode()).as(first.all()).isNotZero();
    fake.clearFaults();
    String taskId = fake.taskIds().get(0);
    // What the history keeps of a save the file system refused for good there: the video larger than the whole of it.
    TaskHistory history = TaskHistory.in(home);
    history.record(SavesElsewhere.mark(history.find(taskId).orElseThrow(),
        "in a folder on another file system with room for 6.0 MB"));

    CliRun.Result again = generate(toApis(), "--out", "i6.mp4");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).as(again.all()).contains("that task is done, but saving its video to the same place fails"
        + " the same way; save it in a folder on another file system with room for 6.0 MB: vidgen download " + taskId
        + " --base-url " + fake.baseUrl() + " --out OTHER_FOLDER/i6.mp4; or add --again")
        .doesNotContain("save its video with:").doesNotContain("--out " + dir.resolve("i6.mp4"));
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void withoutOutTheDownloadCommandSavesIntoTheWorkingFolderUnderTheTasksName() {
    fake.inject(Endpoint.FILE, Fault.unavailable(), 100);
    CliRun.Result first = generate(toApis());
    assertThat(first.exitCode()).as(first.all()).isNotZero();
    fake.clearFaults();
    String taskId = fake.taskIds().get(0);

    CliRun.Result again = generate(toApis(), "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    String command = savingCommand(again);
    assertThat(command).contains(" --out " + dir + java.io.File.separator);
    CliRun.Result saved = toApis().env("VIDGEN_HOME", home.toString()).run(args(command));
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve(taskId + ".mp4")).isNotEmptyFile();
  }

  /** The command after "save its video with: ", up to the "; or add --again" that follows it. */
  private static String savingCommand(CliRun.Result refused) {
    java.util.regex.Matcher command = java.util.regex.Pattern.compile("save its video with: (vidgen download [^;\"]+);")
        .matcher(refused.all());
    assertThat(command.find()).as(refused.all()).isTrue();
    return command.group(1);
  }

  private static String[] args(String command) {
    String[] words = command.split(" ");
    return java.util.Arrays.copyOfRange(words, 1, words.length);
  }

  @Test
  void aJobThatFailedOrDiffersIsNotHeldUp() {
    fake.nextTask(TaskScript.fails("generation_failed", "refused by the content policy"));
    assertThat(generate(toApis()).exitCode()).isEqualTo(ExitCodes.TASK_FAILED);

    CliRun.Result retried = generate(atTerminal(""), "--no-wait");
    CliRun.Result longer = generate(atTerminal(""), "--no-wait", "--seconds", "15");

    assertThat(retried.exitCode()).as(retried.all()).isZero();
    assertThat(longer.exitCode()).as(longer.all()).isZero();
    assertThat(retried.err() + longer.err()).doesNotContain("same job");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(3);
  }

  @Test
  void theMockChargesNothingSoItIsNeverChecked() throws Exception {
    CliRun mock = CliRun.in(dir).terminal(true).canAsk(true).stdin("");
    assertThat(generate(mock, "--provider", "mock", "--out", "one.mp4").exitCode()).isZero();

    CliRun.Result again = generate(CliRun.in(dir).terminal(true).canAsk(true).stdin(""),
        "--provider", "mock", "--out", "two.mp4");

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).doesNotContain("same job");
    assertThat(dir.resolve("two.mp4")).exists();
    assertThat(java.nio.file.Files.readString(home.resolve("history.jsonl"))).contains("\"provider\":\"mock\"")
        .as("nothing to compare for the mock, so its image is not read for a digest").doesNotContain("input_sha256");
  }

  @Test
  void aJobOverItsBudgetIsRefusedAsBeforeWithoutAQuestion() {
    submittedTaskId();

    CliRun.Result again = generate(atTerminal(""), "--no-wait", "--max-credits", "5");

    assertThat(again.exitCode()).isEqualTo(ExitCodes.OVER_BUDGET);
    assertThat(again.err()).doesNotContain("[y/N]");
  }

  // ---- a create's note, settled by its answer (every create writes one just before it goes out)

  private static final java.util.regex.Pattern NOTE = java.util.regex.Pattern.compile("\"task_id\":\"(unanswered-[^\"]+)\"");

  private CliRun.Result answered(String... args) {
    return toApis().env("VIDGEN_HOME", home.toString()).run(args);
  }

  private CliRun.Result generateModel(String model) {
    return generate(toApis(), "--model", model, "--no-wait");
  }

  private String noteName() throws java.io.IOException {
    Path file = dev.vidgen.serve.history.TaskHistory.in(home).file();
    List<String> lines = java.nio.file.Files.readAllLines(file);
    java.util.regex.Matcher named = NOTE.matcher(String.join("\n", lines));
    assertThat(named.find()).as("a note was written before the create: " + lines).isTrue();
    return named.group(1);
  }

  /** Generates a job of {@code model} whose create is answered, and gives the name of the note written before it. */
  private String answeredNote(String model, String prefix) throws java.io.IOException {
    CliRun.Result generated = generateModel(model);
    assertThat(generated.exitCode()).as(generated.all()).isZero();
    String name = noteName();
    assertThat(name).startsWith(prefix);
    return name;
  }

  @Test
  void theNoteOfACreateWithoutReferenceThatWasAnsweredStandsForItsTask() throws java.io.IOException {
    String name = answeredNote("grok-video-1.5-preview", "unanswered-noref-");
    String taskId = fake.taskIds().get(0);
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = answered("status", name, "--base-url", fake.baseUrl());
    // The bare reference the create's notice showed, though grok never sent it, stands for the same note.
    CliRun.Result byReference = answered("status", name.substring("unanswered-noref-".length()), "--base-url",
        fake.baseUrl());
    CliRun.Result claimedAsItIs = answered("wait", taskId, "--made-by", name, "--base-url", fake.baseUrl(),
        "--poll-interval", "20ms", "--out", "same.mp4");

    for (CliRun.Result read : List.of(status, byReference)) {
      assertThat(read.exitCode()).as(read.all()).isZero();
      assertThat(read.err()).contains("the create the history recorded as " + name + " was answered: it made task " + taskId)
          .doesNotContain("not in the task history", "looking it up by client reference");
      assertThat(read.out()).contains("task      " + taskId).doesNotContain("price unknown");
    }
    assertThat(claimedAsItIs.exitCode()).as("its own task needs no claim: " + claimedAsItIs.all()).isZero();
    assertThat(claimedAsItIs.err()).contains(name + "'s create was answered with task " + taskId + " itself");
    assertThat(dir.resolve("same.mp4")).isRegularFile();
    assertThat(fake.requests(Endpoint.STATUS).subList(readsBefore, fake.requests(Endpoint.STATUS).size()))
        .as("only the task is read").isNotEmpty().allSatisfy(read -> assertThat(read.path()).endsWith(taskId));
  }

  @Test
  void theBareReferenceOfAnUnansweredCreateWithoutReferenceIsItsNoteAndNothingIsLookedUp() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = generate(toApis(), "--no-wait");
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    java.util.regex.Matcher named = java.util.regex.Pattern.compile("unanswered-noref-(vg-[0-9a-f-]+)")
        .matcher(unanswered.err());
    assertThat(named.find()).as(unanswered.all()).isTrue();
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result byName = answered("status", named.group(), "--base-url", fake.baseUrl());
    CliRun.Result byReference = answered("status", named.group(1), "--base-url", fake.baseUrl());

    assertThat(byReference.exitCode()).as(byReference.all()).isEqualTo(byName.exitCode());
    assertThat(byReference.err()).as("told as the note, not as a task id of its own")
        .contains(named.group()).doesNotContain("is not in the task history", "Task not found");
    assertThat(fake.requests(Endpoint.STATUS)).as("a reference never sent is not looked up").hasSize(readsBefore);
  }

  @Test
  void theNoteOfACreateWithReferenceThatWasAnsweredIsReadAsItsTask() throws java.io.IOException {
    String name = answeredNote("seedance-2", "unanswered-vg-");
    String taskId = fake.taskIds().get(0);

    CliRun.Result byName = answered("status", name, "--base-url", fake.baseUrl());
    CliRun.Result byReference = answered("status", name.substring("unanswered-".length()), "--base-url", fake.baseUrl());

    for (CliRun.Result status : List.of(byName, byReference)) {
      assertThat(status.exitCode()).as(status.all()).isZero();
      assertThat(status.out()).as("read as the task this machine submitted").contains("task      " + taskId)
          .doesNotContain("resumed from a bare task id");
    }
    CliRun.Result close = answered("history", "--close", name, "--no-task");
    assertThat(close.exitCode()).as(close.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(close.err()).contains(name + " needs no closing: its create was answered with task " + taskId,
        "follow it with vidgen status " + taskId);
    CliRun.Result claim = answered("wait", "task-elsewhere", "--made-by", name, "--base-url", fake.baseUrl());
    assertThat(claim.exitCode()).as(claim.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(claim.err()).contains(name + " has no task to claim: its create was answered with task " + taskId);
  }

  @Test
  void theNoteOfARefusedCreateSaysItMadeNoTaskAndSendsNothing() throws java.io.IOException {
    fake.inject(Endpoint.CREATE, Fault.error(400, "invalid_request", "prompt rejected"));
    CliRun.Result generated = generateModel("seedance-2");
    assertThat(generated.exitCode()).as(generated.all()).isNotZero();
    String name = noteName();
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = answered("status", name, "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(status.err()).contains(name + " has nothing to look up: its create was answered and made no task",
        "vidgen history lists the tasks this machine made");
    assertThat(fake.requests(Endpoint.STATUS)).as("nothing looked up").hasSize(readsBefore);
  }

  @Test
  void aTaskMadeWithAnotherKeyIsNamedSoAndNotMarkedNotFoundWhenThatKeyCannotReadIt() throws Exception {
    String other = "sk-test" + "7".repeat(44);
    String task = submittedTaskId();
    String tag = dev.vidgen.core.port.ApiKey.of(KEY).tag();
    String otherTag = dev.vidgen.core.port.ApiKey.of(other).tag();
    String line = java.nio.file.Files.readString(home.resolve("history.jsonl"));
    assertThat(line).as("the tag, never the key").contains("\"key_tag\":\"" + tag + "\"").doesNotContain(KEY)
        .doesNotContain(KEY.substring(3));

    // Another account's key: the same job is still refused (this machine paid for it), and the words say whose it is.
    CliRun.Result again = generate(CliRun.in(dir).env("TOAPIS_API_KEY", other), "--no-wait");
    // That account's provider does not show the task to this key.
    fake.inject(Endpoint.STATUS, Fault.status(404), 20);
    CliRun.Result waited = CliRun.in(dir).env("TOAPIS_API_KEY", other).env("VIDGEN_HOME", home.toString())
        .run("wait", task, "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("as task " + task).contains("with another API key (tagged " + tag
        + "; this key's tag is " + otherTag + "): if that key is another account's, only its keys can follow the task");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
    assertThat(waited.exitCode()).as(waited.all()).isNotZero();
    assertThat(waited.err()).contains("task " + task + " was made with another API key (tagged " + tag)
        .doesNotContain(other).doesNotContain(KEY);
    assertThat(listed.out()).as("still the first key's task, not marked gone").contains("\"status\":\"queued\"")
        .doesNotContain("not_found");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aStatusInJsonOfATaskMadeWithAnotherKeySaysSoInItsErrorsNext() throws Exception {
    String other = "sk-test" + "7".repeat(44);
    String task = submittedTaskId();
    String tag = dev.vidgen.core.port.ApiKey.of(KEY).tag();
    fake.inject(Endpoint.STATUS, Fault.status(404), 20);

    CliRun.Result status = CliRun.in(dir).env("TOAPIS_API_KEY", other).env("VIDGEN_HOME", home.toString())
        .run("status", task, "--base-url", fake.baseUrl(), "--retry-delay", "1ms", "--json");

    assertThat(status.exitCode()).as(status.all()).isNotZero();
    java.util.Map<String, Object> error = (java.util.Map<String, Object>) status.json().get("error");
    assertThat(error).as(status.all()).containsEntry("kind", "task_not_found");
    assertThat((String) error.get("next")).contains("made with another API key (tagged " + tag + ")",
        "set it in TOAPIS_API_KEY").doesNotContain("check the task id");
    assertThat(status.all()).doesNotContain(other).doesNotContain(KEY);
  }

  @Test
  void aTaskThisKeyMadeIsMarkedNotFoundWhenTheProviderSaysSoWithoutWordsOfAnotherKey() {
    String task = submittedTaskId();
    fake.inject(Endpoint.STATUS, Fault.status(404), 20);

    CliRun.Result waited = toApis().env("VIDGEN_HOME", home.toString())
        .run("wait", task, "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms");
    CliRun.Result listed = toApis().env("VIDGEN_HOME", home.toString()).run("history", "--json");

    assertThat(waited.exitCode()).as(waited.all()).isNotZero();
    assertThat(waited.err()).doesNotContain("another API key");
    assertThat(listed.out()).contains("\"status\":\"not_found\"");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameJobMadeOnAnotherServerIsAnotherJobAndItsVideoIsNeverNamedForThisOne() {
    try (FakeToApisServer staging = FakeToApisServer.builder().apiKeys(KEY)
        .lifecycle(dev.vidgen.testkit.toapis.Lifecycle.byPolls(1, 1)).start()) {
      // Another job first, so that the two fakes' task ids (each counts from 1) differ as real servers' do.
      assertThat(toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "product.png", "--prompt", "warm-up", "--no-wait",
          "--base-url", staging.baseUrl()).exitCode()).isZero();
      // A staging smoke test, then the real step: the same request, each on its own server.
      CliRun.Result smoke = toApis().env("VIDGEN_HOME", home.toString()).env("TOAPIS_BASE_URL", staging.baseUrl())
          .run("generate", "--image", "product.png", "--prompt", "slow push-in", "--out", "f2/", "--json",
              "--poll-interval", "20ms", "--retry-delay", "1ms");
      assertThat(smoke.exitCode()).as(smoke.all()).isZero();

      CliRun.Result real = generate(toApis(), "--out", "f2/", "--json");
      CliRun.Result realAgain = generate(toApis(), "--out", "f2/", "--json");

      assertThat(real.exitCode()).as("another server's take is not this job's: " + real.all()).isZero();
      assertThat(real.json()).doesNotContainKey("same_job");
      assertThat(fake.requests(Endpoint.CREATE)).as("the real server made its own video").hasSize(1);
      assertThat((String) real.json().get("file")).isNotEqualTo(smoke.json().get("file"))
          .startsWith(dir.resolve("f2").toString());
      assertThat(realAgain.exitCode()).as("on its own server it is held back: " + realAgain.all())
          .isEqualTo(ExitCodes.OTHER);
      assertThat((java.util.Map<String, Object>) realAgain.json().get("same_job"))
          .containsEntry("task_id", real.json().get("task_id")).containsEntry("file", real.json().get("file"));
      assertThat(staging.requests(Endpoint.CREATE)).hasSize(2);
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    }
  }

  @Test
  void theSameJobThroughABaseUrlSpelledWithV1IsHeldBackAsOnTheSameServer() {
    // toapis drops a trailing /v1 (every path starts with it): both spellings send to one address.
    String[] job = {"generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait", "--json"};
    CliRun.Result first = toApis().env("VIDGEN_HOME", home.toString())
        .run(Stream.concat(Stream.of(job), Stream.of("--base-url", fake.baseUrl())).toArray(String[]::new));
    CliRun.Result again = toApis().env("VIDGEN_HOME", home.toString())
        .run(Stream.concat(Stream.of(job), Stream.of("--base-url", fake.baseUrl() + "/v1/")).toArray(String[]::new));

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.json()).containsKey("same_job");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
    CliRun.Result status = toApis().env("VIDGEN_HOME", home.toString())
        .run("status", (String) first.json().get("task_id"), "--base-url", fake.baseUrl() + "/v1");
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).as("the same server: no note that it was made elsewhere").doesNotContain("was made on");
  }

  @Test
  void aTakeTheHistoryKeepsWithoutABaseUrlWasMadeOnTheProvidersOwnAddressNotOnATestServer() throws Exception {
    String taskId = submittedTaskId();
    // As a line of the provider's own address reads: no base URL, but the key's tag (a line an older vidgen wrote,
    // with neither, counts on any server: OlderVidgenHistoryTest).
    Path file = home.resolve("history.jsonl");
    String lines = java.nio.file.Files.readString(file);
    assertThat(lines).contains("\"base_url\":\"" + fake.baseUrl() + "\"");
    java.nio.file.Files.writeString(file, lines.replace("\"base_url\":\"" + fake.baseUrl() + "\"", "\"base_url\":null"));

    CliRun.Result again = generate(toApis(), "--no-wait", "--json");

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.json().get("task_id")).isNotEqualTo(taskId);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFinishedJobRunAgainWithTheSameOutFileIsTheSameJobNamingThatFileNotAFileInTheWay() {
    CliRun.Result first = generate(toApis(), "--out", "fixed.mp4", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    String saved = dir.resolve("fixed.mp4").toString();

    CliRun.Result again = generate(toApis(), "--out", "fixed.mp4", "--json");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((java.util.Map<String, Object>) again.json().get("error")).containsEntry("kind", "same_job");
    assertThat((java.util.Map<String, Object>) again.json().get("same_job"))
        .containsEntry("task_id", first.json().get("task_id")).containsEntry("file", saved);
    assertThat(again.err()).contains("nothing was sent — its video is " + saved + "; or add --again to pay 20 credits"
        + " ($0.10) for another take, with another --out (or --force to replace this video)");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);

    CliRun.Result atATerminal = generate(atTerminal("y\n"), "--out", "fixed.mp4");
    assertThat(atATerminal.exitCode()).as("no take could be saved there: " + atATerminal.all())
        .isEqualTo(ExitCodes.OTHER);
    assertThat(atATerminal.err()).doesNotContain("[y/N]");

    CliRun.Result anotherJob = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "product.png",
        "--prompt", "another job", "--out", "fixed.mp4", "--json", "--base-url", fake.baseUrl());
    assertThat(anotherJob.exitCode()).as("not this job's video: " + anotherJob.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat((java.util.Map<String, Object>) anotherJob.json().get("error")).containsEntry("kind", "output");
    CliRun.Result withAgain = generate(toApis(), "--out", "fixed.mp4", "--again", "--json");
    assertThat(withAgain.exitCode()).as("another take asked for, and the file in its way: " + withAgain.all())
        .isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  private CliRun.Result onStaging(FakeToApisServer staging, String prompt, String... more) {
    String[] args = Stream.of(Stream.of("generate", "--image", "product.png", "--prompt", prompt), Stream.of(more),
        Stream.of("--base-url", staging.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .flatMap(s -> s).toArray(String[]::new);
    return toApis().env("VIDGEN_HOME", home.toString()).run(args);
  }

  private FakeToApisServer staging() {
    return FakeToApisServer.builder().apiKeys(KEY).lifecycle(dev.vidgen.testkit.toapis.Lifecycle.byPolls(1, 1)).start();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFileAnotherServerSavedUnderTheSameTaskIdIsNotThisJobsVideo() {
    try (FakeToApisServer staging = staging()) {
      CliRun.Result first = generate(toApis(), "--out", "fixed.mp4", "--json");
      // A staging server hands out the same id (each fake counts from 1) for another job, saved over the file.
      CliRun.Result fromStaging = onStaging(staging, "a staging check", "--out", "fixed.mp4", "--force", "--json");
      assertThat(first.exitCode()).as(first.all()).isZero();
      assertThat(fromStaging.exitCode()).as(fromStaging.all()).isZero();
      assertThat(fromStaging.json().get("task_id")).isEqualTo(first.json().get("task_id"));

      CliRun.Result again = generate(toApis(), "--out", "fixed.mp4", "--json");

      assertThat(again.exitCode()).as("the file holds the staging video, not this job's: " + again.all())
          .isEqualTo(ExitCodes.INVALID_JOB);
      assertThat((java.util.Map<String, Object>) again.json().get("error")).containsEntry("kind", "output");
      assertThat(again.json()).doesNotContainKey("same_job");
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    }
  }

  @Test
  void aDownloadIsNotSkippedForAFileThatAnotherServersTaskOfTheSameIdSaved() {
    try (FakeToApisServer staging = staging()) {
      String taskId = submittedTaskId();
      CliRun.Result fromStaging = onStaging(staging, "a staging check", "--out", "fixed.mp4", "--json");
      assertThat(fromStaging.exitCode()).as(fromStaging.all()).isZero();
      assertThat(fromStaging.json().get("task_id")).isEqualTo(taskId);

      CliRun.Result download = toApis().env("VIDGEN_HOME", home.toString()).run("download", taskId, "--out",
          "fixed.mp4", "--base-url", fake.baseUrl(), "--json");

      assertThat(download.exitCode()).as("the file is the staging task's video: " + download.all())
          .isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(download.err()).contains("already exists (it may be another task's paid video)")
          .doesNotContain("already holds this task's video");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExtendRunAgainWithTheSameOutFileIsTheSameJobNamingThatFileAndCreatesNothing() {
    CliRun vidgen = toApis().env("VIDGEN_HOME", home.toString());
    CliRun.Result source = vidgen.run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--poll-interval", "20ms", "--out", "source/", "--json", "--base-url", fake.baseUrl());
    assertThat(source.exitCode()).as(source.all()).isZero();
    String[] extend = {"extend", (String) source.json().get("task_id"), "--prompt", "the kite climbs higher", "--out",
        "kite.mp4", "--json", "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"};
    CliRun.Result first = vidgen.run(extend);
    assertThat(first.exitCode()).as(first.all()).isZero();
    String saved = dir.resolve("kite.mp4").toString();

    CliRun.Result again = vidgen.run(extend);

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((java.util.Map<String, Object>) again.json().get("error")).containsEntry("kind", "same_job");
    assertThat((java.util.Map<String, Object>) again.json().get("same_job"))
        .containsEntry("task_id", first.json().get("task_id")).containsEntry("file", saved);
    assertThat(again.err()).contains("nothing was sent — its video is " + saved, "for another take, with another"
        + " --out (or --force to replace this video)").doesNotContain("add --force to replace it")
        .doesNotContain("not counted here");
    assertThat(fake.requests(Endpoint.EXTEND)).as("extended once").hasSize(1);
  }

  @Test
  void aSameJobRefusalSaysThatATakeOfTheJobOnAnotherServerIsNotCounted() {
    try (FakeToApisServer staging = staging()) {
      // Each take ends before the next: the history keeps two tasks of one id apart once the first has ended.
      CliRun.Result smoke = onStaging(staging, "slow push-in", "--out", "staging/", "--json");
      CliRun.Result real = generate(toApis(), "--out", "real/", "--json");
      CliRun.Result again = generate(toApis(), "--out", "real/", "--json");

      assertThat(smoke.exitCode()).as(smoke.all()).isZero();
      assertThat(real.exitCode()).as(real.all()).isZero();
      assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(again.err()).contains("as task " + real.json().get("task_id"), "; a take of this job on "
          + staging.baseUrl() + " is not counted here; nothing was sent");
      assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
    }
  }
}
