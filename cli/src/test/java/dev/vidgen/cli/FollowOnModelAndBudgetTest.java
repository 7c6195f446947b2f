package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code extend} and {@code remix} find {@code --model} as a job's model is found, in any case, and refuse
 * what needs no network, an unknown price under {@code --max-credits}, before the source's status read.
 */
class FollowOnModelAndBudgetTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aModelNamedInAnotherCaseIsTheRouteOfThatId() {
    CliRun.Result remix = here().run("remix", "video_unknown_zz4", "--prompt", "night", "--model", "Grok-Video-1.0",
        "--dry-run", "--json");

    assertThat(remix.exitCode()).as(remix.all()).isZero();
    assertThat(remix.json()).containsEntry("model", "grok-video-1.0");
    assertThat(remix.err()).doesNotContain("takes no remix");
  }

  @Test
  void aModelNamedInAnotherCaseIsTheModelTheHistoryKnowsTheTaskBy() {
    CliRun.Result made = here().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--no-wait", "--json");
    String source = (String) made.json().get("task_id");

    CliRun.Result extend = here().run("extend", source, "--prompt", "on", "--model", "GROK-VIDEO-1.0", "--dry-run",
        "--json");

    assertThat(extend.exitCode()).as(extend.all()).isZero();
    assertThat(extend.json()).containsEntry("model", "grok-video-1.0");
  }

  @Test
  @Timeout(15) // the source's status read waits 20 s
  void anUnknownPriceUnderMaxCreditsIsRefusedBeforeTheSourceIsRead() {
    cli.fake().inject(Endpoint.STATUS, Fault.stall());

    CliRun.Result remix = here().run("remix", "video_unknown_zz9", "--prompt", "the same kite at night", "--model",
        "grok-video-1.0", "--max-credits", "100");

    assertThat(remix.exitCode()).as(remix.all()).isEqualTo(8);
    assertThat(remix.err()).contains("unknown price").doesNotContain("could not read the status");
    assertThat(cli.fake().requests(Endpoint.STATUS)).as("refused without the source's read").isEmpty();
    assertThat(cli.fake().requests(Endpoint.REMIX)).as("no paid create").isEmpty();
  }

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }
}
