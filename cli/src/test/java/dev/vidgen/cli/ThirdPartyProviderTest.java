package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A provider of another maker ({@link AcmeTestProvider}, on the tests' class path) under the CLI: it is given
 * neither the ToAPIs address nor the ToAPIs key, reads its key from {@code ACME_API_KEY}, and the advice it
 * gets names its own variable and documentation.
 */
class ThirdPartyProviderTest {
  private static final String ACME_KEY = "9f8e7d6c5b4a32109f8e7d6c";

  @TempDir Path dir;

  private CliRun.Result dryRun(CliRun cli, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--dry-run", "--provider", "acme",
        "--model", "veo3.1-fast", "--prompt", "a kite"));
    args.addAll(List.of(more));
    return cli.run(args.toArray(String[]::new));
  }

  @Test
  void theToApisAddressIsNeverGivenToAnotherProvider() {
    CliRun.Result ownAddress = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY)
        .env("TOAPIS_BASE_URL", "https://toapis.test.example").env("TOAPIS_API_KEY", "sk-toapis-000000000000"));
    CliRun.Result noVariable = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY));

    assertThat(ownAddress.exitCode()).as(ownAddress.all()).isZero();
    assertThat(ownAddress.out()).contains("POST " + AcmeTestProvider.OWN_ADDRESS + "/v1/videos")
        .doesNotContain("toapis.test.example");
    assertThat(noVariable.out()).contains("POST " + AcmeTestProvider.OWN_ADDRESS + "/v1/videos")
        .doesNotContain("https://toapis.com");
  }

  @Test
  void baseUrlGoesToTheProviderChosen() {
    CliRun.Result given = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY)
        .env("TOAPIS_BASE_URL", "https://toapis.test.example"), "--base-url", "https://acme.internal.example");

    assertThat(given.exitCode()).as(given.all()).isZero();
    assertThat(given.out()).contains("POST https://acme.internal.example/v1/videos");
  }

  @Test
  void theKeyComesFromTheProvidersOwnVariableNeverTheToApisOne() {
    CliRun.Result withKey = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--verbose");
    CliRun.Result toApisKeyOnly = dryRun(CliRun.in(dir).env("TOAPIS_API_KEY", "sk-toapis-000000000000"));

    assertThat(withKey.exitCode()).as(withKey.all()).isZero();
    assertThat(withKey.out()).contains("Authorization: Bearer …").doesNotContain("absent");
    assertThat(withKey.all()).doesNotContain(ACME_KEY);
    assertThat(toApisKeyOnly.exitCode()).as(toApisKeyOnly.all()).isZero();
    assertThat(toApisKeyOnly.out()).contains("Authorization: Bearer <absent: ACME_API_KEY is not set>");
    assertThat(toApisKeyOnly.err()).contains("no ACME_API_KEY is set");
  }

  @Test
  void withoutItsKeyAProvidersPreviewShowsTheKeyAbsentWhereverItStandsAndNoToApisWords() {
    CliRun.Result text = dryRun(CliRun.in(dir), "--set", "leak_key=yes");
    CliRun.Result json = dryRun(CliRun.in(dir), "--set", "leak_key=yes", "--json");

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("X-Acme-Key: <absent: ACME_API_KEY is not set>");
    assertThat(text.err()).contains("no ACME_API_KEY is set; the request shows <absent: ACME_API_KEY is not set> where"
        + " it would carry the key").doesNotContain("Authorization");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"X-Acme-Key\":\"<absent: ACME_API_KEY is not set>\"");
    for (CliRun.Result run : List.of(text, json)) {
      // A word that starts "sk-", as a key's stand-in does ("<task-id>" of the file line is not one).
      assertThat(run.all()).as("no stand-in shaped like a ToAPIs key").doesNotContainPattern("(?<![A-Za-z0-9])sk-");
    }
  }

  @Test
  void aTaskTheProviderDoesNotKnowIsNotSaidToBeKeptTheHoursToApisKeepsIt() {
    CliRun.Result waited = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY)
        .run("wait", "video_nope", "--provider", "acme", "--poll-interval", "50ms");

    assertThat(waited.exitCode()).as(waited.all()).isNotZero();
    assertThat(waited.err()).contains("check the task id and the provider").doesNotContain("24 hours");
  }

  @Test
  void aResultThatExpiredIsSaidKeptForTheProvidersOwnFigureNotTheHoursToApisKeepsIt() {
    // A task of the mock's (acme's work is the mock's) that completed three days ago: its link has expired.
    String expired = "video_mock_" + Long.toString(System.currentTimeMillis() - 3 * 86_400_000L, 36) + "_"
        + Long.toString(3_000, 36) + "_l_1";
    CliRun.Result onAcme = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY)
        .run("download", expired, "--provider", "acme", "--out", "acme.mp4");
    CliRun.Result onMock = CliRun.in(dir).run("download", expired, "--provider", "mock", "--out", "mock.mp4");

    assertThat(onAcme.exitCode()).as(onAcme.all()).isEqualTo(1);
    assertThat(onAcme.err()).contains("— the provider keeps results only for a while; ").doesNotContain("24 hours");
    assertThat(onMock.exitCode()).as(onMock.all()).isEqualTo(1);
    assertThat(onMock.err()).contains("— results are kept 24 hours; ");
  }

  @Test
  void aBatchVideoGoneIsToldSavedAgainWithoutTheHoursToApisKeepsResults() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a kite\","
        + " \"model\": \"veo3.1-fast\"}\n");
    List<String> batch = List.of("batch", jobs.toString(), "--poll-interval", "50ms");
    CliRun.Result acmeFirst = acmeBatch(batch);
    Files.delete(dir.resolve("jobs-videos").resolve("a.mp4"));
    CliRun.Result acmeAgain = acmeBatch(batch);

    assertThat(acmeFirst.exitCode()).as(acmeFirst.all()).isZero();
    assertThat(acmeAgain.exitCode()).as(acmeAgain.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(acmeAgain.out()).contains("is gone; save it again with vidgen download")
        .contains("(the provider keeps results only for a while)").doesNotContain("24 hours");
    assertThat(acmeAgain.err()).contains("save each again with the vidgen download command listed (the provider"
        + " keeps results only for a while)").doesNotContain("24 hours");
  }

  @Test
  void aBatchVideoGoneOnTheMockIsToldSavedAgainWithinItsTwentyFourHours() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a kite\","
        + " \"model\": \"veo3.1-fast\"}\n");
    List<String> batch = List.of("batch", jobs.toString(), "--provider", "mock", "--set", "mock.duration=100ms",
        "--poll-interval", "50ms");
    CliRun.Result first = CliRun.in(dir).run(batch.toArray(String[]::new));
    Files.delete(dir.resolve("jobs-videos").resolve("a.mp4"));
    CliRun.Result again = CliRun.in(dir).run(batch.toArray(String[]::new));

    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(again.out()).contains("is gone; save it again with vidgen download").contains("(results are kept 24"
        + " hours)");
    assertThat(again.err()).contains("save each again with the vidgen download command listed (results are kept 24"
        + " hours)");
  }

  private CliRun.Result acmeBatch(List<String> batch) {
    List<String> args = new java.util.ArrayList<>(batch);
    args.addAll(List.of("--provider", "acme"));
    return CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run(args.toArray(String[]::new));
  }

  @Test
  void aTaskToAdoptThatTheProviderDoesNotKnowIsNotSaidListedTheHoursToApisKeepsResults() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"a\", \"prompt\": \"a kite\","
        + " \"model\": \"veo3.1-fast\"}\n");
    CliRun.Result unknown = acmeBatch(List.of("batch", jobs.toString(), "--poll-interval", "50ms", "--set",
        "fail=create-error"));
    CliRun.Result adopted = acmeBatch(List.of("batch", jobs.toString(), "--poll-interval", "50ms", "--adopt",
        "a=video_nope"));

    assertThat(unknown.exitCode()).as(unknown.all()).isEqualTo(9);
    assertThat(adopted.exitCode()).as(adopted.all()).isEqualTo(2);
    assertThat(adopted.err()).contains("the provider knows no task video_nope",
        "a task is listed there only while the provider keeps it").doesNotContain("24 hours");
  }

  @Test
  void aProviderThatReportsNoBalanceIsNotSentToVidgenBalanceAfterA402() {
    CliRun.Result refused = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run("generate", "--provider", "acme",
        "--model", "veo3.1-fast", "--prompt", "a kite", "--set", "fail=quota", "--out", dir.resolve("k.mp4").toString());
    CliRun.Result balance = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run("balance", "--provider", "acme");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(8);
    assertThat(refused.err()).contains("the provider's own dashboard shows what is short")
        .doesNotContain("vidgen balance shows whether");
    assertThat(balance.exitCode()).as(balance.all()).isNotZero();
    assertThat(balance.err()).contains("the provider's own dashboard shows what the account has left")
        .doesNotContain("--provider toapis");
  }

  @Test
  void aProviderThatListsNoModelsIsPromisedNoCheckOfTheKeysListAndItsDryRunNamesNoReadItDidNotMake() {
    CliRun cli = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY);
    int creates = AcmeTestProvider.CREATES.get();

    CliRun.Result validate = cli.run("validate", "--provider", "acme", "--model", "veo3.1-fast", "--prompt", "a kite");
    CliRun.Result quote = cli.run("quote", "--provider", "acme", "--model", "veo3.1-fast", "--prompt", "a kite");
    CliRun.Result quoteJson = cli.run("quote", "--json", "--provider", "acme", "--model", "veo3.1-fast", "--prompt",
        "a kite");
    CliRun.Result dryRun = dryRun(cli);
    CliRun.Result dryRunJson = dryRun(cli, "--json");

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.out()).contains("valid: veo3.1-fast").doesNotContain("live model list", "also checks that");
    assertThat(quote.exitCode()).as(quote.all()).isZero();
    assertThat(quote.out()).contains("price").doesNotContain("live model list", "also checks that");
    assertThat(quoteJson.json()).containsEntry("live_list_checked", false);
    assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
    assertThat(dryRun.out()).contains("dry run: nothing was sent (no create, and no read of a model list or a balance)")
        .doesNotContain("the model list and the balance");
    assertThat(dryRunJson.json()).as(dryRunJson.all()).containsEntry("live_list_checked", false);
    assertThat(AcmeTestProvider.CREATES.get()).as("nothing paid").isEqualTo(creates);
  }

  @Test
  void aBuiltInRouteReplacedWithHintsForTheProviderInUseIsNotWarnedOfAndItsPriceIsNamedToApisOwn()
      throws IOException {
    // grok-video-1.5 replaced whole, spelled for acme only: the built-in route's toapis hints are dropped.
    Path routes = Files.writeString(dir.resolve("acme-routes.json"), "{\"routes\": [{\"id\": \"grok-video-1.5\","
        + " \"family\": \"Acme\", \"modes\": {\"text-to-video\": {}}, \"seconds\": {\"one_of\": [6], \"default\": 6},"
        + " \"price\": {\"per_second_usd\": \"0.02\"}, \"hints\": {\"acme\": {\"quality\": \"high\"}}}]}");
    String[] job = {"--routes", routes.toString(), "--model", "grok-video-1.5", "--prompt", "a kite", "--seconds", "6"};
    CliRun cli = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY);

    CliRun.Result validate = cli.run(with(job, "validate", "--provider", "acme"));
    CliRun.Result quote = cli.run(with(job, "quote", "--provider", "acme"));
    CliRun.Result onToApis = CliRun.in(dir).run(with(job, "validate", "--provider", "toapis"));

    assertThat(validate.exitCode()).as(validate.all()).isZero();
    assertThat(validate.err()).doesNotContain("hints", "standard wire");
    assertThat(quote.exitCode()).as(quote.all()).isZero();
    assertThat(quote.err()).doesNotContain("hints", "standard wire");
    assertThat(quote.out()).contains("24 credits", "vidgen's built-in route of grok-video-1.5 (toapis' documented"
        + " price) gives 12 credits ($0.06)").doesNotContain("the provider's documented price");
    assertThat(onToApis.err()).as("where the job goes to toapis, its dropped hints are told: " + onToApis.all())
        .contains("gives no toapis hints though vidgen's built-in route has them, so on toapis the job is sent in the"
            + " standard wire");
  }

  private static String[] with(String[] job, String... command) {
    List<String> args = new java.util.ArrayList<>(List.of(command));
    args.addAll(List.of(job));
    return args.toArray(String[]::new);
  }

  @Test
  void aMissingKeyIsAdvisedByTheProvidersOwnVariable() {
    CliRun.Result sent = CliRun.in(dir).env("TOAPIS_API_KEY", "sk-toapis-000000000000")
        .run("generate", "--provider", "acme", "--model", "veo3.1-fast", "--prompt", "a kite");

    assertThat(sent.exitCode()).as(sent.all()).isNotZero();
    assertThat(sent.err()).contains("acme needs an API key").contains("ACME_API_KEY")
        .doesNotContain("TOAPIS_API_KEY").doesNotContain("TOAPIS_BASE_URL");
  }

  @Test
  void anEmptyKeyVariableIsAMistakeNamedAsSuch() {
    CliRun.Result sent = CliRun.in(dir).env("ACME_API_KEY", " ")
        .run("generate", "--provider", "acme", "--model", "veo3.1-fast", "--prompt", "a kite");

    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(2);
    assertThat(sent.err()).contains("ACME_API_KEY is set but empty, so acme cannot be used");
  }

  @Test
  void aKeyAPreviewShowsInClearIsMaskedAllTheSame() {
    CliRun.Result leaky = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "leak_key=yes");
    CliRun.Result json = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "leak_key=yes", "--json");

    assertThat(leaky.exitCode()).as(leaky.all()).isZero();
    assertThat(leaky.out()).contains("X-Acme-Key: …");
    assertThat(leaky.all()).doesNotContain(ACME_KEY);
    assertThat(json.all()).doesNotContain(ACME_KEY);
  }

  @Test
  void aKeyAPreviewShowsEncodedIsMaskedInTheTextAndInTheJsonBody() {
    String key = "k/ey+9f8e7d6c5b4a3210==";
    CliRun.Result text = dryRun(CliRun.in(dir).env("ACME_API_KEY", key), "--set", "leak_key=encoded");
    CliRun.Result json = dryRun(CliRun.in(dir).env("ACME_API_KEY", key), "--set", "leak_key=encoded", "--json");

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("/v1/videos?key=…").contains("Authorization: Basic …")
        .contains("\"key\":\"…\"");
    assertThat(json.exitCode()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"key\":\"\\u2026\""); // --json is ASCII: the "…" as its escape
    for (CliRun.Result run : List.of(text, json)) {
      assertThat(run.all()).doesNotContain(key, "k%2Fey%2B9f8e7d6c5b4a3210%3D%3D", "k\\/ey+9f8e7d6c5b4a3210==",
          "k\\\\/ey", java.util.Base64.getEncoder().encodeToString(("acme-user:" + key).getBytes()));
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aKeyAPreviewShowsInAHeadersNameOrAsBase64IsMaskedInTheTextAndTheJson() {
    String key = "k/ey+9f8e7d6c5b4a3210==";
    String base64 = java.util.Base64.getEncoder().encodeToString(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    CliRun.Result text = dryRun(CliRun.in(dir).env("ACME_API_KEY", key), "--set", "leak_key=base64");
    CliRun.Result json = dryRun(CliRun.in(dir).env("ACME_API_KEY", key), "--set", "leak_key=base64", "--json");

    assertThat(text.exitCode()).as(text.all()).isZero();
    assertThat(text.out()).contains("X-Key-…: name-holds-key", "Authorization: Bearer …", "\"b64\":\"…\"");
    assertThat(json.exitCode()).as(json.all()).isZero();
    Map<String, Object> request = (Map<String, Object>) json.json().get("request");
    assertThat((Map<String, Object>) request.get("headers")).containsEntry("X-Key-…", "name-holds-key")
        .containsEntry("Authorization", "Bearer …");
    assertThat((Map<String, Object>) request.get("body")).containsEntry("b64", "…");
    for (CliRun.Result run : List.of(text, json)) {
      assertThat(run.all()).doesNotContain(key, base64, base64.replace("/", "\\/"), "9f8e7d6c5b4a3210");
    }
  }

  @Test
  void anErrorOfTheProvidersCodeAfterTheCreateIsAmbiguousWithExit5NotAStackTrace() {
    CliRun.Result sent = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run("generate", "--provider", "acme",
        "--model", "veo3.1-fast", "--prompt", "a kite", "--set", "fail=create-error", "--out",
        dir.resolve("kite.mp4").toString());

    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(5);
    assertThat(sent.err()).contains("acme failed the create of a veo3.1-fast task with an unexpected"
            + " java.lang.AssertionError: acme assertion after create")
        .contains("a task may exist and be billed")
        .doesNotContain("findByClientReference", "Exception in thread", "\tat ");
  }

  @Test
  void anErrorOfTheProvidersCodeInAStatusReadNamesTheProviderAndTheTask() {
    CliRun.Result sent = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run("generate", "--provider", "acme",
        "--model", "veo3.1-fast", "--prompt", "a kite", "--set", "fail=status-error", "--poll-interval", "50ms",
        "--out", dir.resolve("kite.mp4").toString());

    // The task was made: exit 1 as any fault of the provider after its create (docs/errors.md#provider-fault).
    assertThat(sent.exitCode()).as(sent.all()).isEqualTo(1);
    assertThat(sent.err()).contains("acme failed its status read with an unexpected java.lang.StackOverflowError:"
            + " acme recursion, for task ")
        .contains("the provider's fault").doesNotContain("Exception in thread", "\tat ");
  }

  @Test
  void anErrorOfTheProvidersCodeInAnUploadIsARefusedUploadThatLeavesTheSameJobFreeToSend() throws IOException {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    String[] job = {"generate", "--provider", "acme", "--model", "grok-video-1.5-preview", "--prompt", "a kite",
        "--image", "product.png", "--out", dir.resolve("kite.mp4").toString()};
    String[] failing = java.util.stream.Stream.concat(java.util.Arrays.stream(job),
        java.util.stream.Stream.of("--set", "fail=upload-error")).toArray(String[]::new);

    CliRun.Result refused = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run(failing);
    CliRun.Result again = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run(job);

    assertThat(refused.exitCode()).as(refused.all()).isNotIn(0, 5);
    assertThat(refused.err()).contains("the upload of image product.png")
        .contains("acme failed the upload with an unexpected java.lang.NoClassDefFoundError: acme/MissingUploader")
        .contains("no video task was created").doesNotContain("Exception in thread", "\tat ", "may exist");
    // No create went out, so no note of one stands in the way of the same job.
    assertThat(again.exitCode()).as(again.all()).isZero();
  }

  @Test
  void anErrorOfTheProvidersCodeInAPreviewIsOneLineNamingTheProviderNotAStackTrace() {
    CliRun.Result result = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "fail=preview-error");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("provider acme (" + AcmeTestProvider.class.getName() + ") failed vidgen's check"
            + " of the request it would send, with an unexpected java.lang.NoClassDefFoundError: acme/MissingPreviewer")
        .contains("nothing was sent")
        .contains("Rebuild it against this vidgen version (or use its release made for it), or take it off the class path")
        .contains("VIDGEN_CLASSPATH names the extra jars vidgen loads")
        .doesNotContain("unexpected error:", "Exception in thread", "\tat ");
    assertThat(result.err().split("off the class path", -1)).as("the advice said once").hasSize(2);
  }

  @Test
  void aPreviewOfAProviderBuiltForAnotherVidgenVersionNamesItAndSaysSo() {
    CliRun.Result result = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "fail=old-spi");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("provider acme (" + AcmeTestProvider.class.getName() + ") failed vidgen's check"
            + " of the request it would send, with an unexpected java.lang.AbstractMethodError")
        .contains("most likely built for another vidgen version").contains("docs/errors.md#provider-selection")
        .doesNotContain("unexpected error:", "Exception in thread", "\tat ");
  }

  @Test
  void aRealGenerateWithAProviderWhosePreviewIsBrokenIsRefusedAsItsDryRunIsBeforeAnyCreate() {
    CliRun.Result dryRun = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "fail=old-spi");
    int createsBefore = AcmeTestProvider.CREATES.get();

    CliRun.Result real = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY).run("generate", "--provider", "acme",
        "--model", "veo3.1-fast", "--prompt", "a kite", "--set", "fail=old-spi", "--out", "kite.mp4");

    assertThat(AcmeTestProvider.CREATES.get() - createsBefore).as("no create, nothing paid").isZero();
    assertThat(real.exitCode()).as(real.all()).isEqualTo(dryRun.exitCode()).isEqualTo(2);
    assertThat(real.err()).contains("provider acme (" + AcmeTestProvider.class.getName() + ") failed vidgen's check"
            + " of the request it would send, with an unexpected java.lang.AbstractMethodError")
        .contains("most likely built for another vidgen version")
        .doesNotContain("unexpected error:", "Exception in thread", "\tat ", "request preview", ".: a LinkageError");
    assertThat(dir.resolve("kite.mp4")).doesNotExist();
  }

  @Test
  void aFactoryWhoseCreateThrowsIsNamedWithItsClassAsItsJarsFaultForModelsAndTheDryRun() {
    CliRun.Result models = CliRun.in(dir).env("ACME_API_KEY", ACME_KEY)
        .run("models", "--provider", "acme", "--set", "fail=factory-error");
    CliRun.Result preview = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--set", "fail=factory-error");

    for (CliRun.Result result : List.of(models, preview)) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains("the provider factory acme (" + AcmeTestProvider.Factory.class.getName()
              + ") failed to make its provider: its create(config) threw java.lang.IllegalStateException: acme"
              + " create failed (test)")
          .contains("a fault of that provider's jar").contains("fix that factory's jar or take it off the class path")
          .doesNotContain("unexpected error:", "Exception in thread", "\tat ");
      assertThat(result.err().split("off the class path", -1)).as("the advice said once").hasSize(2);
    }
  }

  @Test
  void aTaskTheHistoryRecordsForAProviderNotOnTheClassPathIsSaidSoWithHowToAddItsJar() throws IOException {
    Path home = dir.resolve("home");
    CliRun.Result made = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("generate", "--no-wait", "--json",
        "--provider", "mock", "--model", "veo3.1-fast", "--prompt", "a kite");
    assertThat(made.exitCode()).as(made.all()).isZero();
    dev.vidgen.core.client.JobHandle mock = dev.vidgen.serve.history.TaskHistory.in(home)
        .find((String) made.json().get("task_id")).flatMap(dev.vidgen.serve.history.HistoryEntry::jobHandle)
        .orElseThrow();
    dev.vidgen.core.client.JobHandle gone = new dev.vidgen.core.client.JobHandle("acmegone",
        dev.vidgen.core.domain.TaskId.of("video_gone1"), mock.model(), mock.quote(), java.time.Instant.now(), null);
    dev.vidgen.serve.history.TaskHistory.in(home).record(dev.vidgen.serve.history.HistoryEntry.submitted(gone,
        dev.vidgen.core.domain.VideoJob.builder(mock.model()).prompt("a kite").build(), "generate"));

    CliRun.Result waited = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("wait", "video_gone1");
    CliRun.Result named = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
        .run("wait", "video_gone1", "--provider", "acmegone");

    for (CliRun.Result result : List.of(waited, named)) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains("this task was made by provider acmegone (as the task history records),"
              + " which is not on the class path (found: acme, mock, toapis)")
          .contains("add acmegone's jar to the class path").contains("VIDGEN_CLASSPATH")
          .contains("another provider cannot read acmegone's tasks")
          .doesNotContain("asked for in code", "choose one with --provider");
    }
  }

  @Test
  void aWrongHintOfAnotherProviderIsNotSentToTheToApisDocs() throws IOException {
    Path routes = Files.writeString(dir.resolve("acme-routes.json"),
        "{\"patch\": {\"veo3.1-fast\": {\"hints\": {\"acme\": {\"qualty\": \"high\"}}}}}");

    CliRun.Result result = dryRun(CliRun.in(dir).env("ACME_API_KEY", ACME_KEY), "--routes", routes.toString());

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("unknown acme hint \"qualty\"")
        .contains("the provider's documentation lists its hints").doesNotContain("toapis.md");
  }

  @Test
  void theHelpListsTheProvidersTheClassPathHoldsNotOnlyToApisAndTheMock() {
    CliRun.Result generateHelp = CliRun.in(dir).run("generate", "--help");
    CliRun.Result help = CliRun.in(dir).run("--help");

    assertThat(generateHelp.exitCode()).as(generateHelp.all()).isZero();
    assertThat(generateHelp.out().replaceAll("\\s+", " "))
        .contains("The provider, one on the class path: acme, mock, toapis (default: VIDGEN_PROVIDER");
    assertThat(help.out().replaceAll("\\s+", " ")).contains("VIDGEN_PROVIDER the provider without --provider (an id"
        + " --provider lists)").doesNotContain("toapis or mock");
  }

  @Test
  void aClashIsAdvisedByRemovingAJarAndIdsAreListedOnce() {
    assertThat(Failures.selectionAdvice(List.of("mock", "toapis", "toapis")))
        .startsWith("remove one of the jars that claim toapis from the class path").doesNotContain("--provider");
    assertThat(Failures.selectionAdvice(List.of("Acme", "acme", "mock"))).contains("claim acme from");
    assertThat(Failures.selectionAdvice(List.of("acme", "mock", "toapis")))
        .isEqualTo("choose one with --provider (acme or mock or toapis)");
    assertThat(Failures.selectionAdvice(List.of())).as("a provider refused for its own id cannot be chosen again")
        .startsWith("fix that provider's jar or take it off the class path").doesNotContain("--provider ()");
  }
}
