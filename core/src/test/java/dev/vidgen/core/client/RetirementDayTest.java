package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's own time says whether a route's retirement day has come, when it is later than the machine's date. */
class RetirementDayTest {
  @Test
  void aRouteWorksUntilItsRetirementDayByTheClientsClock() {
    // Days ahead of the machine's date: a client's clock may bring a retirement forward, never take one back.
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(10);
    RouteCatalog catalog = RouteCatalog.builtIn().with(RouteCatalog.builtIn().require(Jobs.MODEL).toBuilder()
        .retired(new Retirement(day.plusDays(1), "the preview ends", List.of("grok-video-1.5"))).build());
    try (ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
        builder -> builder.catalog(catalog).environmentRoutes(false))) {
      fixture.advance(Duration.between(fixture.time.now(), day.atTime(12, 0).toInstant(ZoneOffset.UTC)));
      assertThat(fixture.client.validate(Jobs.valid()).isValid()).isTrue();
      assertThat(fixture.client.validate(Jobs.valid()).warnings()).extracting(Violation::code)
          .contains(ViolationCodes.MODEL_RETIRING);

      fixture.advance(Duration.ofHours(12));

      assertThat(fixture.client.validate(Jobs.valid()).errors()).extracting(Violation::code)
          .containsExactly(ViolationCodes.MODEL_RETIRED);
    }
  }

  @Test
  void aJobSubmittedOnARetiringRouteIsToldTheWarningOncePerClient() {
    LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(30);
    RouteCatalog catalog = RouteCatalog.builtIn().with(RouteCatalog.builtIn().require(Jobs.MODEL).toBuilder()
        .retired(new Retirement(day, "the preview ends", List.of("grok-video-1.5"))).build());
    try (ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
        builder -> builder.catalog(catalog).environmentRoutes(false))) {
      fixture.client.submit(Jobs.valid());
      fixture.client.submit(Jobs.valid());
      fixture.client.submit(Jobs.valid().toBuilder().param("motion_boost", 3).build());

      assertThat(fixture.provider.creates()).hasSize(3);
      assertThat(fixture.listener.warnings()).filteredOn(w -> w.startsWith(ViolationCodes.MODEL_RETIRING))
          .singleElement().asString().contains(day.toString(), "grok-video-1.5");
      assertThat(fixture.listener.warnings()).filteredOn(w -> w.contains("motion_boost")).hasSize(1);
    }
  }

  @Test
  void aFailureWhileARetiredRouteIsCheckedAgainstTheLiveListEndsTheSubmitAndFreesItsReference() {
    VideoJob sora = VideoJob.builder("sora-2").prompt("a lighthouse at dusk").seconds(10).param("motion", 2).build();
    // The first check passes (the route is retired, so the live list is read); the second, on re-entry, throws.
    ScriptedProvider provider = ScriptedProvider.takingClientReferences().liveModels(java.util.Set.of("sora-2"))
        .paramCheckFailure(call -> call == 2 ? new IllegalStateException("the provider's own check broke") : null);
    try (ClientFixture fixture = new ClientFixture(provider, builder -> { })) {
      java.util.concurrent.CompletableFuture<JobHandle> first =
          fixture.client.submitAsync(sora, "ref-1", new java.util.concurrent.CompletableFuture<>());

      assertThat(first).as("the caller hears the failure instead of waiting for ever").isCompletedExceptionally();
      assertThat(ClientFixture.failureOf(first)).hasMessageContaining("the provider's own check broke");
      assertThat(provider.creates()).isEmpty();

      JobHandle again = fixture.client.submitAsync(sora, "ref-1", new java.util.concurrent.CompletableFuture<>()).join();
      assertThat(again.model()).isEqualTo("sora-2");
      assertThat(provider.creates()).hasSize(1);
    }
  }
}
