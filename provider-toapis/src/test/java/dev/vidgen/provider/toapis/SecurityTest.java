package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.provider.toapis.internal.HttpLog;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.ReceivedRequest;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecurityTest {
  private static final String KEY = "sk-secret0123456789abcdefghijklmnopqrstuvwxyzABCDEF";

  private final List<String> logLines = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().server(fake -> fake.apiKeys(KEY))
      .provider(config -> new ToApisVideoProvider(config, new HttpLog(new HttpLog.Sink() {
        @Override
        public boolean enabled() {
          return true;
        }

        @Override
        public void line(String text) {
          logLines.add(text);
        }
      }, dev.vidgen.core.port.ApiKey.of(KEY))))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void theKeyGoesOnlyIntoTheAuthorizationHeaderOfApiCalls() {
    TaskSnapshot created = await(provider.create(grokRequest()));
    await(provider.status(created.taskId()));
    await(provider.balance());

    assertThat(toapis.requests()).hasSize(3).allSatisfy(request -> {
      assertThat(request.authorization()).contains("Bearer " + KEY);
      assertThat(request.body()).doesNotContain(KEY);
      assertThat(request.path()).doesNotContain(KEY);
      assertThat(request.headers().entrySet())
          .filteredOn(header -> !header.getKey().equals("authorization"))
          .allSatisfy(header -> assertThat(header.getValue()).doesNotContain(KEY));
    });
  }

  @Test
  void aRedirectedCreateGoesNowhereElseAndSaysWhereItWasSent() {
    try (FakeToApisServer elsewhere = FakeToApisServer.builder().apiKeys(KEY).start()) {
      String target = elsewhere.baseUrl() + "/v1/videos/generations";
      toapis.inject(Endpoint.CREATE, Fault.answer(307, "text/plain", "").withHeader("Location", target));

      Throwable refused = failure(provider.create(grokRequest()));

      assertThat(refused).isInstanceOf(ProviderException.class)
          .hasMessageContaining("a redirect to " + target)
          .hasMessageContaining("vidgen follows no redirect of an API call");
      assertThat(elsewhere.requests()).as("neither the create nor the key went to the other server").isEmpty();
    }
  }

  @Test
  void resultFilesOnAnotherHostNeverSeeTheKey() throws Exception {
    TaskSnapshot done = finished();

    try (InputStream video = await(provider.open(done.video()))) {
      assertThat(video.readAllBytes()).isNotEmpty();
    }

    ReceivedRequest file = toapis.requests(Endpoint.FILE).get(0);
    assertThat(file.authorization()).isEmpty();
    assertThat(done.video().url().getPort()).isNotEqualTo(toapis.port());
  }

  @Test
  void aResultLinkRedirectedElsewhereIsFollowedButNeverToAnAddressCarryingTheKeyOrNotHttp() throws Exception {
    try (mockwebserver3.MockWebServer first = new mockwebserver3.MockWebServer();
        mockwebserver3.MockWebServer second = new mockwebserver3.MockWebServer()) {
      second.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      first.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      second.enqueue(new mockwebserver3.MockResponse.Builder().body("the video").build());
      first.enqueue(redirect(second.url("/files/plain.mp4").toString()));
      first.enqueue(redirect(second.url("/files/k.mp4?k=" + KEY).toString()));
      first.enqueue(redirect(second.url("/files/k.mp4?k=" + KEY.substring(3)).toString()));
      first.enqueue(redirect("file:///etc/passwd"));
      first.enqueue(new mockwebserver3.MockResponse.Builder().code(302)
          .setHeader(dev.vidgen.provider.toapis.internal.ResultRedirects.REFUSED, "spoofed words").build());

      try (InputStream video = await(provider.open(asset(first.url("/a.mp4"))))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      List<Throwable> refused = List.of(failure(provider.open(asset(first.url("/b.mp4")))),
          failure(provider.open(asset(first.url("/c.mp4")))), failure(provider.open(asset(first.url("/d.mp4")))));

      assertThat(second.getRequestCount()).as("only the redirect without the key reached the other host").isEqualTo(1);
      assertThat(refused).allSatisfy(error -> assertThat(error).isInstanceOfSatisfying(ProviderException.class,
          problem -> assertThat(problem.kind()).isEqualTo(dev.vidgen.core.policy.FailureKind.NOT_FOUND))
          .hasMessageContaining("the result link redirects").hasMessageContaining("which vidgen does not follow")
          .hasMessageContaining("read the task's status again for a fresh link"));
      assertThat(refused.get(0)).hasMessageContaining("it carries the API key");
      assertThat(refused.get(1)).hasMessageContaining("it carries the API key");
      assertThat(refused.get(2)).hasMessageContaining("it is not an http(s) address")
          .hasMessageNotContaining("set the base URL");
      assertThat(refused).allSatisfy(error -> assertThat(everything(error)).doesNotContain(KEY.substring(3)));
      assertThat(failure(provider.open(asset(first.url("/e.mp4"))))).as("the server's own header speaks for nobody")
          .hasMessageNotContaining("spoofed words");
    }
  }

  @Test
  void aKeyInARedirectIsFoundInAnyCaseOrEncodingIsNeverShownAndTwentyRedirectsAreFollowedButNotMore()
      throws Exception {
    String secret = KEY.substring(3);
    StringBuilder encoded = new StringBuilder();
    for (char c : secret.toCharArray()) {
      encoded.append(String.format("%%%02X", (int) c));
    }
    try (mockwebserver3.MockWebServer first = new mockwebserver3.MockWebServer();
        mockwebserver3.MockWebServer second = new mockwebserver3.MockWebServer()) {
      second.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      first.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      first.enqueue(redirect(second.url("/f.mp4").toString() + "?k=" + encoded));
      first.enqueue(redirect("http://" + secret + ".localhost:" + second.getPort() + "/f.mp4"));
      first.enqueue(redirect(second.url("/" + secret.toUpperCase(java.util.Locale.ROOT) + ".mp4").toString()));
      // Encoded beside a stray % (which a strict decoder gives up on), and encoded twice.
      first.enqueue(redirect(second.url("/v/").toString() + encoded + ".mp4?q=100%"));
      first.enqueue(redirect(second.url("/v/").toString() + encoded.toString().replace("%", "%25") + ".mp4"));
      for (int hop = 1; hop <= 20; hop++) {
        first.enqueue(redirect(first.url("/hop" + hop).toString()));
      }
      first.enqueue(new mockwebserver3.MockResponse.Builder().body("twenty hops away").build());
      for (int hop = 1; hop <= 21; hop++) {
        first.enqueue(redirect(first.url("/far" + hop).toString()));
      }

      List<Throwable> refused = List.of(failure(provider.open(asset(first.url("/a.mp4")))),
          failure(provider.open(asset(first.url("/b.mp4")))), failure(provider.open(asset(first.url("/c.mp4")))),
          failure(provider.open(asset(first.url("/c2.mp4")))), failure(provider.open(asset(first.url("/c3.mp4")))));
      String twenty;
      try (InputStream video = await(provider.open(asset(first.url("/d.mp4"))))) {
        twenty = new String(video.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      }
      Throwable tooFar = failure(provider.open(asset(first.url("/e.mp4"))));

      assertThat(second.getRequestCount()).as("no address holding the key was fetched").isZero();
      assertThat(refused).allSatisfy(error -> assertThat(error)
          .hasMessageContaining("to an address that holds the API key (not shown)")
          .hasMessageContaining("it carries the API key"));
      assertThat(refused).allSatisfy(error -> assertThat(everything(error).toLowerCase(java.util.Locale.ROOT))
          .doesNotContain(secret.toLowerCase(java.util.Locale.ROOT)).doesNotContain(encoded.substring(0, 30)
              .toLowerCase(java.util.Locale.ROOT)));
      assertThat(twenty).as("up to 20 redirects are followed, as the docs say").isEqualTo("twenty hops away");
      assertThat(tooFar).hasMessageContaining("the link took more than 20 redirects");
    }
  }

  @Test
  void aResultLinksUserInfoIsFetchedWithButNeitherLoggedNorShownInARefusal() throws Exception {
    try (mockwebserver3.MockWebServer files = new mockwebserver3.MockWebServer()) {
      files.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      files.enqueue(new mockwebserver3.MockResponse.Builder().body("the video").build());
      files.enqueue(redirect("ftp://mirror:s3cret@127.0.0.1/v.mp4"));
      okhttp3.HttpUrl link = files.url("/v.mp4").newBuilder().username("user").password("s3cret").build();

      try (InputStream video = await(provider.open(asset(link)))) {
        assertThat(video.readAllBytes()).asString().isEqualTo("the video");
      }
      Throwable refused = failure(provider.open(asset(link)));

      assertThat(files.takeRequest().getTarget()).as("the link is fetched as given").isEqualTo("/v.mp4");
      assertThat(logLines).anySatisfy(line -> assertThat(line).contains("GET http://…@" + link.host() + ":"
          + files.getPort() + "/v.mp4"));
      assertThat(logLines).allSatisfy(line -> assertThat(line).doesNotContain("s3cret"));
      assertThat(refused).hasMessageContaining("redirects to ftp://…@127.0.0.1/v.mp4");
      assertThat(everything(refused)).doesNotContain("s3cret");
    }
  }

  private static mockwebserver3.MockResponse redirect(String location) {
    return new mockwebserver3.MockResponse.Builder().code(302).setHeader("Location", location).build();
  }

  private static dev.vidgen.core.domain.VideoAsset asset(okhttp3.HttpUrl url) {
    return new dev.vidgen.core.domain.VideoAsset(url.uri(), "mp4", null);
  }

  @Test
  void noStringTheProviderMakesShowsTheKey() {
    ToApisConfig config = ToApisTesting.config(toapis).build();

    assertThat(List.of(config.toString(), provider.toString(), config.apiKey().toString(),
            provider.preview(grokRequest()).toString(), new ToApisProviderFactory().toString()))
        .allSatisfy(text -> assertThat(text).doesNotContain(KEY));
    assertThat(provider.preview(grokRequest()).headers()).containsEntry("Authorization", "Bearer sk-…");
  }

  @Test
  void anErrorPageThatEchoesTheKeyIsScrubbed() {
    toapis.inject(Endpoint.STATUS, Fault.answer(500, "text/plain", "bad request, Authorization: Bearer " + KEY));
    toapis.inject(Endpoint.CREATE, Fault.answer(400, "application/json",
        "{\"error\":{\"code\":\"" + KEY + "\",\"message\":\"token " + KEY + " is wrong\"}}"));

    ProviderException status = (ProviderException) failure(provider.status(TaskId.of("video_1")));
    ProviderException create = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(List.of(status, create)).allSatisfy(error -> {
      assertThat(everything(error)).doesNotContain(KEY).contains("sk-…");
      assertThat(error.details().toString()).doesNotContain(KEY);
    });
  }

  @Test
  void aWrongKeyIsAnAuthenticationErrorThatDoesNotRepeatIt() {
    String wrong = "sk-wrong0123456789abcdefghijklmnopqrstuvwxyzABCDEF";
    ToApisVideoProvider stranger = new ToApisVideoProvider(ToApisTesting.config(toapis).apiKey(wrong).build());

    Throwable error = failure(stranger.create(grokRequest()));

    assertThat(error).isInstanceOf(AuthenticationException.class);
    assertThat(everything(error)).doesNotContain(wrong).doesNotContain(KEY);
    stranger.close();
  }

  @Test
  void logLinesShowTheTrafficWithTheKeyMasked() {
    toapis.inject(Endpoint.STATUS, Fault.status(429));
    TaskSnapshot created = await(provider.create(grokRequest()));
    failure(provider.status(created.taskId()));

    assertThat(logLines).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(KEY));
    assertThat(logLines).anySatisfy(line -> assertThat(line)
        .contains("--> POST " + toapis.baseUrl() + "/v1/videos/generations").contains("Authorization: Bearer sk-…"));
    assertThat(logLines).anySatisfy(line -> assertThat(line).startsWith("<-- 429 GET").contains("request req_2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://toapis.com", "http://10.0.0.8:8080", "http://toapis.com.evil.example/v1"})
  void plainHttpToAHostOtherThanLoopbackIsRefused(String baseUrl) {
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).baseUrl(baseUrl).build())
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("refusing to send the API key over plain http")
        .hasMessageContaining("https://")
        .hasMessageNotContaining(KEY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://127.0.0.1:8080", "http://localhost:9", "http://[::1]:8080", "http://127.8.9.10"})
  void plainHttpToLoopbackIsAllowed(String baseUrl) {
    assertThat(ToApisConfig.builder().apiKey(KEY).baseUrl(baseUrl).build().baseUrl().getScheme()).isEqualTo("http");
  }

  @Test
  void aBaseUrlWithUserInfoIsRefusedWithoutShowingThePassword() {
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(KEY).baseUrl("https://me:hunter2@toapis.com").build())
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("must not contain user info")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void theFactoryRefusesAnUnsafeBaseUrlWhenCreatingTheProvider() {
    ProviderConfig config = ProviderConfig.builder().apiKey(KEY).baseUrl("http://toapis.com").build();

    assertThatThrownBy(() -> new ToApisProviderFactory().create(config))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void theFactoryRefusesAKeyPastedIntoTheBaseUrlSoNoStringOrPreviewShowsIt() {
    ProviderConfig config = ProviderConfig.builder().apiKey(KEY).baseUrl(toapis.baseUrl() + "/" + KEY).build();

    assertThatThrownBy(() -> new ToApisProviderFactory().create(config))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("must not contain the API key")
        .hasMessageContaining("sk-…")
        .hasMessageNotContaining(KEY.substring(3));
  }

  @Test
  void aKeyThatCannotGoInAHeaderIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey("sk-abc\ndef").build())
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("line breaks")
        .hasMessageNotContaining("abc");
  }

  private TaskSnapshot finished() {
    return ToApisTesting.pollToEnd(provider, await(provider.create(grokRequest())).taskId());
  }

  private static String everything(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text + " " + error;
  }

  private static SubmitRequest grokRequest() {
    return request(VideoJob.builder("grok-video-1.5-preview")
        .prompt("p").image("https://images.example/cat.png").build(), null);
  }
}
