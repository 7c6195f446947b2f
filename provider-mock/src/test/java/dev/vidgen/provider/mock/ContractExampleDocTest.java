package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/testing-with-the-mock.md and docs/writing-a-provider.md show "the mock's" contract test: it
 * must be the one that runs here, word for word, so that an app pasting it gets a test that passes.
 */
class ContractExampleDocTest {
  @Test
  void theDocsShowTheMocksContractTestAsItRuns() throws IOException {
    String real = Files.readString(find("provider-mock/src/test/java/dev/vidgen/provider/mock/"
        + "MockVideoProviderContractTest.java"), StandardCharsets.UTF_8);
    String body = real.substring(real.indexOf("class MockVideoProviderContractTest"));

    for (String page : new String[] {"docs/testing-with-the-mock.md", "docs/writing-a-provider.md"}) {
      assertThat(Files.readString(find(page), StandardCharsets.UTF_8)).as(page).contains(body);
    }
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
