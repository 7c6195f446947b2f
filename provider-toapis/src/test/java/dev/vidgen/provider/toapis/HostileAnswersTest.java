package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyPolls;
import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.provider.toapis.internal.LoopbackDns;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Status words, result links, hostile text and loopback names, as a careful client must read them. */
class HostileAnswersTest {
  private static final String JSON = "application/json";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance()
      .client(client -> client
          .retryPolicy(tinyBackoffs().build())
          .pollSchedule(tinyPolls().jitter(0.1).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();
  private final VidgenClient client = http.client();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"cancelled", "canceled", "expired", "error", "CANCELLED"})
  void anEndingStatusWordFailsTheTaskWithThatWord(String word) {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"" + word + "\"}"));

    TaskSnapshot snapshot = await(provider.status(TaskId.of("task_1")));

    assertThat(snapshot.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(snapshot.rawStatus()).isEqualTo(word);
    assertThat(snapshot.failure().code()).isEqualTo(word.toLowerCase(java.util.Locale.ROOT));
    assertThat(snapshot.failure().message()).contains(word.toLowerCase(java.util.Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"queued", "in_progress", "submitted"})
  void theDocumentedPendingWordsStayPending(String word) {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"" + word + "\"}"));

    assertThat(await(provider.status(TaskId.of("task_1"))).status().isTerminal()).isFalse();
  }

  @Test
  void anUnknownWordReachesTheProgressListenerWhilePollingGoesOn() {
    toapis.nextTask(TaskScript.completes().pendingAs("warming_up"));
    JobHandle handle = client.submit(grokJob());
    List<String> seen = new CopyOnWriteArrayList<>();

    TaskSnapshot done = client.await(handle,
        AwaitOptions.defaults().withListener((snapshot, elapsed) -> seen.add(snapshot.rawStatus())));

    assertThat(seen).contains("warming_up");
    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void anErrorThrownByAProgressListenerNeitherHangsTheWaitNorCostsItsTask() throws Exception {
    JobHandle handle = client.submit(grokJob());

    java.util.concurrent.CompletableFuture<TaskSnapshot> wait = client.awaitAsync(handle,
        AwaitOptions.defaults().withListener((snapshot, elapsed) -> {
          throw new StackOverflowError("a listener ran out of stack");
        }));

    // The listener's Error is logged; the paid task is still followed to its end.
    assertThat(wait.get(20, java.util.concurrent.TimeUnit.SECONDS).status()).isEqualTo(TaskStatus.COMPLETED);
  }

  @Test
  void aStatusAnswerNamingAnotherTaskIsNeverTakenForASubmittedTaskButIsForAResumedReference() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_other\",\"status\":\"failed\"}"));

    assertThatThrownBy(() -> client.status(handle)).isInstanceOf(dev.vidgen.core.client.ProviderFaultException.class)
        .hasMessageContaining("answered a status read with another task's status (task task_other), for task "
            + handle.taskId());

    // Bare text may be a client reference, which ToAPIs reads in place of the id, answering with the task's own.
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"" + handle.taskId() + "\",\"status\":\"queued\"}"));
    assertThat(client.status(client.resume("order-77")).taskId()).isEqualTo(handle.taskId());
  }

  @Test
  void aFailureMessageWithTheKeyInBase64OrSplitByInvisibleCharactersShowsItNowhere() {
    String key = toapis.apiKey();
    // In JSON: \u200b is a zero-width space, \u00ad a soft hyphen; either hides a key from a plain look.
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"failed\",\"error\":"
        + "{\"code\":\"bad\",\"message\":\"b64 " + base64(key) + " part " + base64(key.substring(3)) + " bearer "
        + base64("Bearer " + key) + " and " + key.substring(0, 12) + "\\u200b"
        + key.substring(12, 30) + "\\u00ad" + key.substring(30) + " end\"}}"));

    TaskSnapshot snapshot = await(provider.status(TaskId.of("task_1")));

    String shown = snapshot.failure().message();
    assertThat(shown).doesNotContain(base64(key), base64(key.substring(3)).substring(0, 40),
        base64("Bearer " + key).substring(12, 52), key.substring(3, 12), key.substring(12, 30), key.substring(30),
        "\u200b", "\u00ad").contains("b64 sk-…", " end");
  }

  @ParameterizedTest
  @ValueSource(strings = {"id-KEY", "..", "."})
  void aCreateAnsweredWithATaskIdThatHoldsTheKeyOrIsADotSegmentIsAmbiguousAndTheIdIsKeptNowhere(String shape) {
    String id = shape.replace("KEY", toapis.apiKey());
    toapis.inject(Endpoint.CREATE, Fault.answer(200, JSON, "{\"id\":\"" + id + "\",\"status\":\"queued\"}"));

    Throwable failure = ToApisTesting.failure(client.submitAsync(grokJob()));

    assertThat(failure).isInstanceOf(dev.vidgen.core.error.AmbiguousSubmitException.class)
        .hasMessageContaining(shape.equals("id-KEY") ? "holds the API key (not shown)" : "cannot be read back");
    assertThat(failure.getMessage()).doesNotContain(toapis.apiKey().substring(3));
    assertThat(toapis.requests(Endpoint.CREATE)).as("a task may exist: not sent again").hasSize(1);
  }

  @Test
  void aVideoIsAskedForAsItIsSoThatNoCompressedBodyIsInflatedUnseen() {
    JobHandle handle = client.submit(grokJob());
    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    client.download(handle, done, dir.resolve("video.mp4"));

    assertThat(toapis.requests(Endpoint.FILE)).singleElement()
        .satisfies(file -> assertThat(file.headers()).containsEntry("accept-encoding", "identity"));
  }

  private static String base64(String text) {
    return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void aFailureMessageWithEscapesAndAKeyIsMadeSafe() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"failed\",\"error\":"
        + "{\"code\":\"bad\\u001b[2J\",\"message\":\"\\u001b[31mboom\\r\\nvidgen: all good sk-leaked12345678901234567890 \\u202e\"}}"));

    TaskSnapshot snapshot = await(provider.status(TaskId.of("task_1")));

    String shown = snapshot.failure().code() + " " + snapshot.failure().message();
    assertThat(shown).doesNotContain("\u001b", "\r", "\n", "\u202e", "sk-leaked12345678901234567890")
        .contains("\\x1B[31mboom\\r\\nvidgen: all good sk-…", "\\u202E");
  }

  @Test
  void theKeyInATasksStatusWordOrFailureIsMaskedHoweverItIsGlued() {
    String key = toapis.apiKey();
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"failed\",\"error\":"
        + "{\"code\":\"token" + key + "\",\"message\":\"upstream rejected token" + key + " (Bearer" + key + ")\"}}"));
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON,
        "{\"id\":\"task_1\",\"status\":\"with" + key + "\",\"progress\":5}"));

    TaskSnapshot failed = await(provider.status(TaskId.of("task_1")));
    TaskSnapshot odd = await(provider.status(TaskId.of("task_1")));

    String shown = failed.failure().code() + " " + failed.failure().message() + " " + odd.rawStatus();
    assertThat(shown).doesNotContain(key, key.substring(3, 20)).contains("upstream rejected token");
  }

  @Test
  void aServerMessageOfAnyLengthIsShownInPartWithWhatWasLeftOut() {
    String page = "x".repeat(50_000);
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"task_1\",\"status\":\"failed\",\"error\":"
        + "{\"code\":\"" + "c".repeat(5_000) + "\",\"message\":\"" + page + "\"}}"));
    toapis.inject(Endpoint.CREATE, Fault.error(400, "bad_request", page));

    TaskSnapshot snapshot = await(provider.status(TaskId.of("task_1")));

    assertThat(snapshot.failure().message()).hasSizeLessThan(1_100).startsWith("xxx")
        .endsWith("… (49000 more characters)");
    assertThat(snapshot.failure().code()).hasSizeLessThan(150).endsWith("… (4900 more characters)");
    assertThatThrownBy(() -> client.submit(VideoJob.builder("grok-video-1.5-preview").prompt("p")
        .image("https://example.com/a.png").build()))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(1_200).contains("… (49000 more characters)"));
  }

  @ParameterizedTest
  @ValueSource(ints = {401, 403, 404, 410})
  void aResultLinkThatIsGoneIsNeitherAnAuthenticationProblemNorAnUnknownTask(int status) throws Exception {
    JobHandle handle = client.submit(grokJob());
    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());
    toapis.inject(Endpoint.FILE, Fault.answer(status, JSON,
        "{\"error\":{\"code\":\"authentication_error\",\"message\":\"no\"}}"));

    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnavailableException.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("fresh link")
        .hasMessageNotContaining("key")
        .satisfies(e -> assertThat(String.valueOf(e.getCause())).as("the cause, as code and logs read it")
            .contains("result_link_gone").doesNotContain("authentication_error"));
    try (var files = Files.list(dir)) {
      assertThat(files).as("nothing is left behind").isEmpty();
    }
  }

  @Test
  void aResultLinkAnsweringNotFoundIsCausedByAFailedLinkThatNamesTheTaskNotByAMissingTask() throws Exception {
    JobHandle handle = client.submit(grokJob());
    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());
    toapis.inject(Endpoint.FILE, Fault.status(404));

    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnavailableException.class)
        .cause().as("the cause, as code that walks causes reads it")
        .isNotInstanceOf(TaskNotFoundException.class)
        .isInstanceOfSatisfying(ProviderException.class, link -> {
          assertThat(link.docsAnchor()).isEqualTo("result-unavailable");
          assertThat(link.taskId()).as("the task, which exists and is paid for").contains(handle.taskId());
          assertThat(link.providerCode()).contains("result_link_gone");
          assertThat(link.httpStatus()).isEqualTo(404);
        });
  }

  @Test
  void aResultLinkRedirectedWhereVidgenDoesNotFollowSaysWhyNotThatTheLinkExpired() throws Exception {
    JobHandle handle = client.submit(grokJob());
    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());
    toapis.inject(Endpoint.FILE, Fault.answer(302, "text/plain", "").withHeader("Location", "file:///etc/passwd"));

    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnavailableException.class)
        .hasMessageContaining("answered HTTP 302, the result link redirects to file:///etc/passwd, which vidgen does"
            + " not follow: it is not an http(s) address; read the task's status again for a fresh link")
        .hasMessageNotContaining("links expire").hasMessageNotContaining("base URL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"file:///etc/passwd", "ftp://files.example.com/v.mp4", "javascript:alert(1)"})
  void aCompletedTaskWhoseVideoUrlIsNotHttpStaysCompletedAndIsNeverFetched(String link) {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"" + handle.taskId() + "\",\"status\":"
        + "\"completed\",\"result\":{\"data\":[{\"url\":\"" + link + "\"}]}}"), 100);

    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    assertThat(done.status()).as("the provider's verdict, not a passing fault").isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.result()).isEmpty();
    assertThat(done.resultProblem()).hasValueSatisfying(problem ->
        assertThat(problem.message()).contains("not an absolute http(s) URL", link));
    assertThat(toapis.requests(Endpoint.STATUS)).as("read once: the answer is final").hasSize(1);
    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnusableException.class)
        .hasMessageContaining("task " + handle.taskId() + " is completed")
        .hasMessageContaining(link)
        .hasMessageNotContaining("may still finish");
    assertThat(toapis.requests(Endpoint.FILE)).as("never fetched").isEmpty();
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void anUnusableVideoUrlIsShownWithoutItsUserInfo() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"" + handle.taskId() + "\",\"status\":"
        + "\"completed\",\"result\":{\"data\":[{\"url\":\"ftp://user:s3cret@files.example.com/v.mp4\"}]}}"), 100);

    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    assertThat(done.resultProblem()).hasValueSatisfying(problem -> assertThat(problem.message())
        .contains("not an absolute http(s) URL", "ftp://…@files.example.com/v.mp4").doesNotContain("s3cret"));
    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnusableException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cret"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"as it is", "percent-encoded", "its secret part without sk-", "as Base64",
      "its secret part as Base64", "as the Base64 of a Bearer header"})
  void aVideoUrlThatCarriesTheApiKeyIsNeverFetchedNorShownWithTheKey(String form) {
    JobHandle handle = client.submit(grokJob());
    String key = toapis.apiKey();
    String link = toapis.baseUrl() + "/files/x.mp4?token=" + switch (form) {
      case "percent-encoded" -> "%" + Integer.toHexString(key.charAt(0)) + key.substring(1);
      case "its secret part without sk-" -> key.substring(3);
      case "as Base64" -> base64(key);
      case "its secret part as Base64" -> base64(key.substring(3));
      case "as the Base64 of a Bearer header" -> base64("Bearer " + key);
      default -> key;
    };
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"id\":\"" + handle.taskId() + "\",\"status\":"
        + "\"completed\",\"result\":{\"data\":[{\"url\":\"" + link + "\"}]}}"), 100);

    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.result()).isEmpty();
    assertThat(done.resultProblem()).hasValueSatisfying(problem -> assertThat(problem.message())
        .contains("carries this client's API key").doesNotContain(key.substring(3)));
    assertThat(done.toString()).doesNotContain(key.substring(3));
    assertThatThrownBy(() -> client.download(handle, done, dir.resolve("video.mp4")))
        .isInstanceOf(ResultUnusableException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key.substring(3)));
    assertThat(toapis.requests(Endpoint.FILE)).as("never fetched: the key goes nowhere but the API").isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"http://foo.localhost:8080", "http://toapis.localhost", "http://evil.com.localhost/v1"})
  void aSubdomainOfLocalhostCountsAsRemote(String baseUrl) {
    assertThatThrownBy(() -> ToApisConfig.builder().apiKey(toapis.apiKey()).baseUrl(baseUrl).build())
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("refusing to send the API key over plain http");
  }

  @Test
  void localhostResolvesToLoopbackOnlyWhateverTheResolverSays() throws Exception {
    InetAddress remote = InetAddress.getByAddress("localhost", new byte[] {10, 0, 0, 8});
    LoopbackDns dns = new LoopbackDns(host -> List.of(remote));

    assertThat(dns.lookup("localhost")).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
    assertThat(dns.lookup("LOCALHOST")).allMatch(InetAddress::isLoopbackAddress);
    assertThat(dns.lookup("toapis.com")).containsExactly(remote);
  }

  @Test
  void aBaseUrlQueryIsLeftOutOfTheError() {
    for (String query : List.of("key=sk-other1234567890abcdef", "token=hunter2")) {
      assertThatThrownBy(() -> ToApisConfig.builder().apiKey(toapis.apiKey())
          .baseUrl("https://toapis.com/?" + query).build())
          .isInstanceOf(ProviderConfigurationException.class)
          .hasMessageContaining("must not have a query or fragment: https://toapis.com/?…")
          .hasMessageNotContaining(query.substring(query.indexOf('=') + 1));
    }
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }
}
