package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.ProviderConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy settings the CLI fills from HTTPS_PROXY, HTTP_PROXY and NO_PROXY, and a proxy that wants a user name and
 * password (407). A MockWebServer on loopback plays the proxy; the API and result hosts are names only it would
 * resolve, so nothing leaves this machine.
 */
class ProxyEnvironmentTest {
  private static final String KEY = "sk-proxyenv0123456789abcdefghijklmnopqrstuvwxyz";
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
  void anHttpsProxySettingCarriesApiCallsAndItsUserAndPasswordGoAsBasicOnTheConnect() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).inTunnel().build());
    try (ToApisVideoProvider provider = provider("http://corp:s%40cret@127.0.0.1:" + proxy.getPort())) {
      Throwable refused = failure(provider.balance());

      RecordedRequest connect = taken();
      assertThat(connect.getMethod()).isEqualTo("CONNECT");
      assertThat(connect.getTarget()).isEqualTo("api.toapis.test:443");
      assertThat(connect.getHeaders().get("Proxy-Authorization"))
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("corp:s@cret".getBytes()));
      assertThat(connect.getHeaders().get("Authorization")).as("the key never goes to the proxy").isNull();
      assertThat(refused).isInstanceOfSatisfying(ProviderException.class, problem -> {
        assertThat(problem.kind()).isEqualTo(FailureKind.REJECTED);
        assertThat(problem.providerCode()).hasValue(ProviderErrorDetails.PROXY_AUTHENTICATION);
      });
      assertThat(refused.getMessage())
          .contains("the proxy at 127.0.0.1:" + proxy.getPort() + " refused the connection with HTTP 407")
          .contains("it refused the user name corp and its password (from the proxy's address)")
          .contains("nothing reached the provider")
          .doesNotContain("s@cret").doesNotContain("s%40cret").doesNotContain("base URL");
      assertThat(proxy.getRequestCount()).as("a 407 is not tried again").isEqualTo(1);
    }
  }

  @Test
  void aProxyAskingForCredentialsWhenNoneAreGivenIsToldAsTheProxysAndHowToGiveThem() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"")
        .inTunnel().build());
    try (ToApisVideoProvider provider = provider("http://127.0.0.1:" + proxy.getPort())) {
      Throwable refused = failure(provider.balance());

      assertThat(taken().getHeaders().get("Proxy-Authorization")).isNull();
      assertThat(refused.getMessage())
          .contains("the proxy at 127.0.0.1:" + proxy.getPort() + " refused the connection with HTTP 407"
              + " (Proxy Authentication Required): it wants a user name and password and none was given")
          .contains("http://USER:PASSWORD@HOST:PORT, in HTTPS_PROXY").contains("-Dhttps.proxyUser=USER");
      assertThat(proxy.getRequestCount()).isEqualTo(1);
    }
  }

  @Test
  void aResultLinkOverPlainHttpGoesThroughTheHttpProxyWhichGetsItsPasswordAfterA407() throws Exception {
    proxy.enqueue(new MockResponse.Builder().code(407).addHeader("Proxy-Authenticate", "Basic realm=\"corp\"").build());
    proxy.enqueue(new MockResponse.Builder().body("the video").build());
    ToApisConfig config = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY)
        .set(ProviderConfig.BASE_URL, "https://api.toapis.test")
        .set(ToApisConfig.HTTP_PROXY, "http://corp:s3cret@127.0.0.1:" + proxy.getPort()).build());
    try (ToApisVideoProvider provider = new ToApisVideoProvider(config.toBuilder()
        .connectTimeout(Duration.ofSeconds(2)).build())) {
      try (InputStream video = await(provider.open(new VideoAsset(URI.create("http://files.toapis.test/a.mp4"), "mp4",
          null)))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      RecordedRequest first = taken();
      RecordedRequest second = taken();
      assertThat(first.getTarget()).isEqualTo("http://files.toapis.test/a.mp4");
      assertThat(first.getHeaders().get("Proxy-Authorization")).isNull();
      assertThat(second.getHeaders().get("Proxy-Authorization"))
          .isEqualTo("Basic " + Base64.getEncoder().encodeToString("corp:s3cret".getBytes()));
    }
  }

  @Test
  void loopbackNoProxyAndJavasOwnPropertiesDecideWhichProxyAUrlTakes() {
    ToApisProxy https = ToApisProxy.parse("http://proxy.corp.test:3128", "HTTPS_PROXY");
    ToApisProxy http = ToApisProxy.parse("proxy.corp.test:8080", "HTTP_PROXY");
    Proxy javas = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("java.corp.test", 9));
    ProxySelector fallback = new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return List.of(javas);
      }

      @Override
      public void connectFailed(URI uri, SocketAddress address, IOException failure) {}
    };
    ProxyRoutes variables = new ProxyRoutes(https, http, ".corp.test, intranet, 10.1.2.3, files.toapis.test:8443",
        fallback, Map.<String, String>of()::get);

    assertThat(address(variables, "https://toapis.com/v1/balance")).isEqualTo("proxy.corp.test:3128");
    assertThat(address(variables, "http://files.toapis.com/a.mp4")).isEqualTo("proxy.corp.test:8080");
    for (String direct : List.of("https://localhost:8443/", "https://LocalHost./", "https://video.localhost/",
        "https://127.0.0.2/", "https://[::1]:8443/", "https://api.corp.test/", "https://intranet/",
        "https://10.1.2.3/", "https://files.toapis.test:8443/")) {
      assertThat(variables.select(URI.create(direct))).as(direct).containsExactly(Proxy.NO_PROXY);
    }
    assertThat(address(variables, "https://files.toapis.test/")).as("another port").isEqualTo("proxy.corp.test:3128");
    assertThat(address(variables, "https://notcorp.test/")).isEqualTo("proxy.corp.test:3128");

    ProxyRoutes javaSet = new ProxyRoutes(https, http, "", fallback,
        Map.of("https.proxyHost", "java.corp.test")::get);
    assertThat(address(javaSet, "https://toapis.com/")).as("Java's https.proxyHost wins").isEqualTo("java.corp.test:9");
    assertThat(address(javaSet, "http://files.toapis.com/")).as("https.proxyHost is for https only")
        .isEqualTo("proxy.corp.test:8080");
    assertThat(javaSet.select(URI.create("https://localhost/"))).containsExactly(Proxy.NO_PROXY);
    assertThat(javaSet.use(URI.create("https://toapis.com/"))).as("told as it is routed")
        .isEqualTo(new ProxyUse(ProxyUse.Decided.JAVA, "java.corp.test:9", "https.proxyHost"));
    assertThat(variables.use(URI.create("https://toapis.com/")))
        .isEqualTo(new ProxyUse(ProxyUse.Decided.CONFIGURED, "proxy.corp.test:3128", null));
    assertThat(variables.use(URI.create("https://api.corp.test/")))
        .isEqualTo(new ProxyUse(ProxyUse.Decided.NO_PROXY, null, null));
    assertThat(variables.use(URI.create("https://localhost/")))
        .isEqualTo(new ProxyUse(ProxyUse.Decided.LOOPBACK, null, null));
    assertThat(new ProxyRoutes(https, http, "*", fallback, Map.<String, String>of()::get)
        .select(URI.create("https://toapis.com/"))).containsExactly(Proxy.NO_PROXY);
  }

  @Test
  void aProxyAddressIsReadAsCurlReadsItAndAMalformedOneIsNamedWithoutItsText() {
    ToApisProxy parsed = ToApisProxy.parse(" http://me%40corp:p%3As+w%2Fd@proxy.corp.test:3128/ ", "HTTPS_PROXY");
    assertThat(parsed.address()).isEqualTo("proxy.corp.test:3128");
    assertThat(parsed.user()).hasValue("me@corp");
    assertThat(parsed.password()).isEqualTo("p:s+w/d");
    assertThat(parsed.toString()).isEqualTo("http://proxy.corp.test:3128 (with a user name and password)");
    assertThat(ToApisProxy.parse("proxy.corp.test", "HTTPS_PROXY").address()).isEqualTo("proxy.corp.test:1080");

    for (String bad : List.of("socks5://me:hunter2@proxy:1080", "http://me:hunter2@proxy:99999", "http://me:hunter2@:80",
        "https://me:hunter2@proxy:443")) {
      assertThatThrownBy(() -> ToApisProxy.parse(bad, "HTTPS_PROXY")).as(bad)
          .isInstanceOf(ProviderConfigurationException.class)
          .hasMessageStartingWith("HTTPS_PROXY is not a proxy address such as http://proxy.example.com:3128")
          .hasMessageNotContaining("hunter2");
    }
    ToApisConfig config = ToApisConfig.builder().apiKey(KEY).baseUrl("https://api.toapis.test")
        .httpsProxy(ToApisProxy.parse("http://me:hunter2@proxy.corp.test:3128", "HTTPS_PROXY")).build();
    assertThat(config.toString()).contains("https proxy http://proxy.corp.test:3128").doesNotContain("hunter2");
    assertThat(ProviderConfig.builder().set(ToApisConfig.HTTPS_PROXY, "http://me:hunter2@proxy.corp.test:3128").build()
        .toString()).doesNotContain("hunter2");
  }

  private ToApisVideoProvider provider(String httpsProxy) {
    ToApisConfig config = ToApisConfig.from(ProviderConfig.builder().apiKey(KEY)
        .set(ProviderConfig.BASE_URL, "https://api.toapis.test")
        .set(ToApisConfig.HTTPS_PROXY, httpsProxy).set(ToApisConfig.CONNECT_TIMEOUT, "2s").build());
    return new ToApisVideoProvider(config);
  }

  private static String address(ProxySelector selector, String url) {
    List<Proxy> chosen = selector.select(URI.create(url));
    assertThat(chosen).hasSize(1);
    InetSocketAddress at = (InetSocketAddress) chosen.get(0).address();
    return at.getHostString() + ":" + at.getPort();
  }
}
