package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
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

  @org.junit.jupiter.params.ParameterizedTest(name = "dry run: {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void aTimeoutWithNoWaitIsRefusedBeforeAnythingIsSentInsteadOfBeingIgnored(boolean dryRun) {
    // Left alone at stop 64: generate --no-wait --timeout 5m took the timeout and did nothing with it.
    try (dev.vidgen.testkit.toapis.FakeToApisServer fake = dev.vidgen.testkit.toapis.FakeToApisServer.builder()
        .apiKeys(KEY).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("XDG_DATA_HOME", dir.resolve("data").toString());
      java.util.List<String> generate = new java.util.ArrayList<>(java.util.List.of("generate", "--model",
          "grok-video-1.5", "--image", "https://images.example/bottle.png", "--prompt", "a slow push-in", "--no-wait",
          "--timeout", "5m", "--base-url", fake.baseUrl().toString()));
      java.util.List<String> remix = new java.util.ArrayList<>(java.util.List.of("remix", "video_earlier", "--prompt",
          "at dusk", "--timeout", "5m", "--no-wait", "--base-url", fake.baseUrl().toString()));
      if (dryRun) {
        generate.add("--dry-run");
        remix.add("--dry-run");
      }

      for (java.util.List<String> line : java.util.List.of(generate, remix)) {
        CliRun.Result result = vidgen.run(line.toArray(String[]::new));

        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.err()).contains("--timeout bounds how long this command waits for the video, and --no-wait"
            + " does not wait; nothing was sent", "give it to vidgen wait TASK when you wait");
      }
      assertThat(fake.requests()).as("nothing is sent").isEmpty();
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {"base_url", "BASE_URL", "toapis.base_url", "base-url"})
  void aBaseUrlSettingIsRefusedSoThatWhatVidgenPrintsNamesTheServerItUses(String setting) {
    // --set base_url beat --base-url silently, while --verbose and the way on named the other server.
    try (dev.vidgen.testkit.toapis.FakeToApisServer fake = dev.vidgen.testkit.toapis.FakeToApisServer.builder()
        .apiKeys(KEY).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", dir.resolve("home").toString());
      CliRun.Result both = vidgen.run("generate", "--model", "grok-video-1.5-preview", "--prompt", "a fox", "--no-wait",
          "--base-url", "http://127.0.0.1:9", "--set", setting + "=" + fake.baseUrl());
      CliRun.Result alone = vidgen.run("--set", setting + "=" + fake.baseUrl(), "balance", "--verbose", "--json");

      for (CliRun.Result result : new CliRun.Result[] {both, alone}) {
        assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
        assertThat(result.all()).contains("--set " + setting + " is not taken: the base URL is given with --base-url")
            .contains("give --base-url URL (for toapis, or export TOAPIS_BASE_URL=URL)").doesNotContain("Exception");
      }
      assertThat(fake.requests()).as("nothing is sent anywhere").isEmpty();
      assertThat(alone.json()).containsKey("error");
    }
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      generate --prompt p --promt x                 | '--promt' is not an option of vidgen generate       | did you mean --prompt? | 'x'
      generate --prompt p --max-credit 20           | '--max-credit' is not an option of vidgen generate  | did you mean --max-credits? | '20'
      generate --prompt p --max-credit=20           | '--max-credit' is not an option of vidgen generate  | did you mean --max-credits? | '20'
      batch jobs.jsonl --concurency 2               | '--concurency' is not an option of vidgen batch     | did you mean --concurrency? | '2'
      --jsn models                                  | '--jsn' is not an option of vidgen                  | did you mean --json? | Unknown
      wait video_x --max-credits 5                  | '--max-credits' is not an option of vidgen wait     | --max-credits is an option of vidgen generate, | '5'
      """)
  void aMisspeltOptionGetsTheNearestOneAndItsValueIsNotCalledAnOption(String line, String said, String hint,
      String notSaid) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(said + "; nothing was sent \u2014 " + hint)
        .doesNotContain(notSaid).doesNotContain("Unknown option");
  }

  @Test
  void severalMisspeltOptionsAreNamedTogetherEachWithItsNearest() {
    CliRun.Result result = CliRun.in(dir).run("generate", "--max-credit", "20", "--promt", "y");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'--max-credit' and '--promt' are not options of vidgen generate; nothing was"
        + " sent \u2014 did you mean --max-credits? did you mean --prompt? (vidgen generate --help lists its options)");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMisspeltOptionWithJsonGetsTheNearestOneInItsErrorObject() {
    CliRun.Result result = CliRun.in(dir).run("generate", "--provider", "mock", "--promt", "x", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    java.util.Map<String, Object> error = (java.util.Map<String, Object>) result.json().get("error");
    assertThat(error).containsEntry("kind", "usage")
        .containsEntry("message", "'--promt' is not an option of vidgen generate; nothing was sent");
    assertThat((String) error.get("next")).isEqualTo("did you mean --prompt? (vidgen generate --help lists its options)");
  }

  @Test
  void helpOnAMistypedCommandGetsTheSameDidYouMeanAsTheCommand() {
    CliRun.Result result = CliRun.in(dir).run("help", "generte");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("'generte' is not a vidgen command \u2014 did you mean generate? use one of")
        .doesNotContain("Unknown subcommand").doesNotContain("'.");
  }

  @Test
  void aMisspeltSettingGetsTheNearestOne() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .run("balance", "--set", "timeout.red=5s", "--base-url", "http://127.0.0.1:9");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("unknown toapis setting [timeout.red] (did you mean timeout.read?)");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      --max-credits 1 generate --prompt p   | '--max-credits' is an option of vidgen generate, not of vidgen itself: it belongs after the command; nothing was sent \u2014 write it like vidgen generate --max-credits 1 \u2026
      --timeout 5m generate --prompt p      | '--timeout' is an option of vidgen generate, not of vidgen itself: it belongs after the command; nothing was sent \u2014 write it like vidgen generate --timeout 5m \u2026
      --max-credits=1 generate --prompt p   | write it like vidgen generate --max-credits=1 \u2026
      --max-credits 1 wait video_x          | '--max-credits' is an option of generate, batch, extend and remix, not of wait or of vidgen itself
      """)
  void aCommandsOptionBeforeTheCommandIsToldToGoAfterIt(String line, String said) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(said).doesNotContain("Unknown option");
  }

  @Test
  @SuppressWarnings("unchecked")
  void anEmptyOutIsOnePlainLineWithoutJavasNames() {
    CliRun.Result text = CliRun.in(dir).run("generate", "--provider", "mock", "--prompt", "p", "--out", "");
    CliRun.Result json = CliRun.in(dir).run("wait", "video_x", "--provider", "mock", "--out", "", "--json");

    assertThat(text.exitCode()).as(text.all()).isEqualTo(2);
    assertThat(text.err()).as(text.all())
        .contains("vidgen: --out is empty \u2014 give a file, a folder ending in /, or - for stdout")
        .doesNotContain("OutTarget", "CliException", "cannot convert");
    assertThat(json.exitCode()).as(json.all()).isEqualTo(2);
    assertThat((java.util.Map<String, Object>) json.json().get("error")).containsEntry("message", "--out is empty")
        .containsEntry("next", "give a file, a folder ending in /, or - for stdout");
  }

  @Test
  void aSettingWithoutEqualsIsToldLikeAParam() {
    CliRun.Result result = CliRun.in(dir).run("generate", "--provider", "mock", "--prompt", "p", "--set", "noequals");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("--set 'noequals' is not KEY=VALUE \u2014 write it like --set timeout.read=2m")
        .doesNotContain("option option");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      extend video_x --prompt p --aspect-ratio 16:9 | did you mean --size, vidgen extend's name for it? (vidgen extend --help lists its options)
      remix video_x --prompt p --aspect-ratio 16:9  | did you mean --size, vidgen remix's name for it?
      generate --prompt p --size 16:9               | did you mean --aspect-ratio, vidgen generate's name for it?
      batch jobs.jsonl --out outs/                  | did you mean --out-dir, vidgen batch's name for it?
      download video_x --timeout 5s                 | vidgen download does not wait, so it takes no --timeout: vidgen wait TASK_ID --timeout DURATION waits
      """)
  void anOptionAnotherCommandSpellsDifferentlyGetsThisCommandsName(String line, String hint) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(hint).doesNotContain("Unknown option");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      generate --prompt p --duration 10      | '--duration' is not an option of vidgen generate; nothing was sent \u2014 did you mean --seconds, vidgen generate's name for it?
      generate --prompt p --length 10        | '--length' is not an option of vidgen generate; nothing was sent \u2014 did you mean --seconds, vidgen generate's name for it?
      generate --prompt p --output x.mp4     | '--output' is not an option of vidgen generate; nothing was sent \u2014 did you mean --out, vidgen generate's name for it?
      generate --prompt p -o x.mp4           | '-o' is not an option of vidgen generate; nothing was sent \u2014 did you mean --out, vidgen generate's name for it?
      batch jobs.jsonl --output outs/        | did you mean --out-dir, vidgen batch's name for it?
      """)
  void theWordsOtherToolsUseForSecondsAndOutGetThisCommandsName(String line, String said) {
    CliRun.Result result = CliRun.in(dir).run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(said).doesNotContain("Unknown option");
  }

  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.ValueSource(strings = {
      "generate --prompt p --api-key KEY", "generate --prompt p --key KEY", "generate --prompt p --token KEY",
      "generate --prompt p --api-key=KEY", "--api-key KEY models", "models --api-key KEY"})
  void aKeyGivenAsAnOptionIsToldItIsReadFromTheEnvironmentAndNeverEchoed(String line) {
    String key = "sk-given" + "9".repeat(43);
    CliRun.Result result = CliRun.in(dir).run(line.replace("KEY", key).split(" "));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("is not an option of vidgen")
        .contains("the key is read from TOAPIS_API_KEY (never an option, so that it stays out of the shell history)")
        .doesNotContain(key).doesNotContain("9999");
  }

  @Test
  void wordsWithoutAnOptionAreToldAsTheImageAndThePromptTheyLookLike() throws java.io.IOException {
    java.nio.file.Files.write(dir.resolve("cat.png"), new byte[] {1});
    CliRun.Result result = CliRun.in(dir).run("generate", "cat.png", "the cat walks");
    CliRun.Result text = CliRun.in(dir).run("generate", "a fox in the snow", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("vidgen generate takes each value after its option (--image"
        + " FILE, --prompt TEXT); 'cat.png' and 'the cat walks' were given without one; nothing was sent"
        + " \u2014 write it like vidgen generate --image cat.png --prompt 'the cat walks'")
        .doesNotContain("Unmatched argument");
    assertThat(text.exitCode()).as(text.all()).isEqualTo(2);
    assertThat(text.json().toString()).as(text.all())
        .contains("next=write it like vidgen generate --prompt 'a fox in the snow' (vidgen generate --help");
  }

  @Test
  void anUnknownSettingListsTheSettingsSetTakesWithoutTheBaseUrlItRefuses() {
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY)
        .run("balance", "--set", "foo=bar", "--base-url", "http://127.0.0.1:9");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("unknown toapis setting [foo]; the settings --set takes are"
        + " [timeout.connect, ").contains("rate_tier, https_proxy, http_proxy, no_proxy, max_video_size]").doesNotContain("base_url");
  }

  @Test
  void completionWithoutAShellSaysWhichShellsItWritesFor() {
    CliRun.Result result = CliRun.in(dir).run("completion");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("needs the shell to write completion for: bash or zsh")
        .contains("source <(vidgen completion bash)").doesNotContain("Missing required parameter");
  }

  @Test
  void validatesHelpSaysItSendsNoCreateNotThatItSendsNothing() {
    CliRun.Result help = CliRun.in(dir).run("validate", "--help");

    assertThat(help.out().replaceAll("\\s+", " ")).as(help.all())
        .contains("sends no create (it reads the key's model list only for a retired model or one the catalog"
            + " lacks)").doesNotContain("sends nothing");
  }

  @Test
  void quotesHelpSaysItSendsNoCreateNotThatItSendsNothing() {
    CliRun.Result help = CliRun.in(dir).run("quote", "--help");

    assertThat(help.out().replaceAll("\\s+", " ")).as(help.all())
        .contains("sends no create (it may read the key's model list, which is free)").doesNotContain("sends nothing");
  }

  @Test
  void aTaskCommandWithoutATaskPointsAtTheHistoryForTheIds() {
    for (String command : List.of("status", "wait", "download")) {
      CliRun.Result result = CliRun.in(dir).run(command);

      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).as(result.all())
          .contains("vidgen " + command + " needs a task: the task id (or vg1. handle) that generate printed")
          .contains("vidgen history lists the tasks of earlier runs with their ids; then vidgen " + command + " TASK_ID")
          .doesNotContain("Missing required parameter");
    }
  }

  @Test
  void optionsAfterTheEndOfOptionsAreSaidToBeValuesWithTheCommandThatPutsThemBefore() {
    CliRun.Result result = CliRun.in(dir).run("status", "--", "-abc", "--provider", "mock", "--verbose");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all())
        .contains("'--provider' and '--verbose' come after --, which ends the options, so they were read as values")
        .contains("put the options before -- and only the task id after it: vidgen status --provider mock --verbose"
            + " -- -abc")
        .doesNotContain("did you mean");
  }

  @Test
  void aDashLedTaskIdWithoutTheEndOfOptionsIsNamedWithTheWayToGiveIt() {
    CliRun.Result result = CliRun.in(dir).run("wait", "--provider", "mock", "-x1");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all())
        .contains("'-x1' was read as an option, which vidgen wait does not take, so vidgen wait was given no task")
        .contains("a task id that starts with - goes last, after --, which ends the options: vidgen wait --provider"
            + " mock -- -x1")
        .doesNotContain("Missing required parameter");
  }

  @Test
  void aDashLedTaskIdBesideAnotherUnknownOptionIsOfferedACommandWithoutItThatRunsAsOffered() {
    CliRun.Result result = CliRun.in(dir).run("status", "-q7", "--provider", "mock", "--out", "x.mp4");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    String lead = "a task id that starts with - goes last, after --, which ends the options: vidgen ";
    assertThat(result.err()).as(result.all())
        .contains(lead + "status --provider mock -- -q7 (without --out x.mp4, which vidgen status does not take)");
    String offered = result.err().substring(result.err().indexOf(lead) + lead.length(),
        result.err().indexOf(" (without"));
    CliRun.Result again = CliRun.in(dir).run(offered.split(" "));
    assertThat(again.err()).as(again.all()).doesNotContain("not an option").doesNotContain("read as an option")
        .doesNotContain("--out");
  }

  @Test
  void aDashLedTaskIdBesideAnOptionTheCommandDoesNotTakeIsOfferedACommandWithoutItAndItsValue() {
    CliRun.Result withValue = CliRun.in(dir).run("download", "--provider", "mock", "--seconds", "5", "-x1");
    CliRun.Result unknown = CliRun.in(dir).run("status", "--frobnicate", "-q7");

    assertThat(withValue.exitCode()).as(withValue.all()).isEqualTo(2);
    assertThat(withValue.err()).as(withValue.all()).contains("after --, which ends the options: vidgen download"
        + " --provider mock -- -x1 (without --seconds 5, which vidgen download does not take)");
    assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(2);
    assertThat(unknown.err()).as(unknown.all()).contains("after --, which ends the options: vidgen status -- -q7"
        + " (without --frobnicate, which vidgen status does not take)");
  }

  @Test
  void aValueAfterTheEndOfOptionsThatIsNoOptionIsNotOfferedAsOne() {
    CliRun.Result one = CliRun.in(dir).run("status", "--provider", "mock", "--", "-abc", "--verbose");
    CliRun.Result unknown = CliRun.in(dir).run("status", "--provider", "mock", "--", "-abc", "-def");

    assertThat(one.err()).as(one.all()).contains("'--verbose' comes after --, which ends the options, so it was read"
        + " as a value, not as an option");
    assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(2);
    assertThat(unknown.err()).as(unknown.all()).doesNotContain("put the options before --");
  }

  @Test
  void modelsAndGenerateSuggestTheSameModelsForAPartialNameTheDefaultFirst() {
    CliRun.Result models = CliRun.in(dir).run("models", "grok", "--provider", "mock");
    CliRun.Result generate = CliRun.in(dir).run("generate", "--provider", "mock", "--model", "grok", "--prompt", "x",
        "--dry-run");

    String said = "did you mean grok-video-1.5-preview, grok-video-1.5 or grok-video-1.0?";
    assertThat(models.exitCode()).as(models.all()).isEqualTo(2);
    assertThat(models.err()).as(models.all()).contains(said);
    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(2);
    assertThat(generate.err()).as(generate.all()).contains(said);
  }
}
