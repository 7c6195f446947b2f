package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserEnvironmentTest {
  @Test
  void theBrowserThatServeOpensIsStartedWithoutAnyApiKeyInItsEnvironment() {
    Map<String, String> environment = new HashMap<>(Map.of("TOAPIS_API_KEY", "sk-" + "a".repeat(48),
        "OPENAI_API_KEY", "sk-other", "toapis_api_key", "sk-lower", "PATH", "/usr/bin", "DISPLAY", ":0",
        "VIDGEN_HOME", "/tmp/v"));

    ServeCommand.withoutKeys(environment);

    assertThat(environment).containsOnlyKeys("PATH", "DISPLAY", "VIDGEN_HOME");
  }
}
