package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --out FILE} under a file-size limit ({@code ulimit -f}) that the video is over: the refusal names the limit
 * and its folder, and the way on says what must change, since the same command in the same shell fails the same way.
 */
@EnabledOnOs(OS.LINUX)
class FileSizeLimitSaveTest {
  private static final String KEY = "sk-test" + "9".repeat(44);

  @TempDir Path dir;

  @Test
  void aVideoOverTheFileSizeLimitIsToldAsSuchWithWhatMustChangeBeforeSavingAgain() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).lifecycle(Lifecycle.byPolls(1, 1)).start()) {
      Images.png(640, 360).writeTo(dir.resolve("product.png"));
      Path java = Path.of(System.getProperty("java.home"), "bin", "java");
      // 2 blocks of 512 or 1024 bytes: less than the fake's video; stdout and stderr are pipes, which it does not touch.
      List<String> command = List.of("/bin/sh", "-c", "ulimit -f 2 && exec \"$@\"", "sh",
          java.toString(), "-cp", System.getProperty("java.class.path"), "-XX:-UsePerfData",
          "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main", "generate", "--image", "product.png", "--prompt", "p",
          "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
      builder.environment().put("TOAPIS_API_KEY", KEY);
      builder.environment().put("VIDGEN_HOME", Files.createDirectories(dir.resolve("home")).toString());
      Process process = builder.start();
      String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(err).isTrue();

      String taskId = fake.taskIds().get(0);
      assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.OTHER);
      assertThat(err).contains("could not save the video of task " + taskId + " to " + dir.resolve("clip.mp4")
          + ": the file grew past the largest file this process may write in " + dir, "(File too large): a file-size"
          + " limit stops it, most often the shell's (ulimit -f)");
      assertThat(err).contains("the task is done, but saving it to the same place fails the same way; save its video"
          + " where the file-size limit allows it: from a shell whose ulimit -f is unlimited", ", with: vidgen download "
          + taskId).doesNotContain("the task is done; save its video with");
      assertThat(dir.resolve("clip.mp4")).doesNotExist();
    }
  }
}
