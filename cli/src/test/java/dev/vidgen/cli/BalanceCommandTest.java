package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.math.BigDecimal;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code vidgen balance}'s dollars: exact, never rounded up, and at the provider's own rate when it states another. */
class BalanceCommandTest {
  @TempDir Path dir;
  @TempDir Path home;
  private FakeToApisServer fake;

  @BeforeEach
  void start() {
    fake = FakeToApisServer.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CliRun.Result balance(String... more) {
    String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("balance", "--base-url", fake.baseUrl()),
        java.util.stream.Stream.of(more)).toArray(String[]::new);
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("VIDGEN_HOME", home.toString())
        .run(all);
  }

  @Test
  void theDollarsOfABalanceAreExactNeverRoundedUpNorDownToNothing() {
    fake.balance(new BigDecimal("29.99"), false);
    CliRun.Result json = balance("--json");
    CliRun.Result text = balance();
    fake.balance(new BigDecimal("0.001"), false);
    CliRun.Result tiny = balance("--json");
    CliRun.Result tinyText = balance();

    assertThat(json.json()).as(json.all()).containsEntry("credits", 29.99).containsEntry("usd", 0.14995)
        .containsEntry("credits_per_usd", 200.0);
    assertThat(text.out()).contains("remaining  29.99 credits ($0.14995)");
    assertThat(tiny.json()).containsEntry("usd", 0.000005);
    assertThat(tinyText.out()).contains("0.001 credits ($0.000005)");
    assertThat(text.err()).as("vidgen's own rate draws no note").doesNotContain("credits per US dollar");
  }

  @Test
  void aBalanceAtAnotherRateIsShownAtTheProvidersRateWithANoteOfWhatVidgenAssumes() {
    String answer = "{\"success\":true,\"remain_credits\":1000,\"used_credits\":0,\"credits_per_usd\":100,"
        + "\"unlimited_quota\":false}";
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", answer), 2);
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", answer), 2);

    CliRun.Result json = balance("--json");
    CliRun.Result text = balance();

    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.json()).containsEntry("credits", 1000.0).containsEntry("usd", 10.0)
        .containsEntry("credits_per_usd", 100.0);
    assertThat(text.out()).contains("remaining  1000 credits ($10.00 at the provider's 100 credits per US dollar)");
    assertThat(text.err()).containsOnlyOnce("the provider reports 100 credits per US dollar, but vidgen assumes 200"
        + " when it turns a price in dollars into credits: quotes, --max-credits and the balance check may be off by"
        + " that factor");
  }

  @Test
  void aRateStatedThatIsNoPositiveNumberIsReplacedByVidgensOwnWithANote() {
    String answer = "{\"success\":true,\"remain_credits\":1000,\"used_credits\":0,\"credits_per_usd\":0,"
        + "\"unlimited_quota\":false}";
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", answer));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", answer));

    CliRun.Result text = balance();

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("remaining  1000 credits ($5.00)");
    assertThat(text.err()).containsOnlyOnce("the provider states 0 credits per US dollar, which is no usable rate (it"
        + " is not above zero; a rate must be a finite number above zero, at most 1000000000000): the dollars shown"
        + " here use the 200 vidgen assumes, as when the provider states none");
  }

  @ParameterizedTest(name = "credits_per_usd: {0}")
  @CsvSource(delimiter = '|', value = {
      "1e400      | 1e400    | it is too large to use",
      "'\"Infinity\"' | Infinity | it is no finite number",
      "true       | true     | it is no finite number",
      "[200]      | [200]    | it is no finite number"})
  void aRateOfNoUsableSizeOrShapeIsReplacedByVidgensOwnWithANoteSayingWhatIsWrong(String rate, String stated,
      String wrong) {
    String answer = "{\"success\":true,\"remain_credits\":1000,\"used_credits\":0,\"credits_per_usd\":" + rate
        + ",\"unlimited_quota\":false}";
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", answer));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", answer));

    CliRun.Result text = balance();

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("remaining  1000 credits ($5.00)");
    assertThat(text.err()).containsOnlyOnce("the provider states " + stated + " credits per US dollar, which is no"
        + " usable rate (" + wrong + "; a rate must be a finite number above zero, at most 1000000000000): the"
        + " dollars shown here use the 200 vidgen assumes").doesNotContain("it must be above zero");
  }

  @Test
  void aBalanceBeyondAnyAnAccountHoldsIsRefusedAsUnreadableNotShown() {
    String answer = "{\"success\":true,\"remain_credits\":123456789012345678901234567890,\"used_credits\":0,"
        + "\"unlimited_quota\":false}";
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json", answer), 10);
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json", answer), 10);

    CliRun.Result text = balance();

    assertThat(text.exitCode()).as(text.all()).isEqualTo(5);
    assertThat(text.out()).doesNotContain("123456789012345678901234567890 credits");
    assertThat(text.err()).contains("remain_credits is no count of credits vidgen can read: "
        + "123456789012345678901234567890, beyond the ±1000000000000 credits ($5 billion) a balance can plausibly be");
  }

  @Test
  void theKeyAndTheAccountAreShownApartOnlyWhenWhatTheyHaveLeftDiffers() {
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":120,\"unlimited_quota\":true}"));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":900,\"unlimited_quota\":true}"));
    CliRun.Result unlimited = balance();
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":300,\"used_credits\":0,\"unlimited_quota\":false}"));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":1000,\"used_credits\":0,\"unlimited_quota\":false}"));
    CliRun.Result differing = balance();

    assertThat(unlimited.exitCode()).as(unlimited.all()).isZero();
    assertThat(unlimited.out()).as("both unlimited: the same, so shown once").contains("remaining  unlimited")
        .doesNotContain("key ").doesNotContain("account ");
    assertThat(differing.out()).as(differing.all()).contains("key        300 credits left")
        .contains("account    1000 credits left");
  }

  @Test
  void theUsedLineSaysWhoseCountItIsAndAKeyWithoutAQuotaReadsAsTheAccount() {
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":75,\"unlimited_quota\":true}"), 2);
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":4939,\"unlimited_quota\":true}"), 2);
    CliRun.Result bothUnlimited = balance();
    CliRun.Result bothUnlimitedJson = balance("--json");
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":30,\"used_credits\":70,\"unlimited_quota\":false}"));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":333,\"used_credits\":4939,\"unlimited_quota\":false}"));
    CliRun.Result keyLimits = balance();

    assertThat(bothUnlimited.out()).as(bothUnlimited.all()).contains("remaining  unlimited")
        .contains("used       4939 credits, by the account").doesNotContain("75 credits");
    assertThat(bothUnlimitedJson.json()).as("the account's, as the limiting one's would be")
        .containsEntry("used_credits", 4939.0).containsEntry("limited_by", "unlimited");
    assertThat(keyLimits.out()).as(keyLimits.all()).contains("remaining  30 credits ($0.15), what the key has left")
        .contains("used       70 credits, by the key");
  }

  @Test
  void anOverdrawnAccountSaysWhoseBalanceItIsBesideTheAmountThenThatItIsOverdrawn() {
    fake.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":-1,\"used_credits\":0,\"unlimited_quota\":true}"));
    fake.inject(Endpoint.USER_BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_balance\":-1,\"remain_credits\":-1,\"used_credits\":100,"
            + "\"unlimited_quota\":false}"));

    CliRun.Result text = balance();

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("remaining  -1 credits (-$0.005), what the account has left; overdrawn: nothing"
        + " can be spent until it is topped up\n").contains("used       100 credits, by the account");
  }
}
