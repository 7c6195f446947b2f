package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.ApiKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A provider whose error words echo its key in clear ({@link AcmeTestProvider}'s {@code key-echo} and
 * {@code failed-key-echo}): what vidgen keeps on disk (the task history, a batch's journal) holds the key masked, and so
 * does every word a command prints, on stdout and stderr, as text and in {@code --json}.
 */
class EchoedKeyKeptMaskedTest {
  private static final String KEY = "acme-SECRET-key-0123456789";
  private static final String MASKED = "bad key " + ApiKey.of(KEY).masked();
  /** {@link #MASKED} as JSON writes it: ASCII, with \\uXXXX escapes. */
  private static final String MASKED_IN_JSON = MASKED.replace("\u2026", "\\u2026");

  @TempDir Path dir;

  private CliRun acme() {
    return CliRun.in(dir).env("ACME_API_KEY", KEY).env("VIDGEN_HOME", dir.resolve("home").toString());
  }

  @Test
  void aRefusedCreateIsKeptInTheHistoryWithTheKeyMasked() throws IOException {
    CliRun.Result refused = acme().run("generate", "--provider", "acme", "--model", "veo3.1-fast", "--prompt",
        "a kite", "--set", "fail=key-echo", "--out", dir.resolve("k.mp4").toString());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(refused.err()).contains(MASKED).doesNotContain(KEY);
    String history = Files.readString(dir.resolve("home").resolve("history.jsonl"));
    assertThat(history).contains(MASKED).doesNotContain(KEY);
  }

  @Test
  void aBatchKeepsTheRefusalInItsJournalWithTheKeyMasked() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a kite\","
        + " \"model\": \"veo3.1-fast\"}\n");
    CliRun.Result refused = acme().run("batch", jobs.toString(), "--provider", "acme", "--poll-interval", "50ms",
        "--set", "fail=key-echo");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    List<Path> kept = filesUnder(dir);
    assertThat(kept).as("files vidgen wrote").isNotEmpty()
        .allSatisfy(file -> assertThat(bytesOf(file)).as(file.toString()).doesNotContain(KEY));
    assertThat(kept).as("the journal keeps the refusal").anySatisfy(file -> assertThat(bytesOf(file)).contains(MASKED));
  }

  @Test
  void aBatchPrintsTheRefusalWithTheKeyMasked() throws IOException {
    CliRun.Result refused = acme().run("batch", jobs().toString(), "--provider", "acme", "--poll-interval", "50ms",
        "--set", "fail=key-echo");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(refused.out()).as("the summary").contains(MASKED).doesNotContain(KEY);
    assertThat(refused.err()).as("the notes and the last line").contains(MASKED).doesNotContain(KEY);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aBatchsJsonHoldsTheRefusalWithTheKeyMasked() throws IOException {
    CliRun.Result refused = acme().run("batch", jobs().toString(), "--provider", "acme", "--poll-interval", "50ms",
        "--set", "fail=key-echo", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(refused.out()).doesNotContain(KEY);
    assertThat(refused.err()).contains(MASKED).doesNotContain(KEY);
    Map<String, Object> json = (Map<String, Object>) JsonTrees.parse(refused.out());
    assertThat((String) ((Map<String, Object>) json.get("error")).get("message")).contains(MASKED);
    Map<String, Object> job = ((List<Map<String, Object>>) json.get("jobs")).get(0);
    assertThat((String) job.get("reason")).contains(MASKED);
  }

  @ParameterizedTest
  @ValueSource(strings = {"text", "--json"})
  void aBatchShowsATaskFailedWithTheKeyInItsWordsMasked(String mode) throws IOException {
    CliRun.Result failed = acme().run(withMode(mode, "batch", jobs().toString(), "--provider", "acme",
        "--poll-interval", "50ms", "--set", "fail=failed-key-echo"));

    assertThat(failed.exitCode()).as(failed.all()).isNotZero();
    assertThat(failed.all()).contains(mode.equals("text") ? MASKED : MASKED_IN_JSON).doesNotContain(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"status", "wait", "download"})
  void aTaskFailedWithTheKeyInItsWordsIsShownMasked(String command) {
    for (String mode : List.of("text", "--json")) {
      CliRun.Result failed = acme().run(withMode(mode, command, "task_echo", "--provider", "acme",
          "--poll-interval", "50ms", "--set", "fail=failed-key-echo"));

      assertThat(failed.all()).as(mode).contains(mode.equals("text") ? MASKED : MASKED_IN_JSON).doesNotContain(KEY);
    }
  }

  private Path jobs() throws IOException {
    return Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a kite\","
        + " \"model\": \"veo3.1-fast\"}\n");
  }

  /** {@code args}, with {@code --json} last when {@code mode} asks for it. */
  private static String[] withMode(String mode, String... args) {
    return mode.equals("--json") ? Stream.concat(Stream.of(args), Stream.of("--json")).toArray(String[]::new) : args;
  }

  private static List<Path> filesUnder(Path folder) throws IOException {
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(Files::isRegularFile).filter(file -> !file.getFileName().toString().equals("jobs.jsonl"))
          .toList();
    }
  }

  /** The file's bytes read as UTF-8 (a SQLite journal keeps its text so). */
  private static String bytesOf(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
