package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A server whose TLS certificate this Java does not trust: said as such, tried once, with how to trust it. */
class UntrustedCertificateAdviceTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  @TempDir
  Path folder;
  private SSLServerSocket server;
  private final AtomicInteger handshakes = new AtomicInteger();

  @AfterEach
  void close() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void anUntrustedCertificateIsNotRetriedAndTheAdviceIsATrustStoreNotTheNetwork() throws Exception {
    int port = tlsServer();

    CliRun.Result result = cli.vidgen().run("balance", "--base-url", "https://127.0.0.1:" + port);

    assertThat(result.err()).as(result.all())
        .contains("the TLS certificate of 127.0.0.1:" + port + " is not trusted by this Java",
            "-Djavax.net.ssl.trustStore=", "VIDGEN_JAVA_OPTS or JAVA_TOOL_OPTIONS")
        .doesNotContain("still failing after", "check the network");
  }

  @Test
  void aVideoHostWhoseCertificateIsNotTrustedIsNamedAndTheWayOnTrustsItBeforeTheDownload() throws Exception {
    int port = tlsServer();
    long now = java.time.Instant.now().getEpochSecond();
    cli.fake().inject(dev.vidgen.testkit.toapis.Endpoint.STATUS, dev.vidgen.testkit.toapis.Fault.answer(200,
        "application/json", "{\"id\":\"video_cdn1\",\"object\":\"generation.task\",\"model\":"
            + "\"grok-video-1.5-preview\",\"status\":\"completed\",\"progress\":100,\"created_at\":" + (now - 60)
            + ",\"completed_at\":" + now + ",\"expires_at\":" + (now + 86_400) + ",\"result\":{\"type\":\"video\","
            + "\"data\":[{\"url\":\"https://127.0.0.1:" + port + "/files/v.mp4\",\"format\":\"mp4\"}]}}"), 20);

    CliRun.Result result = cli.vidgen().run("download", "video_cdn1", "--out", "clip.mp4", "--base-url",
        cli.fake().baseUrl());

    assertThat(result.err()).as(result.all())
        .contains("the TLS certificate of 127.0.0.1:" + port + " is not trusted by this Java",
            "this Java does not trust its video host's certificate", "-Djavax.net.ssl.trustStore=",
            "then save its video with: vidgen download video_cdn1")
        .doesNotContain("still failing after");
  }

  /** A TLS server on loopback with a self-signed certificate (made by the JDK's keytool); it only shakes hands. */
  private int tlsServer() throws Exception {
    Path file = folder.resolve("self.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=self.example", "-storetype", "PKCS12", "-keystore", file.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    keytool.getInputStream().transferTo(OutputStream.nullOutputStream());
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, "changeit".toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50,
        InetAddress.getByName("127.0.0.1"));
    CompletableFuture.runAsync(() -> {
      while (!server.isClosed()) {
        try (SSLSocket client = (SSLSocket) server.accept()) {
          handshakes.incrementAndGet();
          client.startHandshake();
        } catch (IOException e) {
          // The client refused the certificate, or the server closed.
        }
      }
    });
    return server.getLocalPort();
  }
}
