package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A video that comes in slowly shows, at a terminal, that it is being downloaded and how much has come. */
class DownloadShownTest {
  @TempDir Path dir;

  @Test
  void aSlowDownloadAtATerminalShowsItsBytesSoFarAndTheLineIsGoneAtTheEnd() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.completes());
      fake.inject(Endpoint.FILE, Fault.trickle(Duration.ofMillis(10)));
      Path out = dir.resolve("kite.mp4");

      CliRun.Result run = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString()).terminal(true)
          .run("generate", "--image", "https://img.example/a.png", "--prompt", "a kite rises", "--base-url",
              fake.baseUrl(), "--poll-interval", "50ms", "--out", out.toString());

      assertThat(run.exitCode()).as(run.all()).isZero();
      assertThat(Files.size(out)).isPositive();
      assertThat(run.err()).as(run.all()).containsPattern("\rdownloading task video_\\S+  \\d+ (bytes|KB)( of \\d+"
          + "(\\.\\d)? (bytes|KB|MB))?  0:0\\d\u001b\\[K");
    }
  }
}
