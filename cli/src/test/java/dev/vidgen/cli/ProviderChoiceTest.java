package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderSelectionException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderChoiceTest {

  private static CliContext contextWith(Map<String, String> env) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new CliContext(env, sink, sink, () -> false, Path.of("."));
  }

  @Test
  void theFlagWinsOverEverything() {
    CliContext context = contextWith(Map.of("VIDGEN_PROVIDER", "mock", "TOAPIS_API_KEY", "sk-x"));

    ProviderChoice choice = ProviderChoice.choose("ToApis", context, "mock", "the job handle");

    assertThat(choice.id()).isEqualTo("toapis");
    assertThat(choice.source()).isEqualTo("--provider");
  }

  @Test
  void theEnvironmentVariableComesNext() {
    CliContext context = contextWith(Map.of("VIDGEN_PROVIDER", "mock", "TOAPIS_API_KEY", "sk-x"));

    assertThat(ProviderChoice.choose(null, context, "toapis", "the job handle").id()).isEqualTo("mock");
  }

  @Test
  void aJobHandleNamesItsProviderWhenNothingElseDoes() {
    CliContext context = contextWith(Map.of("TOAPIS_API_KEY", "sk-x"));

    assertThat(ProviderChoice.choose(null, context, "mock", "the job handle").id()).isEqualTo("mock");
  }

  @Test
  void aKeyMeansToApis() {
    ProviderChoice choice = ProviderChoice.choose(null, contextWith(Map.of("TOAPIS_API_KEY", "sk-x")), null, "the job handle");

    assertThat(choice.id()).isEqualTo("toapis");
    assertThat(choice.fellBackToMock()).isFalse();
  }

  @Test
  void nothingAtAllMeansTheMock() {
    ProviderChoice choice = ProviderChoice.choose(" ", contextWith(Map.of()), null, "the job handle");

    assertThat(choice.id()).isEqualTo("mock");
    assertThat(choice.fellBackToMock()).isTrue();
  }

  @Test
  void anEmptyKeyIsAMistakeNotAReasonToUseTheMock() {
    assertThatThrownBy(() -> ProviderChoice.choose(null, contextWith(Map.of("TOAPIS_API_KEY", "  ")), null, "the job handle"))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("TOAPIS_API_KEY is set but empty");
  }

  @Test
  void anUnknownProviderIsRefusedByCoreNamingTheIdsFoundAndTheNearest() {
    CliContext context = contextWith(Map.of());

    assertThatThrownBy(() -> ProviderChoice.choose("toapi", context, null, "the job handle"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("'toapi' (--provider)")
        .hasMessageContaining("mock, toapis")
        .hasMessageContaining("did you mean toapis?");
    assertThatThrownBy(() -> ProviderChoice.choose(null, contextWith(Map.of("VIDGEN_PROVIDER", "mok")), null, "the job handle"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("VIDGEN_PROVIDER")
        .hasMessageContaining("did you mean mock?");
  }

  @Test
  void theBaseUrlComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    CliContext withVariable = contextWith(Map.of("TOAPIS_BASE_URL", "https://toapis.cn"));

    assertThat(ProviderChoice.baseUrl("http://127.0.0.1:9", withVariable)).isEqualTo("http://127.0.0.1:9");
    assertThat(ProviderChoice.baseUrl(null, withVariable)).isEqualTo("https://toapis.cn");
    assertThat(ProviderChoice.baseUrl(null, contextWith(Map.of()))).isEqualTo("https://toapis.com");
  }

  @Test
  void aBaseUrlVariableSetButEmptyIsAMistakeNotAReasonToUseTheRealService() {
    CliContext empty = contextWith(Map.of("TOAPIS_BASE_URL", ""));

    assertThatThrownBy(() -> ProviderChoice.baseUrl(null, empty))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("TOAPIS_BASE_URL is set but empty; unset it to use https://toapis.com, or give the URL");
    assertThatThrownBy(() -> ProviderChoice.baseUrl(" ", contextWith(Map.of("TOAPIS_BASE_URL", "  "))))
        .isInstanceOf(CliException.class);
    assertThat(ProviderChoice.baseUrl("http://127.0.0.1:9", empty)).as("the flag still wins").isEqualTo("http://127.0.0.1:9");
  }
}
