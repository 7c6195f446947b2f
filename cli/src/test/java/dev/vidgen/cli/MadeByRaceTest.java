package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code --made-by} claims on one note at the same time, from two processes: the note's create
 * had one take, so only one of them can be what it made, however the two interleave.
 */
class MadeByRaceTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();
  @TempDir Path elsewhere;

  private CliRun in(Path history) {
    return cli.withoutHome().env("VIDGEN_HOME", history.toString());
  }

  private CliRun.Result generate(Path history, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--image", "product.png", "--prompt",
        "slow push-in", "--no-wait", "--json", "--base-url", fake.baseUrl(), "--retry-delay", "1ms"));
    args.addAll(List.of(more));
    return in(history).run(args.toArray(String[]::new));
  }

  @Test
  void twoClaimsAtOnceOnANoteWithOneTakeLetExactlyOneThrough() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    CliRun.Result unanswered = generate(home);
    assertThat(unanswered.exitCode()).as(unanswered.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    Matcher named = Pattern.compile("unanswered-noref-vg-[0-9a-f-]+").matcher(unanswered.all());
    assertThat(named.find()).as(unanswered.all()).isTrue();
    String name = named.group();
    // A second task of the same model and time, made behind this history's back.
    assertThat(generate(elsewhere).exitCode()).isZero();
    List<String> tasks = fake.taskIds();
    assertThat(tasks).hasSize(2);
    // Each claim's status read is held until both have come: both passed the first check before either records.
    fake.inject(Endpoint.STATUS, Fault.meeting(2, Duration.ofSeconds(30)), 2);

    Process first = claim(tasks.get(0), name, "first");
    Process second = claim(tasks.get(1), name, "second");
    CliRun.Result one = ended(first, "first");
    CliRun.Result other = ended(second, "second");

    List<CliRun.Result> results = List.of(one, other);
    assertThat(results).as(one.all() + "\n---\n" + other.all()).extracting(CliRun.Result::exitCode)
        .containsExactlyInAnyOrder(ExitCodes.DONE, ExitCodes.INVALID_JOB);
    int won = one.exitCode() == ExitCodes.DONE ? 0 : 1;
    String winner = tasks.get(won);
    String loser = tasks.get(1 - won);
    assertThat(results.get(won).err()).contains(name + " is closed: its create made task " + winner);
    assertThat(results.get(1 - won).err()).contains(name + " was found already: its create made task " + winner)
        .doesNotContain("is closed");
    TaskHistory history = TaskHistory.in(home);
    HistoryEntry note = history.find(name).orElseThrow();
    assertThat(note.status()).isEqualTo(HistoryEntry.FOUND);
    assertThat(note.claimed()).containsExactly(winner);
    assertThat(history.find("toapis", winner)).as("paid once, on its own row").isPresent();
    assertThat(history.find("toapis", loser)).as("not priced at the job's price").isEmpty();
    assertThat(fake.requests(Endpoint.STATUS).stream()
        .sorted(java.util.Comparator.comparingLong(dev.vidgen.testkit.toapis.ReceivedRequest::sequence))
        .limit(2).map(read -> read.path().substring(read.path().lastIndexOf('/') + 1)))
        .as("both claims read their task, held until both had come, before either recorded")
        .containsExactlyInAnyOrder(winner, loser);
  }

  private Process claim(String task, String name, String which) throws IOException {
    return in(home).startProcess(dir.resolve(which + ".out"), dir.resolve(which + ".err"), List.of("status", task,
        "--made-by", name, "--base-url", fake.baseUrl(), "--retry-delay", "1ms"));
  }

  private CliRun.Result ended(Process process, String which) throws Exception {
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the " + which + " claim did not end within 90 s");
    }
    return new CliRun.Result(process.exitValue(), Files.readString(dir.resolve(which + ".out"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve(which + ".err"), StandardCharsets.UTF_8));
  }
}
