package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/testing-with-the-mock.md shows "the mock's" contract test: it must be the one that runs
 * here, word for word, so that an app pasting it gets a test that passes.
 */
class ContractExampleDocTest {
  @Test
  void theDocsShowTheMocksContractTestAsItRuns() throws IOException {
    String real = Files.readString(find("provider-mock/src/test/java/dev/vidgen/provider/mock/"
        + "MockVideoProviderContractTest.java"), StandardCharsets.UTF_8);
    String doc = Files.readString(find("docs/testing-with-the-mock.md"), StandardCharsets.UTF_8);
    String body = real.substring(real.indexOf("class MockVideoProviderContractTest"));

    assertThat(doc).contains(body);
  }

  private static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found");
  }
}
