package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A refusal that names a setting names the command line's option, not the Java builder's method. */
class CommandLineWordsTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aModelTheLiveListLacksIsRefusedNamingTheOptionAlone() {
    cli.fake().videoModels(Set.of("seedance-2"));

    CliRun.Result refused = cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl())
        .run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises", "--dry-run", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("not in the provider's live model list", "(turn this check off with"
        + " --no-model-check)").doesNotContain("checkModelAvailability").doesNotContain("in Java");
    assertThat(refused.out()).doesNotContain("checkModelAvailability");
    assertThat(cli.fake().requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aParameterThatWouldReplaceTheLengthIsRefusedNamingTheSecondsOption() {
    CliRun.Result refused = cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl())
        .run("generate", "--model", "seedance-2", "--prompt", "a red kite rises", "--seconds", "5", "--param",
            "duration=9", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    // The library names the job's field; the command line adds the option that sets it.
    assertThat(refused.err()).contains("would replace duration, which vidgen fills from the job's seconds (--seconds)"
        + " (5 here)", "set the job's seconds (--seconds) instead and remove the parameter");
    assertThat(cli.fake().requests(Endpoint.CREATE)).isEmpty();
  }
}
