package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key's live model list on the command line: retired routes it offers, its reads, account refusals, paused submits. */
class LiveListCommandsTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @TempDir Path dir;
  @TempDir Path home;
  private FakeToApisServer fake;

  @BeforeEach
  void start() {
    fake = FakeToApisServer.builder().apiKeys(KEY).videoModels(Set.of("sora-2", "veo3.1-fast", "kling-v3")).start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--base-url", fake.baseUrl(), "--retry-delay", "1ms"))
        .toArray(String[]::new);
    CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString()).run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  void aRetiredModelTheKeysListOffersIsSentWithAWarningAndShownSo() {
    CliRun.Result models = vidgen("models", "--live");
    CliRun.Result sent = vidgen("generate", "--model", "sora-2", "--prompt", "a kite over hills", "--no-wait");

    assertThat(models.out()).contains("sora-2 is marked retired on 2026-09-24")
        .contains("this key's list still offers it").contains("veo3.1-fast, kling-v3 will last");
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("this key's live model list still offers it, so it is sent");
    assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.model()).isEqualTo("sora-2"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void modelIdsTheCatalogLacksAreShownEscapedAndClippedInJsonAsInTheTable() {
    String colour = "evil\u001b[31mred";
    String forged = "m\r\nvidgen: injected line";
    String huge = "x".repeat(100_000);
    fake.videoModels(Set.of("veo3.1-fast", colour, forged, huge));

    CliRun.Result table = vidgen("models", "--live");
    CliRun.Result json = vidgen("models", "--live", "--json");

    java.util.List<String> liveOnly = (java.util.List<String>) json.json().get("live_only");
    assertThat(liveOnly).hasSize(3).noneMatch(id -> id.chars().anyMatch(Character::isISOControl))
        .allMatch(id -> id.length() < 200);
    assertThat(liveOnly).contains("evil\\x1B[31mred");
    for (CliRun.Result run : java.util.List.of(table, json)) {
      assertThat(run.out()).doesNotContain("\u001b").doesNotContain("\r\nvidgen: injected").doesNotContain(huge);
    }
  }

  @Test
  void aBatchJudgesEachLineOfARetiredRouteTheListOffersAlikeWhateverLineComesFirst() throws Exception {
    String sora = "{\"id\":\"s\",\"model\":\"sora-2\",\"prompt\":\"a fox\"}";
    String veo = "{\"id\":\"v\",\"model\":\"veo3.1-fast\",\"prompt\":\"a fox\"}";
    java.nio.file.Files.writeString(dir.resolve("alone.jsonl"), sora + "\n");
    java.nio.file.Files.writeString(dir.resolve("first.jsonl"), sora + "\n" + veo + "\n");
    java.nio.file.Files.writeString(dir.resolve("second.jsonl"), veo + "\n" + sora + "\n");

    for (String file : java.util.List.of("alone.jsonl", "first.jsonl", "second.jsonl")) {
      CliRun.Result planned = vidgen("batch", file, "--dry-run", "--allow-unknown-prices");

      assertThat(planned.exitCode()).as(file + ": " + planned.all()).isZero();
      assertThat(planned.out()).as(file).contains(file.equals("alone.jsonl") ? "1 valid" : "2 valid", "0 invalid");
    }
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void allowRetiredSaysTheJobIsSentAnywayOnlyOnceTheLiveListLetsItGo() {
    CliRun.Result refused = vidgen("generate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite",
        "--no-wait");
    CliRun.Result refusedJson = vidgen("generate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite",
        "--no-wait", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("sora-2-pro was retired on 2026-09-24",
            "this key's live model list does not offer it either")
        .as("nothing was sent, so nothing is said to be sent").doesNotContain("sent anyway", "warning:");
    assertThat(refusedJson.exitCode()).as(refusedJson.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refusedJson.json()).containsKey("error").doesNotContainKey("warnings");
    assertThat(refusedJson.err()).doesNotContain("sent anyway");
    assertThat(fake.creates()).isEmpty();

    fake.videoModels(Set.of("sora-2-pro", "veo3.1-fast"));
    CliRun.Result sent = vidgen("generate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite",
        "--no-wait");
    CliRun.Result sentJson = vidgen("generate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a red kite",
        "--no-wait", "--json");

    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("warning: model: sora-2-pro was retired on 2026-09-24", "sent anyway");
    assertThat(sentJson.exitCode()).as(sentJson.all()).isZero();
    assertThat((java.util.List<Map<String, Object>>) sentJson.json().get("warnings")).as(sentJson.all())
        .anySatisfy(warning -> assertThat(warning).containsEntry("code", "model.retired")
            .extractingByKey("message").asString().contains("sent anyway"));
    assertThat(fake.creates()).hasSize(2).allSatisfy(create -> assertThat(create.model()).isEqualTo("sora-2-pro"));
  }

  @Test
  void validateAndQuoteWithAllowRetiredAgreeWithGenerateOnAModelTheKeysListLacks() {
    CliRun.Result validate = vidgen("validate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite");
    CliRun.Result quote = vidgen("quote", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite", "--json");
    CliRun.Result generate = vidgen("generate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite",
        "--no-wait");

    assertThat(generate.exitCode()).as(generate.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(validate.exitCode()).as("validate says what generate does: " + validate.all())
        .isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(validate.err()).contains("sora-2-pro was retired on 2026-09-24",
            "this key's live model list does not offer it either").doesNotContain("sent anyway");
    assertThat(quote.exitCode()).as(quote.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();

    // Once the key's list offers it, all three let it go, with the warning.
    fake.videoModels(Set.of("sora-2-pro", "veo3.1-fast"));
    CliRun.Result valid = vidgen("validate", "--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite");
    assertThat(valid.exitCode()).as(valid.all()).isZero();
    assertThat(valid.err()).contains("sora-2-pro was retired on 2026-09-24");
  }

  @Test
  void allowRetiredOnARetiredModelTheListLacksStillSaysItIsRetiredAndWhatToChooseInstead() {
    String[] job = {"--allow-retired", "--model", "sora-2-pro", "--prompt", "a kite"};
    String expected = "vidgen: error: model: sora-2-pro was retired on 2026-09-24 (OpenAI ended Sora 2 and its Videos"
        + " API on 2026-09-24), and this key's live model list does not offer it either (3 video models listed, read"
        + " just now; a model added to the key since shows once the list is read again, at most every 30 s), so the"
        + " provider would refuse it; choose veo3.1-fast or kling-v3 instead; if your provider still serves it all"
        + " the same, send it unchecked (turn this check off with --no-model-check)";

    for (String[] command : List.of(new String[] {"validate"}, new String[] {"quote"},
        new String[] {"generate", "--dry-run"}, new String[] {"generate", "--no-wait"})) {
      CliRun.Result refused = vidgen(concat(command, job));

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).as(String.join(" ", command)).contains(expected)
          .doesNotContain("spelled near it").doesNotContain("is not in the provider's live model list");
    }
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  void aRetiredModelTheListLacksIsRefusedNamingOnlyModelsTheKeyMayUse() {
    CliRun.Result refused = vidgen("generate", "--model", "sora-2-pro", "--prompt", "a kite", "--no-wait");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("choose veo3.1-fast or kling-v3 instead").doesNotContain("seedance-2");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void theCommandsThatSendNothingReadTheLiveListForARetiredRouteAsGenerateDoes() {
    String[] job = {"--model", "sora-2", "--prompt", "a kite over hills"};

    CliRun.Result validate = vidgen(concat(new String[] {"validate"}, job));
    CliRun.Result quote = vidgen(concat(new String[] {"quote", "--json"}, job));
    CliRun.Result dryRun = vidgen(concat(new String[] {"generate", "--dry-run"}, job));

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.err()).contains("this key's live model list still offers it, so it is sent");
    assertThat(quote.exitCode()).as(quote.all()).isZero();
    assertThat(quote.json()).containsEntry("model", "sora-2");
    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.out()).contains("dry run: no create was sent (only free reads, such as the model list and the balance)").containsPattern("\"model\": ?\"sora-2\"");
    assertThat(fake.requests(Endpoint.MODELS)).as("the free model list, once per command").hasSize(3);
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();

    // A retired route the list lacks is refused, naming what the key may use instead.
    CliRun.Result lacking = vidgen("validate", "--model", "sora-2-pro", "--prompt", "a kite");
    assertThat(lacking.exitCode()).as(lacking.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(lacking.err()).contains("choose veo3.1-fast or kling-v3 instead");
  }

  @Test
  void aLiveListThatCannotBeReadLeavesTheCatalogsRefusalWithANote() {
    fake.inject(Endpoint.MODELS, Fault.serverError(), 20);

    CliRun.Result refused = vidgen("quote", "--model", "sora-2", "--prompt", "a kite", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("the key's live model list could not be read",
        "sora-2 is refused as the catalog has it (retired)");
    assertThat(refused.json()).extractingByKey("error").asString().contains("model.retired");

    // Without a key nothing is read: a stand-in key is never sent.
    int reads = fake.requests(Endpoint.MODELS).size();
    CliRun.Result noKey = CliRun.in(dir).run("validate", "--provider", "toapis", "--model", "sora-2", "--prompt",
        "a kite", "--base-url", fake.baseUrl());
    assertThat(noKey.exitCode()).as(noKey.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(fake.requests(Endpoint.MODELS)).hasSize(reads);
  }

  private static String[] concat(String[] first, String[] second) {
    return Stream.concat(Stream.of(first), Stream.of(second)).toArray(String[]::new);
  }

  @Test
  void theModelListIsReadAgainAfterAServerErrorAsOtherReadsAre() {
    fake.inject(Endpoint.MODELS, Fault.serverError(), 1);

    CliRun.Result models = vidgen("models", "--live");

    assertThat(models.exitCode()).as(models.all()).isZero();
    assertThat(models.out()).contains("3 of these the key may use now");
    assertThat(fake.requests(Endpoint.MODELS)).hasSize(2);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anAccountReadRefusedWithoutBlamingTheKeyIsNotAKeyProblem() {
    fake.inject(Endpoint.MODELS, Fault.answer(200, "application/json",
        "{\"success\":false,\"message\":\"model list failed\"}"), 10);

    CliRun.Result models = vidgen("models", "--live", "--json");

    assertThat(models.exitCode()).as(models.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    Map<String, Object> error = (Map<String, Object>) models.json().get("error");
    assertThat((String) error.get("message")).contains("model list failed").contains("did not say that the key is wrong");
    assertThat((String) error.get("next")).doesNotContain("TOAPIS_API_KEY").contains("try again later");
  }

  @Test
  void aModelTheProviderRefusesAtTheCreateSaysToChooseAnother() {
    fake.inject(Endpoint.CREATE, Fault.error(400, 400, "model veo3.1-fast not found or not available for this key"));

    CliRun.Result refused = vidgen("generate", "--model", "veo3.1-fast", "--prompt", "a kite", "--no-wait");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("the provider says this key may not use the model now")
        .contains("vidgen models --live").doesNotContain("--dry-run");
  }

  @Test
  void aDryRunOfAModelTheKeyLacksNamesNoListedModelThatCannotTakeTheJobAsGenerateDoes() {
    fake.videoModels(Set.of("grok-video-1.5-preview", "seedance-2"));
    // 8 s: grok-video-1.5-preview, the listed model nearest grok-video-1.5, offers 10 or 15 s only.
    String[] job = {"generate", "--model", "grok-video-1.5", "--prompt", "a kite", "--seconds", "8", "--image",
        "https://img.example/kite.png", "--no-wait"};

    CliRun.Result dry = vidgen(Stream.concat(Stream.of(job), Stream.of("--dry-run")).toArray(String[]::new));
    CliRun.Result sent = vidgen(job);

    String advice = "no model listed near its name can take this job (grok-video-1.5-preview cannot; vidgen models"
        + " --live shows which the key may use)";
    assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.err()).as(dry.all()).contains(advice).doesNotContain("the closest listed");
    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(sent.err()).as(sent.all()).contains(advice);
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void pausedSubmitsSayTheLimiterIsPausingThemAndWhatToDo() {
    fake.inject(Endpoint.CREATE, Fault.unavailable(), 20);

    CliRun.Result paused = vidgen("generate", "--model", "veo3.1-fast", "--prompt", "a kite", "--no-wait");

    assertThat(paused.exitCode()).as(paused.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(paused.err()).contains("rate limiter is pausing new submits").contains("nothing was created")
        .contains("wait a few minutes").doesNotContain("the provider or the network failed");
  }

  @Test
  void aRetirementOfTheTeamsOwnRouteFileIsNotLiftedByTheKeysListWhileTheShippedOneIs() throws Exception {
    Path routes = dir.resolve("policy.json");
    java.nio.file.Files.writeString(routes, "{\"patch\": {\"veo3.1-fast\": {\"retired\": {\"on\": \"2026-11-01\","
        + " \"note\": \"too dear for us\", \"instead\": [\"kling-v3\"]}}}}");

    CliRun.Result models = vidgen("models", "--live", "--routes", routes.toString());
    CliRun.Result sheet = vidgen("models", "veo3.1-fast", "--live", "--routes", routes.toString());
    CliRun.Result quote = vidgen("quote", "--model", "veo3.1-fast", "--prompt", "a kite", "--routes", routes.toString());
    CliRun.Result refused = vidgen("generate", "--model", "veo3.1-fast", "--prompt", "a kite", "--no-wait",
        "--routes", routes.toString());
    assertThat(fake.creates()).as("nothing is sent for a job the team's own file retired").isEmpty();
    CliRun.Result allowed = vidgen("generate", "--model", "veo3.1-fast", "--prompt", "a kite", "--no-wait",
        "--allow-retired", "--routes", routes.toString());
    CliRun.Result quoteSora = vidgen("quote", "--model", "sora-2", "--prompt", "a kite", "--json");

    assertThat(models.out()).contains("veo3.1-fast was retired on 2026-11-01 (too dear for us) by " + routes)
        .contains("choose kling-v3 instead; --allow-retired sends it anyway.")
        .contains("sora-2 is marked retired on 2026-09-24").contains("this key's list still offers it")
        .contains("sora-2-pro was retired on 2026-09-24").contains("this key's list does not offer it, so it is"
            + " refused even with --allow-retired.");
    assertThat(sheet.out()).contains("on 2026-11-01 (retired by " + routes + "): too dear for us; choose kling-v3")
        .contains("its retirement is your route file's own, so a job on it is refused unless --allow-retired");
    assertThat(quote.exitCode()).as(quote.all()).isEqualTo(2);
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("veo3.1-fast was retired on 2026-11-01 (too dear for us) by " + routes
        + "; choose kling-v3 instead, or allow retired routes (--allow-retired) to send it all the same")
        .doesNotContain("in Java");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
    assertThat(allowed.err()).contains("it is sent anyway because retired routes are allowed");
    assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.model()).isEqualTo("veo3.1-fast"));
    assertThat(quoteSora.exitCode()).as(quoteSora.all()).isZero();
    assertThat(quoteSora.err()).as("quote tells the warning a send would get")
        .contains("this key's live model list still offers it, so it is sent");
    assertThat(quoteSora.json().get("warnings").toString()).contains("model.retired");
  }

  @Test
  void aListedModelThatIsACatalogModelTheKeyNoLongerListsUnderANewNameIsGivenTheAliasPatchNotTheStarterRoute() {
    fake.videoModels(Set.of("seedance-2-20261201", "veo3.1-fast", "acme-video-9"));

    CliRun.Result models = vidgen("models", "--live");

    assertThat(models.exitCode()).as(models.all()).isZero();
    assertThat(models.out()).contains("seedance-2-20261201 may be seedance-2 (which the key no longer lists) under a"
        + " new name: a route file with {\"patch\": {\"seedance-2\": {\"aliases\": [\"seedance-2-20261201\"]}}} keeps"
        + " seedance-2's checks and price and sends the listed name (docs/routes.md); --emit-routes is for a new model,"
        + " not a renamed one.")
        .as("the starter route stays the way for a model of its own")
        .contains("To use another, describe it in a route file (docs/routes.md): vidgen models --live --emit-routes")
        .doesNotContain("acme-video-9 may be");
  }

  @Test
  void emittedStarterRoutesLeaveOutARenamedCatalogModelAndSayItsAliasPatchInstead() {
    fake.videoModels(Set.of("seedance-2-20261201", "veo3.1-fast", "acme-video-9"));

    CliRun.Result emitted = vidgen("models", "--live", "--emit-routes");

    assertThat(emitted.exitCode()).as(emitted.all()).isZero();
    assertThat(emitted.out()).as("a starter route for the new model only").contains("\"acme-video-9\"")
        .doesNotContain("seedance-2-20261201");
    assertThat(emitted.err()).contains("seedance-2-20261201 may be seedance-2 (which the key no longer lists) under a"
        + " new name: a route file with {\"patch\": {\"seedance-2\": {\"aliases\": [\"seedance-2-20261201\"]}}} keeps"
        + " seedance-2's checks and price and sends the listed name (docs/routes.md); the starter file leaves it out");
  }

  @Test
  void aListedModelARouteFileRemovesIsSaidToBeRemovedByItNotMissingFromTheCatalog() throws Exception {
    Path routes = dir.resolve("fewer.json");
    java.nio.file.Files.writeString(routes, "{\"remove\": [\"kling-v3\"]}");

    CliRun.Result models = vidgen("models", "--live", "--routes", routes.toString());
    CliRun.Result json = vidgen("models", "--live", "--json", "--routes", routes.toString());
    CliRun.Result emitted = vidgen("models", "--live", "--emit-routes", "--routes", routes.toString());

    assertThat(models.out()).contains("The key may also use kling-v3, which " + routes + " removes from the catalog.")
        .doesNotContain("the catalog lacks");
    assertThat(json.json()).containsEntry("live_only", java.util.List.of())
        .containsEntry("live_removed", java.util.List.of("kling-v3"));
    assertThat(emitted.out()).doesNotContain("kling-v3");
  }

  @Test
  void theLiveTableUnderNoModelCheckSaysJobsTheListLacksAreSentNotRefused() {
    fake.videoModels(Set.of("veo3.1-fast", "kling-v3")); // no sora-2
    CliRun.Result table = vidgen("models", "--live", "--allow-retired", "--no-model-check");
    CliRun.Result json = vidgen("models", "--live", "--json", "--no-model-check");
    CliRun.Result sheet = vidgen("models", "sora-2", "--live", "--no-model-check");
    CliRun.Result checked = vidgen("models", "--live", "--json");
    CliRun.Result sent = vidgen("generate", "--allow-retired", "--no-model-check", "--model", "sora-2", "--prompt",
        "a kite over hills", "--no-wait");

    assertThat(sent.exitCode()).as("what the table describes: " + sent.all()).isZero();
    assertThat(fake.creates()).hasSize(1);
    assertThat(table.exitCode()).as(table.all()).isZero();
    assertThat(table.out()).doesNotContain("refused before it is sent").doesNotContain("refused even with --allow-retired")
        .contains("with --no-model-check jobs are not checked against this list: a job on a model it lacks is sent all"
            + " the same, and the provider decides whether it takes it")
        .contains("sora-2 was retired on 2026-09-24").contains("--allow-retired sends it anyway (the model check is off,"
            + " so this key's list, which does not offer it, is not asked)");
    assertThat(json.json()).containsEntry("model_check", false).hasEntrySatisfying("model_check_note",
        note -> assertThat((String) note).contains("a job on a model it lacks is sent all the same"));
    assertThat(sheet.out()).doesNotContain("refused even with --allow-retired").doesNotContain("so a job on it is refused")
        .contains("with --no-model-check the list is not asked, so a job on it is sent all the same with --allow-retired");
    assertThat(checked.json()).containsEntry("model_check", true).doesNotContainKey("model_check_note");
  }
}
