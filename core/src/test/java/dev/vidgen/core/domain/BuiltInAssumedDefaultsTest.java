package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A default the ToAPIs API reference does not state is vidgen's assumption, and the route's note says so (as
 * {@code vidgen models MODEL} shows it); a default the reference does state is the catalog's.
 */
class BuiltInAssumedDefaultsTest {
  private static final RouteCatalog CATALOG = RouteCatalog.builtIn();
  private static final String ASSUMED = "vidgen's assumption, which the API reference does not state";

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      kling-v3                        | Default 5 s, 16:9 and 720p (std)
      kling-v2-6                      | Default 5 s and 720p (std)
      kling-3.0-turbo                 | Default 5 s, 16:9 (text-to-video) and 720p
      doubao-seedance-1-5-pro         | Default 5 s, 16:9 and 720p
      doubao-seedance-1-0-pro-fast    | Default 5 s and 16:9
      doubao-seedance-1-0-pro-quality | Default 5 s and 16:9
      wan2.6                          | Default 5 s and 16:9
      wan2.6-flash                    | Default 5 s and 1080p
      MiniMax-Hailuo-2.3              | Default 6 s
      MiniMax-Hailuo-2.3-Fast         | Default 6 s
      MiniMax-Hailuo-02               | Default 6 s and 768P
      MiniMax-H3                      | Default 16:9 (adaptive is offered too)
      happyhorse-1.1                  | Default 16:9
      gemini-omni-flash               | Default 16:9
      gemini_omni                     | Default 6 s and 16:9
      """)
  void anUndocumentedDefaultIsMarkedAsVidgensAssumption(String id, String defaults) {
    assertThat(CATALOG.require(id).sourceNote()).as(id).hasValueSatisfying(note ->
        assertThat(note).contains(defaults + ": " + ASSUMED + "; sent when a job names none."));
  }

  @Test
  void happyhorseEditImagesAndViduRatiosAreMarkedAssumed() {
    assertThat(CATALOG.require("happyhorse-1.1").assumed()).containsKey("video-edit.images");
    for (String id : new String[] {"viduq3-pro", "viduq3-turbo"}) {
      assertThat(CATALOG.require(id).sourceNote()).as(id).hasValueSatisfying(note -> assertThat(note)
          .doesNotContain("documented 16:9").contains("the API reference lists no ratios")
          .contains("are vidgen's assumption"));
    }
  }

  @Test
  void seedance25TakesSeedance2sDocumentedResolutionDefault() {
    assertThat(CATALOG.require("seedance-2-5").defaultResolution()).isEqualTo("720p");
  }
}
