package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.catalog.RouteFiles;
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
  void aRouteFileAndTheBuilderGiveTheSameReason() {
    RouteFileException file = catchThrowableOfType(() -> RouteFiles.layer(RouteCatalog.builtIn(), "acme.json",
        "{\"routes\": [{\"id\": \"acme-x\", \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [5],"
            + " \"default\": 5}, \"aspect_ratios\": {\"one_of\": [\"wide\"]}}]}"), RouteFileException.class);
    IllegalArgumentException code = catchThrowableOfType(() -> route("acme-x").aspectRatios("wide").build(),
        IllegalArgumentException.class);

    assertThat(code.getMessage()).isEqualTo("acme-x: " + file.problem());
  }
}
