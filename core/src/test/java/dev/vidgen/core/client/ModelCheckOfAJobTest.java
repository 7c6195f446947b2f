package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.Violation;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The model check of a whole job refuses a model the key's live list lacks as a submit of that job does: it names
 * instead only a listed model that can take the job as given, or says that none can.
 */
class ModelCheckOfAJobTest {
  /** 8 s: grok-video-1.5 offers it; grok-video-1.5-preview, the listed model nearest its name, offers 10 or 15 s. */
  private static final VideoJob EIGHT_SECONDS = VideoJob.builder("grok-video-1.5").prompt("a kite")
      .image("https://img.example/kite.png").seconds(8).build();

  @Test
  void aJobNoListedModelNearItCanTakeIsAdvisedNoneAsItsSubmitIs() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("grok-video-1.5-preview", "seedance-2"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> {})) {
      String checked = refusal(fixture.client.checkModelAvailableAsync(EIGHT_SECONDS));
      String submitted = refusal(fixture.client.submitAsync(EIGHT_SECONDS, null, new CompletableFuture<>()));

      assertThat(checked).contains("no model listed near its name can take this job (grok-video-1.5-preview cannot;")
          .doesNotContain("the closest listed").isEqualTo(submitted);
      assertThat(refusal(fixture.client.checkModelAvailableAsync("grok-video-1.5"))).as("any job: the model alone")
          .contains("the closest listed: grok-video-1.5-preview");
      assertThat(provider.creates()).isEmpty();
    }
  }

  @Test
  void aJobTheClosestListedModelCanTakeIsAdvisedIt() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("grok-video-1.5-preview", "seedance-2"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> {})) {
      VideoJob tenSeconds = EIGHT_SECONDS.toBuilder().seconds(10).build();

      assertThat(refusal(fixture.client.checkModelAvailableAsync(tenSeconds)))
          .contains("the closest listed: grok-video-1.5-preview");
    }
  }

  private static String refusal(CompletableFuture<?> refused) {
    Throwable failure = ClientFixture.failureOf(refused);
    assertThat(failure).isInstanceOf(InvalidJobException.class);
    return ((InvalidJobException) failure).report().errors().stream().map(Violation::message).findFirst()
        .orElseThrow();
  }
}
