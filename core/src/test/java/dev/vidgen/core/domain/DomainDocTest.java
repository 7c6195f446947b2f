package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/**
 * The example in docs/domain.md ("Adding or replacing a route") is this test's code, word for
 * word: the test compiles and runs it, and fails when the page shows something else.
 */
class DomainDocTest {
  private static final String SNIPPET_BEGIN = "// snippet:add-route:begin";
  private static final String SNIPPET_END = "// snippet:add-route:end";

  @Test
  void addsARouteAndReplacesAnotherInAFewLines() {
    // snippet:add-route:begin
    RouteCatalog catalog = RouteCatalog.builtIn().with(
        ModelRoute.builder("acme-video-2")
            .family("Acme")
            .mode(GenerationMode.TEXT_TO_VIDEO)
            .mode(GenerationMode.IMAGE_TO_VIDEO, 1, 1)
            .durations(DurationRule.oneOf(5, 10))
            .aspectRatios("16:9", "9:16")
            .resolutions("720p", "1080p")
            .maxPromptChars(2000)
            .price(PriceTable.perSecond("0.05"))
            .build(),
        RouteCatalog.builtIn().require("kling-v2-6").toBuilder()
            .durations(DurationRule.oneOf(5, 10, 15))
            .build());
    JobValidator validator = JobValidator.of(catalog);
    // snippet:add-route:end

    ValidationReport acme = validator.validate(VideoJob.builder("acme-video-2").prompt("a fox").seconds(10).build());
    ValidationReport kling = validator.validate(VideoJob.builder("kling-v2-6").prompt("a fox").seconds(15).build());
    ValidationReport builtIn = JobValidator.of(RouteCatalog.builtIn())
        .validate(VideoJob.builder("kling-v2-6").prompt("a fox").seconds(15).build());

    assertThat(acme.isValid()).isTrue();
    assertThat(kling.isValid()).isTrue();
    assertThat(builtIn.errors()).extracting(v -> v.code()).containsExactly(ViolationCodes.SECONDS_NOT_OFFERED);
    assertThat(catalog.size()).isEqualTo(RouteCatalog.builtIn().size() + 1);
  }

  @Test
  void everyViolationCodeIsListedWithItsCheckOnTheDomainPage() throws IOException, IllegalAccessException {
    String page = Files.readString(DocFiles.find("docs/domain.md"), StandardCharsets.UTF_8);
    java.util.List<String> codes = new java.util.ArrayList<>();
    for (java.lang.reflect.Field field : ViolationCodes.class.getFields()) {
      if (field.getType() == String.class && java.lang.reflect.Modifier.isStatic(field.getModifiers())) {
        codes.add((String) field.get(null));
      }
    }

    assertThat(codes).as("ViolationCodes' codes").hasSizeGreaterThan(50);
    assertThat(codes).as("codes docs/domain.md does not list in backticks (give each a line in its table)")
        .filteredOn(code -> !page.contains("`" + code + "`")).isEmpty();
  }

  @Test
  void theDomainPageShowsTheExampleAsTested() throws IOException {
    String page = Files.readString(DocFiles.find("docs/domain.md"), StandardCharsets.UTF_8);
    String source = Files.readString(
        DocFiles.find("core/src/test/java/dev/vidgen/core/domain/DomainDocTest.java"), StandardCharsets.UTF_8);
    int begin = source.indexOf(SNIPPET_BEGIN + "\n");
    int end = source.indexOf(SNIPPET_END, begin);
    String snippet = source.substring(source.indexOf('\n', begin) + 1, source.lastIndexOf('\n', end)).stripIndent() + "\n";

    int at = page.indexOf(snippet + "```");
    assertThat(at).as("docs/domain.md shows the example of DomainDocTest").isNotNegative();
    int block = page.lastIndexOf("```java\n", at);
    assertThat(block).as("docs/domain.md shows the example of DomainDocTest in a java block").isNotNegative();
    assertThat(page.substring(block + "```java\n".length(), at).lines())
        .as("docs/domain.md puts only the example's imports above it in its block")
        .allMatch(line -> line.isBlank() || line.startsWith("import "));
  }
}
