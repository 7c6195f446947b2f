package dev.vidgen.cli;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviderFactory;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A third-party provider ("acme") on the tests' class path, written as docs/writing-a-provider.md shows: it
 * reaches {@code base_url} when given, else its own address, and refuses to be made without a key. Its preview
 * shows where a create would go and carries the key's masked form; the work itself is the mock's. The setting
 * {@code leak_key} makes a careless one ({@code encoded}: the key percent-encoded, in Basic auth and
 * JSON-escaped; {@code base64}: in a header's name, and as Base64 in a Bearer token and the body), and {@code fail} a broken one ({@code create-error}, {@code status-error}, {@code upload-error},
 * {@code preview-error}: a JVM {@link Error} of its own code; {@code old-spi}: the preview of a jar built for an
 * older vidgen; {@code factory-error}: its factory's {@code create} throws; {@code quota}: its service's 402 on the create;
 * {@code key-echo}: its service's 401 on the create, whose words echo the key in clear; {@code failed-key-echo}: each
 * task read failed, with words that echo the key in clear).
 */
final class AcmeTestProvider implements VideoProvider {
  static final String OWN_ADDRESS = "https://api.acme.example";
  /** Every create asked of any acme provider in this JVM: what a test counts to know that nothing was paid. */
  static final java.util.concurrent.atomic.AtomicInteger CREATES = new java.util.concurrent.atomic.AtomicInteger();

  private final String baseUrl;
  private final ApiKey key;
  private final String leaky;
  private final String fail;
  private final MockVideoProvider work = MockVideoProvider.builder().build();

  private AcmeTestProvider(String baseUrl, ApiKey key, String leaky, String fail) {
    this.baseUrl = baseUrl;
    this.key = key;
    this.leaky = leaky;
    this.fail = fail;
  }

  /** The factory the services file names. */
  public static final class Factory implements VideoProviderFactory {
    @Override
    public String id() {
      return "acme";
    }

    @Override
    public VideoProvider create(ProviderConfig config) {
      if (config.get("fail").filter("factory-error"::equals).isPresent()) {
        throw new IllegalStateException("acme create failed (test)");
      }
      ApiKey key = config.apiKey().orElseThrow(() -> new ProviderConfigurationException("acme needs an API key"));
      return new AcmeTestProvider(config.get(ProviderConfig.BASE_URL).orElse(OWN_ADDRESS), key,
          config.get("leak_key").orElse(null), config.get("fail").orElse(""));
    }
  }

  @Override
  public String id() {
    return "acme";
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    if (fail.equals("preview-error")) {
      throw new NoClassDefFoundError("acme/MissingPreviewer");
    }
    if (fail.equals("old-spi")) {
      // What the JVM throws when a jar compiled against an older VideoProvider lacks this method.
      throw new AbstractMethodError("Receiver class dev.vidgen.cli.AcmeTestProvider does not define or inherit an"
          + " implementation of the resolved method 'abstract dev.vidgen.core.port.RequestPreview"
          + " preview(dev.vidgen.core.port.SubmitRequest)' of interface dev.vidgen.core.port.VideoProvider.");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    String body = "{\"model\":\"" + request.route().id() + "\"}";
    if ("encoded".equals(leaky)) {
      // The key as a careless provider might show it other than in clear: in the address, in Basic auth, in JSON.
      String secret = key.reveal();
      headers.put("Authorization", "Basic " + java.util.Base64.getEncoder()
          .encodeToString(("acme-user:" + secret).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return new RequestPreview("POST", baseUrl + "/v1/videos?key="
          + java.net.URLEncoder.encode(secret, java.nio.charset.StandardCharsets.UTF_8), headers,
          "{\"model\":\"" + request.route().id() + "\",\"key\":\"" + secret.replace("/", "\\/") + "\"}");
    }
    if ("base64".equals(leaky)) {
      // The key in a header's name, and as Base64 outside any Basic value: in a Bearer token and in the body.
      String secret = key.reveal();
      String base64 = java.util.Base64.getEncoder()
          .encodeToString(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      headers.put("Authorization", "Bearer " + base64);
      headers.put("X-Key-" + secret, "name-holds-key");
      return new RequestPreview("POST", baseUrl + "/v1/videos", headers,
          "{\"model\":\"" + request.route().id() + "\",\"b64\":\"" + base64.replace("/", "\\/") + "\"}");
    }
    // With the setting leak_key, the key stands in clear in a header, as a careless provider's might.
    headers.put(leaky != null ? "X-Acme-Key" : "Authorization", leaky != null ? key.reveal() : "Bearer " + key.masked());
    return new RequestPreview("POST", baseUrl + "/v1/videos", headers, body);
  }

  /** Acme's one hint is {@code quality}. */
  @Override
  public void checkHints(ModelRoute route) {
    for (String name : route.hintsFor(id()).keySet()) {
      if (!name.equals("quality")) {
        throw new IllegalArgumentException("unknown acme hint \"" + name + "\" on " + route.id() + "; known: quality");
      }
    }
  }

  @Override
  public CompletableFuture<URI> upload(Path image) {
    if (fail.equals("upload-error")) {
      // Before any create: a class missing from the provider's jar.
      throw new NoClassDefFoundError("acme/MissingUploader");
    }
    return work.upload(image);
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    CREATES.incrementAndGet();
    if (fail.equals("quota")) {
      // The service's own 402: the account cannot pay; acme reports no balance to vidgen.
      return CompletableFuture.failedFuture(dev.vidgen.core.error.ProviderException.of(
          dev.vidgen.core.policy.FailureKind.INSUFFICIENT_QUOTA,
          dev.vidgen.core.error.ProviderErrorDetails.of("acme", 402, "no_credit", "the account is out of credit"), null));
    }
    if (fail.equals("key-echo")) {
      // A service that repeats the key it was sent, passed on as a careless provider would: unmasked.
      return CompletableFuture.failedFuture(dev.vidgen.core.error.ProviderException.of(
          dev.vidgen.core.policy.FailureKind.AUTHENTICATION,
          dev.vidgen.core.error.ProviderErrorDetails.of("acme", 401, "http_401", "bad key " + key.reveal()), null));
    }
    if (fail.equals("create-error")) {
      // After the create went out: a task may exist.
      return work.create(request).thenApply(made -> {
        throw new AssertionError("acme assertion after create");
      });
    }
    return work.create(request);
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    if (fail.equals("status-error")) {
      return CompletableFuture.failedFuture(new StackOverflowError("acme recursion"));
    }
    if (fail.equals("failed-key-echo")) {
      // A task its service failed with words that repeat the key, passed on as a careless provider would: unmasked.
      return CompletableFuture.completedFuture(
          TaskSnapshot.failed(taskId, new TaskFailure("bad_key", "bad key " + key.reveal())));
    }
    return work.status(taskId);
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    return work.open(asset);
  }
}
