package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.Violation;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * A model the catalog lacks is refused all the same, but the key's live list is read first (it is free), so that one
 * the key offers is told as having no route instead of being taken for a misspelling.
 */
class UnroutedListedModelTest {
  private static final VideoJob ACME = VideoJob.builder("acme-video-9").prompt("a lighthouse at dusk").build();

  @Test
  void aSubmitOnAModelTheKeyListsButTheCatalogLacksSaysSoAndSendsNothing() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("seedance-2", "acme-video-9"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> { })) {
      CompletableFuture<JobHandle> submitted = fixture.client.submitAsync(ACME, null, new CompletableFuture<>());

      assertThat(ClientFixture.failureOf(submitted)).isInstanceOf(InvalidJobException.class)
          .hasMessageContaining("acme-video-9 is on this key's live model list, but the catalog has no route for it")
          .hasMessageNotContaining("not a known model");
      assertThat(provider.calls()).containsOnlyOnce("models");
      assertThat(provider.creates()).isEmpty();
    }
  }

  @Test
  void validateAsyncReadsTheListForAModelTheCatalogLacks() {
    ScriptedProvider provider = new ScriptedProvider().liveModels(Set.of("seedance-2", "Acme-Video-9"));
    try (ClientFixture fixture = new ClientFixture(provider, builder -> { })) {
      assertThat(fixture.client.validateAsync(ACME).join().errors()).extracting(Violation::message).singleElement()
          .asString().startsWith("model: acme-video-9 is on this key's live model list, but the catalog has no route");
      assertThat(fixture.client.validate(ACME).errors()).as("the list read is kept for the next validation")
          .extracting(Violation::message).singleElement().asString().contains("on this key's live model list");
    }
  }

  @Test
  void aProviderThatCannotListModelsLeavesTheUnknownModelRefusal() {
    ScriptedProvider provider = new ScriptedProvider(); // lists nothing
    try (ClientFixture fixture = new ClientFixture(provider, builder -> { })) {
      assertThat(fixture.client.validateAsync(ACME).join().errors()).extracting(Violation::message).singleElement()
          .asString().startsWith("model: acme-video-9 is not a known model");
      assertThat(ClientFixture.failureOf(fixture.client.submitAsync(ACME, null, new CompletableFuture<>())))
          .isInstanceOf(InvalidJobException.class).hasMessageContaining("is not a known model");
      assertThat(provider.creates()).isEmpty();
    }
  }
}
