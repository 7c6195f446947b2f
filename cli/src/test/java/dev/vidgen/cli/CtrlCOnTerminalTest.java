package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.fixtures.Images;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C typed at a real terminal (a pseudo-terminal driven by python3's pty module) once the
 * progress bar is drawn: the process ends through its own shutdown, exit 130 with the way on, and is
 * not killed by the signal itself.
 */
class CtrlCOnTerminalTest {
  @TempDir Path dir;

  @Test
  void ctrlCAfterTheBarIsDrawnOnATerminalSaysHowToGoOnAndEnds130() throws Exception {
    assumeTrue(new File("/dev/ptmx").exists() && onPath("python3"), "needs python3 and pseudo-terminals");
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    Path script = dir.resolve("ctrl_c_on_pty.py");
    try (var in = getClass().getResourceAsStream("ctrl_c_on_pty.py")) {
      Files.write(script, in.readAllBytes());
    }
    List<String> command = new ArrayList<>(List.of("python3", script.toString(), "%", "60",
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp", System.getProperty("java.class.path"),
        "-Xshare:auto", "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main", "generate", "--image", "product.png",
        "--prompt", "slow push-in", "--set", "mock.duration=10m", "--poll-interval", "100ms", "--out", "push.mp4"));
    ProcessBuilder builder = new ProcessBuilder(CliRun.ctrlCReaches(command)).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("screen.txt").toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("VIDGEN_HOME", dir.resolve("home").toString());
    Process process = builder.start();
    try {
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the pty driver ended").isTrue();
    } finally {
      process.destroyForcibly();
    }
    String screen = Files.readString(dir.resolve("screen.txt"), StandardCharsets.UTF_8);

    assertThat(screen).as("the bar was drawn, then Ctrl-C typed:\n" + screen).contains("%")
        .doesNotContain("Ctrl-C never typed");
    assertThat(screen).as("not killed by SIGINT (EXIT -2)").contains("EXIT 130");
    assertThat(screen).contains("goes on running on the provider (it was not cancelled). Go on with: vidgen wait");
  }

  private static boolean onPath(String program) {
    for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(folder, program))) {
        return true;
      }
    }
    return false;
  }
}
