package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command that pays for videos under a file-size limit ({@code ulimit -f}) below the largest video warns of it
 * once before anything is sent, its dry run too, and lists the warning in its JSON's {@code warnings}.
 */
@EnabledOnOs(OS.LINUX)
class FileSizeLimitWarningsTest {
  private static final String KEY = "sk-test" + "9".repeat(44);
  /** A limit of 4096 blocks of 1 KB (bash's): the fake's videos, the history and a batch's journal fit under it. */
  private static final int BLOCKS = 4096;
  private static final String MESSAGE = "this shell's file-size limit (ulimit -f) lets vidgen write files of at most"
      + " 4.0 MB, so a video larger than that is paid for but not saved; to save larger videos, run it from a shell"
      + " whose ulimit -f is unlimited";
  private static final String LINE = "vidgen: warning: " + MESSAGE;
  private static final Map<String, Object> LISTED = Map.of("code", "output.file_size_limit", "message", MESSAGE);

  @TempDir Path dir;

  @Test
  void extendAndRemixWarnOnceBeforeTheCreateAndTheirDryRunsToo() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      String source = madeBefore(fake);

      Finished extend = underTheLimit(fake, "extend", source, "--prompt", "higher", "--out", "extended.mp4",
          "--poll-interval", "20ms", "--json");
      Finished remix = underTheLimit(fake, "remix", source, "--prompt", "at night", "--dry-run", "--json");

      assertThat(extend.exit()).as(extend.all()).isZero();
      assertThat(count(extend.err(), LINE)).as(extend.all()).isEqualTo(1);
      String made = fake.taskIds().get(1);
      assertThat(extend.err().indexOf(LINE)).as("before the create: " + extend.err())
          .isLessThan(extend.err().indexOf(made));
      assertThat(extend.warnings()).as(extend.all()).containsOnlyOnce(LISTED);
      assertThat(remix.exit()).as(remix.all()).isZero();
      assertThat(count(remix.err(), LINE)).as(remix.all()).isEqualTo(1);
      assertThat(remix.warnings()).as(remix.all()).containsOnlyOnce(LISTED);
      assertThat(fake.requests(Endpoint.REMIX)).as("the dry run sends nothing").isEmpty();
    }
  }

  @Test
  void aBatchWarnsOnceBeforeItsFirstCreateNotPerJobAndItsDryRunToo() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      Images.png(640, 360).writeTo(dir.resolve("still.png"));
      Files.write(dir.resolve("jobs.jsonl"), List.of(
          "{\"id\": \"s1\", \"prompt\": \"shot 1\", \"images\": [\"still.png\"], \"seconds\": 10}",
          "{\"id\": \"s2\", \"prompt\": \"shot 2\", \"images\": [\"still.png\"], \"seconds\": 10}"));

      Finished dryRun = underTheLimit(fake, "batch", "jobs.jsonl", "--dry-run", "--json");
      assertThat(fake.taskIds()).as("the dry run sends nothing").isEmpty();
      Finished run = underTheLimit(fake, "batch", "jobs.jsonl", "--poll-interval", "20ms", "--json");

      assertThat(dryRun.exit()).as(dryRun.all()).isZero();
      assertThat(count(dryRun.err(), LINE)).as(dryRun.all()).isEqualTo(1);
      assertThat(dryRun.warnings()).as(dryRun.all()).containsOnlyOnce(LISTED);
      assertThat(run.exit()).as(run.all()).isZero();
      assertThat(fake.taskIds()).hasSize(2);
      assertThat(count(run.err(), LINE)).as("once for the batch, not per job: " + run.all()).isEqualTo(1);
      assertThat(run.err().indexOf(LINE)).as("before the run starts sending: " + run.err())
          .isLessThan(run.err().indexOf("vidgen: journal: "));
      assertThat(run.warnings()).as(run.all()).containsOnlyOnce(LISTED);
    }
  }

  @Test
  void generateListsTheWarningInItsJsonAndItsDryRunSaysItToo() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      Images.png(640, 360).writeTo(dir.resolve("product.png"));

      Finished dryRun = underTheLimit(fake, "generate", "--image", "product.png", "--prompt", "p", "--dry-run",
          "--json");
      Finished run = underTheLimit(fake, "generate", "--image", "product.png", "--prompt", "p", "--out", "clip.mp4",
          "--poll-interval", "20ms", "--json");

      assertThat(run.exit()).as(run.all()).isZero();
      assertThat(count(run.err(), LINE)).as(run.all()).isEqualTo(1);
      assertThat(run.warnings()).as(run.all()).containsOnlyOnce(LISTED);
      assertThat(dryRun.exit()).as(dryRun.all()).isZero();
      assertThat(count(dryRun.err(), LINE)).as(dryRun.all()).isEqualTo(1);
      assertThat(dryRun.warnings()).as(dryRun.all()).containsOnlyOnce(LISTED);
    }
  }

  /** A completed task of the fake, made by this machine without a file-size limit. */
  private String madeBefore(FakeToApisServer fake) {
    CliRun.Result made = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home().toString())
        .run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises", "--out", "source.mp4",
            "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  private Path home() {
    return dir.resolve("home");
  }

  private static int count(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  /** What a run under the limit printed and returned. */
  private record Finished(int exit, String out, String err) {
    /** The {@code warnings} of the JSON object on stdout. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> warnings() {
      Object warnings = new CliRun.Result(exit, out, err).json().get("warnings");
      return warnings == null ? List.of() : (List<Map<String, Object>>) warnings;
    }

    String all() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  /**
   * Runs {@code vidgen ARGS} on the fake in a bash whose file-size limit is {@link #BLOCKS} KB, stdout and stderr
   * going to files (a few lines, under the limit).
   */
  private Finished underTheLimit(FakeToApisServer fake, String... args) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of("/bin/bash", "-c", "ulimit -f " + BLOCKS + " && exec \"$@\"",
        "bash", java.toString(), "-cp", System.getProperty("java.class.path"), "-XX:-UsePerfData",
        "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main"));
    command.addAll(List.of(args));
    command.addAll(List.of("--base-url", fake.baseUrl()));
    Path out = Files.createTempFile(dir, "stdout", ".txt");
    Path err = Files.createTempFile(dir, "stderr", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("TOAPIS_API_KEY", KEY);
    builder.environment().put("VIDGEN_HOME", Files.createDirectories(home()).toString());
    Process process = builder.start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String said = Files.readString(err, StandardCharsets.UTF_8);
    assertThat(ended).as("vidgen " + String.join(" ", args) + " ended within 60 s: " + said).isTrue();
    return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), said);
  }
}
