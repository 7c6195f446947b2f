package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A model the provider refused at a create stays refused for the list's lifetime, whether or not the list answers. */
class RefusedModelWhileListUnreadableTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder()
      .server(fake -> fake.videoModels(Set.of("grok-video-1.5-preview", "grok-video-1.5")))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();
  /** Moves the client's clock only; waits and retries still run on the client's own scheduler. */
  private final VirtualTime time = VirtualTime.create();

  @Test
  void aModelRefusedAtACreateIsRefusedBeforeSendingWhileTheListAnswers429() {
    List<String> warnings = new CopyOnWriteArrayList<>();
    try (VidgenClient client = VidgenClient.builder().provider(provider).clock(time.clock())
        .listener(new VidgenListener() {
          @Override
          public void onWarning(String code, String message) {
            warnings.add(code + ": " + message);
          }
        }).build()) {
      assertThat(client.liveModels()).contains("grok-video-1.5");
      toapis.inject(Endpoint.CREATE, Fault.error(400, "model_not_found",
          "model grok-video-1.5 not found or not available for this key"));
      assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.5")))
          .isInstanceOf(RequestRejectedException.class);
      assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);

      // Past the least time between reads, so the next job reads the list again, and it answers 429 only.
      time.advance(Duration.ofSeconds(31));
      toapis.inject(Endpoint.MODELS, Fault.rateLimited(Duration.ofSeconds(2)), 100);
      for (int job = 0; job < 3; job++) {
        assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.5")))
            .isInstanceOf(InvalidJobException.class)
            .hasMessageContaining("the provider refused a create on grok-video-1.5 as a model this key may not use");
        time.advance(Duration.ofSeconds(31));
      }

      assertThat(toapis.requests(Endpoint.CREATE)).as("no create goes out for a model refused under 5 min ago")
          .hasSize(1);
      assertThat(toapis.requests(Endpoint.MODELS).size()).as("the list was asked, and answered 429").isGreaterThan(1);
      assertThat(warnings).as("a job refused is not said to go out unchecked")
          .noneMatch(warning -> warning.startsWith("live_models.unreadable"));
    }
  }

  @Test
  void theRefusalLapsesAfterFiveMinutesAndAJobThenGoesOutUnchecked() {
    try (VidgenClient client = VidgenClient.builder().provider(provider).clock(time.clock()).build()) {
      client.liveModels();
      toapis.inject(Endpoint.CREATE, Fault.error(400, "model_not_found",
          "model grok-video-1.5 not found or not available for this key"));
      assertThatThrownBy(() -> client.submit(VideoJobs.validFor("grok-video-1.5")))
          .isInstanceOf(RequestRejectedException.class);

      time.advance(Duration.ofMinutes(5).plusSeconds(1));
      toapis.inject(Endpoint.MODELS, Fault.rateLimited(Duration.ofSeconds(2)), 100);

      assertThat(client.submit(VideoJobs.validFor("grok-video-1.5")).taskId()).isNotNull();
      assertThat(toapis.requests(Endpoint.CREATE)).hasSize(2);
    }
  }
}
