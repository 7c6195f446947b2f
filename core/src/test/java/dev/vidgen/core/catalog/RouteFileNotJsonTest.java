package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.RouteCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route file written in YAML (or anything that opens with no JSON at all) is told that route files are JSON and
 * YAML is not read, with the file's name and where reading stopped, not in the JSON reader's words alone.
 */
class RouteFileNotJsonTest {
  private static final String YAML = "patch:\n  seedance-2:\n    price: {per_second_usd: \"0.04\"}\n";
  private static final String PLAINLY = "route files are JSON, one object such as {\"routes\": [...]} or"
      + " {\"patch\": {...}}, and YAML is not read";

  @TempDir Path folder;

  @Test
  void aYamlFileIsToldRouteFilesAreJsonWithItsNameLineAndColumn() throws Exception {
    Path yml = folder.resolve("r2.yml");
    Files.writeString(yml, YAML);

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(yml)))
        .isInstanceOf(RouteFileException.class)
        .hasMessage(yml + ": not valid JSON: " + PLAINLY + " (this file's name ends in .yml): write the file as JSON"
            + " (near line 1, column 1, where reading stopped)")
        .hasMessageNotContaining("malformed JSON at path");
  }

  @Test
  void yamlInAFileNamedAsJsonIsToldTheSameWithoutTheName() {
    assertThat(RouteFileErrorsTest.failure("# our prices\n- id: acme\n").problem())
        .startsWith("not valid JSON: " + PLAINLY + ": write the file as JSON").contains("line 1, column 1")
        .doesNotContain("name ends in");
  }

  @Test
  void aYamlNamedFileThatOpensAsJsonKeepsTheReadersWordsAndIsToldToo() {
    RouteFileException e;
    try {
      RouteFiles.layer(RouteCatalog.builtIn(), "prices.yaml", "{\"remove\": [\"kling-v3\",]}");
      throw new AssertionError("no error");
    } catch (RouteFileException refused) {
      e = refused;
    }

    assertThat(e.problem()).startsWith("not valid JSON: a comma before ] is not allowed in JSON")
        .contains(PLAINLY + " (this file's name ends in .yaml)");
  }
}
