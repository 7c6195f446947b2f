package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wait whose status read the server never answers says so while it waits, and ends without claiming a state. */
class UnansweredStatusWaitTest {
  @TempDir Path dir;

  @Test
  void aHungStatusReadIsSaidAt15SecondsAndTheDeadlineSaysTheStateIsUnknown() {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.STATUS, Fault.stall());

      CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString())
          .run("wait", "video_hang", "--timeout", "17s", "--base-url", fake.baseUrl(), "--json");

      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.DEADLINE);
      assertThat(run.err()).as(run.all())
          .containsOnlyOnce("vidgen: task video_hang: its status read has had no answer for 15 s; still waiting for it"
              + " (the task is made and paid for, and goes on at the provider; stopped with Ctrl-C, it is waited for"
              + " again with: vidgen wait video_hang")
          .containsPattern("no status answer came within 1\\d s, so its state when the wait ended, 1\\d s after it"
              + " was made, is unknown \\(no status was read in this wait\\)")
          .contains("the task may still be running or may be done; go on waiting with: vidgen wait video_hang")
          .doesNotContain("the task is still running");
      assertThat(run.json()).as("stdout holds the one JSON object").containsKey("error");
    }
  }
}
