package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Numbers on the command line are ASCII digits, in every option that takes one; {@code --seconds} reads a zero
 * fraction as a jobs file does; a budget in money is pointed at {@code --max-credits}. Each refusal is made before
 * anything is sent.
 */
class AsciiNumbersTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      --seconds     | ６    | '６' is not a whole number; give digits only, such as 10 (the ASCII digits 0-9
      --seconds     | ٦     | '٦' is not a whole number; give digits only, such as 10 (the ASCII digits 0-9
      --seconds     | １５  | '１５' is not a whole number; give digits only, such as 10 (the ASCII digits 0-9
      --max-credits | ２０  | '２０' is not a number; write it like 30 or 12.5 (the ASCII digits 0-9
      """)
  void digitsOfOtherScriptsAreRefusedBeforeAnythingIsSent(String option, String value, String said) {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).start()) {
      CliRun.Result result = vidgen().run("generate", "--model", "grok-video-1.5-preview", "--image",
          "https://example.com/a.png", "--prompt", "p", "--no-wait", "--base-url", fake.baseUrl().toString(),
          option, value);

      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).as(result.all()).contains(option, said);
      assertThat(fake.requests()).as("nothing is sent").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      history --limit ５                 | '５' is not a whole number; give digits only, such as 10
      batch jobs.jsonl --concurrency ２  | '２' is not a whole number; give digits only, such as 10
      """)
  void everyWholeNumberOptionTakesAsciiDigitsOnly(String line, String said) {
    CliRun.Result result = vidgen().run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(said);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      15      | 30 credits ($0.15)
      " 15 "  | 30 credits ($0.15)
      15.0    | 30 credits ($0.15)
      15.00   | 30 credits ($0.15)
      " 15.0 "| 30 credits ($0.15)
      """)
  void asciiDigitsStillReadWithSurroundingSpacesIgnoredAndAZeroFractionAsAJobsFileReadsIt(String seconds,
      String price) {
    CliRun.Result result = vidgen().run("quote", "--provider", "mock", "--image", "https://example.com/a.png",
        "--prompt", "p", "--seconds", seconds);

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains(price);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      15.5    | '15.5' is not a whole number; give one without a fraction, such as 15
      1e1     | '1e1' is not a whole number; give digits only, such as 10
      15,0    | '15,0' is not a whole number; give digits only, such as 10
      １５.０  | '１５.０' is not a whole number; give digits only, such as 10 (the ASCII digits 0-9
      """)
  void secondsWithAFractionThatIsNotZeroOrNotInAsciiDigitsAreStillRefused(String seconds, String said) {
    CliRun.Result result = vidgen().run("quote", "--provider", "mock", "--image", "https://example.com/a.png",
        "--prompt", "p", "--seconds", seconds);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("--seconds", said);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      history --limit 5.0                 | '5.0' is not a whole number; give one without a fraction, such as 5
      batch jobs.jsonl --concurrency 2.0  | '2.0' is not a whole number; give one without a fraction, such as 2
      """)
  void otherWholeNumberOptionsTakeNoFractionSinceNoJobsFileOrPageTakesOne(String line, String said) {
    CliRun.Result result = vidgen().run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains(said);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      --max-usd 0.15      | '--max-usd' is not an option of vidgen generate
      --max-usd=0.15      | '--max-usd' is not an option of vidgen generate
      --budget 0.15       | '--budget' is not an option of vidgen generate
      --max-dollars 1     | '--max-dollars' is not an option of vidgen generate
      --max-cost 1        | '--max-cost' is not an option of vidgen generate
      """)
  void aBudgetInMoneyIsPointedAtMaxCreditsAndNothingIsSent(String option, String said) {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).start()) {
      String[] words = ("generate --model grok-video-1.5-preview --image https://example.com/a.png --prompt p"
          + " --no-wait --base-url " + fake.baseUrl() + " " + option).split(" +");
      CliRun.Result result = vidgen().run(words);

      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).as(result.all()).contains(said + "; nothing was sent \u2014 a budget is counted in"
          + " credits: --max-credits N, where 1 USD is the provider's credits per USD (200 for toapis, so $0.15 is"
          + " --max-credits 30); vidgen quote shows a job's price in credits and dollars, and vidgen balance --json"
          + " the key's rate (credits_per_usd)");
      assertThat(fake.requests()).as("nothing is sent").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      quote --prompt p --max-usd 1    | --max-credits is an option of vidgen generate, vidgen
      --max-usd 1 generate --prompt p | --max-credits is an option of vidgen generate, vidgen
      """)
  void aBudgetInMoneyOnACommandWithoutOneNamesTheCommandsThatTakeMaxCredits(String line, String said) {
    CliRun.Result result = vidgen().run(line.split(" +"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).as(result.all()).contains("a budget is counted in credits: --max-credits N", said);
  }

  private CliRun vidgen() {
    return CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", dir.resolve("home").toString());
  }
}
