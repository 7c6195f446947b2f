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
  @SuppressWarnings("unchecked")
  void noCommandWithJsonStillPrintsOneErrorObject() {
    CliRun.Result result = CliRun.in(dir).run("--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat((java.util.Map<String, Object>) result.json().get("error")).containsEntry("kind", "usage")
        .containsEntry("message", "no command was given").containsEntry("exit_code", 2.0);
    assertThat(result.err()).contains("Usage: vidgen");
  }

  @Test
  void aBlankImageIsToldOnceWhatToGive() {
    CliRun.Result blank = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "", "--prompt", "a fox");

    assertThat(blank.exitCode()).as(blank.all()).isEqualTo(2);
    assertThat(blank.err()).contains("--image is blank", "give an http(s) URL or the path of a local image file")
        .doesNotContain("give an http(s) URL or a file path");
  }

  @Test
  void anAssetThatNamesNoAssetIsToldHowToNameOneAndAMissingVideoAsksForAnMp4File() {
    CliRun.Result asset = CliRun.in(dir).run("generate", "--provider", "mock", "--model", "seedance-2", "--image",
        "asset://", "--prompt", "a fox");
    CliRun.Result video = CliRun.in(dir).run("generate", "--provider", "mock", "--model", "seedance-2", "--video",
        "missing.mp4", "--prompt", "a fox");

    assertThat(asset.exitCode()).as(asset.all()).isEqualTo(2);
    assertThat(asset.err()).contains("asset://", "name an uploaded asset as asset://ID");
    assertThat(video.exitCode()).as(video.all()).isEqualTo(2);
    assertThat(video.err()).contains("give the path of an MP4, MOV or WebM file or an http(s) URL");
  }

  @Test
  void aMistypedCommandGetsADidYouMean() {
    CliRun.Result result = CliRun.in(dir).run("generte", "--prompt", "x");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'generte' is not a vidgen command").contains("did you mean generate?");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"price", "cost", "Price"})
  void aWordForWhatAJobCostsIsToldToUseQuoteNotTheCommandNearestInLetters(String word) {
    CliRun.Result result = CliRun.in(dir).run(word, "--model", "grok-video-1.5");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("'" + word + "' is not a vidgen command — did you mean quote?")
        .doesNotContain("did you mean balance");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "--verbose generte", "--provider mock generte", "--routes r.json --verbose generte --prompt x",
      "generte --verbose"})
  void aMistypedCommandAfterCommonOptionsGetsTheSameDidYouMean(String line) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" "));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("'generte' is not a vidgen command — did you mean generate?")
        .doesNotContain("Unmatched");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "--json generte", "--json --provider mock generte", "--verbose --json generte", "generte --json"})
  @SuppressWarnings("unchecked")
  void aMistypedCommandWithJsonAnywhereGetsTheDidYouMeanInItsErrorObject(String line) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" "));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    java.util.Map<String, Object> error = (java.util.Map<String, Object>) result.json().get("error");
    assertThat(error).as(result.all()).containsEntry("kind", "usage")
        .containsEntry("message", "'generte' is not a vidgen command").containsEntry("exit_code", 2.0);
    assertThat((String) error.get("next")).startsWith("did you mean generate? use one of models,");
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

  @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
      --seconds     | 12.5         | '12.5' is not a whole number; give one without a fraction, such as 12
      --seconds     | ten          | 'ten' is not a whole number; give digits only, such as 10
      --seconds     | 99999999999  | '99999999999' is too large; give a whole number up to 2147483647
      --max-credits | abc          | 'abc' is not a number; write it like 30 or 12.5
      --max-credits | 1e3          | '1e3' is not a number; write it like 30 or 12.5
      """)
  void aNumberThatIsNotOneSaysWhatIsAllowedInWords(String option, String value, String said) {
    CliRun.Result result = CliRun.in(dir).run("generate", "--dry-run", "--provider", "mock", "--image", "https://example.com/a.png",
        "--prompt", "p", option, value);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains(option, said).doesNotContain("java.", "BigDecimal", "Exception");
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
  void anEmptyProviderVariableExitsTwoInsteadOfQuietlyFallingBackToTheMock() {
    // A CI job's VIDGEN_PROVIDER=$PROVIDER with PROVIDER unset, and no key passed in either.
    CliRun.Result result = CliRun.in(dir).env("VIDGEN_PROVIDER", "")
        .run("generate", "--image", "https://example.com/a.png", "--prompt", "a fox in the snow", "--json");
    CliRun.Result flagged = CliRun.in(dir).env("VIDGEN_PROVIDER", " ").run("--provider", "mock", "models");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("VIDGEN_PROVIDER is set but empty; nothing was sent",
        "name a provider (export VIDGEN_PROVIDER=toapis, or --provider mock to try things offline), or unset"
            + " VIDGEN_PROVIDER to let TOAPIS_API_KEY decide").doesNotContain("mock provider is used", "task");
    assertThat(result.json()).containsKey("error").doesNotContainKey("task_id");
    assertThat(flagged.exitCode()).as("the flag still wins: " + flagged.all()).isZero();
  }

  @Test
  void anEmptyBaseUrlExitsTwoInsteadOfQuietlyReachingTheRealService() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("TOAPIS_BASE_URL", "")
        .run("generate", "--model", "grok-video-1.5-preview", "--prompt", "a fox in the snow");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("TOAPIS_BASE_URL is set but empty; unset it to use https://toapis.com, or give"
        + " the URL").doesNotContain("task", "Exception");
    assertThat(result.out()).isEmpty();
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
