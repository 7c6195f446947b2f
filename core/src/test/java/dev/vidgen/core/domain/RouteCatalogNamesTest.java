package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** In Java as in route files, a name (an id or an alias, in any case) leads to one route only. */
class RouteCatalogNamesTest {
  private static ModelRoute route(String id, String... aliases) {
    return ModelRoute.builder(id).mode(GenerationMode.TEXT_TO_VIDEO).durations(DurationRule.oneOf(5))
        .aliases(aliases).build();
  }

  @Test
  void anAddedRouteMayNotHaveAnAliasThatIsAnotherRoutesId() {
    assertThatThrownBy(() -> RouteCatalog.builtIn().with(route("cheap-x", "seedance-2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alias \"seedance-2\" of the route \"cheap-x\" is already a name of the route \"seedance-2\";"
            + " a name (an id or an alias, in any case) leads to one route only");
  }

  @Test
  void everyClashIsNamedInOneError() {
    assertThatThrownBy(() -> RouteCatalog.builtIn().with(route("cheap-x", "SEEDANCE-2", "cheap", "Gemini_Omni_Flash")))
        .hasMessage("2 clashes of names: alias \"SEEDANCE-2\" of the route \"cheap-x\" is already a name of the route"
            + " \"seedance-2\"; alias \"Gemini_Omni_Flash\" of the route \"cheap-x\" is already a name of the route"
            + " \"gemini-omni-flash\"; a name (an id or an alias, in any case) leads to one route only");
  }

  @Test
  void idsThatDifferOnlyInCaseAreOneName() {
    assertThatThrownBy(() -> RouteCatalog.of(route("acme", "acme-2"), route("Acme-2")))
        .hasMessageStartingWith("id \"Acme-2\" is already a name of the route \"acme\"");
  }

  @Test
  void aRouteWithTheSameIdReplacesTheOldOneAndMayKeepOrMoveItsNames() {
    ModelRoute flash = RouteCatalog.builtIn().require("gemini-omni-flash");
    RouteCatalog catalog = RouteCatalog.builtIn().with(flash.toBuilder().aliases().build(),
        route("gemini_omni_flash"), route("seedance-2", "sd2"));

    assertThat(catalog.require("sd2").id()).isEqualTo("seedance-2");
    assertThat(catalog.require("gemini_omni_flash").id()).isEqualTo("gemini_omni_flash");
    assertThat(catalog.size()).isEqualTo(RouteCatalog.builtIn().size() + 1);
  }

  @Test
  void aRouteReplacingAnotherOfItsIdIsNamedAsTheOneWhoseAliasClashes() {
    RouteCatalog builtIn = RouteCatalog.builtIn();

    assertThatThrownBy(() -> builtIn.with(builtIn.require("seedance-2").toBuilder().aliases("gemini_omni_flash").build()))
        .hasMessage("alias \"gemini_omni_flash\" of the route \"seedance-2\" is already a name of the route"
            + " \"gemini-omni-flash\"; a name (an id or an alias, in any case) leads to one route only");
  }

  private static ModelRoute acme(String id, int seconds) {
    return ModelRoute.builder(id).mode(GenerationMode.TEXT_TO_VIDEO).durations(DurationRule.oneOf(seconds)).build();
  }

  @Test
  void withRefusesTwoRoutesOfOneIdGivenTogether() {
    assertThatThrownBy(() -> RouteCatalog.builtIn().with(acme("acme-1", 5), acme("acme-1", 10)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("id \"acme-1\" is given twice; give each route once in one call (a route replaces the"
            + " catalog's route of its id, not another route given with it)");
  }

  @Test
  void ofRefusesTwoRoutesOfOneIdInAnyCase() {
    assertThatThrownBy(() -> RouteCatalog.of(List.of(acme("acme-1", 5), acme("acme-1", 10))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id \"acme-1\" is given twice; give each route once");
    assertThatThrownBy(() -> RouteCatalog.of(route("acme"), route("ACME")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id \"acme\" is given twice (as \"acme\", \"ACME\": ids compare in any case);");
  }

  @Test
  void everyIdGivenTwiceAndEveryClashAreNamedInOneError() {
    assertThatThrownBy(() -> RouteCatalog.builtIn().with(acme("acme-1", 5), route("seedance-2", "SD"),
        route("cheap-x", "Gemini_Omni_Flash"), acme("Acme-1", 10), route("seedance-2"), acme("acme-1", 15)))
        .hasMessage("id \"acme-1\" is given 3 times (as \"acme-1\", \"Acme-1\": ids compare in any case);"
            + " id \"seedance-2\" is given twice; give each route once in one call (a route replaces the catalog's"
            + " route of its id, not another route given with it); alias \"Gemini_Omni_Flash\" of the route"
            + " \"cheap-x\" is already a name of the route \"gemini-omni-flash\"; a name (an id or an alias, in any"
            + " case) leads to one route only");
  }

  @Test
  void aRouteGivenOnceStillReplacesTheBuiltInOfItsId() {
    RouteCatalog catalog = RouteCatalog.builtIn().with(acme("seedance-2", 7), acme("acme-1", 5));

    assertThat(catalog.require("seedance-2").durations().describe()).isEqualTo("7");
    assertThat(catalog.size()).isEqualTo(RouteCatalog.builtIn().size() + 1);
  }

  @Test
  void namesAsNearAsEachOtherComeInCatalogOrderSoThatAFamilyNamesItsDefaultModelFirst() {
    // "grok" is a prefix of every Grok id: the catalog's first (the default model) leads, not the first by letters.
    assertThat(RouteCatalog.builtIn().nearest("grok", 3))
        .containsExactly("grok-video-1.5-preview", "grok-video-1.5", "grok-video-1.0");
  }
}
