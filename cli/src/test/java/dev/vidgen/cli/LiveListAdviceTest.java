package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What vidgen advises about models once the key's live list is read: renames, unrouted models, alternatives. */
class LiveListAdviceTest {
  @TempDir Path dir;

  private CliRun vidgen(FakeToApisServer fake) {
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("TOAPIS_BASE_URL", fake.baseUrl());
  }

  @Test
  void aRefusalDoesNotAdviseAliasingAModelToAnotherProductTheKeyLists() {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "kling-v3-omni"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun.Result refused = vidgen(fake).run("generate", "--model", "kling-v3", "--prompt", "a fox", "--out",
          dir.resolve("o.mp4").toString());

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("kling-v3-omni, which the catalog has no route for: a model of its own, not"
          + " kling-v3 renamed").contains("vidgen models --live --emit-routes")
          .doesNotContain("aliases").doesNotContain("under a new name");
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void aBatchLineOnAModelTheKeyListsButTheCatalogLacksSaysSoInsteadOfGuessingASpelling() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "sora-2", "acme-video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      Path jobs = Files.writeString(dir.resolve("jobs.jsonl"),
          "{\"id\": \"a\", \"model\": \"seedance-2\", \"prompt\": \"a fox\"}\n"
              + "{\"id\": \"b\", \"model\": \"acme-video-9\", \"prompt\": \"a fox\"}\n");

      CliRun.Result dry = vidgen(fake).run("batch", jobs.toString(), "--dry-run");

      assertThat(dry.all()).as(dry.all()).contains("acme-video-9 is on this key's live model list, but the catalog"
          + " has no route for it").contains("vidgen models --live --emit-routes").doesNotContain("did you mean");
      assertThat(fake.requests(dev.vidgen.testkit.toapis.Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void aRetiredModelsSheetNamesInsteadOnlyModelsTheKeysListHolds() {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "sora-2"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun.Result sheet = vidgen(fake).run("models", "sora-2", "--live");

      assertThat(sheet.exitCode()).as(sheet.all()).isZero();
      assertThat(sheet.out()).contains("choose veo3.1-fast, seedance-2 instead").doesNotContain("kling-v3");
    }
  }

  @Test
  void generateOnAModelTheKeyListsButTheCatalogLacksSaysTheKeyOffersItAndTheAdviceWorks() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "acme-video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun.Result refused = vidgen(fake).run("generate", "--model", "acme-video-9", "--prompt", "a fox", "--out",
          dir.resolve("o.mp4").toString());

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("acme-video-9 is on this key's live model list, but the catalog has no"
          + " route for it").contains("vidgen models --live --emit-routes > my-routes.json")
          .doesNotContain("not a known model").doesNotContain("did you mean")
          .as("the job is not at fault, and vidgen models does not list the model")
          .contains("choose a model vidgen models lists, or give this one a route as said above")
          .doesNotContain("fix the job");
      assertThat(fake.requests(Endpoint.MODELS)).hasSize(1);
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();

      // The advice as given: the starter file it writes gives the model a route, and a job on it is accepted.
      CliRun.Result emitted = vidgen(fake).run("models", "--live", "--emit-routes");
      Path routes = Files.writeString(dir.resolve("my-routes.json"), emitted.out());
      CliRun.Result dry = vidgen(fake).run("generate", "--dry-run", "--routes", routes.toString(), "--model",
          "acme-video-9", "--prompt", "a fox");
      assertThat(dry.exitCode()).as(dry.all()).isZero();
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"generate --dry-run", "validate", "quote"})
  void theCommandsThatSendNothingSayWhatGenerateSaysOfAListedModelWithNoRoute(String command) {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "acme-video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      List<String> args = new java.util.ArrayList<>(List.of(command.split(" ")));
      args.addAll(List.of("--model", "acme-video-9", "--prompt", "a fox"));

      CliRun.Result refused = vidgen(fake).run(args.toArray(String[]::new));

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("acme-video-9 is on this key's live model list, but the catalog has no"
          + " route for it").doesNotContain("not a known model");
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void aBatchWhoseLinesAllNameModelsTheCatalogLacksReadsTheListToTellAListedOne() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "sora-2", "acme-video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      Path jobs = Files.writeString(dir.resolve("jobs.jsonl"),
          "{\"id\": \"a\", \"model\": \"seedanse-2\", \"prompt\": \"a fox\"}\n"
              + "{\"id\": \"b\", \"model\": \"acme-video-9\", \"prompt\": \"a fox\"}\n"
              + "{\"id\": \"c\", \"model\": \"zzz-9\", \"prompt\": \"a fox\"}\n");

      CliRun.Result dry = vidgen(fake).run("batch", jobs.toString(), "--dry-run");

      assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(dry.all()).contains("acme-video-9 is on this key's live model list, but the catalog has no route"
          + " for it").contains("did you mean seedance-2").contains("zzz-9 is not a known model")
          .doesNotContain("acme-video-9 is not a known model");
      assertThat(fake.requests(Endpoint.MODELS)).as("one read for the whole batch").hasSize(1);
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void aListThatCannotBeReadLeavesTheUnknownModelRefusalAsItWas() {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "acme-video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      CliRun.Result refused = CliRun.in(dir).env("TOAPIS_API_KEY", "sk-" + "x".repeat(48))
          .env("TOAPIS_BASE_URL", fake.baseUrl())
          .run("generate", "--model", "acme-video-9", "--prompt", "a fox", "--out", dir.resolve("o.mp4").toString());

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("acme-video-9 is not a known model")
          .doesNotContain("live model list, but");
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }

  @Test
  void aModelARouteFileRemovedIsRefusedNamingInsteadOnlyModelsTheKeyListsSpelledNearIt() throws IOException {
    Set<String> listed = new LinkedHashSet<>(List.of("seedance-2", "veo3.1-fast", "kling-v2-6", "wan2.6", "Acme-Video-9"));
    try (FakeToApisServer fake = FakeToApisServer.builder().videoModels(listed).start()) {
      Path removal = Files.writeString(dir.resolve("rm.json"), "{\"remove\": [\"kling-v3\"]}");
      String[] dryRun = {"generate", "--dry-run", "--routes", removal.toString(), "--model", "kling-v3", "--prompt",
          "a fox"};

      CliRun.Result refused = vidgen(fake).run(dryRun);

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("kling-v3 was removed from the catalog by").contains("or choose kling-v2-6")
          .as("listed, but not spelled near kling-v3").doesNotContain("seedance-2").doesNotContain("veo3.1-fast")
          .doesNotContain("wan2.6").as("near it, but not listed").doesNotContain("kling-3.0-turbo");

      fake.videoModels(Set.of("seedance-2", "acme-video-9"));
      CliRun.Result far = vidgen(fake).run(dryRun);

      assertThat(far.exitCode()).as(far.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(far.err()).contains("no model a job may use is spelled near it").doesNotContain("or choose")
          .doesNotContain("seedance-2");

      fake.videoModels(Set.of("acme-video-9"));
      CliRun.Result none = vidgen(fake).run(dryRun);

      assertThat(none.exitCode()).as(none.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(none.err()).contains("this key's live model list holds none of the catalog's models")
          .doesNotContain("or choose");
      assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    }
  }
}
