package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dry run and validate say of a model the key's live list lacks, and the name a dry run shows. */
class DryRunLiveListTest {
  private static final String KEY = "sk-test" + "3".repeat(44);
  private static final String[] WAN = {"--model", "wan2.6-flash", "--prompt", "a kite", "--image",
      "https://example.com/kite.png"};

  @TempDir Path dir;
  @TempDir Path home;
  private FakeToApisServer fake;

  @BeforeEach
  void start() {
    fake = FakeToApisServer.builder().apiKeys(KEY).videoModels(Set.of("grok-video-1.5-preview", "seedance-2",
        "gemini-omni-flash")).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** Runs {@code command} (the subcommand and its options) on {@code job}, against the fake with the key. */
  private CliRun.Result vidgen(String[] job, String... command) {
    String[] all = Stream.of(command, job, new String[] {"--base-url", fake.baseUrl(), "--retry-delay", "1ms"})
        .flatMap(Stream::of).toArray(String[]::new);
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString()).run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  void aDryRunRefusesAModelTheKeysListLacksAsGenerateDoes() {
    CliRun.Result generate = vidgen(WAN, "generate", "--no-wait");
    CliRun.Result dryRun = vidgen(WAN, "generate", "--dry-run");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.exitCode()).as("the dry run says what generate does: " + dryRun.all())
        .isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.err()).contains("wan2.6-flash is not in the provider's live model list for this key");
    assertThat(dryRun.out()).doesNotContain("POST ");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();

    int reads = fake.requests(Endpoint.MODELS).size();
    CliRun.Result unchecked = vidgen(WAN, "generate", "--dry-run", "--no-model-check");
    assertThat(unchecked.exitCode()).as(unchecked.all()).isZero();
    assertThat(unchecked.out()).contains("\"model\":\"wan2.6-flash\"");
    assertThat(fake.requests(Endpoint.MODELS)).as("--no-model-check reads no list").hasSize(reads);

    CliRun.Result listed = vidgen(new String[] {"generate", "--dry-run", "--model", "seedance-2", "--prompt", "x"});
    assertThat(listed.exitCode()).as(listed.all()).isZero();
  }

  @Test
  void aDryRunWhoseListCannotBeReadGoesOnWithTheWarningGenerateGives() {
    fake.inject(Endpoint.MODELS, Fault.serverError(), 20);

    CliRun.Result dryRun = vidgen(WAN, "generate", "--dry-run");

    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.err()).contains("live model list of toapis could not be read");
    assertThat(dryRun.err().split("could not be read", -1)).as("told once: " + dryRun.err()).hasSize(2);
    assertThat(dryRun.out()).contains("dry run: no create was sent (only free reads, such as the model list and the balance)");
  }

  @Test
  void aDryRunRefusesAJobTheAccountCannotPayAsTheRealRunDoes() {
    fake.balance(new java.math.BigDecimal("15"), false);
    String[] preview = {"--model", "grok-video-1.5-preview", "--prompt", "a kite", "--image",
        "https://example.com/kite.png"};

    CliRun.Result dryRun = vidgen(preview, "generate", "--dry-run");
    CliRun.Result sent = vidgen(preview, "generate", "--no-wait");

    assertThat(dryRun.exitCode()).as("the dry run says what the real run does: " + dryRun.all())
        .isEqualTo(ExitCodes.OVER_BUDGET).isEqualTo(sent.exitCode());
    assertThat(dryRun.err()).contains("grok-video-1.5-preview costs 20 credits but the account has 15 credits left");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();

    fake.balance(new java.math.BigDecimal("500"), false);
    assertThat(vidgen(preview, "generate", "--dry-run").exitCode()).isZero();
  }

  @Test
  void validateSaysItChecksTheCatalogOnlyUnlessTheListHadItsSay() {
    CliRun.Result validate = vidgen(WAN, "validate");
    CliRun.Result json = vidgen(WAN, "validate", "--json");
    CliRun.Result noCheck = vidgen(WAN, "validate", "--no-model-check");

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.out()).contains("checked against the catalog's rules only, not the key's live model list",
        "vidgen generate --dry-run also checks that this key may use wan2.6-flash");
    assertThat(json.json()).containsEntry("valid", true).containsEntry("live_list_checked", false);
    assertThat(noCheck.out()).doesNotContain("live model list");
    assertThat(fake.requests(Endpoint.MODELS)).as("validate stays offline for a route not retired").isEmpty();

    fake.videoModels(Set.of("sora-2"));
    CliRun.Result retired = vidgen(new String[] {"validate", "--json", "--model", "sora-2", "--prompt", "a kite"});
    assertThat(retired.json()).as(retired.all()).containsEntry("live_list_checked", true);
  }

  @Test
  void quoteSaysItsPriceIsNoCheckThatTheKeyMayUseTheModel() {
    fake.videoModels(Set.of("seedance-2"));
    CliRun.Result quote = vidgen(WAN, "quote");
    CliRun.Result json = vidgen(WAN, "quote", "--json");

    assertThat(quote.exitCode()).as(quote.all()).isZero();
    assertThat(quote.out()).contains("price", "checked against the catalog's rules only, not the key's live model"
        + " list: vidgen generate --dry-run also checks that this key may use wan2.6-flash");
    assertThat(json.json()).containsEntry("live_list_checked", false);
    assertThat(fake.requests(Endpoint.MODELS)).as("quote stays offline for a route not retired").isEmpty();
  }

  @Test
  void theDryRunsHeaderNamesTheModelAsTheBodySendsIt() {
    CliRun.Result otherName = vidgen(new String[] {"generate", "--dry-run", "--model", "gemini_omni_flash",
        "--prompt", "x"});
    CliRun.Result upperCase = vidgen(new String[] {"generate", "--dry-run", "--json", "--model", "SEEDANCE-2",
        "--prompt", "x"});
    int reads = fake.requests(Endpoint.MODELS).size();
    CliRun.Result noKey = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("generate", "--dry-run",
        "--provider", "toapis", "--model", "GEMINI_OMNI_FLASH", "--prompt", "x", "--base-url", fake.baseUrl());

    assertThat(otherName.exitCode()).as(otherName.all()).isZero();
    assertThat(otherName.out()).contains("model  gemini-omni-flash", "\"model\":\"gemini-omni-flash\"");
    assertThat(upperCase.json()).as(upperCase.all()).containsEntry("model", "seedance-2");
    assertThat(noKey.exitCode()).as(noKey.all()).isZero();
    assertThat(noKey.out()).contains("model  gemini_omni_flash", "\"model\":\"gemini_omni_flash\"");
    assertThat(fake.requests(Endpoint.MODELS)).as("no key, no read").hasSize(reads);
  }

  @Test
  void aModelTheKeysListSpellsInAnotherCaseIsShownAndSentAsTheListSpellsIt() {
    fake.videoModels(Set.of("MINIMAX-hailuo-2.3", "seedance-2"));
    String[] hailuo = {"--model", "MiniMax-Hailuo-2.3", "--prompt", "a kite", "--image", "https://example.com/kite.png"};

    CliRun.Result dryRun = vidgen(hailuo, "generate", "--dry-run");
    CliRun.Result sent = vidgen(hailuo, "generate", "--no-wait");

    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.out()).contains("\"model\":\"MINIMAX-hailuo-2.3\"").doesNotContain("\"model\":\"MiniMax-Hailuo-2.3\"");
    Map<String, Object> json = vidgen(hailuo, "generate", "--dry-run", "--json").json();
    assertThat(json.get("warnings")).as("the warning that explains the name, as generate's JSON has it").asList()
        .singleElement().asInstanceOf(InstanceOfAssertFactories.MAP).containsEntry("code", "live_models.alias");
    Map<String, Object> seeded = vidgen(hailuo, "generate", "--dry-run", "--json", "--param", "seed=7").json();
    assertThat(seeded.get("warnings")).as("the job's own warnings in the same key").asList()
        .anySatisfy(warning -> assertThat(((Map<?, ?>) warning).get("code")).isEqualTo("param.unknown"))
        .anySatisfy(warning -> assertThat(((Map<?, ?>) warning).get("code")).isEqualTo("live_models.alias"));
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("MiniMax-Hailuo-2.3 is listed for this key as MINIMAX-hailuo-2.3, the same name in"
        + " another case; MINIMAX-hailuo-2.3 is sent");
    assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.model())
        .as("the body carries the list's spelling, not the route's").isEqualTo("MINIMAX-hailuo-2.3"));
  }

  @Test
  void aParamThatStartsAsJsonButIsNotIsRefusedBeforeAnythingIsSentNotSentAsAString() {
    // bash leaves [{type:web_search}] of --param tools=[{"type":"web_search"}] typed unquoted.
    String[] seedance = {"--model", "seedance-2", "--prompt", "news of today", "--param", "tools=[{type:web_search}]"};

    CliRun.Result sent = vidgen(seedance, "generate", "--no-wait");
    CliRun.Result dryRun = vidgen(seedance, "generate", "--dry-run");
    CliRun.Result metadata = vidgen(new String[] {"--model", "seedance-2", "--prompt", "a kite", "--param",
        "metadata={enable_gif:true}"}, "generate", "--dry-run");

    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.exitCode()).as(dryRun.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(sent.err()).contains("--param tools: [{type:web_search}] starts with [ as JSON does, but is not JSON")
        .contains("--param 'tools=[{\"type\":\"web_search\"}]'");
    assertThat(metadata.err()).as("said as what it is, not as a resolution to set").contains("is not JSON")
        .doesNotContain("resolution");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();
  }

  /** The id of a task made now on {@code model} (sent, not waited for), for a follow-on to start from. */
  private String taskOn(String model) {
    CliRun.Result made = vidgen(new String[] {"generate", "--model", model, "--prompt", "a kite", "--poll-interval", "20ms", "--out", "source/", "--json"});
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  @Test
  void aFollowOnDryRunRefusesAModelTheKeysListLacksAsTheFollowOnDoes() {
    fake.videoModels(Set.of("grok-video-1.0", "seedance-2"));
    String task = taskOn("grok-video-1.0");
    fake.videoModels(Set.of("seedance-2", "veo3.1-fast"));
    String[] extend = {"extend", task, "--prompt", "higher"};

    CliRun.Result sent = vidgen(new String[] {"--no-wait"}, extend);
    CliRun.Result dryRun = vidgen(new String[] {"--dry-run"}, extend);
    CliRun.Result unchecked = vidgen(new String[] {"--dry-run", "--json", "--no-model-check"}, extend);

    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.exitCode()).as("the dry run says what the extend does: " + dryRun.all())
        .isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dryRun.err()).contains("grok-video-1.0 is not in the provider's live model list for this key");
    assertThat(dryRun.out()).doesNotContain("POST ");
    assertThat(unchecked.exitCode()).as("--no-model-check lets it through, as it does the extend: " + unchecked.all())
        .isZero();
    assertThat(unchecked.json()).containsEntry("live_list_checked", false);
    assertThat(fake.requests(Endpoint.EXTEND)).as("nothing paid").isEmpty();

    fake.videoModels(Set.of("grok-video-1.0"));
    CliRun.Result listed = vidgen(new String[] {"--dry-run", "--json"}, extend);
    assertThat(listed.exitCode()).as(listed.all()).isZero();
    assertThat(listed.json()).containsEntry("live_list_checked", true).containsEntry("warnings", java.util.List.of());
    assertThat(vidgen(WAN, "generate", "--dry-run", "--json", "--no-model-check").json())
        .as("generate's dry run says the same").containsEntry("live_list_checked", false);
  }

  @Test
  void aRemixDryRunOfARetiredModelTheKeysListOffersGivesTheWarningTheRemixGives() {
    fake.videoModels(Set.of("sora-2", "seedance-2"));
    String task = taskOn("sora-2");
    String[] remix = {"remix", task, "--prompt", "the same kite at night"};

    CliRun.Result dryRun = vidgen(new String[] {"--dry-run"}, remix);
    Map<String, Object> json = vidgen(new String[] {"--dry-run", "--json"}, remix).json();
    CliRun.Result sent = vidgen(new String[] {"--no-wait"}, remix);

    String warning = "sora-2 is marked retired in the catalog on 2026-09-24";
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains(warning, "this key's live model list still offers it, so it is sent");
    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.err()).as("the dry run warns as the remix does")
        .contains(warning, "this key's live model list still offers it, so it is sent");
    assertThat(json.get("warnings")).as("as generate --dry-run's JSON has it").asList()
        .anySatisfy(entry -> assertThat(((Map<?, ?>) entry).get("code")).isEqualTo("model.retired"));
    assertThat(json.get("violations")).asList()
        .anySatisfy(entry -> assertThat(((Map<?, ?>) entry).get("code")).isEqualTo("model.retired"));
    assertThat(json).containsEntry("live_list_checked", true);
  }
}
