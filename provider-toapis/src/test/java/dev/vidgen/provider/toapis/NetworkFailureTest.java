package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.Images;
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
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class NetworkFailureTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .config(config -> config.readTimeout(Duration.ofMillis(500))).start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void refusedConnectionIsConnectFailedForCreateAndStatus() throws IOException {
    int closed = closedPort();
    ToApisVideoProvider nowhere = new ToApisVideoProvider(
        ToApisTesting.config(toapis).baseUrl("http://127.0.0.1:" + closed).build());

    ProviderException create = (ProviderException) failure(nowhere.create(seedanceRequest("ref-1")));
    ProviderException status = (ProviderException) failure(nowhere.status(TaskId.of("video_1")));

    assertThat(create).isNotInstanceOf(AmbiguousSubmitException.class);
    assertThat(create.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(create.httpStatus()).isZero();
    assertThat(create.getMessage()).contains("could not connect: 127.0.0.1:" + closed + " refused the connection")
        .as("said in words, naming no Java class").doesNotContain("Exception");
    assertThat(status.kind()).isEqualTo(FailureKind.CONNECT_FAILED);
    assertThat(status.taskId()).contains(TaskId.of("video_1"));
    nowhere.close();
  }

  @Test
  void createDroppedAfterTheTaskWasMadeIsAmbiguousAndTheTaskIsFoundByItsReference() {
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());

    AmbiguousSubmitException error = (AmbiguousSubmitException) failure(provider.create(seedanceRequest("batch-7-job-3")));

    assertThat(error.clientReference()).contains("batch-7-job-3");
    assertThat(error.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(error.getMessage()).contains("the create request was sent but no answer came: ");
    Optional<TaskSnapshot> found = await(provider.findByClientReference("batch-7-job-3"));
    assertThat(found).isPresent();
    assertThat(found.get().taskId().value()).isEqualTo(toapis.taskIds().get(0));
    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.CREATED_UNANSWERED);
  }

  @Test
  void createDroppedBeforeItWasActedOnLeavesNothingToFind() {
    toapis.inject(Endpoint.CREATE, Fault.dropBeforeProcessing());

    assertThat(failure(provider.create(seedanceRequest("batch-7-job-4")))).isInstanceOf(AmbiguousSubmitException.class);

    assertThat(await(provider.findByClientReference("batch-7-job-4"))).isEmpty();
    assertThat(toapis.taskIds()).isEmpty();
    assertThat(toapis.creates()).extracting(CreateRecord::outcome).containsExactly(CreateRecord.Outcome.FAULTED);
  }

  @Test
  void ambiguousCreateOnARouteWithoutReferencesSaysWhereToCheck() {
    toapis.inject(Endpoint.CREATE, Fault.dropAfterProcessing());
    SubmitRequest grok = request(VideoJob.builder("grok-video-1.5-preview")
        .prompt("waves").image("https://images.example/sea.jpg").build(), "ignored-ref");

    AmbiguousSubmitException error = (AmbiguousSubmitException) failure(provider.create(grok));

    assertThat(error.clientReference()).as("nothing to look it up by: the client says to check the dashboard").isEmpty();
    assertThat(error.getMessage()).contains("the create request was sent but no answer came: ");
    assertThat(toapis.lastCreate().orElseThrow().clientReference()).isEmpty();
  }

  @Test
  void stalledCreateTimesOutAsAmbiguous() {
    toapis.inject(Endpoint.CREATE, Fault.stall());

    AmbiguousSubmitException error = (AmbiguousSubmitException) failure(provider.create(seedanceRequest("ref-stall")));

    assertThat(error.getMessage()).contains("the create request was sent but no answer came within 0.5 s")
        .as("said in words, naming no Java class").doesNotContain("Exception").doesNotContain(": timeout");
    assertThat(error.getCause()).as("the cause stays chained for logs").isInstanceOf(java.io.InterruptedIOException.class);
    assertThat(error.clientReference()).contains("ref-stall");
    assertThat(error.httpStatus()).isZero();
  }

  @Test
  void stalledStatusSaysHowLongItWaitedInWords() {
    toapis.inject(Endpoint.STATUS, Fault.stall());

    ProviderException error = (ProviderException) failure(provider.status(TaskId.of("video_9")));

    assertThat(error.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(error.getMessage()).contains("no answer within 0.5 s after the request was sent")
        .doesNotContain("Exception").doesNotContain(": timeout");
    assertThat(error.getCause()).isInstanceOf(java.net.SocketTimeoutException.class);
  }

  @Test
  void stalledOrDroppedStatusIsNoResponseAndNamesTheTask() {
    toapis.inject(Endpoint.STATUS, Fault.stall());
    toapis.inject(Endpoint.STATUS, Fault.dropBeforeProcessing());

    ProviderException stalled = (ProviderException) failure(provider.status(TaskId.of("video_9")));
    ProviderException dropped = (ProviderException) failure(provider.status(TaskId.of("video_9")));

    assertThat(List.of(stalled, dropped)).allSatisfy(error -> {
      assertThat(error.kind()).isEqualTo(FailureKind.NO_RESPONSE);
      assertThat(error).isNotInstanceOf(AmbiguousSubmitException.class);
      assertThat(error.taskId()).contains(TaskId.of("video_9"));
    });
  }

  @Test
  void slowAnswerWithinTheReadTimeoutSucceeds() {
    toapis.inject(Endpoint.CREATE, Fault.slow(Duration.ofMillis(100)));

    assertThat(await(provider.create(seedanceRequest("ref-slow"))).taskId().value()).startsWith("video_");
  }

  @Test
  void slowAnswerPastTheReadTimeoutOnAStatusIsNoResponse() {
    TaskSnapshot created = await(provider.create(seedanceRequest("ref-slow-status")));
    toapis.inject(Endpoint.STATUS, Fault.slow(Duration.ofSeconds(3)));

    ProviderException error = (ProviderException) failure(provider.status(created.taskId()));

    assertThat(error.kind()).isEqualTo(FailureKind.NO_RESPONSE);
  }

  @Test
  void droppedUploadIsNoResponseNotAmbiguous(@TempDir Path folder) throws IOException {
    toapis.inject(Endpoint.UPLOAD, Fault.dropAfterProcessing());
    Path image = Images.png().writeTo(folder);

    ProviderException error = (ProviderException) failure(provider.upload(image));

    assertThat(error).isNotInstanceOf(AmbiguousSubmitException.class);
    assertThat(error.kind()).isEqualTo(FailureKind.NO_RESPONSE);
  }

  @Test
  void manyPollsRunAtOnceWhenMaxRequestsAllows() {
    int polls = 40;
    toapis.inject(Endpoint.STATUS, Fault.stall(), polls);
    ToApisVideoProvider patient = new ToApisVideoProvider(
        ToApisTesting.config(toapis).readTimeout(Duration.ofSeconds(30)).maxRequests(polls).build());

    List<CompletableFuture<TaskSnapshot>> reads = IntStream.range(0, polls)
        .mapToObj(i -> patient.status(TaskId.of("video_" + i)))
        .toList();

    await().atMost(Duration.ofSeconds(15))
        .until(() -> toapis.requests(Endpoint.STATUS).size() == polls);
    patient.close();
    assertThat(reads).allSatisfy(read -> assertThat(failure(read)).isInstanceOf(ProviderException.class));
  }

  @Test
  void aClosedProviderRefusesNewCalls() {
    provider.close();

    assertThat(failure(provider.status(TaskId.of("video_1"))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  static SubmitRequest seedanceRequest(String reference) {
    return request(VideoJob.builder("seedance-2").prompt("a lighthouse in a storm").build(), reference);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
