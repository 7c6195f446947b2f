package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ProtocolException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A read or download whose connection is dropped goes again at once at most once (the kept-alive
 * connection may just have been stale), however many kept-alive connections the pool holds: a
 * further failure is the caller's, whose retry policy waits its backoff first.
 */
class ImmediateResendTest {
  private static final int POOLED = 3;
  private static final Duration BOUND = Duration.ofSeconds(10);

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void aStatusReadDroppedOnEveryPooledConnectionIsSentAgainOnceOnly() {
    TaskId task = await(provider.create(grok())).taskId();
    overlapping(Endpoint.STATUS, () -> provider.status(task));
    int before = toapis.requests(Endpoint.STATUS).size();
    toapis.inject(Endpoint.STATUS, Fault.dropBeforeProcessing(), POOLED + 2);

    Throwable dropped = failure(provider.status(task));

    assertThat(dropped).isInstanceOf(ProviderException.class)
        .satisfies(error -> assertThat(((ProviderException) error).kind()).isEqualTo(FailureKind.NO_RESPONSE))
        .hasMessageContaining("no answer")
        .hasMessageNotContaining("ProtocolException")
        .satisfies(error -> assertThat(error.getCause()).as("the failure as it was, not the marker that ended the call")
            .isNotInstanceOf(ProtocolException.class));
    assertThat(toapis.requests(Endpoint.STATUS)).as("the read and one resend at once; the rest waits for the policy")
        .hasSize(before + 2);
  }

  @Test
  void aDownloadDroppedOnEveryPooledConnectionIsSentAgainOnceOnly() {
    TaskSnapshot done = ToApisTesting.pollToEnd(provider, await(provider.create(grok())).taskId());
    VideoAsset video = done.video();
    overlapping(Endpoint.FILE, () -> provider.open(video)).forEach(ImmediateResendTest::readFully);
    int before = toapis.requests(Endpoint.FILE).size();
    toapis.inject(Endpoint.FILE, Fault.dropBeforeProcessing(), POOLED + 2);

    Throwable dropped = failure(provider.open(video));

    assertThat(dropped).isInstanceOf(ProviderException.class)
        .satisfies(error -> assertThat(((ProviderException) error).kind()).isEqualTo(FailureKind.NO_RESPONSE));
    assertThat(toapis.requests(Endpoint.FILE)).as("the download and one resend at once; the rest waits for the policy")
        .hasSize(before + 2);
  }

  @Test
  void aDroppedReadOnAStaleConnectionIsStillAnsweredByItsOneResend() {
    TaskId task = await(provider.create(grok())).taskId();
    overlapping(Endpoint.STATUS, () -> provider.status(task));
    int before = toapis.requests(Endpoint.STATUS).size();
    toapis.inject(Endpoint.STATUS, Fault.dropBeforeProcessing());

    TaskSnapshot read = await(provider.status(task));

    assertThat(read.taskId()).isEqualTo(task);
    assertThat(toapis.requests(Endpoint.STATUS)).hasSize(before + 2);
  }

  @Test
  void aCreateDroppedOnAPooledConnectionIsNeverSentAgainByOkHttp() {
    overlapping(Endpoint.CREATE, () -> provider.create(grok()));
    int before = toapis.requests(Endpoint.CREATE).size();
    toapis.inject(Endpoint.CREATE, Fault.dropBeforeProcessing(), POOLED + 2);

    Throwable dropped = failure(provider.create(grok()));

    assertThat(dropped).isInstanceOf(ProviderException.class);
    assertThat(toapis.requests(Endpoint.CREATE)).as("a create goes out once: whether it arrived is for the client to weigh")
        .hasSize(before + 1);
  }

  private static SubmitRequest grok() {
    return request(VideoJob.builder("grok-video-1.5-preview").prompt("p").image("https://images.example/cat.png").build(),
        null);
  }

  /** {@value #POOLED} calls at once, each held by the server until all arrived: as many kept-alive connections. */
  private <T> List<T> overlapping(Endpoint endpoint, Supplier<CompletableFuture<T>> call) {
    Fault meeting = Fault.meeting(POOLED, BOUND);
    IntStream.range(0, POOLED).forEach(i -> toapis.inject(endpoint, meeting));
    List<CompletableFuture<T>> calls = IntStream.range(0, POOLED).mapToObj(i -> call.get()).toList();
    return calls.stream().map(ToApisTesting::await).toList();
  }

  /** Reads a download to its end and closes it, which gives its connection back to the pool. */
  private static void readFully(InputStream video) {
    try (video) {
      video.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
