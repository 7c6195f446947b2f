package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out -} under a file-size limit ({@code ulimit -f}) that the video is over: like a full disk, the way on
 * saves the video to a file, not to standard output again, which would fail the same way.
 */
@EnabledOnOs(OS.LINUX)
class StdoutFileSizeLimitTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @TempDir Path dir;

  @Test
  void aVideoOverTheFileSizeLimitOnItsWayToStdoutIsToBeSavedToAFile() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      Images.png(640, 360).writeTo(dir.resolve("product.png"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      // 2 blocks of 512 or 1024 bytes: less than the fake's video; stderr is a pipe, which no such limit touches.
      List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f 2 && exec \"$@\"", "sh",
          java.toString(), "-cp", System.getProperty("java.class.path"), "-XX:-UsePerfData",
          "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main", "generate", "--image", "product.png", "--prompt", "p",
          "--out", "-", "--base-url", fake.baseUrl(), "--poll-interval", "20ms"));
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(dir.resolve("out.mp4").toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      builder.environment().clear();
      builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      builder.environment().put("TOAPIS_API_KEY", KEY);
      builder.environment().put("VIDGEN_HOME", Files.createDirectories(dir.resolve("home")).toString());
      Process process = builder.start();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(err).isTrue();

      String taskId = fake.taskIds().get(0);
      assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.OTHER);
      assertThat(err).contains("could not save the video of task " + taskId + " to standard output: the video could"
          + " not be written to the temporary file it goes through on its way there (").containsIgnoringCase("file too large");
      String saveIt = err.lines().filter(line -> line.contains("save its video with: vidgen download"))
          .findFirst().orElseThrow(() -> new AssertionError(err));
      assertThat(saveIt).as("a file, not standard output again")
          .contains("vidgen download " + taskId, "--out " + dir.resolve(taskId + ".mp4"))
          .doesNotContain("--out -");
    }
  }
}
