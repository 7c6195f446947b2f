package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An app that submits through {@link TaskHistory#submitOnce} on the command line's data folder: a {@code vidgen
 * generate} of the same job started while the app's create still has no answer is refused, nothing sent, as a run
 * after another run's unanswered create is.
 */
class AppAndGenerateShareOneHistoryTest {
  private static final String KEY = "sk-test" + "6".repeat(44);
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String IMAGE = "https://example.com/x.png";
  private static final String PROMPT = "history race y1";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aGenerateOfTheJobWhoseCreateAnAppIsStillSendingIsRefusedAndOneTaskIsPaid() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(20)), 1); // the app's create: answered 20 s later
    VideoJob job = VideoJob.builder(MODEL).prompt(PROMPT).image(IMAGE).seconds(10).build();
    ExecutorService app = Executors.newSingleThreadExecutor();
    try (VidgenClient client = VidgenClient.builder().provider("toapis", ProviderConfig.builder()
        .apiKey(ApiKey.of(KEY)).baseUrl(fake.baseUrl()).build()).build()) {
      Future<JobHandle> submitted = app.submit(() -> TaskHistory.in(cli.home()).submitOnce(client, job, "my-app"));
      await().atMost(Duration.ofSeconds(15)).until(() -> fake.creates().size() == 1);

      CliRun.Result generate = cli.vidgen().run("generate", "--model", MODEL, "--image", IMAGE, "--prompt", PROMPT,
          "--seconds", "10", "--no-wait", "--json", "--base-url", fake.baseUrl(), "--max-credits", "40");
      JobHandle made = submitted.get(60, TimeUnit.SECONDS);

      assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(generate.out()).contains("\"kind\":\"same_job\"");
      assertThat(generate.all()).as("refused by the app's note of its create").contains("unanswered-noref-vg-");
      assertThat(fake.creates()).as("one paid task").hasSize(1);
      assertThat(TaskHistory.in(cli.home()).find(made.taskId().value())).map(entry -> entry.source())
          .contains("my-app");
    } finally {
      app.shutdownNow();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAppsTaskKeepsItsServerSoTheSameJobOnAnotherServerIsNotRefusedAndOnItsOwnIsWithoutOlderVidgenWords() {
    VideoJob job = VideoJob.builder(MODEL).prompt(PROMPT).image(IMAGE).seconds(10).build();
    String staging = fake.baseUrl();
    JobHandle made;
    try (VidgenClient client = VidgenClient.builder().provider("toapis", ProviderConfig.builder()
        .apiKey(ApiKey.of(KEY)).baseUrl(staging).build()).build()) {
      made = TaskHistory.in(cli.home()).submitOnce(client, job, "app-1");
    }

    Map<String, Object> task = ((List<Map<String, Object>>) cli.vidgen().run("history", "--json").json().get("tasks"))
        .stream().filter(entry -> made.taskId().value().equals(entry.get("task_id"))).findFirst().orElseThrow();
    assertThat(task).as("kept as the command line keeps its own").containsEntry("base_url", staging)
        .containsEntry("key_tag", ApiKey.of(KEY).tag()).containsEntry("source", "app-1");

    String[] sameJob = {"generate", "--model", MODEL, "--image", IMAGE, "--prompt", PROMPT, "--seconds", "10",
        "--no-wait", "--json", "--max-credits", "40", "--base-url"};
    CliRun.Result here = cli.vidgen().run(Stream.concat(Stream.of(sameJob), Stream.of(staging)).toArray(String[]::new));
    assertThat(here.exitCode()).as(here.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(here.err()).contains("the same job was submitted").doesNotContain("older vidgen", "on any server");
    assertThat(fake.creates()).as("refused on the server the app used").hasSize(1);

    try (FakeToApisServer production = FakeToApisServer.builder().apiKeys(KEY).start()) {
      CliRun.Result elsewhere = cli.vidgen().run(Stream.concat(Stream.of(sameJob), Stream.of(production.baseUrl()))
          .toArray(String[]::new));
      assertThat(elsewhere.exitCode()).as("the app's take on another server is another job: " + elsewhere.all())
          .isZero();
      assertThat(production.creates()).hasSize(1);
    }
  }

  @Test
  void theSameJobAsAnAppsTaskKeptWithoutItsServerNamesTheAppAndWhatItLeftOutNotAnOlderVidgen() {
    // As submitOnce records a task when the app's client was given a provider already made: no base URL, no key's tag.
    VideoJob job = VideoJob.builder(MODEL).prompt(PROMPT).image(IMAGE).seconds(10).build();
    Instant at = Instant.now().minusSeconds(60);
    TaskHistory.in(cli.home()).record(new HistoryEntry("video_app_1", "toapis", MODEL, "queued", null, null, null, at,
        at, null, null, HistoryEntry.settingsOf(job), null, "app-1"));

    CliRun.Result generate = cli.vidgen().run("generate", "--model", MODEL, "--image", IMAGE, "--prompt", PROMPT,
        "--seconds", "10", "--no-wait", "--json", "--base-url", fake.baseUrl(), "--max-credits", "40");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(generate.err()).contains("that take was recorded by app-1 without its server or its key's tag, which"
        + " its client did not give (no base URL or API key in its provider's configuration), so it counts as a take on"
        + " any server")
        .doesNotContain("older vidgen");
    assertThat(fake.creates()).as("nothing sent").isEmpty();
  }
}
