package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.TINY;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connections that fail at TLS or at a proxy, over loopback: said as what they are (a certificate not
 * trusted or made out for other hosts, the proxy's own failure), a certificate never retried, and a
 * proxy that never answers its CONNECT bounded by the connect timeout, unsent.
 */
class ConnectTroubleTest {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private final FakeToApisServer toapis = FakeToApisServer.start();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private final List<String> retries = new CopyOnWriteArrayList<>();
  @TempDir
  Path folder;

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable each : closing) {
      each.close();
    }
    toapis.close();
  }

  @Test
  void anUntrustedCertificateIsSaidAsSuchAndNotTriedAgain() throws Exception {
    int port = tlsServer(keyStore());
    ToApisVideoProvider provider = provider(config("https://127.0.0.1:" + port));

    try (VidgenClient client = client(provider)) {
      assertThatThrownBy(() -> client.submit(grokJob()))
          .isInstanceOf(ProviderException.class)
          .isNotInstanceOf(AmbiguousSubmitException.class)
          .satisfies(error -> {
            ProviderException failure = (ProviderException) error;
            assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
            assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.TLS_UNTRUSTED);
            assertThat(failure.getMessage()).contains("the TLS certificate of 127.0.0.1:" + port
                + " is not trusted by this Java").doesNotContain("Exception");
          });
    }
    assertThat(retries).as("a certificate does not mend itself on a retry").isEmpty();
  }

  @Test
  void aCertificateForAnotherHostNamesTheHostsItIsForOnOneLine() throws Exception {
    KeyStore keys = keyStore();
    int port = tlsServer(keys);
    ToApisVideoProvider provider = provider(config("https://127.0.0.1:" + port).httpClient(trusting(keys)));

    ProviderException failure = failure(provider.balance());

    assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.TLS_UNTRUSTED);
    assertThat(failure.getMessage())
        .contains("the TLS certificate of 127.0.0.1:" + port + " is for wrong.example, not 127.0.0.1")
        .doesNotContain("\\n").doesNotContain("\n");
  }

  @Test
  void aCertificateNamingTheIpAddressOnlyInItsCommonNameSaysSoAndWhatJavaNeeds() throws Exception {
    KeyStore keys = keyStore("CN=127.0.0.1");
    int port = tlsServer(keys);
    ToApisVideoProvider provider = provider(config("https://127.0.0.1:" + port).httpClient(trusting(keys)));

    ProviderException failure = failure(provider.balance());

    assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.TLS_UNTRUSTED);
    assertThat(failure.getMessage())
        .contains("the TLS certificate of 127.0.0.1:" + port + " names 127.0.0.1 only in its common name (CN),"
            + " which Java does not accept for an IP address: it needs an IP subjectAltName")
        .doesNotContain("is for 127.0.0.1, not 127.0.0.1");
  }

  @Test
  void aVideoHostWhoseCertificateIsNotTrustedIsNamedAndTheAdviceSaysToTrustItFirst() throws Exception {
    int port = tlsServer(keyStore());
    ToApisVideoProvider provider = provider(config(toapis.baseUrl()));
    VideoAsset video = new VideoAsset(URI.create("https://127.0.0.1:" + port + "/files/v.mp4"), "mp4", null);

    ProviderException failure = failure(provider.open(video));
    DownloadFailedException saved = DownloadFailedException.providerFailed(
        dev.vidgen.core.domain.TaskId.of("video_1"), folder.resolve("v.mp4"), failure);

    assertThat(failure.getMessage()).contains("the TLS certificate of 127.0.0.1:" + port + " is not trusted");
    assertThat(saved.getMessage()).contains("once this Java trusts that host's certificate, download its video again");
  }

  @Test
  void aProxyThatTakesTheConnectionAndNeverAnswersEndsTheCreateUnsentWithinTheConnectTimeout() throws Exception {
    ServerSocket blackHole = listening();
    CompletableFuture.runAsync(() -> holdEveryConnection(blackHole));
    ToApisVideoProvider provider = provider(config("https://toapis.test")
        .connectTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(60))
        .httpClient(through(blackHole.getLocalPort())));

    ProviderException failure = failure(provider.create(request(grokJob(), "ref-hole")));

    assertThat(failure).as("no byte of the create left: it is not ambiguous").isNotInstanceOf(AmbiguousSubmitException.class);
    assertThat(failure.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.PROXY_FAILED);
    assertThat(failure.getMessage()).contains("the proxy 127.0.0.1:" + blackHole.getLocalPort(),
        "did not open the way (CONNECT) to toapis.test:443 within 0.5 s (timeout.connect)");
  }

  @Test
  void aProxyThatAnswersTheConnectWithAnErrorIsNamedWithItsStatus() throws Exception {
    ServerSocket gateway = listening();
    CompletableFuture.runAsync(() -> answerEveryConnect(gateway, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
    ToApisVideoProvider provider = provider(config("https://toapis.test").httpClient(through(gateway.getLocalPort())));

    ProviderException failure = failure(provider.balance());

    assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.PROXY_FAILED);
    assertThat(failure.getMessage()).contains("the proxy 127.0.0.1:" + gateway.getLocalPort()
        + " answered HTTP 502 to the CONNECT for toapis.test:443");
  }

  @Test
  void aProxyThatRefusesTheConnectionIsNamedAsTheProxy() throws Exception {
    int closed;
    try (ServerSocket socket = listening()) {
      closed = socket.getLocalPort();
    }
    ToApisVideoProvider provider = provider(config("https://toapis.test").httpClient(through(closed)));

    ProviderException failure = failure(provider.balance());

    assertThat(failure.details().code()).isEqualTo(ProviderErrorDetails.PROXY_FAILED);
    assertThat(failure.getMessage()).contains("the proxy 127.0.0.1:" + closed + " failed before reaching"
        + " toapis.test:443: 127.0.0.1:" + closed + " refused the connection");
  }

  private ToApisConfig.Builder config(String baseUrl) {
    return ToApisTesting.config(toapis).baseUrl(baseUrl);
  }

  private ToApisVideoProvider provider(ToApisConfig.Builder config) {
    ToApisVideoProvider provider = new ToApisVideoProvider(config.build());
    closing.add(provider::close);
    return provider;
  }

  private VidgenClient client(ToApisVideoProvider provider) {
    return VidgenClient.builder().provider(provider).retryPolicy(tinyBackoffs().notFoundBackoff(TINY, TINY).build())
        .listener(new VidgenListener() {
          @Override
          public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt,
              Duration delay) {
            retries.add(operation + " " + failure.kind());
          }
        }).build();
  }

  private static ProviderException failure(CompletableFuture<?> call) throws Exception {
    try {
      call.get(5, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return (ProviderException) e.getCause();
    }
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }

  private static OkHttpClient through(int proxyPort) {
    return new OkHttpClient.Builder()
        .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", proxyPort))).build();
  }

  /** A client that trusts the certificate in {@code keys} (made out for wrong.example only). */
  private static OkHttpClient trusting(KeyStore keys) throws Exception {
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(keys);
    X509TrustManager manager = (X509TrustManager) trust.getTrustManagers()[0];
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new javax.net.ssl.TrustManager[] {manager}, null);
    return new OkHttpClient.Builder().sslSocketFactory(context.getSocketFactory(), manager).build();
  }

  /** A self-signed certificate for wrong.example, made by the JDK's keytool. */
  private KeyStore keyStore() throws Exception {
    return keyStore("CN=wrong.example", "-ext", "SAN=dns:wrong.example");
  }

  /** A self-signed certificate made out to {@code dname}, with the keytool arguments {@code more} (its extensions). */
  private KeyStore keyStore(String dname, String... more) throws Exception {
    Path file = folder.resolve("server-" + System.nanoTime() + ".p12");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", dname, "-storetype", "PKCS12",
        "-keystore", file.toString(), "-storepass", "changeit", "-keypass", "changeit"));
    command.addAll(List.of(more));
    Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
    keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(file)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }

  /** A TLS server on loopback with the certificate in {@code keys}, which hands each client the handshake only. */
  private int tlsServer(KeyStore keys) throws Exception {
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
        .createServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    closing.add(server);
    CompletableFuture.runAsync(() -> {
      while (!server.isClosed()) {
        try (SSLSocket client = (SSLSocket) server.accept()) {
          client.startHandshake();
        } catch (IOException e) {
          // The client refused the certificate, or the server closed.
        }
      }
    });
    return server.getLocalPort();
  }

  private ServerSocket listening() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    closing.add(socket);
    return socket;
  }

  /** Takes each connection and never answers, as a hung proxy does; the sockets close with the server. */
  private void holdEveryConnection(ServerSocket server) {
    while (!server.isClosed()) {
      try {
        Socket held = server.accept();
        closing.add(held);
      } catch (IOException closed) {
        return;
      }
    }
  }

  /** Answers each request (a CONNECT) with {@code answer}, then closes. */
  private static void answerEveryConnect(ServerSocket server, String answer) {
    while (!server.isClosed()) {
      try (Socket client = server.accept()) {
        InputStream in = client.getInputStream();
        int last = 0;
        int matched = 0;
        while (matched < 4 && (last = in.read()) >= 0) {
          matched = (last == '\r' || last == '\n') ? matched + 1 : 0;
        }
        client.getOutputStream().write(answer.getBytes(StandardCharsets.US_ASCII));
        client.getOutputStream().flush();
      } catch (IOException closed) {
        return;
      }
    }
  }
}
