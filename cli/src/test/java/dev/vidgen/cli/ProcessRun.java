package dev.vidgen.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code dev.vidgen.cli.Main} as a real process on this test's class path, in a chosen
 * folder with only the environment given (plus {@code PATH}); stdout and stderr go to files, so
 * stderr is never a terminal. Each run is bounded by a timeout.
 */
final class ProcessRun {
  private static final long TIMEOUT_SECONDS = 60;

  private final Path workingDir;
  private final Map<String, String> env = new LinkedHashMap<>();

  private ProcessRun(Path workingDir) {
    this.workingDir = workingDir;
  }

  static ProcessRun in(Path workingDir) {
    return new ProcessRun(workingDir);
  }

  ProcessRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRun.Result run(String... args) {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(
        java.toString(), "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "dev.vidgen.cli.Main"));
    command.addAll(List.of(args));
    try {
      Path out = Files.createTempFile(workingDir, "stdout", ".txt");
      Path err = Files.createTempFile(workingDir, "stderr", ".txt");
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workingDir.toFile())
          .redirectOutput(out.toFile())
          .redirectError(err.toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().clear();
      String path = System.getenv("PATH");
      if (path != null) {
        builder.environment().put("PATH", path);
      }
      builder.environment().putAll(env);
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("vidgen " + String.join(" ", args) + " did not end within " + TIMEOUT_SECONDS
            + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
      }
      CliRun.Result result = new CliRun.Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while vidgen ran", e);
    }
  }
}
