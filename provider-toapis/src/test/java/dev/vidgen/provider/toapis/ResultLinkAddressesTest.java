package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.port.VideoStream;
import dev.vidgen.provider.toapis.internal.AddressKind;
import dev.vidgen.provider.toapis.internal.HttpLog;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Result links (and their redirects) reach only public machines, or those of the base URL's own kind. Every
 * server here is on loopback: a stub resolver names them, and the address kinds count {@code files.toapis.test}
 * and {@code api.toapis.test} (on a documentation address, reserved) as public and, for an in-house gateway,
 * {@code files.corp.test} as private: what they stand in for.
 */
class ResultLinkAddressesTest {
  private static final String KEY = "sk-resultlinks0123456789abcdefghijklmnopqrstuvw";
  private static final BiFunction<String, InetAddress, AddressKind> KINDS = (host, address) ->
      host.equals("files.toapis.test") || host.equals("api.toapis.test") ? AddressKind.PUBLIC
          : host.equals("files.corp.test") ? AddressKind.PRIVATE : AddressKind.of(address);

  private final MockWebServer files = new MockWebServer();
  private final MockWebServer internal = new MockWebServer();
  private final List<String> lookedUp = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    files.start(InetAddress.getByName("127.0.0.1"), 0);
    internal.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    files.close();
    internal.close();
  }

  @Test
  void aPublicBaseUrlsResultOnLoopbackPrivateOrLinkLocalAddressesIsRefusedBeforeAnythingIsSent() {
    try (ToApisVideoProvider provider = provider("https://api.toapis.test")) {
      List<String> links = List.of(
          "http://127.0.0.1:" + internal.getPort() + "/v1/balance",
          "http://internal.test:" + internal.getPort() + "/internal/admin?x=1",
          "http://localhost:" + internal.getPort() + "/a.mp4",
          "http://[::ffff:127.0.0.1]:" + internal.getPort() + "/a.mp4",
          "http://2130706433:" + internal.getPort() + "/a.mp4",
          "http://10.1.2.3:9/a.mp4",
          "http://169.254.169.254/latest/meta-data/",
          "https://[fe80::1]/a.mp4",
          "http://0.0.0.0:" + internal.getPort() + "/a.mp4");

      List<Throwable> refused = links.stream().map(link -> failure(provider.open(asset(link)))).toList();

      assertThat(refused).allSatisfy(error -> assertThat(error).isInstanceOfSatisfying(ProviderException.class,
          problem -> assertThat(problem.providerCode()).hasValue(ProviderErrorDetails.RESULT_LINK_REFUSED))
          .hasMessageContaining("nothing was sent there"));
      assertThat(refused.get(0)).hasMessageContaining("its host 127.0.0.1 is a loopback address (this machine), not a"
          + " public one; vidgen fetches results only from public addresses and from addresses of the base URL's own"
          + " kind (here a public address)");
      assertThat(refused.get(1)).hasMessageContaining("its host internal.test (at 127.0.0.1) is a loopback address");
      assertThat(refused.get(4)).hasMessageContaining("is a number that is no plain IP address");
      assertThat(refused.get(5)).hasMessageContaining("its host 10.1.2.3 is a private network address");
      assertThat(refused.get(6)).hasMessageContaining("its host 169.254.169.254 is a link-local address");
      assertThat(internal.getRequestCount()).as("no request reached the internal service").isZero();
    }
  }

  @Test
  void aPublicBaseUrlsResultOnDocumentationBenchmarkingOrIetfAddressesIsRefusedAsReserved() {
    try (ToApisVideoProvider provider = provider("https://api.toapis.test")) {
      List<String> links = List.of("http://192.0.2.10/a.mp4", "http://198.51.100.7/a.mp4", "http://203.0.113.9/a.mp4",
          "http://198.18.0.1/a.mp4", "http://192.0.0.170/a.mp4", "https://[2001:db8::5]/a.mp4");

      List<Throwable> refused = links.stream().map(link -> failure(provider.open(asset(link)))).toList();

      assertThat(refused).allSatisfy(error -> assertThat(error).isInstanceOfSatisfying(ProviderException.class,
          problem -> assertThat(problem.providerCode()).hasValue(ProviderErrorDetails.RESULT_LINK_REFUSED))
          .hasMessageContaining("is a reserved address, not a public one").hasMessageContaining("nothing was sent there"));
      assertThat(refused.get(0)).hasMessageContaining("its host 192.0.2.10 is a reserved address");
    }
  }

  @Test
  void aRedirectToAnInternalAddressIsRefusedBeforeItIsFollowedAndAPublicOneIsFetched() throws Exception {
    files.enqueue(redirect("http://127.0.0.1:" + internal.getPort() + "/internal/admin"));
    files.enqueue(redirect("http://internal.test:" + internal.getPort() + "/internal/admin"));
    files.enqueue(redirect("http://169.254.169.254/latest/meta-data/"));
    files.enqueue(new MockResponse.Builder().body("the video").build());
    try (ToApisVideoProvider provider = provider("https://api.toapis.test")) {
      List<Throwable> refused = List.of(failure(provider.open(asset(filesUrl("/a.mp4")))),
          failure(provider.open(asset(filesUrl("/b.mp4")))), failure(provider.open(asset(filesUrl("/c.mp4")))));
      try (InputStream video = await(provider.open(asset(filesUrl("/d.mp4"))))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }

      assertThat(refused).allSatisfy(error -> assertThat(error).isInstanceOfSatisfying(ProviderException.class,
          problem -> assertThat(problem.providerCode()).hasValue(ProviderErrorDetails.RESULT_LINK_REFUSED))
          .hasMessageContaining("the address it redirects to, ").hasMessageContaining("nothing was sent there"));
      assertThat(refused.get(0)).hasMessageContaining("127.0.0.1, is a loopback address");
      assertThat(refused.get(1)).hasMessageContaining("internal.test (at 127.0.0.1), is a loopback address");
      assertThat(refused.get(2)).hasMessageContaining("169.254.169.254, is a link-local address");
      assertThat(internal.getRequestCount()).as("no redirect reached the internal service").isZero();
      assertThat(files.getRequestCount()).isEqualTo(4);
    }
  }

  @Test
  void aLoopbackBaseUrlFetchesResultsOnLoopbackAsTheTestFakesServeThem() throws Exception {
    internal.enqueue(new MockResponse.Builder().body("the video").build());
    try (ToApisVideoProvider provider = provider("http://127.0.0.1:" + files.getPort())) {
      try (InputStream video = await(provider.open(asset("http://127.0.0.1:" + internal.getPort() + "/a.mp4")))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      assertThat(failure(provider.open(asset("http://10.1.2.3:9/a.mp4"))))
          .as("loopback is the base URL's kind; a private network is not")
          .hasMessageContaining("(here a loopback address (this machine))");
    }
  }

  @Test
  void anInHouseGatewaysResultsOnItsPrivateNetworkAreFetchedButNotThoseOnLoopback() throws Exception {
    files.enqueue(new MockResponse.Builder().body("the video").build());
    try (ToApisVideoProvider provider = provider("https://gateway.corp.test")) {
      try (InputStream video = await(provider.open(asset(
          "http://files.corp.test:" + files.getPort() + "/a.mp4")))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      assertThat(failure(provider.open(asset("http://127.0.0.1:" + internal.getPort() + "/a.mp4"))))
          .hasMessageContaining("(here a private network address)");
      assertThat(internal.getRequestCount()).isZero();
    }
  }

  @Test
  void aResultStreamTellsTheByteCountItsServerAnnounced() throws Exception {
    files.enqueue(new MockResponse.Builder().body("the video").build());
    try (ToApisVideoProvider provider = provider("https://api.toapis.test");
        InputStream video = await(provider.open(asset(filesUrl("/a.mp4"))))) {
      assertThat(video).isInstanceOfSatisfying(VideoStream.class,
          announced -> assertThat(announced.announcedBytes()).isEqualTo(9));
    }
  }

  @Test
  void behindAnInHouseProxyResultsGoThroughItAndLinksNamingInternalAddressesAreStillRefused() throws Exception {
    // The proxy (files, on loopback, named proxy.corp.test) resolves result hosts itself: its own name is not a result's.
    files.enqueue(new MockResponse.Builder().body("the video").build());
    java.net.Proxy proxy = new java.net.Proxy(java.net.Proxy.Type.HTTP,
        java.net.InetSocketAddress.createUnresolved("proxy.corp.test", files.getPort()));
    try (ToApisVideoProvider provider = provider("https://api.toapis.test", client -> client.proxy(proxy))) {
      try (InputStream video = await(provider.open(asset("http://files.toapis.test/a.mp4")))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      assertThat(files.takeRequest().getTarget()).as("sent to the proxy for the result host")
          .isEqualTo("http://files.toapis.test/a.mp4");
      assertThat(failure(provider.open(asset("http://10.1.2.3:9/a.mp4"))))
          .hasMessageContaining("its host 10.1.2.3 is a private network address");
      assertThat(files.getRequestCount()).as("the refused link never reached the proxy").isEqualTo(1);
    }
  }

  @Test
  void behindAProxyThatSendsLoopbackDirectLocalhostNamesAreRefusedAsTheLoopbackAddressIs() {
    // As Java's default http.nonProxyHosts does: localhost and its kin go around the proxy, to this machine.
    java.net.Proxy proxy = new java.net.Proxy(java.net.Proxy.Type.HTTP,
        java.net.InetSocketAddress.createUnresolved("proxy.corp.test", files.getPort()));
    java.net.ProxySelector likeJava = new java.net.ProxySelector() {
      @Override
      public List<java.net.Proxy> select(URI uri) {
        return uri.getHost().toLowerCase(java.util.Locale.ROOT).contains("localhost") ? List.of(java.net.Proxy.NO_PROXY)
            : List.of(proxy);
      }

      @Override
      public void connectFailed(URI uri, java.net.SocketAddress address, java.io.IOException failure) {}
    };
    internal.enqueue(new MockResponse.Builder().body("this machine's file").build());
    try (ToApisVideoProvider viaSelector = provider("https://api.toapis.test", client -> client.proxySelector(likeJava));
        ToApisVideoProvider viaProxy = provider("https://api.toapis.test", client -> client.proxy(proxy))) {
      List<String> links = List.of("http://localhost:" + internal.getPort() + "/a.mp4",
          "https://LOCALHOST.:" + internal.getPort() + "/a.mp4", "http://video.localhost:" + internal.getPort() + "/a.mp4");
      List<Throwable> refused = new java.util.ArrayList<>();
      for (ToApisVideoProvider provider : List.of(viaSelector, viaProxy)) {
        links.forEach(link -> refused.add(failure(provider.open(asset(link)))));
      }

      assertThat(refused).allSatisfy(error -> assertThat(error).isInstanceOfSatisfying(ProviderException.class,
          problem -> assertThat(problem.providerCode()).hasValue(ProviderErrorDetails.RESULT_LINK_REFUSED))
          .hasMessageContaining("(a name of this machine) is a loopback address (this machine), not a public one")
          .hasMessageContaining("nothing was sent there"));
      assertThat(internal.getRequestCount()).as("nothing reached this machine's server").isZero();
      assertThat(files.getRequestCount()).as("nor the proxy").isZero();
    }
  }

  @Test
  void hostsThatEndInANumberButAreNoDottedDecimalAddressReachNeitherTheProxyNorTheResolver() {
    // A proxy or resolver that reads numbers as inet_aton does takes each of these for 169.254.169.254 (or this machine).
    List<String> links = List.of("http://0xa9fea9fe/latest/meta-data/", "http://0XA9FEA9FE/latest/meta-data/",
        "http://0xa9.0xfe.0xa9.0xfe/", "http://169.254.169.0xfe/", "http://0xa9fea9fe./", "http://0x7f000001:"
        + internal.getPort() + "/a.mp4", "http://files.toapis.test.0x/a.mp4", "http://files.toapis.test.1/a.mp4");
    files.enqueue(redirect("http://0xa9fea9fe/latest/meta-data/"));
    Proxy proxy = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved("proxy.corp.test", internal.getPort()));
    List<Throwable> refused = new ArrayList<>();
    try (ToApisVideoProvider viaProxy = provider("https://api.toapis.test", client -> client.proxy(proxy));
        ToApisVideoProvider direct = provider("https://api.toapis.test")) {
      for (ToApisVideoProvider provider : List.of(viaProxy, direct)) {
        links.forEach(link -> refused.add(failure(provider.open(asset(link)))));
      }
      Throwable redirected = failure(direct.open(asset(filesUrl("/a.mp4"))));

      assertThat(refused).hasSize(16).allSatisfy(error -> assertThat(error)
          .isInstanceOfSatisfying(ProviderException.class, problem -> assertThat(problem.providerCode())
              .hasValue(ProviderErrorDetails.RESULT_LINK_REFUSED))
          .hasMessageContaining("is a number that is no plain IP address (such as 203.0.113.7)")
          .hasMessageContaining("nothing was sent there"));
      assertThat(redirected).hasMessageContaining("the address it redirects to, 0xa9fea9fe, is a number that is no"
          + " plain IP address");
      assertThat(internal.getRequestCount()).as("nothing reached the proxy (nor this machine)").isZero();
      assertThat(lookedUp).as("no number was looked up as a name").allMatch(host -> host.endsWith(".test"));
      assertThat(files.getRequestCount()).as("only the link that redirects").isEqualTo(1);
    }
  }

  private ToApisVideoProvider provider(String baseUrl) {
    return provider(baseUrl, client -> client);
  }

  /** A provider aimed at {@code baseUrl}, whose names the stub resolver answers; nothing is sent to the API here. */
  private ToApisVideoProvider provider(String baseUrl,
      java.util.function.UnaryOperator<OkHttpClient.Builder> more) {
    Map<String, String> names = Map.of("api.toapis.test", "203.0.113.7", "gateway.corp.test", "10.0.0.8",
        "files.toapis.test", "127.0.0.1", "files.corp.test", "127.0.0.1", "internal.test", "127.0.0.1",
        "proxy.corp.test", "127.0.0.1");
    OkHttpClient client = more.apply(new OkHttpClient.Builder()).dns(host -> {
      lookedUp.add(host);
      String address = names.get(host);
      if (address == null) {
        throw new UnknownHostException("no such test host: " + host);
      }
      return List.of(InetAddress.getByName(address));
    }).build();
    ToApisConfig config = ToApisConfig.builder().baseUrl(baseUrl).apiKey(KEY).httpClient(client)
        .connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5)).build();
    return new ToApisVideoProvider(config, HttpLog.toSlf4j(config.apiKey()), KINDS);
  }

  private String filesUrl(String path) {
    return "http://files.toapis.test:" + files.getPort() + path;
  }

  private static VideoAsset asset(String url) {
    return new VideoAsset(URI.create(url), "mp4", null);
  }

  private static MockResponse redirect(String location) {
    return new MockResponse.Builder().code(302).setHeader("Location", location).build();
  }
}
