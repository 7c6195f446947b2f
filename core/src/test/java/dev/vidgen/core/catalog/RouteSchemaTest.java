package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JSON Schema beside docs/routes.md is the one in the jar, and lists exactly the keys the loader accepts. */
class RouteSchemaTest {
  private static String shipped;
  private static Map<String, Object> schema;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void readSchema() throws IOException {
    try (InputStream in = RouteFiles.class.getResourceAsStream(RouteFiles.SCHEMA_RESOURCE)) {
      assertThat(in).as(RouteFiles.SCHEMA_RESOURCE).isNotNull();
      shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    schema = (Map<String, Object>) JsonTrees.parse(shipped);
  }

  @Test
  void theDocsSchemaIsTheShippedSchema() throws IOException {
    Path docs = docsFile("docs/routes.schema.json");

    assertThat(Files.readString(docs, StandardCharsets.UTF_8)).isEqualTo(shipped);
  }

  @Test
  void listsEveryKeyTheLoaderAccepts() {
    assertThat(properties(schema)).isEqualTo(RouteKeys.FILE);
    assertThat(properties(definition("route"))).isEqualTo(RouteKeys.ROUTE);
    assertThat(properties(definition("patch"))).isEqualTo(RouteKeys.PATCH);
    assertThat(properties(definition("mode"))).isEqualTo(RouteKeys.MODE);
    assertThat(properties(definition("count"))).isEqualTo(RouteKeys.COUNT);
    assertThat(properties(definition("seconds"))).isEqualTo(RouteKeys.SECONDS);
    assertThat(properties(definition("choice"))).isEqualTo(RouteKeys.CHOICE);
    assertThat(properties(definition("price"))).isEqualTo(RouteKeys.PRICE);
    assertThat(properties(definition("price_at_resolution"))).isEqualTo(RouteKeys.PRICE_AT_RESOLUTION);
    assertThat(properties(definition("retired"))).isEqualTo(RouteKeys.RETIRED);
    RouteKeys.RULES.forEach((kind, keys) -> assertThat(properties(definition("rule_" + kind))).as(kind).isEqualTo(keys));
    assertThat(RouteKeys.RULE_KINDS).containsExactlyInAnyOrderElementsOf(RouteKeys.RULES.keySet());
  }

  @Test
  @SuppressWarnings("unchecked")
  void theAssumedLimitsTheSchemaNamesAreTheOnesTheLoaderTakesTheBuiltInRoutesAmongThem() {
    Map<String, Object> assumed = (Map<String, Object>) ((Map<String, Object>) definition("route").get("properties"))
        .get("assumed");
    java.util.regex.Pattern names = java.util.regex.Pattern.compile(
        (String) ((Map<String, Object>) assumed.get("propertyNames")).get("pattern"));
    List<String> candidates = new java.util.ArrayList<>(List.of("images", "videos", "max_prompt_chars", "seconds",
        "reference-to-video.max_prompt_chars", "text-to-video.images.extra", ".images", "IMAGES", "image-to-video."));
    for (dev.vidgen.core.domain.GenerationMode mode : dev.vidgen.core.domain.GenerationMode.values()) {
      candidates.add(mode.id() + ".images");
      candidates.add(mode.id() + ".videos");
    }
    dev.vidgen.core.domain.RouteCatalog.builtIn().routes().forEach(route -> candidates.addAll(route.assumed().keySet()));

    assertThat(candidates).allSatisfy(limit -> assertThat(names.matcher(limit).matches()).as(limit)
        .isEqualTo(dev.vidgen.core.domain.ModelRoute.isAssumable(limit)));
    assertThat(candidates).as("the built-in routes assume limits of one mode").contains("reference-to-video.videos");
  }

  @Test
  void theBuiltInFilePointsAtTheSchemaBesideIt() throws IOException {
    try (InputStream in = RouteFiles.class.getResourceAsStream(RouteFiles.BUILT_IN_RESOURCE)) {
      @SuppressWarnings("unchecked")
      Map<String, Object> builtIn = (Map<String, Object>) JsonTrees.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(builtIn.get("$schema")).isEqualTo("routes.schema.json");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> definition(String name) {
    Map<String, Object> definitions = (Map<String, Object>) schema.get("$defs");
    assertThat(definitions).as("$defs").containsKey(name);
    return (Map<String, Object>) definitions.get(name);
  }

  @SuppressWarnings("unchecked")
  private static Set<String> properties(Map<String, Object> object) {
    assertThat(object.get("additionalProperties")).as("additionalProperties").isEqualTo(false);
    return ((Map<String, Object>) object.get("properties")).keySet();
  }

  private static Path docsFile(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found");
  }
}
