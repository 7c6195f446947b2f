package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A route file that prices a model 0 is told where the routes are read, once a run, by every command that prices
 * jobs; the line before a create says the 0 is the file's; and a key with nothing left is not sent a job priced 0,
 * as it is not sent one of unknown price (exit 8, no create). A route file in YAML is told that route files are JSON.
 */
class ZeroPriceCommandTest {
  private static final String KEY = "sk-test" + "6".repeat(44);
  private static final String ZERO_ROUTE = """
      {"routes": [{"id": "nova-video-2", "modes": {"text-to-video": {}},
        "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_second_usd": "0"}}]}
      """;
  private static final String WARNING = "r-zero.json) is priced 0 per second: every job on it counts as free against"
      + " the budget (--max-credits) and the balance, and the provider documents no free video model";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).server(fake -> fake.videoModels(listed())).start();
  private final FakeToApisServer fake = cli.fake();

  private static Set<String> listed() {
    Set<String> models = new HashSet<>(RouteCatalog.builtIn().ids());
    models.add("nova-video-2");
    return models;
  }

  private void writeRoutes() throws IOException {
    Files.writeString(cli.dir().resolve("r-zero.json"), ZERO_ROUTE);
  }

  private static int times(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void modelsQuoteAndValidateWarnOnceOfTheZeroNamingTheFileAndTheRoute() throws IOException {
    writeRoutes();

    CliRun.Result models = cli.vidgen().run("models", "--routes", "r-zero.json", "--base-url", fake.baseUrl());
    CliRun.Result quote = cli.vidgen().run("quote", "--routes", "r-zero.json", "--model", "nova-video-2", "--prompt",
        "a fox", "--seconds", "10", "--base-url", fake.baseUrl());
    CliRun.Result validate = cli.vidgen().run("validate", "--routes", "r-zero.json", "--model", "nova-video-2",
        "--prompt", "a fox", "--seconds", "10", "--base-url", fake.baseUrl());

    for (CliRun.Result result : new CliRun.Result[] {models, quote, validate}) {
      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(times(result.err(), WARNING)).as(result.all()).isOne();
      assertThat(result.err()).contains("warning: the route nova-video-2 (");
    }
    assertThat(quote.all()).contains("the price of 0 is set by ", "r-zero.json, so this job counts as free");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void generateUnderMaxCreditsSendsAtZeroSayingTheZeroIsTheFiles() throws IOException {
    writeRoutes();

    CliRun.Result sent = cli.vidgen().run("generate", "--routes", "r-zero.json", "--model", "nova-video-2",
        "--prompt", "zero price take 1", "--seconds", "10", "--max-credits", "1", "--out", "z1.mp4",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(times(sent.err(), WARNING)).as(sent.all()).isOne();
    assertThat(sent.err()).containsPattern("sending: nova-video-2 \\(text-to-video\\), 0 credits \\(\\$0\\.00\\)"
        + " \\([^)]*the price of 0 is set by [^)]*r-zero\\.json, so this job counts as free against the budget"
        + " and the balance\\)");
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void withTheKeyAtZeroAJobPricedZeroIsRefusedWithExit8AndNothingSent() throws IOException {
    writeRoutes();
    fake.balance(BigDecimal.ZERO, false);

    CliRun.Result refused = cli.vidgen().run("generate", "--routes", "r-zero.json", "--model", "nova-video-2",
        "--prompt", "broke key zero 1", "--seconds", "5", "--out", "z3.mp4", "--base-url", fake.baseUrl());
    CliRun.Result dryRun = cli.vidgen().run("generate", "--routes", "r-zero.json", "--model", "nova-video-2",
        "--prompt", "broke key zero 2", "--seconds", "5", "--dry-run", "--base-url", fake.baseUrl());

    for (CliRun.Result result : new CliRun.Result[] {refused, dryRun}) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OVER_BUDGET);
      assertThat(result.err()).contains("nova-video-2 is priced 0 (", "has 0 credits left", "nothing was sent");
    }
    assertThat(fake.creates()).as("nothing paid for").isEmpty();
  }

  @Test
  void aBatchWarnsOnceForTheRunNotOncePerLine() throws IOException {
    writeRoutes();
    Files.writeString(cli.dir().resolve("jobs.jsonl"),
        "{\"id\": \"a\", \"model\": \"nova-video-2\", \"prompt\": \"fox one\", \"seconds\": 5}\n"
            + "{\"id\": \"b\", \"model\": \"nova-video-2\", \"prompt\": \"fox two\", \"seconds\": 5}\n");

    CliRun.Result batch = cli.vidgen().run("batch", "jobs.jsonl", "--routes", "r-zero.json", "--max-credits", "1",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(batch.exitCode()).as(batch.all()).isZero();
    assertThat(times(batch.err(), WARNING)).as(batch.all()).isOne();
    assertThat(fake.creates()).hasSize(2);
  }

  @Test
  @Timeout(60)
  void serveWarnsOfTheZeroAsItStarts() throws Exception {
    writeRoutes();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", cli.home().toString(), "TOAPIS_API_KEY", KEY,
        "TOAPIS_BASE_URL", fake.baseUrl()), new PrintWriter(out, true), new PrintWriter(err, true), () -> false,
        cli.dir());
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = new Thread(() -> exit.set(Main.run(context, "serve", "--port", "0", "--routes", "r-zero.json")),
        "vidgen-serve-under-test");
    server.start();
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> out.toString().contains("vidgen playground on "));
    } finally {
      server.interrupt();
      server.join(20_000);
    }

    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(times(err.toString(), WARNING)).as(err.toString()).isOne();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aYamlRouteFileIsToldRouteFilesAreJsonNotInTheJsonReadersWords() throws IOException {
    Files.writeString(cli.dir().resolve("r2.yml"), "patch:\n  seedance-2:\n    price: {per_second_usd: \"0.04\"}\n");

    CliRun.Result refused = cli.vidgen().run("models", "--routes", "r2.yml", "--base-url", fake.baseUrl());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("r2.yml: not valid JSON: route files are JSON, one object such as"
        + " {\"routes\": [...]} or {\"patch\": {...}}, and YAML is not read (this file's name ends in .yml)",
        "line 1, column 1").doesNotContain("malformed JSON at path");
  }
}
