package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A retired route is refused with when, why and what instead, unless retired routes are allowed;
 * before its retirement day it works, with a warning.
 */
class RetiredRoutesTest {
  private static final RouteCatalog CATALOG = RouteCatalog.builtIn();
  private static final LocalDate RETIRES = LocalDate.of(2027, 6, 1);

  @Test
  void everySora2RouteIsRetiredOnTheDayOpenAiEndedIt() {
    assertThat(CATALOG.routes()).filteredOn(route -> route.id().startsWith("sora-2")).hasSize(5)
        .allSatisfy(route -> assertThat(route.retired()).hasValueSatisfying(retired -> {
          assertThat(retired.on()).isEqualTo(LocalDate.of(2026, 9, 24));
          assertThat(retired.note()).isEqualTo("OpenAI ended Sora 2 and its Videos API on 2026-09-24");
          assertThat(retired.instead()).isNotEmpty().allSatisfy(id -> assertThat(CATALOG.find(id)).isPresent());
        }));
    assertThat(CATALOG.routes()).filteredOn(route -> route.retired().isPresent())
        .allSatisfy(route -> assertThat(route.id()).startsWith("sora-2"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sora-2", "sora-2-pro", "sora-2-vip", "sora-2-vvip", "sora-2-official"})
  void refusesARetiredRouteSayingWhenWhyAndWhatInstead(String id) {
    ValidationReport report = JobValidator.of(CATALOG).validate(job(id));

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).filteredOn(v -> v.code().equals(ViolationCodes.MODEL_RETIRED)).singleElement()
        .satisfies(violation -> assertThat(violation.message()).isEqualTo("model: " + id
            + " was retired on 2026-09-24 (OpenAI ended Sora 2 and its Videos API on 2026-09-24); choose"
            + " veo3.1-fast, seedance-2 or kling-v3 instead, or allow retired routes (allowRetired(true) in Java,"
            + " --allow-retired on the command line) if your provider still serves it"));
  }

  @Test
  void aRetiredRouteTheKeysLiveListLacksIsNotToldToBeAllowedWhichWouldNotHelp() {
    ValidationReport report = JobValidator.of(CATALOG).withLiveModels(java.util.Set.of("veo3.1-fast", "kling-v3"))
        .validate(job("sora-2"));

    assertThat(report.errors()).filteredOn(v -> v.code().equals(ViolationCodes.MODEL_RETIRED)).singleElement()
        .satisfies(violation -> assertThat(violation.message()).isEqualTo("model: sora-2 was retired on 2026-09-24"
            + " (OpenAI ended Sora 2 and its Videos API on 2026-09-24); choose veo3.1-fast or kling-v3 instead (this"
            + " key's live model list does not offer it either)"));
  }

  @Test
  void sendsARetiredRouteWithAWarningWhenAllowed() {
    ValidationReport report = JobValidator.of(CATALOG).allowingRetired().validate(job("sora-2-vvip"));

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).extracting(Violation::code).containsExactly(ViolationCodes.MODEL_RETIRED);
  }

  @Test
  void suggestsOnlyAlternativesTheCatalogStillHas() {
    ModelRoute old = CATALOG.require("grok-video-1.5").toBuilder()
        .retired(new Retirement(LocalDate.of(2027, 1, 1), "replaced", java.util.List.of("gone-model", "grok-video-1.0")))
        .build();
    ValidationReport report = JobValidator.of(CATALOG.with(old)).withClock(on(LocalDate.of(2027, 1, 1))).validate(
        VideoJob.builder("grok-video-1.5").prompt("p").image("https://img.example/a.png").build());

    assertThat(report.errors()).singleElement().satisfies(violation ->
        assertThat(violation.message()).contains("choose grok-video-1.0 instead").doesNotContain("gone-model"));
  }

  @Test
  void aRetirementDayStillToComeLetsTheRouteWorkWithAWarning() {
    RouteCatalog catalog = CATALOG.with(retiring("seedance-2-fast"));

    ValidationReport report = JobValidator.of(catalog).withClock(on(RETIRES.minusDays(1))).validate(job("seedance-2-fast"));

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).filteredOn(v -> v.code().equals(ViolationCodes.MODEL_RETIRING)).singleElement()
        .satisfies(warning -> assertThat(warning.message()).isEqualTo("model: seedance-2-fast will be retired on"
            + " 2027-06-01 (the fast tier ends); it works until then, and jobs on it are refused from that day:"
            + " choose seedance-2 before then"));
    assertThat(JobValidator.of(catalog).withClock(on(RETIRES.minusDays(1))).retirement("seedance-2-fast")).isEmpty();
  }

  @Test
  void fromItsRetirementDayTheRouteIsRefused() {
    RouteCatalog catalog = CATALOG.with(retiring("seedance-2-fast"));

    for (LocalDate day : List.of(RETIRES, RETIRES.plusDays(30))) {
      JobValidator validator = JobValidator.of(catalog).withClock(on(day));
      ValidationReport report = validator.validate(job("seedance-2-fast"));

      assertThat(report.errors()).extracting(Violation::code).as(day.toString()).containsExactly(ViolationCodes.MODEL_RETIRED);
      assertThat(report.warnings()).extracting(Violation::code).doesNotContain(ViolationCodes.MODEL_RETIRING);
      assertThat(validator.retirement("seedance-2-fast")).isPresent();
    }
  }

  @Test
  void anUnknownModelIsPointedAtRoutesRetiringLaterButNotAtRetiredOnes() {
    RouteCatalog catalog = CATALOG.with(retiring("seedance-2-fast"));

    String before = JobValidator.of(catalog).withClock(on(RETIRES.minusDays(1))).validate(job("seedance-2-fest"))
        .errors().get(0).message();
    String after = JobValidator.of(catalog).withClock(on(RETIRES)).validate(job("seedance-2-fest"))
        .errors().get(0).message();

    assertThat(before).contains("did you mean seedance-2-fast").doesNotContain("was retired");
    assertThat(after).contains("(seedance-2-fast was retired on 2027-06-01)");
  }

  private static ModelRoute retiring(String id) {
    return CATALOG.require(id).toBuilder()
        .retired(new Retirement(RETIRES, "the fast tier ends", List.of("seedance-2")))
        .build();
  }

  private static Clock on(LocalDate day) {
    return Clock.fixed(day.atStartOfDay(ZoneOffset.UTC).toInstant(), ZoneOffset.UTC);
  }

  private static VideoJob job(String id) {
    return VideoJob.builder(id).prompt("A lighthouse at dusk").seconds(8).build();
  }
}
