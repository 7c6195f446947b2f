package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The playground's balance reads only inform, as the command line's free reads: one that does not answer is given up
 * after 20 s, not the client's minute, and said without the Java builder's setting.
 */
class ServeFreeBalanceTest {
  private static final Pattern URL = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)");

  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  @Timeout(90)
  void aBalanceThatDoesNotAnswerIsGivenUpAfter20sInWordsForThePage() throws Exception {
    cli.fake().inject(Endpoint.BALANCE, Fault.stall());
    cli.fake().inject(Endpoint.USER_BALANCE, Fault.stall());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = serve(out, err, exit);
    HttpResponse<String> balance;
    try {
      String url = await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()), found -> found != null);
      // The client's own minute would outlast this: the page is answered within the free read's 20 s.
      balance = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "api/balance"))
          .header(PrintedToken.HEADER, PrintedToken.in(out.toString()))
          .timeout(Duration.ofSeconds(45)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(exit.get()).as(err.toString()).isZero();
    assertThat(balance.statusCode()).as(balance.body()).isEqualTo(502);
    assertThat(balance.body()).contains("no answer within 20 s").doesNotContain("VidgenClient.Builder");
  }

  @Test
  @Timeout(90)
  void theStartLineNamesTheServerEveryGenerateSpendsOn() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    AtomicInteger exit = new AtomicInteger(-1);
    Thread server = serve(out, err, exit);
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> urlIn(out.toString()) != null);
    } finally {
      server.interrupt();
      server.join(20_000);
    }
    assertThat(out.toString()).as(err.toString())
        .contains("(provider toapis at " + cli.fake().baseUrl().replaceAll("/+$", ""));
    assertThat(err.toString() + out).doesNotContain(FakeToApisServer.DEFAULT_KEY);
  }

  /** {@code vidgen serve --port 0} on the fake with its key, started on a thread of its own. */
  private Thread serve(StringWriter out, StringWriter err, AtomicInteger exit) {
    CliContext context = new CliContext(Map.of("VIDGEN_HOME", cli.home().toString(),
        "TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY, "TOAPIS_BASE_URL", cli.fake().baseUrl()),
        new PrintWriter(out, true), new PrintWriter(err, true), () -> false, cli.dir());
    Thread server = new Thread(() -> exit.set(Main.run(context, "serve", "--port", "0")), "vidgen-serve-under-test");
    server.start();
    return server;
  }

  private static String urlIn(String text) {
    Matcher match = URL.matcher(text);
    return match.find() ? match.group(1) : null;
  }
}
