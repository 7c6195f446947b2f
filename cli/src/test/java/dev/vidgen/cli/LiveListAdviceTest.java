package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
}
