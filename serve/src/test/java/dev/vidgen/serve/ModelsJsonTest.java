package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.domain.RouteCatalog;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelsJsonTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 12, 2);

  @Test
  @SuppressWarnings("unchecked")
  void aPriceByResolutionIsGivenForEachResolutionNotAsAnEmptyObject() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "prices.json", """
        {"patch": {"kling-v2-6": {"price": {"by_resolution": {"720p": {"per_second_usd": "0.07"},
          "1080p": {"per_request_usd": {"5": "0.50", "10": "1.00"}}}}}}}
        """);

    Map<String, Object> price = (Map<String, Object>) ModelsJson.of(catalog.require("kling-v2-6"), TODAY, catalog, java.util.Set.of())
        .get("price");

    assertThat(price).containsEntry("kind", "by_resolution");
    Map<String, Map<String, Object>> tables = (Map<String, Map<String, Object>>) price.get("by_resolution");
    assertThat(tables.get("720p")).containsEntry("kind", "per_second")
        .containsEntry("usd_per_second", new java.math.BigDecimal("0.07"));
    assertThat(tables.get("1080p")).containsEntry("kind", "per_request");
  }

  @Test
  void aRetiredRoutesNoteNamesInsteadOnlyTheRoutesThePlaygroundOffers() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "fewer.json", "{\"remove\": [\"kling-v3\"]}");

    Object note = ModelsJson.of(catalog.require("sora-2"), TODAY, catalog, java.util.Set.of()).get("retired_note");

    assertThat(RouteCatalog.builtIn().require("sora-2").retired().orElseThrow().instead()).contains("kling-v3");
    assertThat((String) note).contains("choose ").doesNotContain("kling-v3").contains("veo3.1-fast");
  }
}
