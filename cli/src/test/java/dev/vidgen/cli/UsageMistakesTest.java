package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 13 point 4: every mistake on the command line or in settings is exit 2 with what is allowed. */
class UsageMistakesTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @TempDir Path dir;

  @Test
  void noCommandPrintsTheUsageAndExitsTwo() {
    CliRun.Result result = CliRun.in(dir).run();

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("Usage: vidgen").contains("generate");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aMistypedCommandGetsADidYouMean() {
    CliRun.Result result = CliRun.in(dir).run("generte", "--prompt", "x");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'generte' is not a vidgen command").contains("did you mean generate?");
  }

  @Test
  void aMistypedProviderGetsADidYouMeanAndExitsTwo() {
    CliRun.Result result = CliRun.in(dir).run("models", "--provider", "toapi");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'toapi'").contains("did you mean toapis?").contains("mock, toapis");
  }

  @Test
  void aBadSettingExitsTwoNamingWhatIsAllowed() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .run("balance", "--set", "timeout.read=soon", "--base-url", "http://127.0.0.1:9");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("timeout.read").contains("1h30m");
  }

  @Test
  void anEmptyKeyExitsTwoInsteadOfQuietlyUsingTheMock() {
    CliRun.Result chosen = CliRun.in(dir).env("TOAPIS_API_KEY", "").run("balance", "--base-url", "http://127.0.0.1:9");
    CliRun.Result named = CliRun.in(dir).env("TOAPIS_API_KEY", " ").run("balance", "--provider", "toapis");

    for (CliRun.Result result : new CliRun.Result[] {chosen, named}) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains("TOAPIS_API_KEY is set but empty").doesNotContain("mock provider is used");
    }
  }

  @Test
  void jsonVerboseAndProviderWorkBeforeOrAfterTheCommand() {
    CliRun.Result before = CliRun.in(dir).run("--json", "--verbose", "--provider", "mock", "models");
    CliRun.Result after = CliRun.in(dir).run("models", "--json", "--verbose", "--provider", "mock");

    for (CliRun.Result result : new CliRun.Result[] {before, after}) {
      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.json()).isNotEmpty();
      assertThat(result.err()).contains("provider mock (--provider)");
    }
    assertThat(before.out()).isEqualTo(after.out());
  }
}
