package dev.vidgen.provider.toapis;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.testkit.ProviderCalls;
import dev.vidgen.testkit.ProviderScript;
import dev.vidgen.testkit.VideoProviderContract;
import dev.vidgen.testkit.time.VirtualTime;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;

class ToApisVideoProviderContractTest extends VideoProviderContract {
  private final VirtualTime time = VirtualTime.create();
  private final FakeToApisServer toapis = FakeToApisServer.builder()
      .clock(time.clock())
      .lifecycle(Duration.ofSeconds(5), Duration.ofSeconds(60))
      .start();
  private final VideoProvider provider = new ToApisProviderFactory().create(ToApisTesting.config(toapis).build());

  @AfterEach
  void stop() {
    provider.close();
    toapis.close();
  }

  @Override
  protected VideoProvider provider() {
    return provider;
  }

  /** A route that takes client_business_id, so the ambiguous-create checks apply. */
  @Override
  protected ModelRoute route() {
    return catalog().routes().stream()
        .filter(provider::takesClientReference)
        .findFirst()
        .orElseThrow();
  }

  @Override
  protected String apiKey() {
    return toapis.apiKey();
  }

  @Override
  protected boolean supportsClientReference() {
    return true;
  }

  @Override
  protected boolean supportsBalance() {
    return true;
  }

  @Override
  protected boolean supportsLiveModels() {
    return true;
  }

  @Override
  protected boolean supportsVideoUpload() {
    return true;
  }

  @Override
  protected boolean supportsFollowOns() {
    return true;
  }

  @Override
  protected ProviderScript script() {
    return new ProviderScript() {
      @Override
      public void nextTaskFails(String code, String message) {
        toapis.nextTask(TaskScript.fails(code, message));
      }

      @Override
      public void nextTaskNeverFinishes() {
        toapis.nextTask(TaskScript.neverFinishes());
      }

      @Override
      public void nextCreateRateLimited(Duration retryAfter) {
        toapis.inject(Endpoint.CREATE, Fault.rateLimited(retryAfter));
      }

      @Override
      public void nextCallFails(Operation operation, FailureKind kind) {
        // No answer to a request that went out: the server acts on it and closes the connection.
        toapis.inject(endpointOf(operation), kind == FailureKind.NO_RESPONSE ? Fault.dropAfterProcessing()
            : Fault.status(ProviderCalls.httpStatusOf(kind)));
      }

      @Override
      public Optional<Runnable> holdNextCreate() {
        // The create waits at the server for a second request of the same meeting, which the release sends.
        Fault meeting = Fault.meeting(2, Duration.ofSeconds(30));
        toapis.inject(Endpoint.CREATE, meeting);
        toapis.inject(Endpoint.CREATE, meeting);
        return Optional.of(() -> provider.create(request(null)));
      }

      @Override
      public void nextUploadRejected(String message) {
        toapis.inject(Endpoint.UPLOAD, Fault.answer(400, "application/json",
            "{\"success\":false,\"message\":\"" + message + "\"}"));
      }

      @Override
      public void nextCreateUnanswered(boolean taskCreated) {
        toapis.inject(Endpoint.CREATE, taskCreated ? Fault.dropAfterProcessing() : Fault.dropBeforeProcessing());
      }

      @Override
      public void timePasses(Duration amount) {
        time.advance(amount);
      }
    };
  }

  private static Endpoint endpointOf(Operation operation) {
    return switch (operation) {
      case CREATE -> Endpoint.CREATE;
      case READ -> Endpoint.STATUS;
      case UPLOAD -> Endpoint.UPLOAD;
      case DOWNLOAD -> Endpoint.FILE;
    };
  }

}
