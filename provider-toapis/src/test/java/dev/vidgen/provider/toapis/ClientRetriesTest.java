package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.TINY;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's retry loop driving the real ToAPIs provider over HTTP: which creates are sent again,
 * which are reported, and how an unanswered create is resolved by {@code client_business_id}.
 * The policy's waits are a millisecond, so nothing here waits on real time.
 */
class ClientRetriesTest {
  private static final RetryPolicy NO_WAITING = tinyBackoffs().notFoundBackoff(TINY, TINY).build();

  private final List<String> retries = new CopyOnWriteArrayList<>();
  private final List<String> warnings = new CopyOnWriteArrayList<>();

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client(this::recordingRetries).start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aCreateIsSentAgainAfter429And503And500AndMakesOneTask() {
    toapis.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ZERO));
    toapis.inject(Endpoint.CREATE, Fault.unavailable());
    toapis.inject(Endpoint.CREATE, Fault.serverError());

    JobHandle handle = client.submit(grokJob());

    assertThat(retries).containsExactly("CREATE RATE_LIMITED", "CREATE UNAVAILABLE", "CREATE SERVER_ERROR");
    assertThat(toapis.requests(Endpoint.CREATE)).extracting(request -> request.status())
        .containsExactly(429, 503, 500, 200);
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void aCreateGivesUpAfterOneResendOfAServerErrorAsAmbiguousWhereItCannotBeLookedUp() {
    toapis.inject(Endpoint.CREATE, Fault.serverError(), 4);

    assertThatThrownBy(() -> client.submit(grokJob())).as("a 500 may have made the task; grok takes no reference")
        .isInstanceOf(dev.vidgen.core.error.AmbiguousSubmitException.class)
        .hasMessageContaining("check the provider's dashboard").hasMessageContaining("answered with a server error twice")
        .hasMessageContaining("(40 credits in all)").hasCauseInstanceOf(ServerErrorException.class);

    assertThat(toapis.requests(Endpoint.CREATE)).as("each take may be paid: sent again once only").hasSize(2);
    assertThat(toapis.taskIds()).isEmpty();
  }

  @Test
  void aRejectedCreateIsNotSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.status(400));

    assertThatThrownBy(() -> client.submit(grokJob())).isInstanceOf(RequestRejectedException.class);

    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(retries).isEmpty();
  }

  @Test
  void anUnansweredCreateWithAReferenceIsFoundByItAndNotSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());

    JobHandle handle = client.submit(seedanceJob());

    String reference = handle.reference().orElseThrow();
    assertThat(toapis.creates()).singleElement().satisfies(create -> {
      assertThat(create.outcome()).isEqualTo(CreateRecord.Outcome.CREATED_UNANSWERED);
      assertThat(create.clientBusinessId()).isEqualTo(reference);
    });
    assertThat(handle.taskId().value()).isEqualTo(toapis.taskIds().get(0));
    assertThat(toapis.requests(Endpoint.STATUS)).singleElement()
        .satisfies(lookup -> assertThat(lookup.path()).endsWith("/" + reference));
  }

  @Test
  void anUnansweredCreateThatMadeNoTaskIsSentAgainWithTheSameReference() {
    toapis.inject(Endpoint.CREATE, Fault.dropBeforeProcessing());

    JobHandle handle = client.submit(seedanceJob());

    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.FAULTED, CreateRecord.Outcome.CREATED);
    assertThat(toapis.creates()).extracting(CreateRecord::clientBusinessId)
        .containsOnly(handle.reference().orElseThrow());
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void anUnansweredCreateWithoutAReferenceIsReportedAndNotSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());

    assertThatThrownBy(() -> client.submit(grokJob()))
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("may exist");

    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
    assertThat(toapis.taskIds()).hasSize(1);
  }

  @Test
  void aLocalImageIsUploadedAgainAfterAServerErrorAndItsUrlIsSent(@TempDir Path folder) {
    toapis.inject(Endpoint.UPLOAD, Fault.serverError());
    Path image = Images.png().writeTo(folder);

    client.submit(VideoJob.builder("grok-video-1.5-preview").prompt("the cat turns its head").image(image).build());

    assertThat(retries).containsExactly("UPLOAD SERVER_ERROR");
    assertThat(toapis.requests(Endpoint.UPLOAD)).extracting(request -> request.status()).containsExactly(500, 200);
    Object sent = toapis.lastCreate().orElseThrow().json().get("images");
    assertThat(sent).asList().singleElement().asString().startsWith(FakeToApisServer.DEFAULT_UPLOAD_URL_BASE);
  }

  @Test
  void aStatusAnswerLargerThanTheClientReadsIsNotReadAgainAndSaysWhichSettingRaisesTheCap() {
    JobHandle handle = client.submit(grokJob());
    ToApisVideoProvider capped = new ToApisVideoProvider(ToApisTesting.config(toapis).maxAnswerBytes(2048).build());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"" + handle.taskId().value() + "\",\"status\":\"queued\",\"pad\":\"" + "x".repeat(4096) + "\"}"), 5);
    int before = toapis.requests(Endpoint.STATUS).size();

    try (VidgenClient small = client(capped)) {
      assertThatThrownBy(() -> small.status(handle))
          .isInstanceOf(ProviderException.class)
          .hasMessageContaining("the answer is larger than 2 KiB", "max_answer_size")
          .satisfies(e -> assertThat(((ProviderException) e).details().code())
              .isEqualTo(dev.vidgen.core.error.ProviderErrorDetails.ANSWER_TOO_LARGE));
    } finally {
      capped.close();
    }
    assertThat(toapis.requests(Endpoint.STATUS)).as("read once: a try again gets the same answer").hasSize(before + 1);
    assertThat(retries).isEmpty();
  }

  @Test
  void aCreateThatCouldNotConnectIsRetriedAndNeverAmbiguous() throws IOException {
    ToApisVideoProvider nowhere = new ToApisVideoProvider(
        ToApisTesting.config(toapis).baseUrl("http://127.0.0.1:" + closedPort()).build());

    try (VidgenClient offline = client(nowhere)) {
      assertThatThrownBy(() -> offline.submit(grokJob()))
          .isInstanceOf(ProviderUnavailableException.class)
          .isNotInstanceOf(AmbiguousSubmitException.class)
          .satisfies(error -> assertThat(((ProviderException) error).kind()).isEqualTo(FailureKind.CONNECT_FAILED));
    } finally {
      nowhere.close();
    }

    assertThat(retries).containsExactly("CREATE CONNECT_FAILED", "CREATE CONNECT_FAILED", "CREATE CONNECT_FAILED");
  }

  @Test
  void aCreateWithAReferenceAnsweredWithAServerErrorAfterMakingItsTaskIsFoundNotPaidTwice() {
    toapis.inject(Endpoint.CREATE, Fault.serverError().afterProcessing());

    JobHandle handle = client.submit(seedanceJob());

    assertThat(toapis.requests(Endpoint.CREATE)).as("not sent again: the task was there").hasSize(1);
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
    assertThat(toapis.requests(Endpoint.STATUS)).singleElement()
        .satisfies(lookup -> assertThat(lookup.path()).endsWith(handle.reference().orElseThrow()));
  }

  @Test
  void aCreateWithAReferenceAnsweredWithAServerErrorThatMadeNothingIsSentAgainOnlyAfterTheNotFoundGrace() {
    toapis.inject(Endpoint.CREATE, Fault.serverError());

    JobHandle handle = client.submit(seedanceJob());

    assertThat(toapis.requests(Endpoint.CREATE)).extracting(request -> request.status()).containsExactly(500, 200);
    assertThat(toapis.requests(Endpoint.STATUS)).as("a look and five more (the not-found grace) before the resend: a"
        + " task made before the 500 may be listed late").hasSize(6);
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
    assertThat(warnings).as("the look-up and the resend are told; no blind resend's extra task")
        .extracting(warning -> warning.substring(0, warning.indexOf(':'))).containsExactly("create.lookup", "create.resent");
    assertThat(warnings.get(1)).contains("is sent again with the same reference");
  }

  @Test
  void aCreateWithoutAReferenceSentAgainAfterAServerErrorSaysThatTheFirstMayHaveMadeATask() {
    toapis.inject(Endpoint.CREATE, Fault.serverError().afterProcessing());

    JobHandle handle = client.submit(grokJob());

    assertThat(toapis.requests(Endpoint.CREATE)).as("sent again once after a 500").hasSize(2);
    assertThat(handle.possibleExtraTasks()).as("the handle alone tells of the first take").isEqualTo(1);
    assertThat(warnings).singleElement().asString().startsWith("create.resent: the create of a grok-video-1.5-preview"
        + " task was answered with a server error (").contains("it is sent again once (a short retry);",
        "a task the first create may have made (20 credits) cannot be looked up: the provider's dashboard shows it");
  }

  private VidgenClient client(ToApisVideoProvider provider) {
    return recordingRetries(VidgenClient.builder().provider(provider)).build();
  }

  /** The client's settings here: no waiting, and each retry and warning recorded. */
  private VidgenClient.Builder recordingRetries(VidgenClient.Builder client) {
    return client
        .retryPolicy(NO_WAITING)
        .listener(new VidgenListener() {
          @Override
          public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt,
              Duration delay) {
            retries.add(operation + " " + failure.kind());
          }

          @Override
          public void onWarning(String code, String message) {
            warnings.add(code + ": " + message);
          }
        });
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }

  private static VideoJob seedanceJob() {
    return VideoJobs.validFor("seedance-2");
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
