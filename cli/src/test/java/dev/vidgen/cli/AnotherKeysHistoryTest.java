package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One VIDGEN_HOME shared by two keys (two tenants of a platform, by mistake): what one key's creates left in the
 * history is never judged by the other key's "not found". The fake takes both keys; another account's key, which a
 * provider shows none of the first key's tasks, is played by answering its reads 404.
 */
class AnotherKeysHistoryTest {
  private static final String KEY = "sk-test" + "6".repeat(44);
  private static final String OTHER = "sk-test" + "7".repeat(44);
  private static final String TAG = ApiKey.of(KEY).tag();
  private static final String OTHER_TAG = ApiKey.of(OTHER).tag();

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).server(fake -> fake.apiKeys(KEY, OTHER)).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun withKey(String key) {
    return CliRun.in(cli.dir()).env("TOAPIS_API_KEY", key).env("VIDGEN_HOME", cli.home().toString());
  }

  private CliRun.Result generate(String key, String... more) {
    String[] args = Stream.of(Stream.of("generate", "--image", "product.png", "--prompt", "waves at dusk"),
        Stream.of(more), Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .flatMap(s -> s).toArray(String[]::new);
    return withKey(key).run(args);
  }

  /** A create of KEY's that made its task but got no answer, its look-up failing too: the history's note of it. */
  private String unansweredNoteOfTheFirstKey() {
    fake.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 20);
    CliRun.Result made = generate(KEY, "--model", "seedance-2", "--no-wait");
    assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    assertThat(fake.taskIds()).as("the create made its task").hasSize(1);
    return "unanswered-" + fake.lastCreate().orElseThrow().clientReference().orElseThrow();
  }

  @Test
  void aNoteAnotherKeySentIsLookedUpOnceAndItsNotFoundIsNeverSaidToMeanTheCreateNeverArrived() {
    String note = unansweredNoteOfTheFirstKey();
    fake.inject(Endpoint.STATUS, Fault.status(404), 20); // the other account's key is shown none of its tasks
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result status = withKey(OTHER).run("status", note, "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(status.err()).contains("with another API key (tagged " + TAG + "; this key's tag is " + OTHER_TAG + ")",
        "says nothing of whether that create made a task", "set that key in TOAPIS_API_KEY and run this again")
        .doesNotContain("most likely never arrived").doesNotContain("--no-task");
    assertThat(status.all()).doesNotContain(KEY).doesNotContain(OTHER);
    assertThat(fake.requests(Endpoint.STATUS).size() - readsBefore).as("one look-up: another key's grace says no more")
        .isEqualTo(1);
    assertThat(TaskHistory.in(cli.home()).find(note).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);

    // The key that sent it finds its task at once.
    fake.clearFaults();
    CliRun.Result own = withKey(KEY).run("status", note, "--base-url", fake.baseUrl(), "--retry-delay", "1ms");
    assertThat(own.exitCode()).as(own.all()).isZero();
    assertThat(own.err()).contains("made a task that has since been found: task " + fake.taskIds().get(0));
  }

  @Test
  void aNoteAnotherKeySentIsClosedWithNoTaskOnlyWhenThatKeysAccountWasChecked() {
    String note = unansweredNoteOfTheFirstKey();

    CliRun.Result refused = withKey(OTHER).run("history", "--close", note, "--no-task");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains(note + "'s create was sent with another API key (tagged " + TAG + "; this"
        + " key's tag is " + OTHER_TAG + ")", "this key's dashboard and look-ups say nothing", "nothing was closed",
        "vidgen history --close " + note + " --no-task --other-key-checked");
    assertThat(TaskHistory.in(cli.home()).find(note).orElseThrow().status()).as("nothing changed")
        .isEqualTo(HistoryEntry.UNKNOWN);
    CliRun.Result sameJob = generate(KEY, "--model", "seedance-2", "--no-wait");
    assertThat(sameJob.exitCode()).as("the maker's same job is still held back").isEqualTo(ExitCodes.OTHER);
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);

    CliRun.Result closed = withKey(OTHER).run("history", "--close", note, "--no-task", "--other-key-checked");

    assertThat(closed.exitCode()).as(closed.all()).isZero();
    assertThat(TaskHistory.in(cli.home()).find(note).orElseThrow().status()).isEqualTo(HistoryEntry.CLOSED);
  }

  @Test
  void theSameJobAnotherKeyMadeIsNotAdvisedToBeFollowedAsIfThisKeyCouldReadIt() {
    CliRun.Result first = generate(KEY, "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    String task = (String) first.json().get("task_id");

    CliRun.Result again = generate(OTHER, "--no-wait");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("as task " + task, "with another API key (tagged " + TAG + "; this key's tag is "
            + OTHER_TAG + ")", "nothing was sent — if that key is a key made anew for this key's account, follow that"
            + " one with: vidgen wait " + task, "if it is another account's, that take is that account's, not this"
            + " one's, and this account has no take of the job yet; or add --again")
        .doesNotContain("nothing was sent — follow that one with");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once").hasSize(1);
  }

  @Test
  void aWaitForATaskAnotherKeyMadeSaysSoAtItsFirstNotFound() {
    CliRun.Result first = generate(KEY, "--no-wait", "--json");
    String task = (String) first.json().get("task_id");
    fake.inject(Endpoint.STATUS, Fault.status(404), 20);
    int readsBefore = fake.requests(Endpoint.STATUS).size();

    CliRun.Result waited = withKey(OTHER).run("wait", task, "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.requests(Endpoint.STATUS).size() - readsBefore).as("one read, not the minute's grace")
        .isEqualTo(1);
    String told = "task " + task + " was made with another API key (tagged " + TAG;
    assertThat(waited.err()).contains(told, "set it in TOAPIS_API_KEY and run this again");
    assertThat(waited.err().split(java.util.regex.Pattern.quote(told), -1)).as("said once").hasSize(2);
  }

  @Test
  void aTaskNotFoundWithAKeyNamesAnotherAccountsKeyAmongTheCauses() {
    CliRun.Result status = CliRun.in(cli.dir()).env("TOAPIS_API_KEY", OTHER)
        .run("status", "video_madeelsewhere", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(status.err()).contains("check the task id and the provider (results are kept 24 hours), or whether the"
        + " task was made with another account's key, which alone can read it");
  }
}
