package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --prompt -} with standard input closed ({@code <&-}): said so, not blamed on the prompt's size. */
class ClosedStdinTest {
  @TempDir Path dir;

  @Test
  void promptFromAClosedStandardInputIsSaidToBeClosed() throws Exception {
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    ProcessBuilder builder = new ProcessBuilder("sh", "-c", "exec \"$@\" <&-", "sh",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main", "generate", "--prompt", "-", "--image",
        "https://img.example/a.png", "--out", "a.mp4")
        .directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("VIDGEN_HOME", dir.resolve("home").toString());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    } finally {
      process.destroyForcibly();
    }
    String said = Files.readString(err, StandardCharsets.UTF_8);

    assertThat(process.exitValue()).as(said).isEqualTo(2);
    assertThat(said).contains("standard input is closed").doesNotContain("larger than 1 MiB");
  }

  @Test
  void onlyTheJvmsOwnFilesCountAsAClosedStandardInput() {
    Path javaHome = Path.of("/usr/lib/jvm/java-17");
    List<Path> classPath = List.of(Path.of("/opt/vidgen/vidgen-cli-all.jar"), Path.of("/home/me/work"));

    assertThat(ClosedStdin.isOwnFile(Path.of("/usr/lib/jvm/java-17/lib/modules"), javaHome, classPath)).isTrue();
    assertThat(ClosedStdin.isOwnFile(Path.of("/opt/vidgen/vidgen-cli-all.jar"), javaHome, classPath)).isTrue();
    assertThat(ClosedStdin.isOwnFile(Path.of("/home/me/work/prompt.txt"), javaHome, classPath))
        .as("a prompt file in a folder on the class path is the user's").isFalse();
    assertThat(ClosedStdin.isOwnFile(Path.of("/tmp/prompt.txt"), javaHome, classPath)).isFalse();
  }
}
