package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vidgen models MODEL}: one route whole, by any of its names, as text and as JSON. */
class ModelSheetCommandTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @TempDir Path dir;
  @TempDir Path home;

  private CliRun.Result mock(String... args) {
    String[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of(args), java.util.stream.Stream.of(
        "--provider", "mock")).toArray(String[]::new);
    return CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run(all);
  }

  private static String line(CliRun.Result result, String label) {
    return result.out().lines().filter(line -> line.startsWith(label + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no " + label + " line in:\n" + result.all()));
  }

  @Test
  void showsEveryLimitRuleAndNoteOfTheRouteANameInAnyCaseLeadsTo() {
    ModelRoute seedance = RouteCatalog.builtIn().find("seedance-2").orElseThrow();

    CliRun.Result result = mock("models", "SEEDANCE-2");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(line(result, "model")).endsWith("seedance-2");
    assertThat(line(result, "seconds")).contains("4–15 (default 5)");
    assertThat(line(result, "aspect ratios")).contains("21:9", "adaptive");
    assertThat(line(result, "resolutions")).contains("720p (default)", "480p");
    assertThat(line(result, "prompt")).startsWith("prompt").contains(seedance.promptRequired() ? "required" : "optional");
    assertThat(line(result, "price")).contains("unknown: ");
    assertThat(result.out()).contains("image-to-video: 1–2 images")
        .contains("reference-to-video: 0–9 images, 0–3 videos")
        .contains(seedance.note());
    assertThat(seedance.rules()).as("the route has rules to show").isNotEmpty();
    seedance.rules().stream().map(RouteRule::reason).forEach(reason -> assertThat(result.out()).contains(reason));
    seedance.knownParams().forEach(param -> assertThat(line(result, "params")).contains(param));
    assertThat(result.out()).as("one route, not the table").doesNotContain("kling-v3", "MODEL ");
  }

  @Test
  void anAliasShowsItsRouteTheRetirementAndThePromptLimit() {
    CliRun.Result gemini = mock("models", "GEMINI_OMNI_FLASH");
    CliRun.Result sora = mock("models", "sora-2-vvip");
    CliRun.Result grok = mock("models", "grok-video-1.5-preview");

    assertThat(gemini.exitCode()).as(gemini.all()).isZero();
    assertThat(line(gemini, "model")).endsWith("gemini-omni-flash");
    assertThat(line(gemini, "also")).contains("gemini_omni_flash");
    assertThat(line(sora, "retired")).contains("on 2026-09-24", "OpenAI ended Sora 2",
        "choose veo3.1-fast, seedance-2, kling-v3 instead", "--allow-retired");
    assertThat(line(grok, "prompt")).as("an assumed limit is said as one, beside the ceiling that is enforced")
        .contains("required; at most 1200 characters assumed (longer is warned of and sent; over 20000 characters is"
            + " refused as a mistake)");
    assertThat(line(grok, "price")).contains("$0.10 for 10 s, $0.15 for 15 s per request");
  }

  @Test
  @SuppressWarnings("unchecked")
  void jsonIsTheTablesEntryForTheRoute() {
    CliRun.Result one = mock("models", "gemini_omni_flash", "--json");
    CliRun.Result all = mock("models", "--json");

    assertThat(one.exitCode()).as(one.all()).isZero();
    Map<String, Object> entry = ((List<Map<String, Object>>) all.json().get("models")).stream()
        .filter(model -> model.get("id").equals("gemini-omni-flash")).findFirst().orElseThrow();
    assertThat(one.json()).isEqualTo(entry);
    assertThat(one.json()).containsEntry("aliases", List.of("gemini_omni_flash"))
        .containsEntry("rules", RouteCatalog.builtIn().find("gemini-omni-flash").orElseThrow().rules().stream()
            .map(RouteRule::reason).toList());
  }

  @Test
  @SuppressWarnings("unchecked")
  void anUnknownNameIsAUsageErrorNamingTheNearestModels() {
    CliRun.Result result = mock("models", "seedanse-2");
    CliRun.Result json = mock("models", "seedanse-2", "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("seedanse-2 is not a known model; did you mean seedance-2");
    assertThat(json.exitCode()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat((Map<String, Object>) json.json().get("error")).containsEntry("kind", "usage");
  }

  @Test
  void aRouteFileAddsAModelToShow() throws IOException {
    Files.writeString(dir.resolve("acme.json"), """
        {"routes": [{"id": "acme-video-2", "family": "Acme", "modes": {"text-to-video": {}},
                     "seconds": {"one_of": [5, 10], "default": 5}, "price": {"per_second_usd": "0.05"}}]}
        """);

    CliRun.Result result = mock("models", "acme-video-2", "--routes", "acme.json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(line(result, "from")).contains(dir.resolve("acme.json").toString());
    assertThat(line(result, "price")).contains("$0.05 per second");
    assertThat(line(result, "aspect ratios")).contains("none taken");
  }

  @Test
  void theKeysListIsReadOnlyWithLiveAsForTheTable() {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).videoModels(Set.of("gemini_omni_flash"))
        .start()) {
      CliRun run = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString());
      CliRun.Result plain = run.run("models", "gemini-omni-flash", "--base-url", fake.baseUrl());
      assertThat(plain.exitCode()).as(plain.all()).isZero();
      assertThat(plain.out().lines()).noneMatch(line -> line.startsWith("live "));
      assertThat(fake.requests(Endpoint.MODELS)).as("no --live, no read").isEmpty();

      CliRun.Result live = run.run("models", "gemini-omni-flash", "--live", "--base-url", fake.baseUrl());
      CliRun.Result lacking = run.run("models", "kling-v3", "--live", "--json", "--base-url", fake.baseUrl());
      assertThat(line(live, "live")).contains("yes, as gemini_omni_flash");
      assertThat(lacking.json()).containsEntry("live", false).containsEntry("live_as", null);
      assertThat(live.all() + lacking.all()).doesNotContain(KEY.substring(3));
    }
  }
}
