package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.catalog.RouteFiles;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A route built in Java is refused for what a route file is refused for, in the same words. */
class ModelRouteSpellingTest {
  private static ModelRoute.Builder route(String id) {
    return ModelRoute.builder(id).mode(GenerationMode.TEXT_TO_VIDEO).durations(DurationRule.oneOf(5));
  }

  @Test
  void anIdWithASpaceIsRefused() {
    assertThatThrownBy(() -> route("acme x").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme x: the route id \"acme x\" has a space; a model name is letters, digits and signs such as"
            + " - _ . : / without spaces or control characters");
  }

  @Test
  void anAspectRatioThatIsNotWidthToHeightIsRefused() {
    assertThatThrownBy(() -> route("acme-x").aspectRatios("wide").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-x: aspect ratio \"wide\" is not W:H; allowed: two whole numbers of 1 or more with a colon"
            + " between them, such as \"16:9\" or \"21:9\", or \"adaptive\"");
    assertThat(route("acme-x").aspectRatios("adaptive", "21:9").build().aspectRatios()).containsExactly("adaptive", "21:9");
  }

  @Test
  void aDurationBelowOneSecondIsRefused() {
    assertThatThrownBy(() -> DurationRule.oneOf(0, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duration 0 s is below 1 s; a duration is a whole number of seconds, 1 or more");
    assertThatThrownBy(() -> DurationRule.between(0, 10, 5))
        .hasMessage("duration 0 s is below 1 s; a duration is a whole number of seconds, 1 or more");
  }

  @Test
  void everyProblemOfTheNamesAndRatiosIsToldAtOnce() {
    assertThatThrownBy(() -> route("acme x").aliases("acme-2", "ACME-2").aspectRatios("16:9", "0:1").build())
        .hasMessage("acme x: the route id \"acme x\" has a space; a model name is letters, digits and"
            + " signs such as - _ . : / without spaces or control characters; and alias \"ACME-2\" is already a name"
            + " of the route \"acme x\" (this route); give each name once; and aspect ratio \"0:1\" is not W:H;"
            + " allowed: two whole numbers of 1 or more with a colon between them, such as \"16:9\" or \"21:9\","
            + " or \"adaptive\"");
  }

  @Test
  void aDefaultThatIsNotOfferedIsToldBesideEachWrongRatioNamingTheValidOnes() {
    assertThatThrownBy(() -> ModelRoute.builder("acme-1").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(DurationRule.oneOf(5, 10)).aspectRatios(List.of("16:9", "wide"), "4:3").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-1: aspect ratio \"wide\" is not W:H; allowed: two whole numbers of 1 or more with a colon"
            + " between them, such as \"16:9\" or \"21:9\", or \"adaptive\"; and default aspect ratio 4:3 is not"
            + " offered; offered: 16:9");
    assertThatThrownBy(() -> route("acme-1").aspectRatios(List.of("16:9"), "4:3").resolutions(List.of("720p"), "1080p")
        .build())
        .hasMessage("acme-1: default aspect ratio 4:3 is not offered; offered: 16:9; and default resolution 1080p is"
            + " not offered; offered: 720p");
    assertThatThrownBy(() -> route("acme-1").aspectRatios(List.of("wide"), "4:3").resolutions(List.of(), "720p").build())
        .hasMessageEndingWith("; and default aspect ratio 4:3 is not offered; offered: none (every offered aspect ratio"
            + " is wrong); and default resolution 720p is not offered; offered: none");
    assertThatThrownBy(() -> route("acme-1").aspectRatios(List.of("wide"), "wide").build())
        .hasMessage("acme-1: aspect ratio \"wide\" is not W:H; allowed: two whole numbers of 1 or more with a colon"
            + " between them, such as \"16:9\" or \"21:9\", or \"adaptive\"");
  }

  @Test
  void aDurationDefaultOrRangeThatIsWrongSaysWhatIsAllowed() {
    assertThatThrownBy(() -> DurationRule.between(4, 15, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("default 20 s is outside 4 to 15 s; allowed: a whole number of seconds from 4 to 15");
    assertThatThrownBy(() -> DurationRule.between(15, 4, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad range: 15..4 (the lower bound must not be above the upper)");
    assertThatThrownBy(() -> IntRange.of(-1, 3))
        .hasMessage("bad range: -1..3 (the lower bound must be 0 or more)");
    assertThatThrownBy(() -> new DurationRule(new java.util.TreeSet<>(List.of(0, 5, 10)), null, 7))
        .hasMessage("duration 0 s is below 1 s; a duration is a whole number of seconds, 1 or more; and default 7 s"
            + " is not offered; offered: 5, 10");
  }

  @Test
  void aRangeDefaultIsToldInTheWordsOfARouteFile() {
    RouteFileException file = catchThrowableOfType(() -> RouteFiles.layer(RouteCatalog.builtIn(), "acme.json",
        "{\"routes\": [{\"id\": \"acme-x\", \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"min\": 4,"
            + " \"max\": 15, \"default\": 20}}]}"), RouteFileException.class);
    IllegalArgumentException code = catchThrowableOfType(() -> DurationRule.between(4, 15, 20),
        IllegalArgumentException.class);

    assertThat(code.getMessage()).isEqualTo(file.problem());
  }

  @Test
  void aRouteFileAndTheBuilderGiveTheSameReason() {
    RouteFileException file = catchThrowableOfType(() -> RouteFiles.layer(RouteCatalog.builtIn(), "acme.json",
        "{\"routes\": [{\"id\": \"acme-x\", \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5],"
            + " \"default\": 5}, \"aspect_ratios\": {\"one_of\": [\"wide\"]}}]}"), RouteFileException.class);
    IllegalArgumentException code = catchThrowableOfType(() -> route("acme-x").aspectRatios("wide").build(),
        IllegalArgumentException.class);

    assertThat(code.getMessage()).isEqualTo("acme-x: " + file.problem());
  }
}
