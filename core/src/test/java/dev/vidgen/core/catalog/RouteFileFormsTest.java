package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The loader and the schema agree on how numbers, aspect ratios and model names may be written. */
class RouteFileFormsTest {
  private static final String MODES = "\"modes\": {\"text-to-video\": {}}";

  private static String route(String id, String fields) {
    return "{\"routes\": [{\"id\": \"" + id + "\", " + MODES + ", " + fields + "}]}";
  }

  private static ModelRoute read(String json) {
    return RouteFiles.layer(RouteCatalog.of(), "acme.json", json).routes().get(0);
  }

  private static RouteFileException failure(String json) {
    return catchThrowableOfType(() -> RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", json),
        RouteFileException.class);
  }

  @Test
  void aWholeNumberWrittenWithAZeroFractionIsThatWholeNumber() {
    ModelRoute route = read(route("acme", "\"seconds\": {\"one_of\": [5.0, 10, 1.5e1], \"default\": 5.00},"
        + " \"max_prompt_chars\": 2000.0"));

    assertThat(route.durations().describe()).isEqualTo("5, 10 or 15");
    assertThat(route.durations().defaultSeconds()).isEqualTo(5);
    assertThat(route.maxPromptChars()).isEqualTo(2000);
  }

  @Test
  void aNumberWithAFractionIsRefusedSayingSo() {
    RouteFileException e = failure(route("acme", "\"seconds\": {\"one_of\": [5.5, 10], \"default\": 10}"));

    assertThat(e).hasMessage("acme.json: routes[0].seconds.one_of[0]: expected a duration in whole seconds"
        + " (a whole number of 1 or more), got 5.5, which has a fraction");
  }

  @Test
  void everyAspectRatioThatIsNotWidthColonHeightIsRefused() {
    RouteFileException e = failure(route("acme", "\"seconds\": {\"one_of\": [5], \"default\": 5},"
        + " \"aspect_ratios\": {\"one_of\": [\"wide\", \"16:9\", \"0:1\", \"4:3 \", \"adaptive\"]}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].aspect_ratios.one_of[0]", "routes[0].aspect_ratios.one_of[2]", "routes[0].aspect_ratios.one_of[3]");
    assertThat(e.problem()).isEqualTo("aspect ratio \"wide\" is not W:H; allowed: two whole numbers of 1 or more"
        + " with a colon between them, such as \"16:9\" or \"21:9\", or \"adaptive\"");
    assertThat(failure("{\"patch\": {\"seedance-2\": {\"aspect_ratios\": {\"one_of\": [\"square\"]}}}}").jsonPath())
        .isEqualTo("patch.seedance-2.aspect_ratios.one_of[0]");
  }

  @Test
  void aWrongDefaultIsToldBesideEachWrongRatioAndAllowsOnlyTheValidOnes() {
    RouteFileException e = failure(route("a1", "\"seconds\": {\"one_of\": [5], \"default\": 5},"
        + " \"aspect_ratios\": {\"one_of\": [\"16:9\", \"wide\"], \"default\": \"4:3\"}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].aspect_ratios.one_of[1]", "aspect ratio \"wide\" is not W:H;"
            + " allowed: two whole numbers of 1 or more with a colon between them, such as \"16:9\" or \"21:9\","
            + " or \"adaptive\""),
        org.assertj.core.groups.Tuple.tuple("routes[0].aspect_ratios.default",
            "default \"4:3\" is not in one_of; allowed: 16:9"));
  }

  @Test
  void whenNoValueOfOneOfIsValidTheDefaultSaysNoneIsAllowed() {
    RouteFileException ratios = failure(route("a1", "\"seconds\": {\"one_of\": [5], \"default\": 5},"
        + " \"aspect_ratios\": {\"one_of\": [\"wide\", 7], \"default\": \"4:3\"}"));
    RouteFileException seconds = failure(route("a1", "\"seconds\": {\"one_of\": [5.5, 0], \"default\": 5}"));

    assertThat(ratios.all()).extracting(RouteFileException::jsonPath).containsExactly(
        "routes[0].aspect_ratios.one_of[0]", "routes[0].aspect_ratios.one_of[1]", "routes[0].aspect_ratios.default");
    assertThat(ratios.all().get(2).problem())
        .isEqualTo("default \"4:3\" is not in one_of; allowed: none (every value of one_of is wrong)");
    assertThat(seconds.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].seconds.one_of[0]", "expected a duration in whole seconds"
            + " (a whole number of 1 or more), got 5.5, which has a fraction"),
        org.assertj.core.groups.Tuple.tuple("routes[0].seconds.one_of[1]",
            "a duration in whole seconds must be 1 or more, got 0"),
        org.assertj.core.groups.Tuple.tuple("routes[0].seconds.default",
            "default 5 is not in one_of; allowed: none (every value of one_of is wrong)"));
  }

  @Test
  void aDefaultThatCannotBeReadIsToldBesideEachWrongDuration() {
    RouteFileException e = failure("{\"patch\": {\"kling-v3\": {\"seconds\": {\"one_of\": [5.5], \"default\": 5.5}}}}");

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("patch.kling-v3.seconds.one_of[0]", "expected a duration in whole"
            + " seconds (a whole number of 1 or more), got 5.5, which has a fraction"),
        org.assertj.core.groups.Tuple.tuple("patch.kling-v3.seconds.default", "expected seconds default"
            + " (a whole number of 1 or more), got 5.5, which has a fraction"));
  }

  @Test
  void aDefaultThatIsAWrongRatioOfOneOfIsToldAsWrongAndEachRepeatedValueToo() {
    RouteFileException e = failure(route("a1", "\"seconds\": {\"one_of\": [5, 10, 5], \"default\": 7},"
        + " \"aspect_ratios\": {\"one_of\": [\"wide\", \"16:9\"], \"default\": \"wide\"},"
        + " \"resolutions\": {\"one_of\": [\"720p\", \"720P\", 1080], \"default\": \"4k\"}"));

    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].seconds.one_of[2]", "5 is listed twice in one_of"),
        org.assertj.core.groups.Tuple.tuple("routes[0].seconds.default", "default 7 is not in one_of; allowed: 5, 10"),
        org.assertj.core.groups.Tuple.tuple("routes[0].aspect_ratios.one_of[0]", "aspect ratio \"wide\" is not W:H;"
            + " allowed: two whole numbers of 1 or more with a colon between them, such as \"16:9\" or \"21:9\","
            + " or \"adaptive\""),
        org.assertj.core.groups.Tuple.tuple("routes[0].aspect_ratios.default", "aspect ratio \"wide\" is not W:H;"
            + " allowed: two whole numbers of 1 or more with a colon between them, such as \"16:9\" or \"21:9\","
            + " or \"adaptive\""),
        org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.one_of[1]",
            "\"720P\" is listed twice in resolutions one_of"),
        org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.one_of[2]",
            "expected an entry of resolutions one_of (a non-blank string), got the number 1080"),
        org.assertj.core.groups.Tuple.tuple("routes[0].resolutions.default",
            "default \"4k\" is not in one_of; allowed: 720p"));
  }

  @Test
  void anIdOrAliasWithASpaceOrAControlCharacterIsRefusedSayingWhatIsAllowed() {
    assertThat(failure(route("my model", "\"seconds\": {\"one_of\": [5], \"default\": 5}")))
        .hasMessage("acme.json: routes[0].id: the route id \"my model\" has a space; a model name is letters, digits"
            + " and signs such as - _ . : / without spaces or control characters");
    RouteFileException e = failure(route("acme", "\"seconds\": {\"one_of\": [5], \"default\": 5},"
        + " \"aliases\": [\"acme\\tv\", \"acme-v\", \"acme\\u00a0w\"]"));
    assertThat(e.all()).extracting(RouteFileException::jsonPath, RouteFileException::problem).containsExactly(
        org.assertj.core.groups.Tuple.tuple("routes[0].aliases[0]", "the alias \"acme\tv\" has a control character"
            + " (U+0009); a model name is letters, digits and signs such as - _ . : / without spaces or control characters"),
        org.assertj.core.groups.Tuple.tuple("routes[0].aliases[2]", "the alias \"acme\u00a0w\" has a space character"
            + " (U+00A0); a model name is letters, digits and signs such as - _ . : / without spaces or control characters"));
    assertThat(failure("{\"patch\": {\"seedance-2\": {\"aliases\": [\"seed ance\"]}}}").jsonPath())
        .isEqualTo("patch.seedance-2.aliases[0]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"acme", "veo3.1-fast", "gemini_omni_flash", "a/b:c", "Ünïcode-名", "a b", "a\tb", "a\u00a0b",
      "a\u2003b", "a\u3000b", "a\u0085b", "a\u007fb", "a\ufeffb", "a\u200bb", "a\u200db", "a\u00adb", "a\u2060b",
      "a\u202eb", "a\u061cb"})
  void theSchemasModelNamePatternAcceptsExactlyWhatTheLoaderAccepts(String name) throws IOException {
    String escaped = name.chars().mapToObj(c -> c > ' ' && c < 0x7f ? Character.toString(c) : String.format("\\u%04x", c))
        .collect(java.util.stream.Collectors.joining());
    boolean loader = catchThrowableOfType(() -> read(route(escaped, "\"seconds\": {\"one_of\": [5], \"default\": 5}")),
        RouteFileException.class) == null;

    assertThat(Pattern.compile(pattern("model_name")).matcher(name).find()).as(name).isEqualTo(loader);
  }

  @ParameterizedTest
  @ValueSource(strings = {"16:9", "21:9", "1:1", "adaptive", "wide", "0:1", "16:0", "016:9", "16:9 ", "16/9", "Adaptive"})
  void theSchemasAspectRatioPatternAcceptsExactlyWhatTheLoaderAccepts(String ratio) throws IOException {
    String json = route("acme", "\"seconds\": {\"one_of\": [5], \"default\": 5}, \"aspect_ratios\": {\"one_of\": [\""
        + ratio + "\"]}");
    boolean loader = catchThrowableOfType(() -> read(json), RouteFileException.class) == null;

    assertThat(Pattern.compile(pattern("aspect_ratio")).matcher(ratio).find()).as(ratio).isEqualTo(loader);
  }

  @SuppressWarnings("unchecked")
  private static String pattern(String definition) throws IOException {
    try (InputStream in = RouteFiles.class.getResourceAsStream(RouteFiles.SCHEMA_RESOURCE)) {
      Map<String, Object> schema = (Map<String, Object>) JsonTrees.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      Map<String, Object> defs = (Map<String, Object>) schema.get("$defs");
      return (String) ((Map<String, Object>) defs.get(definition)).get("pattern");
    }
  }
}
