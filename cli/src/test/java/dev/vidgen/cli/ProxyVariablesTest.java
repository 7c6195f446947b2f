package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS_PROXY and the like as a corporate user sets them: used for the API, a proxy's 407 told as the proxy's (not
 * the base URL's) and not tried again, and the proxy's password never shown. The proxy is a MockWebServer on
 * loopback; the API's name is one only a proxy would resolve.
 */
class ProxyVariablesTest {
  private static final String KEY = "sk-proxyvars0123456789abcdefghijklmnopqrstuvwxyz";

  @TempDir
  Path dir;

  private final MockWebServer proxy = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    proxy.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    proxy.close();
  }

  /** The proxy's next request, failing the test when none came within seconds. */
  private RecordedRequest taken() throws InterruptedException {
    RecordedRequest request = proxy.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the proxy").isNotNull();
    return request;
  }

  @Test
  void aProxyThatRefusesTheUserAndPasswordOfHttpsProxyIsToldAsTheProxysAndNotTriedAgain() throws Exception {
    for (int i = 0; i < 8; i++) {
      proxy.enqueue(new MockResponse.Builder().code(407).inTunnel().build());
    }
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .env("https_proxy", "http://corp:hunter2@127.0.0.1:" + proxy.getPort())
        .run("balance", "--verbose", "--base-url", "https://api.toapis.test");

    RecordedRequest connect = taken();
    assertThat(connect.getMethod()).isEqualTo("CONNECT");
    assertThat(connect.getHeaders().get("Proxy-Authorization")).as("sent as Basic").startsWith("Basic ");
    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all())
        .contains("https proxy http://127.0.0.1:" + proxy.getPort() + " (with a user name and password) (https_proxy)")
        .contains("the proxy at 127.0.0.1:" + proxy.getPort() + " refused the connection with HTTP 407")
        .contains("give the proxy a user name and password it takes")
        .doesNotContain("hunter2").doesNotContain("that base URL").doesNotContain("still failing after");
    assertThat(proxy.getRequestCount()).as("each call asked once, not four times").isLessThanOrEqualTo(2);
  }

  @Test
  void verboseNamesJavasProxyWhenItWinsOverHttpsProxyAndSaysTheVariableIsNotUsed() throws Exception {
    for (int i = 0; i < 8; i++) {
      proxy.enqueue(new MockResponse.Builder().code(407).inTunnel().build());
    }
    try (MockWebServer unused = new MockWebServer()) {
      unused.start(InetAddress.getByName("127.0.0.1"), 0);
      System.setProperty("https.proxyHost", "127.0.0.1");
      System.setProperty("https.proxyPort", Integer.toString(proxy.getPort()));
      CliRun.Result result;
      try {
        result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
            .env("HTTPS_PROXY", "http://127.0.0.1:" + unused.getPort())
            .run("balance", "--verbose", "--base-url", "https://api.toapis.test");
      } finally {
        System.clearProperty("https.proxyHost");
        System.clearProperty("https.proxyPort");
      }

      assertThat(taken().getMethod()).as("Java's proxy is the one used").isEqualTo("CONNECT");
      assertThat(unused.getRequestCount()).as("HTTPS_PROXY's proxy is not used").isZero();
      assertThat(result.err()).as(result.all())
          .contains("https proxy 127.0.0.1:" + proxy.getPort() + " (Java's https.proxyHost setting, which wins over"
              + " HTTPS_PROXY: its proxy http://127.0.0.1:" + unused.getPort() + " is not used)")
          .contains("the proxy at 127.0.0.1:" + proxy.getPort() + " refused the connection with HTTP 407")
          .doesNotContain("https proxy http://127.0.0.1:" + unused.getPort() + " (HTTPS_PROXY)");
    }
  }

  @Test
  void verboseSaysWhenHttpsProxyIsNotUsedForTheBaseUrlBecauseNoProxyNamesIt() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .env("HTTPS_PROXY", "http://127.0.0.1:" + proxy.getPort()).env("NO_PROXY", ".toapis.test")
        .run("generate", "--prompt", "p", "--dry-run", "--verbose", "--base-url", "https://api.toapis.test");

    assertThat(result.err()).as(result.all())
        .contains("https proxy http://127.0.0.1:" + proxy.getPort() + " (HTTPS_PROXY), but not for the base URL:"
            + " NO_PROXY names its host")
        .contains("no proxy for .toapis.test (NO_PROXY)");
    assertThat(proxy.getRequestCount()).isZero();
  }

  @Test
  void aMalformedProxyVariableIsNamedWithoutShowingItsText() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .env("HTTPS_PROXY", "socks5://corp:hunter2@127.0.0.1:" + proxy.getPort())
        .run("balance", "--base-url", "https://api.toapis.test");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all())
        .contains("HTTPS_PROXY is not a proxy address such as http://proxy.example.com:3128")
        .contains("fix HTTPS_PROXY, or unset it").doesNotContain("hunter2");
    assertThat(proxy.getRequestCount()).isZero();
  }
}
