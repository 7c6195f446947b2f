package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The key's live model list as the newer word: retired routes it offers, suggestions, refusals and refreshes. */
class LiveListClientTest {
  private static final String PREVIEW = "grok-video-1.5-preview";
  private static final String REFUSAL = "model " + PREVIEW + " not found or not available for this key";

  /** After Sora 2's retirement day (2026-09-24). */
  private final VirtualTime time = VirtualTime.startingAt(Instant.parse("2026-12-01T00:00:00Z"));
  private VidgenClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
  }

  private VidgenClient client(MockVideoProvider mock) {
    client = VidgenClient.builder().provider(mock).clock(time.clock()).scheduler(time.scheduler())
        .ioExecutor(Runnable::run).random(new SplittableRandom(7)).build();
    return client;
  }

  private MockVideoProvider mock(Set<String> live) {
    return MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofMinutes(1)).liveModels(live).build();
  }

  private static VideoJob sora() {
    return VideoJobs.validFor("sora-2");
  }

  @Test
  void aRetiredRouteTheKeysListStillOffersIsSentWithAWarningSayingSo() {
    MockVideoProvider mock = mock(Set.of("sora-2", "veo3.1-fast"));
    client(mock);

    JobHandle handle = client.submit(sora());

    assertThat(handle.model()).isEqualTo("sora-2");
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
    ValidationReport report = client.validate(sora());
    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).singleElement().satisfies(warning -> assertThat(warning.message())
        .contains("sora-2 is marked retired in the catalog on 2026-09-24")
        .contains("this key's live model list still offers it, so it is sent").contains("veo3.1-fast will last"));
  }

  @Test
  void validateAsyncReadsTheListForARetiredRouteAndValidateAloneDoesNot() {
    MockVideoProvider mock = mock(Set.of("sora-2"));
    client(mock);

    assertThat(client.validate(sora()).isValid()).as("the list is not known yet").isFalse();
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).isEmpty();
    assertThat(client.validateAsync(sora())).succeedsWithin(Duration.ZERO)
        .satisfies(report -> assertThat(report.isValid()).isTrue());
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(1);
  }

  @Test
  void aRemixsQuoteOnARetiredRouteTheListOffersReadsTheListAsItsSubmitDoes() {
    MockVideoProvider mock = mock(Set.of("sora-2", "veo3.1-fast"));
    client(mock);
    FollowOn remix = FollowOn.prompt("in winter").withModel("sora-2");

    dev.vidgen.core.pricing.PriceQuote quote = client.quoteFollowOn(dev.vidgen.core.domain.FollowOnKind.REMIX,
        "video_sora_1", remix);

    assertThat(quote.model()).isEqualTo("sora-2");
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("read once, before refusing").hasSize(1);
    assertThat(mock.calls(MockCall.Method.FOLLOW_ON)).as("a quote sends nothing").isEmpty();
  }

  @Test
  void aRetiredRouteTheListLacksIsRefusedNamingOnlyListedModelsInstead() {
    MockVideoProvider mock = mock(Set.of("veo3.1-fast", "kling-v3"));
    client(mock);

    assertThatThrownBy(() -> client.submit(sora()))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("choose veo3.1-fast or kling-v3 instead")
        .hasMessageNotContaining("seedance-2");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aRetiredRouteIsRefusedAsBeforeWhenTheListCannotBeRead() {
    MockVideoProvider mock = mock(Set.of("sora-2"));
    mock.script().fail(Operation.READ, 1, FailureKind.SERVER_ERROR);
    client(mock);

    assertThatThrownBy(() -> client.submit(sora()))
        .isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(((InvalidJobException) e).violations()).extracting(Violation::code)
            .containsExactly("model.retired"))
        .hasMessageContaining("choose veo3.1-fast, seedance-2 or kling-v3 instead");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aModelTheKeyMayNotUseIsRefusedNamingOnlyListedModelsAJobMayUse() {
    MockVideoProvider mock = mock(Set.of("seedance-2-fast", "sora-2", "acme-video-9", "veo3.1-fast"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("seedance-2")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the closest listed: seedance-2-fast (").hasMessageNotContaining("veo3.1-fast")
        .hasMessageNotContaining("acme-video-9").hasMessageNotContaining("sora-2,");
  }

  @Test
  void aModelTheKeyMayNotUseIsOfferedOnlyListedModelsNearItsNameNeverAnotherVendorsOnes() {
    // A live list seen in use: the fact sheet's models without sora-2, kling-v3, veo3.1-fast and grok-video-1.5-preview.
    MockVideoProvider mock = mock(Set.of("grok-video-1.5", "grok-video-1.0", "grok-imagine-1.0-video", "veo3.1-quality",
        "veo3.1-lite", "Veo3.1-quality-official", "Veo3.1-fast-official", "Veo3.1-lite-official", "seedance-2",
        "seedance-2-fast", "seedance-2-mini", "seedance-2-5", "doubao-seedance-1-5-pro", "doubao-seedance-1-0-pro-fast",
        "doubao-seedance-1-0-pro-quality", "kling-v2-6", "kling-3.0-turbo", "wan2.6", "wan2.6-flash",
        "MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast", "MiniMax-Hailuo-02", "MiniMax-H3", "viduq3-pro", "viduq3-turbo",
        "viduq3", "happyhorse-1.1", "gemini-omni-flash", "gemini_omni", "gemini-omni-flash-preview-official",
        "kling-v3-omni", "kling-video-o1"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("kling-v3")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the closest listed: kling-v2-6, kling-3.0-turbo;")
        .hasMessageNotContaining("viduq3").hasMessageNotContaining("MiniMax-H3");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aModelNearNoListedOneIsToldSoNotOfferedUnrelatedNames() {
    MockVideoProvider mock = mock(Set.of("viduq3-pro", "MiniMax-H3", "wan2.6"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("kling-v3")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("no model listed that a job may use is spelled near it (vidgen models --live shows which"
            + " the key may use)")
        .hasMessageNotContaining("viduq3-pro").hasMessageNotContaining("MiniMax-H3").hasMessageNotContaining("wan2.6");
  }

  @Test
  void aListedIdTheCatalogLacksThatIsNearTheModelIsNamedAsPerhapsItsNewName() {
    MockVideoProvider mock = mock(Set.of(PREVIEW, "seedance-2.0", "kling-v3", "zeta-video-x"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("seedance-2")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("no model listed that a job may use is spelled near it (vidgen models --live shows which"
            + " the key may use); the key also lists seedance-2.0, which"
            + " the catalog has no route for (the model under a new name? a route file with {\"patch\":"
            + " {\"seedance-2\": {\"aliases\": [\"seedance-2.0\"]}}} keeps seedance-2's checks and sends the"
            + " listed name; for a new model, vidgen models --live --emit-routes")
        .hasMessageNotContaining("zeta-video-x");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aListedIdThatIsAnotherProductOfTheModelIsNamedAsAModelOfItsOwnNeverOfferedAsAnAlias() {
    MockVideoProvider mock = mock(Set.of("seedance-2", "veo3.1-fast", "kling-v3-omni"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("kling-v3")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the key lists kling-v3-omni, which the catalog has no route for: a model of its own,"
            + " not kling-v3 renamed, so not for an alias of it (vidgen models --live --emit-routes writes a route"
            + " file to start from; docs/routes.md)")
        .as("an alias would send kling-v3's wire to another model").hasMessageNotContaining("aliases")
        .hasMessageNotContaining("under a new name");
    assertThat(mock.calls(MockCall.Method.CREATE)).isEmpty();
  }

  @Test
  void aListedIdThatIsTheModelWithAVersionAddedIsOfferedAsItsNewNameAndAnotherProductBesideItIsNot() {
    MockVideoProvider mock = mock(Set.of("seedance-2", "veo3.1-fast-v2", "veo3.1-fast-omni"));
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor("veo3.1-fast")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the key also lists veo3.1-fast-v2, which the catalog has no route for (the model under"
            + " a new name? a route file with {\"patch\": {\"veo3.1-fast\": {\"aliases\": [\"veo3.1-fast-v2\"]}}}")
        .hasMessageContaining("; the key also lists veo3.1-fast-omni, which the catalog has no route for: a model of"
            + " its own, not veo3.1-fast renamed")
        .hasMessageNotContaining("[\"veo3.1-fast-omni\"]");
  }

  @Test
  void aModelTheKeptListHoldsButTheCatalogLacksIsSaidToBeOfferedWithNoRouteNotMisspelled() {
    MockVideoProvider mock = mock(Set.of("seedance-2", "veo3.1-fast", "acme-video-9"));
    client(mock);
    client.submit(VideoJobs.validFor("seedance-2")); // the list is read and kept

    ValidationReport report = client.validate(VideoJob.builder("acme-video-9").prompt("a fox").build());

    assertThat(report.errors()).extracting(Violation::message).singleElement().asString()
        .startsWith("model: acme-video-9 is on this key's live model list, but the catalog has no route for it")
        .contains("vidgen models --live --emit-routes").doesNotContain("did you mean");
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(1);
  }

  @Test
  void aCreateRefusedForItsModelStopsTheNextCreatesForTheListsLifetimeEvenWhenTheListNamesItAgain() {
    MockVideoProvider mock = mock(Set.of(PREVIEW, "seedance-2"));
    mock.script().fail(Operation.CREATE, 1, FailureKind.REJECTED, REFUSAL);
    client(mock);

    assertThatThrownBy(() -> client.submit(VideoJobs.validFor(PREVIEW)))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.refusesModel()).isTrue());
    assertThatThrownBy(() -> client.submit(VideoJobs.validFor(PREVIEW)))
        .as("the provider's word beats the kept list").isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the provider refused a create on " + PREVIEW + " as a model this key may not use");
    assertThat(client.checkModelAvailableAsync(PREVIEW)).failsWithin(Duration.ZERO);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("not read again within the interval").hasSize(1);

    time.advance(Duration.ofSeconds(31));
    assertThatThrownBy(() -> client.submit(VideoJobs.validFor(PREVIEW)))
        .as("read again, the list names it again, but the create said otherwise").isInstanceOf(InvalidJobException.class);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
    client.submit(VideoJobs.validFor("seedance-2"));

    time.advance(Duration.ofMinutes(5));
    client.submit(VideoJobs.validFor(PREVIEW));

    assertThat(mock.calls(MockCall.Method.CREATE)).as("the refused one, seedance-2's, and the one after the list's lifetime")
        .hasSize(3);
  }

  @Test
  void aJobRefusedAfterItsModelWasRefusedAtACreateIsToldToChangeModelAndHearsOnlyOfModelsThatCanTakeIt() {
    MockVideoProvider mock = mock(Set.of("grok-video-1.5", PREVIEW, "seedance-2"));
    mock.script().fail(Operation.CREATE, 1, FailureKind.REJECTED,
        "model grok-video-1.5 not found or not available for this key");
    client(mock);
    VideoJob eightSeconds = VideoJobs.validFor("grok-video-1.5").toBuilder().seconds(8).build();
    VideoJob tenSeconds = VideoJobs.validFor("grok-video-1.5").toBuilder().seconds(10).resolution(null).build();
    assertThatThrownBy(() -> client.submit(eightSeconds)).isInstanceOf(RequestRejectedException.class);

    assertThatThrownBy(() -> client.submit(eightSeconds)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the provider refused a create on grok-video-1.5 as a model this key may not use")
        .hasMessageContaining("give the job a model the key may use")
        .as("waiting is not the way on: the 5 min say how long the list is not believed on it")
        .hasMessageNotContaining("it is not sent again until")
        .hasMessageContaining("for 5 min after that refusal a list that still names it is not believed on it")
        .as(PREVIEW + " offers 10 or 15 s only, so it cannot take an 8 s job")
        .hasMessageNotContaining("the closest listed: " + PREVIEW)
        .hasMessageContaining("no model listed near its name can take this job (" + PREVIEW + " cannot;");
    assertThatThrownBy(() -> client.submit(tenSeconds)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("the closest listed: " + PREVIEW);
    assertThat(mock.calls(MockCall.Method.CREATE)).as("only the refused create went out").hasSize(1);
  }

  @Test
  void aModelAddedToTheKeyIsUsableWithoutWaitingForTheListToGoStale() {
    MockVideoProvider mock = mock(Set.of("seedance-2"));
    client(mock);
    assertThatThrownBy(() -> client.submit(VideoJobs.validFor(PREVIEW))).isInstanceOf(InvalidJobException.class);

    mock.relist(Set.of("seedance-2", PREVIEW));
    assertThatThrownBy(() -> client.submit(VideoJobs.validFor(PREVIEW))).isInstanceOf(InvalidJobException.class);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("no read within the interval").hasSize(1);

    time.advance(Duration.ofSeconds(31));
    JobHandle handle = client.submit(VideoJobs.validFor(PREVIEW));

    assertThat(handle.model()).isEqualTo(PREVIEW);
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
  }

  @Test
  void aRetiredRouteGivenBackToTheKeyIsUsableWithoutWaitingForTheListToGoStale() {
    MockVideoProvider mock = mock(Set.of("seedance-2"));
    client(mock);
    assertThat(client.validateAsync(sora())).succeedsWithin(Duration.ZERO)
        .satisfies(report -> assertThat(report.errors()).singleElement()
            .satisfies(error -> assertThat(error.message()).contains("does not offer it either")));

    mock.relist(Set.of("seedance-2", "sora-2"));
    assertThat(client.validateAsync(sora())).succeedsWithin(Duration.ZERO)
        .satisfies(report -> assertThat(report.isValid()).as("not read again within the interval").isFalse());
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(1);

    time.advance(Duration.ofSeconds(31));
    assertThat(client.validateAsync(sora())).succeedsWithin(Duration.ZERO).satisfies(report -> {
      assertThat(report.isValid()).isTrue();
      assertThat(report.warnings()).singleElement().satisfies(warning -> assertThat(warning.message())
          .contains("this key's live model list still offers it, so it is sent"));
    });
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
    client.validateAsync(sora()).join();
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).as("a list that holds it is not read again").hasSize(2);
  }

  @Test
  void aSubmitOnARetiredRouteGivenBackToTheKeyReadsTheKeptListAgainWhenDue() {
    MockVideoProvider mock = mock(Set.of("seedance-2"));
    client(mock);
    assertThatThrownBy(() -> client.submit(sora())).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("does not offer it either");

    mock.relist(Set.of("seedance-2", "sora-2"));
    assertThatThrownBy(() -> client.submit(sora())).as("within the interval").isInstanceOf(InvalidJobException.class);
    time.advance(Duration.ofSeconds(31));
    JobHandle handle = client.submit(sora());

    assertThat(handle.model()).isEqualTo("sora-2");
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
    assertThat(mock.calls(MockCall.Method.CREATE)).hasSize(1);
  }

  @Test
  void theListAskedForOnItsOwnIsRetriedAfterAServerError() {
    MockVideoProvider mock = mock(Set.of(PREVIEW));
    mock.script().fail(Operation.READ, 1, FailureKind.SERVER_ERROR);
    client(mock);

    CompletableFuture<Set<String>> live = client.liveModelsAsync();
    time.advance(Duration.ofMinutes(1));

    assertThat(live).succeedsWithin(Duration.ZERO).isEqualTo(Set.of(PREVIEW));
    assertThat(mock.calls(MockCall.Method.LIVE_MODELS)).hasSize(2);
  }
}
