package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.Retirement;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client's own time says whether a route's retirement day has come, not the machine's date. */
class RetirementDayTest {
  @Test
  void aRouteWorksUntilItsRetirementDayByTheClientsClock() {
    LocalDate tomorrow = LocalDate.of(2026, 3, 2); // ManualTime.atEpochDay() is 2026-03-01T12:00Z
    RouteCatalog catalog = RouteCatalog.builtIn().with(RouteCatalog.builtIn().require(Jobs.MODEL).toBuilder()
        .retired(new Retirement(tomorrow, "the preview ends", List.of("grok-video-1.5"))).build());
    try (ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
        builder -> builder.catalog(catalog).environmentRoutes(false))) {
      assertThat(fixture.client.validate(Jobs.valid()).isValid()).isTrue();
      assertThat(fixture.client.validate(Jobs.valid()).warnings()).extracting(Violation::code)
          .contains(ViolationCodes.MODEL_RETIRING);

      fixture.advance(Duration.ofHours(12));

      assertThat(fixture.client.validate(Jobs.valid()).errors()).extracting(Violation::code)
          .containsExactly(ViolationCodes.MODEL_RETIRED);
    }
  }
}
