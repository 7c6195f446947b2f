package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.ReceivedRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code extend} and {@code remix} send the name the key's live model list gives the task's model, as {@code generate}
 * does: a renamed model under the route file's alias (the very patch vidgen's refusal prints), or the model's name in
 * another case; their dry runs show that name with the same {@code live_models.alias} warning. The fake takes a
 * follow-on on {@code grok-video-1.0} only, so it refuses these creates: the name each carried is what is checked.
 */
class FollowOnListedNameTest {
  private static final String RENAMED = "grok-video-1.0-20261201";

  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aRenamedModelUnderTheAliasPatchIsExtendedAndRemixedUnderItsNewName() throws IOException {
    String source = completedGrokTask();
    cli.fake().videoModels(Set.of(RENAMED, "seedance-2"));
    Files.writeString(cli.dir().resolve("alias.json"),
        "{\"patch\": {\"grok-video-1.0\": {\"aliases\": [\"" + RENAMED + "\"]}}}");

    CliRun.Result dry = here().run("extend", source, "--routes", "alias.json", "--prompt", "the kite climbs higher",
        "--dry-run", "--json");
    CliRun.Result named = here().run("extend", source, "--routes", "alias.json", "--model", RENAMED, "--prompt",
        "the kite climbs higher", "--dry-run", "--json");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).as("a dry run sends nothing").isEmpty();
    CliRun.Result extend = here().run("extend", source, "--routes", "alias.json", "--prompt", "the kite climbs higher",
        "--allow-unknown-prices", "--no-wait");
    CliRun.Result remix = here().run("remix", source, "--routes", "alias.json", "--prompt", "the same kite at night",
        "--allow-unknown-prices", "--no-wait");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(bodyOf(dry)).as(dry.all()).containsEntry("model", RENAMED);
    assertThat(dry.json()).as("the model is known by its route's id").containsEntry("model", "grok-video-1.0");
    assertThat(warningCodes(dry)).contains("live_models.alias");
    assertThat(named.exitCode()).as(named.all()).isZero();
    assertThat(bodyOf(named)).containsEntry("model", RENAMED);
    assertThat(extend.err()).as(extend.all()).doesNotContain("not in the provider's live model list")
        .contains("grok-video-1.0 is listed for this key as " + RENAMED + ", another name of the same model; "
            + RENAMED + " is sent");
    assertThat(remix.err()).as(remix.all()).doesNotContain("not in the provider's live model list");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).extracting(FollowOnListedNameTest::modelSent)
        .containsExactly(RENAMED);
    assertThat(cli.fake().requests(Endpoint.REMIX)).extracting(FollowOnListedNameTest::modelSent)
        .containsExactly(RENAMED);
  }

  @Test
  void aModelTheListSpellsInAnotherCaseIsSentAsTheListSpellsIt() {
    String source = completedGrokTask();
    cli.fake().videoModels(Set.of("Grok-Video-1.0", "seedance-2"));

    CliRun.Result dry = here().run("remix", source, "--prompt", "the same kite at night", "--dry-run", "--json");
    CliRun.Result extend = here().run("extend", source, "--prompt", "the kite climbs higher", "--allow-unknown-prices",
        "--no-wait");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(bodyOf(dry)).as(dry.all()).containsEntry("model", "Grok-Video-1.0");
    assertThat(warningCodes(dry)).contains("live_models.alias");
    assertThat(extend.err()).as(extend.all())
        .contains("grok-video-1.0 is listed for this key as Grok-Video-1.0, the same name in another case");
    assertThat(cli.fake().requests(Endpoint.EXTEND)).extracting(FollowOnListedNameTest::modelSent)
        .containsExactly("Grok-Video-1.0");
  }

  /** A grok-video-1.0 task made (and completed, as the history then knows) while the key's list still named it so. */
  private String completedGrokTask() {
    CliRun.Result made = here().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--poll-interval", "20ms", "--out", "source/", "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    return (String) made.json().get("task_id");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> bodyOf(CliRun.Result dryRun) {
    Map<String, Object> request = (Map<String, Object>) dryRun.json().get("request");
    return (Map<String, Object>) request.get("body");
  }

  @SuppressWarnings("unchecked")
  private static List<Object> warningCodes(CliRun.Result result) {
    return ((List<Map<String, Object>>) result.json().get("warnings")).stream()
        .map(warning -> warning.get("code")).toList();
  }

  private static Object modelSent(ReceivedRequest request) {
    return ((Map<?, ?>) JsonTrees.parse(request.body())).get("model");
  }

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }
}
