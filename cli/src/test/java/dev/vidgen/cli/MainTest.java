package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command as a real process: JSON shapes, resuming in a new process, help and version. */
class MainTest {
  @TempDir Path dir;

  @Test
  void messagesKeepTheirDashesInACOrPosixLocale() {
    // LC_ALL=C: Java 17 then writes US-ASCII, and would print each "—" of a message as "?".
    CliRun.Result refused = CliRun.in(dir).env("LC_ALL", "C")
        .runProcess("generate", "--provider", "mock", "--image", "missing.png", "--prompt", "slow push-in");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("vidgen: nothing was sent \u2014 fix the job and run again").doesNotContain("sent ?");
    assertThat(Main.outputCharset(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(Main.outputCharset(java.nio.charset.StandardCharsets.ISO_8859_1))
        .as("a charset that can write the user's own words is kept").isEqualTo(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  @Test
  void aCommandThatRunsOutOfMemorySaysSoAndHowToGiveItMoreInJsonTooNotWithAStackTrace() throws IOException {
    // One line of 48 MB cannot be read into a heap of 32 MB: the jobs file is too big for this run.
    Path jobs = dir.resolve("jobs.jsonl");
    try (java.io.Writer writer = java.nio.file.Files.newBufferedWriter(jobs)) {
      writer.write("{\"prompt\": \"");
      char[] block = "slow push-in ".repeat(1000).toCharArray();
      for (int i = 0; i < 48 * 1024 * 1024 / block.length; i++) {
        writer.write(block);
      }
      writer.write("\"}\n");
    }
    CliRun small = CliRun.in(dir).env("JAVA_TOOL_OPTIONS", "-Xmx32m");

    CliRun.Result text = small.runProcess("batch", "jobs.jsonl", "--provider", "mock", "--dry-run");
    CliRun.Result json = small.runProcess("batch", "jobs.jsonl", "--provider", "mock", "--dry-run", "--json");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(text.err()).contains("vidgen: the command ran out of memory (Java's heap, at most ")
        .contains("VIDGEN_JAVA_OPTS=-Xmx2g").doesNotContain("java.lang.OutOfMemoryError").doesNotContain("\tat ");
    assertThat(json.exitCode()).as(json.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((Map<String, Object>) json.json().get("error")).containsEntry("kind", "out_of_memory");
  }

  @Test
  void threadsThatRunOutOfMemoryAreSaidInOneLineOnceAndOtherFailuresAsJavaSaysThem() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream err = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
    Thread.UncaughtExceptionHandler handler = Main.uncaughtTo(err);
    Thread scheduler = new Thread(() -> {}, "vidgen-scheduler-1");

    handler.uncaughtException(scheduler, new OutOfMemoryError("Java heap space"));
    handler.uncaughtException(new Thread(() -> {}, "vidgen-download-2"), new OutOfMemoryError("Java heap space"));
    handler.uncaughtException(scheduler, new IllegalStateException("a bug"));

    String said = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(said).startsWith("vidgen: thread vidgen-scheduler-1 ran out of memory (Java's heap)\n")
        .doesNotContain("vidgen-download-2").doesNotContain("java.lang.OutOfMemoryError")
        .contains("Exception in thread \"vidgen-scheduler-1\" java.lang.IllegalStateException: a bug");
  }

  @Test
  void waitsInANewProcessForAMockTaskMadeWithNoWait() throws IOException {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    CliRun vidgen = CliRun.in(dir);

    CliRun.Result submitted = vidgen.runProcess("generate", "--no-wait", "--json", "--image", "product.png",
        "--prompt", "slow push-in", "--set", "mock.duration=1s");
    assertThat(submitted.exitCode()).as(submitted.all()).isZero();
    assertThat(submitted.err()).contains("offline mock provider");
    String taskId = (String) submitted.json().get("task_id");

    CliRun.Result status = vidgen.runProcess("status", taskId, "--json");
    CliRun.Result waited = vidgen.runProcess("wait", taskId, "--json", "--poll-interval", "100ms");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).containsEntry("task_id", taskId).containsKey("status");
    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(waited.json()).containsEntry("status", "completed");
    assertThat(Mp4Files.boxes(dir.resolve(taskId + ".mp4"))).startsWith("ftyp");
  }

  @Test
  @SuppressWarnings("unchecked")
  void printsOneJsonObjectPerCommandAndNeverTheKey() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY);
      String base = fake.baseUrl();
      String[] job = {"--image", "product.png", "--prompt", "slow push-in", "--base-url", base, "--verbose"};

      CliRun.Result models = vidgen.runProcess("models", "--json", "--base-url", base, "--verbose");
      CliRun.Result validate = vidgen.runProcess(concat(new String[] {"validate", "--json"}, job));
      CliRun.Result quote = vidgen.runProcess(concat(new String[] {"quote", "--json"}, job));
      CliRun.Result balance = vidgen.runProcess("balance", "--json", "--base-url", base, "--verbose");

      for (CliRun.Result result : List.of(models, validate, quote, balance)) {
        assertThat(result.exitCode()).as(result.all()).isZero();
        assertThat(result.all()).doesNotContain(FakeToApisServer.DEFAULT_KEY)
            .doesNotContain(FakeToApisServer.DEFAULT_KEY.substring(3));
      }
      assertThat((List<Map<String, Object>>) models.json().get("models"))
          .allSatisfy(model -> assertThat(model).containsKeys("id", "modes", "seconds", "aspect_ratios", "price"));
      assertThat(validate.json()).containsEntry("valid", true).containsEntry("violations", List.of());
      assertThat(quote.json()).containsEntry("credits", 20.0).containsEntry("usd", 0.1);
      assertThat(balance.json()).containsKeys("credits", "usd", "used_credits", "unlimited");
    }
  }

  @Test
  void printsHelpAndVersion() {
    CliRun.Result help = CliRun.in(dir).runProcess("--help");
    CliRun.Result generateHelp = CliRun.in(dir).runProcess("generate", "--help");
    CliRun.Result version = CliRun.in(dir).runProcess("--version");

    assertThat(help.exitCode()).isZero();
    assertThat(help.out()).contains("models", "validate", "quote", "generate", "status", "wait", "download", "balance",
        "TOAPIS_API_KEY", "Exit codes");
    assertThat(help.out()).as("a provider's HTTP 402 exits 8 after its create was sent")
        .contains("more than the account has left (no task made)").doesNotContain("(nothing sent), 9");
    assertThat(generateHelp.out()).contains("--model", "--prompt", "--image", "--seconds", "--aspect-ratio",
        "--resolution", "--mode", "--param", "--out", "--no-wait", "--timeout", "--max-credits", "--dry-run", "--json",
        "--provider", "--base-url", "--verbose");
    assertThat(version.out()).startsWith("vidgen ").doesNotContain("unknown");
  }

  @Test
  void theStatusOfATaskWhoseVideoIsSavedSaysWhereInsteadOfAskingForADownload() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString());
      CliRun.Result made = vidgen.run("generate", "--image", "product.png", "--prompt", "slow push-in", "--out",
          "bottle.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "50ms", "--json");
      assertThat(made.exitCode()).as(made.all()).isZero();
      String taskId = (String) made.json().get("task_id");

      CliRun.Result saved = vidgen.run("status", taskId, "--base-url", fake.baseUrl());
      assertThat(saved.exitCode()).as(saved.all()).isZero();
      assertThat(saved.out()).contains("the video is saved at " + dir.resolve("bottle.mp4"));

      assertThat(dir.resolve("bottle.mp4").toFile().delete()).isTrue();
      CliRun.Result gone = vidgen.run("status", taskId, "--base-url", fake.baseUrl());
      assertThat(gone.out()).doesNotContain("the video is saved at").contains("vidgen download " + taskId);
    }
  }

  @Test
  void everyCommandsHelpIsPrintedWithExitZero() {
    for (String command : List.of("models", "validate", "quote", "generate", "status", "wait", "download", "balance",
        "batch", "extend", "remix", "completion", "serve", "history")) {
      CliRun.Result help = CliRun.in(dir).run(command, "--help");

      assertThat(help.exitCode()).as(command + ": " + help.all()).isZero();
      assertThat(help.out()).as(command).contains("Usage: vidgen " + command).contains("--help");
    }
    CliRun.Result mistyped = CliRun.in(dir).run("genrate", "--help");
    assertThat(mistyped.exitCode()).as("a command that does not exist has no help: " + mistyped.all()).isEqualTo(2);
    assertThat(mistyped.err()).contains("'genrate' is not a vidgen command").contains("did you mean generate?");
  }

  @Test
  void theHelpNamesEveryExitCodeTheCommonOptionsAndWhereTheHistoryIsKept() {
    CliRun.Result help = CliRun.in(dir).run("--help");
    CliRun.Result generateHelp = CliRun.in(dir).run("generate", "--help");
    CliRun.Result historyHelp = CliRun.in(dir).run("history", "--help");

    assertThat(help.out()).contains("130 stopped by Ctrl-C, 143 stopped by SIGTERM");
    assertThat(help.out().replaceAll("\\s+", " ")).as("what lives in VIDGEN_HOME")
        .contains("VIDGEN_HOME where vidgen keeps its history and the playground's files; a batch with an SQLite"
            + " journal unpacks SQLite's native library under VIDGEN_HOME/sqlite-native (unless -Dorg.sqlite.tmpdir"
            + " names another folder; docs/batch.md)");
    assertThat(generateHelp.out()).as("a folder and - are allowed too").contains("--out=FILE|FOLDER/|-");
    assertThat(generateHelp.out().replaceAll("\\s+", " ")).contains("The common options (those vidgen --help lists:"
        + " --provider, --base-url, --routes, --json, --verbose, --set and the others) go before or after the command");
    assertThat(historyHelp.out().replaceAll("\\s+", "")).as("picocli may wrap inside the path")
        .contains("KeptinVIDGEN_HOME,else$XDG_DATA_HOME/vidgen,else~/.local/share/vidgen.");
  }

  @Test
  void historyHelpLeavesOutTheOptionsThatOnlyBearOnSendingJobs() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result historyHelp = vidgen.runProcess("history", "--help");
    CliRun.Result generateHelp = vidgen.runProcess("generate", "--help");
    CliRun.Result stillTaken = vidgen.runProcess("history", "--allow-retired", "--no-model-check", "--json");

    assertThat(historyHelp.out()).as(historyHelp.all()).contains("--limit", "--close", "--no-task", "--json")
        .doesNotContain("--allow-retired").doesNotContain("--allow-unknown-prices").doesNotContain("--no-model-check")
        .doesNotContain("--no-blind-resend");
    assertThat(generateHelp.out()).contains("--allow-retired", "--allow-unknown-prices", "--no-model-check",
        "--no-blind-resend");
    assertThat(stillTaken.exitCode()).as("common options still go after any command: " + stillTaken.all()).isZero();
  }

  private static String[] concat(String[] first, String[] second) {
    String[] all = new String[first.length + second.length];
    System.arraycopy(first, 0, all, 0, first.length);
    System.arraycopy(second, 0, all, first.length, second.length);
    return all;
  }
}
