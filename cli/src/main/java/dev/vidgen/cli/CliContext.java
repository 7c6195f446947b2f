package dev.vidgen.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What one run of the command sees of the world: the environment, where output goes, whether
 * stderr is a terminal and the working directory. Tests build their own; {@link Main} uses the
 * real ones.
 *
 * @param env environment variables (the API key is read from here and nowhere else)
 * @param stderrIsTerminal whether stderr is a terminal, which turns progress lines into a bar
 * @param workingDir the directory relative paths (such as {@code --out}) are read against
 * @param in standard input, read by {@code --prompt -}
 * @param videoOut stdout as bytes, for {@code --out -}
 * @param canAsk whether a person can answer a question: standard input and stderr are a terminal
 */
record CliContext(
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    BooleanSupplier stderrIsTerminal,
    Path workingDir,
    InputStream in,
    OutputStream videoOut,
    BooleanSupplier canAsk) {

  /** A context whose standard input is empty and whose video stdout is the process's own. */
  CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, BooleanSupplier stderrIsTerminal,
      Path workingDir) {
    this(env, out, err, stderrIsTerminal, workingDir, InputStream.nullInputStream(), System.out);
  }

  /** A context in which nobody is there to answer a question. */
  CliContext(Map<String, String> env, PrintWriter out, PrintWriter err, BooleanSupplier stderrIsTerminal,
      Path workingDir, InputStream in, OutputStream videoOut) {
    this(env, out, err, stderrIsTerminal, workingDir, in, videoOut, () -> false);
  }

  CliContext {
    Objects.requireNonNull(in, "in == null");
    env = Map.copyOf(Objects.requireNonNull(env, "env == null"));
    Objects.requireNonNull(out, "out == null");
    Objects.requireNonNull(err, "err == null");
    Objects.requireNonNull(stderrIsTerminal, "stderrIsTerminal == null");
    workingDir = Objects.requireNonNull(workingDir, "workingDir == null").toAbsolutePath().normalize();
    Objects.requireNonNull(videoOut, "videoOut == null");
    Objects.requireNonNull(canAsk, "canAsk == null");
  }

  /** The environment variable {@code name}, when set and not blank. */
  Optional<String> variable(String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  /** Whether the environment variable {@code name} is there but holds only blanks (a mistake, not an absence). */
  boolean isBlankButSet(String name) {
    String value = env.get(name);
    return value != null && value.isBlank();
  }

  /** {@code path} read against the working directory, a {@code ..} after a link as the system reads it. */
  Path resolve(Path path) {
    return dev.vidgen.core.files.SystemPaths.resolve(workingDir, path);
  }
}
