package dev.vidgen.testkit;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.testkit.fixtures.Videos;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The contract's cases against a provider sound in each respect and one broken in that respect alone: the
 * sound one passes the case, the broken one fails it.
 */
class VideoProviderContractCasesTest {
  @TempDir Path dir;

  /** What the probe provider gets wrong. */
  enum Fault {
    NONE, KEY_IN_URL, KEY_IN_HEADER, KEY_IN_BODY, KEY_PERCENT_ENCODED_IN_URL, KEY_LOWER_CASE_PERCENT_ENCODED_IN_URL,
    KEY_IN_BASIC_HEADER, KEY_ALONE_IN_BASIC_HEADER, KEY_JSON_ESCAPED_IN_BODY, KEY_IN_HEADER_NAME,
    KEY_BASE64_IN_BEARER_HEADER, KEY_URL_SAFE_BASE64_IN_BODY, KEY_PERCENT_ENCODED_TWICE_IN_URL, BLOCKING_CREATE,
    NO_ANSWER_AS_CONNECT_FAILED, STUB_MP4, ZERO_LIFETIME, NEGATIVE_LIFETIME, NULL_LIFETIME
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"KEY_IN_URL", "KEY_IN_HEADER", "KEY_IN_BODY", "KEY_PERCENT_ENCODED_IN_URL",
      "KEY_LOWER_CASE_PERCENT_ENCODED_IN_URL", "KEY_IN_BASIC_HEADER", "KEY_ALONE_IN_BASIC_HEADER",
      "KEY_JSON_ESCAPED_IN_BODY", "KEY_IN_HEADER_NAME", "KEY_BASE64_IN_BEARER_HEADER", "KEY_URL_SAFE_BASE64_IN_BODY",
      "KEY_PERCENT_ENCODED_TWICE_IN_URL"})
  void aPreviewShowingTheKeyInClearFails(Fault fault) {
    assertThatCode(() -> contract(Fault.NONE).previewShowsTheKeyNowhereInClear()).doesNotThrowAnyException();

    assertThatThrownBy(() -> contract(fault).previewShowsTheKeyNowhereInClear())
        .isInstanceOf(AssertionError.class).hasMessageContaining("the preview's");
  }

  @Test
  void aCreateThatBlocksTheCallingThreadFails() {
    assertThatCode(() -> contract(Fault.NONE).createGivesItsFutureWithoutWaitingForTheAnswer())
        .doesNotThrowAnyException();

    assertThatThrownBy(() -> contract(Fault.BLOCKING_CREATE).createGivesItsFutureWithoutWaitingForTheAnswer())
        .isInstanceOf(AssertionError.class).hasMessageContaining("blocks the calling thread");
  }

  @Test
  void aCreateWithoutAnAnswerCalledConnectFailedFails() {
    assertThatCode(() -> contract(Fault.NONE).createThatGetsNoAnswerFailsAsNoResponseNeverAsConnectFailed())
        .doesNotThrowAnyException();

    assertThatThrownBy(() -> contract(Fault.NO_ANSWER_AS_CONNECT_FAILED)
        .createThatGetsNoAnswerFailsAsNoResponseNeverAsConnectFailed())
        .isInstanceOf(AssertionError.class).hasMessageContaining("CONNECT_FAILED");
  }

  @Test
  void aVideoOfOnlyFtypAndMdatFailsAsTheClientsDownloadWould() {
    assertThatCode(() -> contract(Fault.NONE).createdTaskCompletesAndItsVideoOpensAsMp4()).doesNotThrowAnyException();

    assertThatThrownBy(() -> contract(Fault.STUB_MP4).createdTaskCompletesAndItsVideoOpensAsMp4())
        .isInstanceOf(AssertionError.class).hasMessageContaining("whole MP4").hasMessageContaining("no moov box");
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"ZERO_LIFETIME", "NEGATIVE_LIFETIME", "NULL_LIFETIME"})
  void aResultLifetimeThatIsNeitherPositiveNorEmptyFails(Fault fault) {
    assertThatCode(() -> contract(Fault.NONE).statesHowLongItKeepsResultsAsAPositiveLifetimeOrNone())
        .as("no lifetime stated").doesNotThrowAnyException();

    assertThatThrownBy(() -> contract(fault).statesHowLongItKeepsResultsAsAPositiveLifetimeOrNone())
        .isInstanceOf(AssertionError.class).hasMessageContaining(fault == Fault.NULL_LIFETIME ? "never null"
            : "a stated lifetime");
  }

  private Probe contract(Fault fault) throws IOException {
    return new Probe(new ProbeProvider(fault, Files.readAllBytes(Videos.mp4(dir, "sample.mp4"))));
  }

  /** The contract run on a {@link ProbeProvider}; its script knows only what these cases ask. */
  static final class Probe extends VideoProviderContract implements ProviderScript {
    private final ProbeProvider provider;

    Probe(ProbeProvider provider) {
      this.provider = provider;
    }

    @Override protected VideoProvider provider() { return provider; }
    @Override protected ProviderScript script() { return this; }

    @Override
    public void nextCallFails(Operation operation, FailureKind kind) {
      if (operation != Operation.CREATE || kind != FailureKind.NO_RESPONSE) {
        throw new UnsupportedOperationException(operation + " " + kind);
      }
      provider.nextCreateUnanswered = true;
    }

    @Override
    public Optional<Runnable> holdNextCreate() {
      provider.hold = new CountDownLatch(1);
      return Optional.of(provider.hold::countDown);
    }

    @Override public void timePasses(Duration amount) { }
    @Override public void nextTaskFails(String code, String message) { throw new UnsupportedOperationException(); }
    @Override public void nextTaskNeverFinishes() { throw new UnsupportedOperationException(); }
    @Override public void nextCreateRateLimited(Duration retryAfter) { throw new UnsupportedOperationException(); }
    @Override public void nextUploadRejected(String message) { throw new UnsupportedOperationException(); }
    @Override public void nextCreateUnanswered(boolean taskCreated) { throw new UnsupportedOperationException(); }
  }

  /** A provider in memory that is sound but for its {@link Fault}; it holds the kit's key. */
  static final class ProbeProvider implements VideoProvider {
    private static final byte[] STUB = {
        0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0,
        0, 0, 0, 16, 'm', 'd', 'a', 't', 1, 2, 3, 4, 5, 6, 7, 8};

    private final Fault fault;
    private final byte[] video;
    volatile boolean nextCreateUnanswered;
    volatile CountDownLatch hold;

    ProbeProvider(Fault fault, byte[] video) {
      this.fault = fault;
      this.video = video;
    }

    @Override
    public String id() {
      return "probe";
    }

    /** None stated, unless its fault is a lifetime of zero, a negative one or null. */
    @Override
    public Optional<Duration> keepsResultsFor() {
      return fault == Fault.ZERO_LIFETIME ? Optional.of(Duration.ZERO)
          : fault == Fault.NEGATIVE_LIFETIME ? Optional.of(Duration.ofHours(-24))
          : fault == Fault.NULL_LIFETIME ? null : Optional.empty();
    }

    @Override
    public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
      if (nextCreateUnanswered) {
        nextCreateUnanswered = false;
        FailureKind kind = fault == Fault.NO_ANSWER_AS_CONNECT_FAILED ? FailureKind.CONNECT_FAILED : FailureKind.NO_RESPONSE;
        return CompletableFuture.failedFuture(ProviderException.of(kind,
            ProviderErrorDetails.of(id(), 0, null, "the create was sent and no answer came"), null));
      }
      CountDownLatch held = hold;
      hold = null;
      if (held == null) {
        return CompletableFuture.completedFuture(TaskSnapshot.queued(TaskId.of("probe_1")));
      }
      if (fault == Fault.BLOCKING_CREATE) {
        awaitRelease(held);
        return CompletableFuture.completedFuture(TaskSnapshot.queued(TaskId.of("probe_1")));
      }
      return CompletableFuture.supplyAsync(() -> {
        awaitRelease(held);
        return TaskSnapshot.queued(TaskId.of("probe_1"));
      });
    }

    private static void awaitRelease(CountDownLatch held) {
      try {
        if (!held.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the create's answer was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the answer was held", e);
      }
    }

    @Override
    public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
      return CompletableFuture.completedFuture(
          TaskSnapshot.completed(taskId, new VideoAsset(URI.create("https://probe.example/" + taskId + ".mp4"), "mp4", null)));
    }

    @Override
    public CompletableFuture<InputStream> open(VideoAsset asset) {
      return CompletableFuture.completedFuture(new ByteArrayInputStream(fault == Fault.STUB_MP4 ? STUB : video));
    }

    @Override
    public CompletableFuture<URI> upload(Path image) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException("no uploads"));
    }

    @Override
    public RequestPreview preview(SubmitRequest request) {
      String key = VideoProviderContract.API_KEY;
      String encoded = java.net.URLEncoder.encode(key, java.nio.charset.StandardCharsets.UTF_8);
      String url = "https://probe.example/v1/videos" + switch (fault) {
        case KEY_IN_URL -> "?key=" + key;
        case KEY_PERCENT_ENCODED_IN_URL -> "?key=" + encoded;
        case KEY_PERCENT_ENCODED_TWICE_IN_URL -> "?next=" + encoded.replace("%", "%25");
        case KEY_LOWER_CASE_PERCENT_ENCODED_IN_URL -> "?key=" + encoded.replace("%2F", "%2f").replace("%2B", "%2b")
            .replace("%3D", "%3d");
        default -> "";
      };
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put("Authorization", switch (fault) {
        case KEY_IN_HEADER -> "Bearer " + key;
        case KEY_IN_BASIC_HEADER -> "Basic " + base64("probe-user:" + key);
        case KEY_ALONE_IN_BASIC_HEADER -> "Basic " + base64(key + ":");
        case KEY_BASE64_IN_BEARER_HEADER -> "Bearer " + base64(key);
        default -> "Basic " + base64("probe-user:…"); // decodes, but to no key: the kit lets it be
      });
      if (fault == Fault.KEY_IN_HEADER_NAME) {
        headers.put("X-Key-" + key, "v");
      }
      String body = "{\"model\":\"" + request.route().id() + "\"" + switch (fault) {
        case KEY_IN_BODY -> ",\"api_key\":\"" + key + "\"";
        case KEY_JSON_ESCAPED_IN_BODY -> ",\"api_key\":\"" + key.replace("/", "\\/") + "\"";
        case KEY_URL_SAFE_BASE64_IN_BODY -> ",\"token\":\"" + java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "\"";
        default -> "";
      } + "}";
      return new RequestPreview("POST", url, headers, body);
    }

    private static String base64(String text) {
      return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
