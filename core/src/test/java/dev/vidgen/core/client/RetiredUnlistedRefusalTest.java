package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * With retired routes allowed, a retired route the key's live list lacks is refused by that list, saying it is
 * retired, that the list does not offer it either, and which of its replacements the list holds; turning the check
 * off comes last, for a provider that still serves it unlisted.
 */
class RetiredUnlistedRefusalTest {
  private static final VideoJob SORA = VideoJob.builder("sora-2").prompt("a fox in the snow").build();
  private static final String CHECK_OFF = "(turn this check off with checkModelAvailability(false) in Java,"
      + " --no-model-check on the command line, vidgen serve --no-model-check for the playground)";

  @Test
  void aSubmitSaysTheRouteIsRetiredAndNamesTheReplacementsTheListHolds() {
    ScriptedProvider provider = new ScriptedProvider()
        .liveModels(Set.of("veo3.1-fast", "seedance-2", "kling-v3", "grok-video-1.0"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> builder.allowRetired(true))) {
      CompletableFuture<JobHandle> submitted = fixture.client.submitAsync(SORA, null, new CompletableFuture<>());

      Throwable failure = ClientFixture.failureOf(submitted);
      assertThat(failure).isInstanceOf(InvalidJobException.class);
      assertThat(((InvalidJobException) failure).report().errors()).singleElement().satisfies(error -> {
        assertThat(error.code()).isEqualTo(ViolationCodes.MODEL_NOT_AVAILABLE);
        assertThat(error.allowed()).isEqualTo("veo3.1-fast, seedance-2, kling-v3");
        assertThat(error.message()).isEqualTo("model: sora-2 was retired on 2026-09-24 (OpenAI ended Sora 2 and its"
            + " Videos API on 2026-09-24), and this key's live model list does not offer it either (4 video models"
            + " listed, read just now; a model added to the key since shows once the list is read again, at most every"
            + " 30 s), so the provider would refuse it; choose veo3.1-fast, seedance-2 or kling-v3 instead; if your"
            + " provider still serves it all the same, send it unchecked " + CHECK_OFF);
      });
      assertThat(provider.creates()).isEmpty();
    }
  }

  @Test
  void theModelCheckOnItsOwnRefusesItInTheSameWords() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("veo3.1-fast", "kling-v3"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> builder.allowRetired(true))) {
      Throwable failure = ClientFixture.failureOf(fixture.client.checkModelAvailableAsync("sora-2"));

      assertThat(failure).isInstanceOf(InvalidJobException.class);
      assertThat(((InvalidJobException) failure).report().errors()).extracting(Violation::message).singleElement()
          .asString().startsWith("model: sora-2 was retired on 2026-09-24 (OpenAI ended Sora 2")
          .contains("this key's live model list does not offer it either (2 video models listed")
          .contains("; choose veo3.1-fast or kling-v3 instead; if your provider still serves it all the same")
          .doesNotContain("spelled near it").doesNotContain("is not in the provider's live model list");
    }
  }

  @Test
  void aListHoldingNoneOfTheReplacementsPointsToTheModelsItOffers() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("grok-video-1.0"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> builder.allowRetired(true))) {
      Throwable failure = ClientFixture.failureOf(fixture.client.submitAsync(SORA, null, new CompletableFuture<>()));

      assertThat(failure).isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("sora-2 was retired on 2026-09-24")
          .hasMessageContaining("so the provider would refuse it; choose a model this key's live list offers (vidgen"
              + " models --live marks them); if your provider still serves it all the same")
          .hasMessageNotContaining("veo3.1-fast");
      assertThat(provider.creates()).isEmpty();
    }
  }
}
