package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models --live}, {@code --emit-routes}, {@code extend} and {@code remix}, run as a person would. */
class LiveAndFollowOnCommandsTest {
  @TempDir Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void showsTheCatalogBesideTheLiveListAndWritesAStarterRouteFileForWhatItLacks() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("grok-video-1.5-preview", "seedance-2", "brand-new-video"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result json = vidgen.run("models", "--live", "--json");
      CliRun.Result table = vidgen.run("models", "--live");
      CliRun.Result text = vidgen.run("models", "--live");
      CliRun.Result starter = vidgen.run("models", "--live", "--emit-routes");

      assertThat(json.exitCode()).as(json.all()).isZero();
      List<Map<String, Object>> models = (List<Map<String, Object>>) json.json().get("models");
      assertThat(models).filteredOn(m -> m.get("id").equals("seedance-2")).singleElement()
          .satisfies(m -> assertThat(m).containsEntry("live", true).containsEntry("retired", null));
      assertThat(models).filteredOn(m -> m.get("id").equals("kling-v3")).singleElement()
          .satisfies(m -> assertThat(m).containsEntry("live", false));
      assertThat(models).filteredOn(m -> ((String) m.get("id")).startsWith("sora-2")).allSatisfy(
          m -> assertThat(m).containsEntry("retired", "2026-09-24"));
      assertThat(json.json()).containsEntry("live_only", List.of("brand-new-video"));
      assertThat(text.out()).contains("LIVE").contains("brand-new-video").contains("--emit-routes");

      CliRun.Result one = vidgen.run("models", "brand-new-video", "--live");
      assertThat(one.exitCode()).as(one.all()).isEqualTo(2);
      assertThat(one.err()).contains("brand-new-video is on this key's live model list, but the catalog has no route"
          + " for it").contains("vidgen models --live --emit-routes");
      CliRun.Result offline = vidgen.run("models", "brand-new-video");
      assertThat(offline.err()).as("without --live nothing is read").doesNotContain("live model list");

      Files.writeString(dir.resolve("new.json"), starter.out(), StandardCharsets.UTF_8);
      CliRun.Result valid = vidgen.run("validate", "--routes", "new.json", "--model", "brand-new-video",
          "--prompt", "a kite over hills");
      assertThat(valid.exitCode()).as(valid.all()).isZero();
    }
  }

  @Test
  void aStarterRouteFileLoadsWhenTheLiveListHasIdsNoRouteCanHaveOrThatDifferOnlyInCase() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("brand-new-video", "Brand-New-Video", "odd model", "x\u00a0y",
        "vendor/clip:2", "grok-video-1.5-preview"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result starter = vidgen.run("models", "--live", "--emit-routes");

      assertThat(starter.exitCode()).as(starter.all()).isZero();
      assertThat(starter.err())
          .contains("the model id \"odd model\" has a space; a model name is letters, digits")
          .contains("no route can have that id, so the starter file leaves it out")
          .contains("the live list has Brand-New-Video, brand-new-video, which differ only in case; one starter"
              + " route (Brand-New-Video) covers them");
      Files.writeString(dir.resolve("new.json"), starter.out(), StandardCharsets.UTF_8);
      for (String model : List.of("brand-new-video", "Brand-New-Video", "vendor/clip:2")) {
        CliRun.Result valid = vidgen.run("validate", "--routes", "new.json", "--model", model, "--prompt", "a kite");
        assertThat(valid.exitCode()).as(model + ": " + valid.all()).isZero();
      }
      RouteCatalog loaded = RouteFiles.load(RouteCatalog.builtIn(), List.of(dir.resolve("new.json")));
      assertThat(loaded.routes()).filteredOn(route -> route.note() != null && route.note().startsWith("Starter"))
          .extracting(route -> route.id()).containsExactlyInAnyOrder("Brand-New-Video", "vendor/clip:2");
    }
  }

  @Test
  void aListedIdThatHoldsTheKeyIsNeverPrintedNorWrittenToAStarterRouteFile() {
    String key = FakeToApisServer.DEFAULT_KEY;
    // Ordinary names that merely start with sk- stay; a key in capitals is a key all the same.
    Set<String> listed = new LinkedHashSet<>(List.of("brand-new-video", key, "x-" + key.substring(3),
        "sk-AnotherKeyShaped0123456789", "sk-video-2", "seedance-sk-turbo-1", "x/SK-" + "Q".repeat(44),
        "sk-video-2-pro-turbo-1080p"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", key).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result json = vidgen.run("models", "--live", "--json");
      CliRun.Result table = vidgen.run("models", "--live");
      CliRun.Result starter = vidgen.run("models", "--live", "--emit-routes");

      assertThat(json.exitCode()).as(json.all()).isZero();
      assertThat(json.json()).containsEntry("live_only", List.of("brand-new-video", "seedance-sk-turbo-1", "sk-video-2",
          "sk-video-2-pro-turbo-1080p"))
          .containsEntry("live_left_out", 4.0);
      for (CliRun.Result result : List.of(json, starter)) {
        assertThat(result.all()).doesNotContain(key.substring(3)).doesNotContain("AnotherKeyShaped")
            .doesNotContain("Q".repeat(44))
            .contains("the provider's model list has 4 ids that hold an API key (sk-…); left out");
      }
      assertThat(starter.out()).contains("brand-new-video");
      assertThat(table.all()).as("an id listed is shown as it is, never masked")
          .contains("sk-video-2,", "sk-video-2-pro-turbo-1080p").doesNotContain(key.substring(3));
    }
  }

  @Test
  void aListedModelARouteFileRetiredIsNotCountedAsOneTheKeyMayUseNow() throws IOException {
    Files.writeString(dir.resolve("retire.json"), "{\"patch\": {\"kling-v3\": {\"retired\": {\"on\": \"2020-01-01\","
        + " \"note\": \"the team moved on\", \"instead\": [\"seedance-2\"]}}}}");
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(Set.of("kling-v3", "seedance-2")).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result text = vidgen.run("models", "--live", "--routes", "retire.json");
      CliRun.Result allowed = vidgen.run("models", "--live", "--routes", "retire.json", "--allow-retired");
      CliRun.Result refused = vidgen.run("generate", "--model", "kling-v3", "--prompt", "a kite", "--dry-run",
          "--routes", "retire.json");

      assertThat(text.exitCode()).as(text.all()).isZero();
      assertThat(text.out()).contains("1 of these the key may use now (LIVE yes, but for kling-v3, retired, which a job"
          + " is refused on without --allow-retired); a job on another is refused before it is sent.");
      assertThat(allowed.out()).contains("2 of these the key may use now (LIVE yes); ");
      assertThat(refused.exitCode()).as("what the count says: " + refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    }
  }

  @Test
  void aModelListedUnderItsOtherNameIsShownAsUsableAndSentUnderThatName() {
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(Set.of("gemini_omni_flash", "seedance-2")).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result text = vidgen.run("models", "--live");
      CliRun.Result dryRun = vidgen.run("generate", "--model", "gemini-omni-flash", "--prompt", "a kite", "--dry-run",
          "--json");
      CliRun.Result sent = vidgen.run("generate", "--model", "gemini-omni-flash", "--prompt", "a kite", "--no-wait");

      assertThat(text.out()).contains("yes, as gemini_omni_flash")
          .contains("gemini-omni-flash is also known as gemini_omni_flash")
          .contains("2 of these the key may use now").doesNotContain("catalog lacks");
      assertThat(sent.exitCode()).as(sent.all()).isZero();
      assertThat(sent.err()).contains("gemini-omni-flash is listed for this key as gemini_omni_flash");
      assertThat(fake.creates()).singleElement().satisfies(create -> {
        assertThat(create.model()).isEqualTo("gemini_omni_flash");
        assertThat(create.body()).contains("\"resolution\":\"720p\"");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> request = (java.util.Map<String, Object>) dryRun.json().get("request");
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> body = (java.util.Map<String, Object>) request.get("body");
        assertThat(body).as("the dry run shows the model name the create sent").containsEntry("model", "gemini_omni_flash");
        assertThat(body.keySet()).isEqualTo(create.json().keySet());
      });
    }
  }

  @Test
  void aModelTheKeyMayNotUseIsRefusedBeforeAnythingIsSent() {
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(Set.of("seedance-2")).start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .run("generate", "--base-url", fake.baseUrl(), "--model", "kling-v3", "--prompt", "a kite", "--json");

      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains("kling-v3").contains("live model list")
          .as("the way out a shell user has").contains("--no-model-check")
          .as("where to see what the key may use, on the same server")
          .contains("vidgen models --live --base-url " + fake.baseUrl());
      assertThat(fake.creates()).isEmpty();

      CliRun.Result unchecked = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .run("generate", "--base-url", fake.baseUrl(), "--model", "kling-v3", "--prompt", "a kite", "--no-wait",
              "--no-model-check");
      assertThat(unchecked.exitCode()).as(unchecked.all()).isZero();
      assertThat(fake.creates()).hasSize(1);
    }
  }

  @Test
  void extendsAndRemixesAnEarlierTaskAndSavesTheNewVideo() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0", "--prompt",
        "a red kite rises", "--no-wait", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    String task = (String) first.json().get("task_id");

    CliRun.Result extended = vidgen.run("extend", task, "--provider", "mock", "--model", "grok-video-1.0",
        "--prompt", "the kite climbs higher", "--out", "extended/", "--poll-interval", "50ms", "--json");
    CliRun.Result remixed = vidgen.run("remix", task, "--provider", "mock", "--model", "grok-video-1.0",
        "--prompt", "the same kite at night", "--size", "16:9", "--out", "remixed.mp4", "--poll-interval", "50ms");
    CliRun.Result fromHistory = vidgen.run("extend", task, "--prompt", "the kite lands", "--out", "landed.mp4",
        "--poll-interval", "50ms", "--json");
    CliRun.Result noModel = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("elsewhere").toString())
        .run("remix", task, "--provider", "mock", "--prompt", "x");

    assertThat(extended.exitCode()).as(extended.all()).isZero();
    assertThat(extended.json()).containsEntry("status", "completed");
    assertThat(Path.of((String) extended.json().get("file"))).startsWith(dir.resolve("extended")).isRegularFile();
    assertThat(remixed.exitCode()).as(remixed.all()).isZero();
    assertThat(dir.resolve("remixed.mp4")).isRegularFile();
    assertThat(fromHistory.exitCode()).as("the history knows the bare id's provider and model: " + fromHistory.all())
        .isZero();
    assertThat(fromHistory.json()).containsEntry("model", "grok-video-1.0").containsEntry("status", "completed");
    assertThat(dir.resolve("landed.mp4")).isRegularFile();
    assertThat(noModel.exitCode()).as("a history that lacks the id: " + noModel.all()).isEqualTo(2);
    assertThat(noModel.err()).contains("model");
    CliRun.Result history = vidgen.run("history");
    assertThat(history.out()).as("follow-ons are recorded like any job").contains("extend").contains("remix");

    CliRun.Result aFile = vidgen.run("extend", "./remixed.mp4", "--provider", "mock", "--model", "grok-video-1.0",
        "--prompt", "the kite flies on");
    assertThat(aFile.exitCode()).as(aFile.all()).isEqualTo(2);
    assertThat(aFile.err()).contains("extend takes the earlier task's id or handle, and ./remixed.mp4 is a local file",
        "nothing was sent", "its video is task ");
    try {
      Files.copy(dir.resolve("remixed.mp4"), dir.resolve(task)); // a copy named like the task, without an extension
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CliRun.Result named = vidgen.run("extend", task, "--provider", "mock", "--prompt", "the kite lands again",
        "--dry-run");
    assertThat(named.exitCode()).as("a task id the history knows is the task: " + named.all()).isZero();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aFollowOnOnARouteRetiringLaterWorksWithTheWarningAGenerateGets() throws IOException {
    Files.writeString(dir.resolve("retiring.json"), "{\"patch\": {\"grok-video-1.0\": {\"retired\": {\"on\": \"2099-01-01\","
        + " \"note\": \"the 1.0 family ends\", \"instead\": [\"grok-video-1.5-preview\"]}}}}");
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0", "--prompt",
        "a red kite rises", "--no-wait", "--json");
    String task = (String) first.json().get("task_id");

    CliRun.Result extended = vidgen.run("extend", task, "--provider", "mock", "--model", "grok-video-1.0",
        "--routes", "retiring.json", "--prompt", "the kite climbs higher", "--out", "extended.mp4",
        "--poll-interval", "50ms", "--json");

    assertThat(extended.exitCode()).as(extended.all()).isZero();
    assertThat(dir.resolve("extended.mp4")).isRegularFile();
    assertThat((List<Map<String, String>>) extended.json().get("warnings")).as(extended.all())
        .anySatisfy(warning -> assertThat(warning).containsEntry("code", "model.retiring")
            .hasEntrySatisfying("message", message -> assertThat(message)
                .contains("grok-video-1.0 will be retired on 2099-01-01", "grok-video-1.5-preview")));
    assertThat(extended.err()).contains("will be retired on 2099-01-01");
  }

  @Test
  void aFollowOnKeepsToMaxCreditsAndADryRunSendsNothing() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0", "--prompt",
        "a red kite rises", "--no-wait", "--json");
    String task = (String) first.json().get("task_id");

    CliRun.Result dry = vidgen.run("extend", task, "--prompt", "the kite climbs higher", "--dry-run", "--json");
    CliRun.Result over = vidgen.run("extend", task, "--prompt", "the kite climbs higher", "--max-credits", "0");
    CliRun.Result history = vidgen.run("history", "--json");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.json()).containsEntry("dry_run", true).containsEntry("kind", "extend")
        .containsEntry("model", "grok-video-1.0").containsKey("credits").containsKey("request");
    assertThat(over.exitCode()).as("over --max-credits: " + over.all()).isEqualTo(8);
    assertThat(history.out()).as("neither sent anything").doesNotContain("\"source\":\"extend\"");
    CliRun.Result broke = vidgen.run("extend", task, "--prompt", "the kite climbs higher", "--dry-run",
        "--set", "mock.credits=0");
    assertThat(broke.exitCode()).as("an account that cannot pay, as the real run finds: " + broke.all()).isEqualTo(8);
    assertThat(broke.err()).contains("has 0 credits left, so the real run would refuse it");
  }

  @Test
  void aFollowOnOfAFailedTaskOnAnotherModelOrOfNoTaskIsRefusedBeforeAnythingIsSent() {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString())
          .env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());
      fake.nextTask(dev.vidgen.testkit.toapis.TaskScript.fails("generation_failed", "refused"));
      CliRun.Result failed = vidgen.run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
          "--poll-interval", "50ms", "--json");
      assertThat(failed.exitCode()).as(failed.all()).isEqualTo(6);
      String source = (String) failed.json().get("task_id");

      CliRun.Result ofFailed = vidgen.run("extend", source, "--prompt", "the kite climbs higher", "--json");
      CliRun.Result otherModel = vidgen.run("remix", source, "--model", "grok-video-1.5-preview", "--prompt", "x");
      CliRun.Result dots = vidgen.run("extend", "..", "--model", "grok-video-1.0", "--prompt", "x", "--json");

      assertThat(ofFailed.exitCode()).as(ofFailed.all()).isEqualTo(2);
      assertThat(ofFailed.err()).contains("task " + source + " failed (this machine's task history says so)");
      assertThat(otherModel.exitCode()).as(otherModel.all()).isEqualTo(2);
      assertThat(otherModel.err()).contains("is a grok-video-1.0 task", "--model grok-video-1.5-preview names another",
          "leave out --model");
      assertThat(dots.exitCode()).as(dots.all()).isEqualTo(2);
      assertThat(dots.json()).extractingByKey("error").asString().contains("kind=usage").doesNotContain("internal");
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.EXTEND)).isEmpty();
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.REMIX)).isEmpty();
    }
  }

  @Test
  void anExtendDryRunShowsTheExactRequestTheExtendThenSends() {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString())
          .env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());
      CliRun.Result first = vidgen.run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
          "--poll-interval", "20ms", "--out", "source/", "--json");
      String source = (String) first.json().get("task_id");

      CliRun.Result text = vidgen.run("extend", source, "--prompt", "the kite climbs higher", "--dry-run");
      CliRun.Result dry = vidgen.run("extend", source, "--prompt", "the kite climbs higher", "--dry-run", "--json");
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.EXTEND)).as("a dry run sends nothing").isEmpty();
      CliRun.Result sent = vidgen.run("extend", source, "--prompt", "the kite climbs higher", "--no-wait", "--json");

      assertThat(text.exitCode()).as(text.all()).isZero();
      String url = fake.baseUrl().replaceAll("/$", "") + "/v1/videos/" + source + "/extend";
      assertThat(text.out()).contains("POST " + url).contains("\"prompt\":\"the kite climbs higher\"")
          .doesNotContain(FakeToApisServer.DEFAULT_KEY);
      assertThat(sent.exitCode()).as(sent.all()).isZero();
      @SuppressWarnings("unchecked")
      Map<String, Object> request = (Map<String, Object>) dry.json().get("request");
      assertThat(request).containsEntry("method", "POST").containsEntry("url", url);
      assertThat(dry.out()).doesNotContain(FakeToApisServer.DEFAULT_KEY);
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.EXTEND)).singleElement().satisfies(extend -> {
        assertThat(extend.path()).isEqualTo("/v1/videos/" + source + "/extend");
        assertThat(dev.vidgen.core.json.JsonTrees.tryParse(extend.body())).as("the body the dry run showed")
            .contains(request.get("body"));
      });
    }
  }

  @Test
  void anExtendTheProviderRejectsAdvisesTheExtendsOwnDryRun() {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString())
          .env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());
      CliRun.Result first = vidgen.run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
          "--poll-interval", "20ms", "--out", "source/", "--json");
      String source = (String) first.json().get("task_id");
      fake.inject(dev.vidgen.testkit.toapis.Endpoint.EXTEND, dev.vidgen.testkit.toapis.Fault.status(400), 1);

      CliRun.Result rejected = vidgen.run("extend", source, "--prompt", "the kite climbs higher", "--no-wait");

      assertThat(rejected.exitCode()).as(rejected.all()).isNotZero();
      assertThat(rejected.err()).contains("nothing was created; change what the provider's message names", "run the same vidgen extend command with --dry-run")
          .doesNotContain("generate --dry-run");
    }
  }

  @Test
  void takesLocalVideosCheckedByContentAndRefusesOthersBeforeSending() {
    dev.vidgen.testkit.fixtures.Videos.mp4(dir, "ref.mp4");
    dev.vidgen.testkit.fixtures.Videos.mkv(dir, "ref.mkv");
    CliRun vidgen = CliRun.in(dir);

    CliRun.Result made = vidgen.run("generate", "--provider", "mock", "--model", "seedance-2", "--mode", "r2v",
        "--prompt", "the same dancer, new stage", "--video", "ref.mp4", "--out", "dance.mp4", "--poll-interval", "50ms");
    CliRun.Result refused = vidgen.run("validate", "--provider", "mock", "--model", "seedance-2", "--mode", "r2v",
        "--prompt", "x", "--video", "ref.mkv");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(dir.resolve("dance.mp4")).isRegularFile();
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.out() + refused.err()).contains("ref.mkv").containsIgnoringCase("mp4");
  }

  @Test
  void generateTellsTheBalanceBeforeAndAfterAndRefusesWhatTheAccountCannotPay() throws IOException {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("product.png"));
    try (FakeToApisServer fake = FakeToApisServer.builder().credits(java.math.BigDecimal.valueOf(45)).start()) {
      CliRun vidgen = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());

      CliRun.Result paid = vidgen.run("generate", "--image", "product.png", "--prompt", "slow push-in", "--seconds", "15",
          "--no-wait", "--json");
      CliRun.Result tooMuch = vidgen.run("generate", "--image", "product.png", "--prompt", "slow push-in", "--seconds",
          "15", "--no-wait", "--json");

      assertThat(paid.exitCode()).as(paid.all()).isZero();
      assertThat(paid.json()).containsEntry("credits", 30.0).containsEntry("credits_left_before", 45.0)
          .containsEntry("credits_left_after", 15.0);
      assertThat(tooMuch.exitCode()).as(tooMuch.all()).isEqualTo(8);
      assertThat(fake.creates()).hasSize(1);

      // A model of unknown price: the balance before it is known, after it not.
      CliRun.Result unknown = vidgen.run("generate", "--model", "seedance-2", "--prompt", "a fox in the snow",
          "--no-wait", "--json");
      assertThat(unknown.exitCode()).as(unknown.all()).isZero();
      assertThat(unknown.json()).containsEntry("credits_left_before", 15.0).containsEntry("credits_left_after", null);
    }
  }

  @Test
  void aCheckTheClientCouldNotMakeIsAWarningLineNotALogLine() {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .runProcess("generate", "--base-url", fake.baseUrl(), "--model", "seedance-2", "--prompt", "a kite", "--no-wait");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.err()).containsOnlyOnce("vidgen: warning: the price of seedance-2 is unknown")
          .contains("a job of this model is sent without that check").doesNotContain("its jobs")
          .doesNotContain("[WARN]");
    }
  }

  @Test
  void anUnknownPriceUnderMaxCreditsIsRefusedUnlessAllowedSayingWhyItIsUnknown() {
    String basis = dev.vidgen.core.domain.RouteCatalog.builtIn().require("kling-v3").price() instanceof
        dev.vidgen.core.domain.PriceTable.Unknown unknown ? unknown.reason() : "a known price";
    CliRun vidgen = CliRun.in(dir);

    CliRun.Result refused = vidgen.run("generate", "--provider", "mock", "--model", "kling-v3", "--prompt", "a kite",
        "--max-credits", "100", "--dry-run");
    CliRun.Result allowed = vidgen.run("generate", "--provider", "mock", "--model", "kling-v3", "--prompt", "a kite",
        "--max-credits", "100", "--allow-unknown-prices", "--no-wait");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(8);
    assertThat(refused.err()).contains("kling-v3 has an unknown price (" + basis + "), which never counts as"
        + " zero", "100 credits --max-credits leaves",
            "give the model's price in a route file (--routes, docs/routes.md) or add --allow-unknown-prices")
        .as("raising the limit cannot let an unknown price through").doesNotContain("raise --max-credits")
        .as("the hint is given once, in the command line's terms").containsOnlyOnce("--allow-unknown-prices")
        .doesNotContain("allowUnknownPrices(true)");
    assertThat(allowed.exitCode()).as(allowed.all()).isZero();
  }

  @Test
  void aDryRunWithAllowUnknownPricesPassesAsTheRealRunWouldAndWithoutItIsRefused() {
    CliRun vidgen = CliRun.in(dir).env("VIDGEN_HOME", dir.resolve("home").toString());
    CliRun.Result first = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0", "--prompt",
        "a red kite rises", "--no-wait", "--json");
    String task = (String) first.json().get("task_id");

    CliRun.Result generateAllowed = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0",
        "--prompt", "t", "--seconds", "5", "--max-credits", "100", "--allow-unknown-prices", "--dry-run", "--json");
    CliRun.Result generateRefused = vidgen.run("generate", "--provider", "mock", "--model", "grok-video-1.0",
        "--prompt", "t", "--seconds", "5", "--max-credits", "100", "--dry-run");
    CliRun.Result extendAllowed = vidgen.run("extend", task, "--prompt", "the kite climbs higher", "--max-credits",
        "100", "--allow-unknown-prices", "--dry-run", "--json");
    CliRun.Result extendRefused = vidgen.run("extend", task, "--prompt", "the kite climbs higher", "--max-credits",
        "100", "--dry-run");

    assertThat(generateAllowed.exitCode()).as(generateAllowed.all()).isZero();
    assertThat(generateAllowed.json()).containsEntry("dry_run", true).containsEntry("credits", null);
    assertThat(generateRefused.exitCode()).as(generateRefused.all()).isEqualTo(8);
    assertThat(generateRefused.err()).contains("add --allow-unknown-prices");
    assertThat(extendAllowed.exitCode()).as(extendAllowed.all()).isZero();
    assertThat(extendAllowed.json()).containsEntry("dry_run", true).containsEntry("kind", "extend");
    assertThat(extendRefused.exitCode()).as(extendRefused.all()).isEqualTo(8);
    assertThat(extendRefused.err()).contains("add --allow-unknown-prices")
        .contains("an extend on grok-video-1.0 has an unknown price").contains("no route file can price an extend")
        .doesNotContain("route file (--routes");
    assertThat(generateRefused.err()).contains("give the model's price in a route file");
  }

  @Test
  void aBatchTheAccountCannotPayIsRefusedAtStartSayingWhatIsShort() throws IOException {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("product.png"));
    Files.writeString(dir.resolve("jobs.jsonl"), String.join("\n",
        "{\"id\": \"a\", \"prompt\": \"one\", \"images\": [\"product.png\"], \"seconds\": 10}",
        "{\"id\": \"b\", \"prompt\": \"two\", \"images\": [\"product.png\"], \"seconds\": 15}",
        "{\"id\": \"c\", \"prompt\": \"three\", \"images\": [\"product.png\"], \"seconds\": 10}") + "\n");
    try (FakeToApisServer fake = FakeToApisServer.builder().credits(java.math.BigDecimal.valueOf(45)).start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("TOAPIS_BASE_URL", fake.baseUrl()).run("batch", "jobs.jsonl");

      assertThat(result.exitCode()).as(result.all()).isEqualTo(8);
      assertThat(result.err()).contains("cost 70 credits").contains("45 credits left").contains("short by 25");
      assertThat(fake.creates()).isEmpty();
    }
  }

  @Test
  void aBatchReportsCreditsQuotedAndTheBalanceBeforeAndAfter() throws IOException {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("product.png"));
    Files.writeString(dir.resolve("jobs.jsonl"),
        "{\"id\": \"a\", \"prompt\": \"one\", \"images\": [\"product.png\"], \"seconds\": 10}\n");
    try (FakeToApisServer fake = FakeToApisServer.builder().credits(java.math.BigDecimal.valueOf(100)).start()) {
      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("TOAPIS_BASE_URL", fake.baseUrl()).run("batch", "jobs.jsonl", "--json", "--poll-interval", "50ms");

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(result.json()).containsEntry("credits_quoted", 20.0).containsEntry("credits_left_before", 100.0)
          .containsEntry("credits_left_after", 80.0);
    }
  }
}
