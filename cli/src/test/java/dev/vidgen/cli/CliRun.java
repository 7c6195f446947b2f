package dev.vidgen.cli;

import com.squareup.moshi.JsonReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okio.Buffer;

/**
 * Runs the command with a chosen environment and working folder: in this JVM with captured
 * stdout and stderr ({@link #run}), or as a real process on this test's class path whose stdout
 * and stderr go to files, so that stderr is never a terminal ({@link #runProcess}, {@link
 * #startProcess}). A process sees only the environment given, plus {@code PATH}.
 */
final class CliRun {
  private static final long PROCESS_TIMEOUT_SECONDS = 60;
  /** A batch under a file-size limit downloads videos of megabytes before it ends. */
  private static final long LIMITED_PROCESS_TIMEOUT_SECONDS = 120;

  private final Map<String, String> env = new LinkedHashMap<>();
  private final Path workingDir;
  private boolean terminal;
  private boolean canAsk;
  private byte[] stdin = new byte[0];
  private Path stdinFile;
  private boolean stdoutTerminal;
  private boolean stdoutFails;

  private CliRun(Path workingDir) {
    this.workingDir = workingDir;
  }

  /** A run in {@code workingDir} with an empty environment and no terminal. */
  static CliRun in(Path workingDir) {
    return new CliRun(workingDir);
  }

  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** What an in-process run reads on standard input. */
  CliRun stdin(String text) {
    this.stdin = text.getBytes(StandardCharsets.UTF_8);
    return this;
  }

  /** What a process started by {@link #startProcess} reads on standard input (default: nothing, /dev/null). */
  CliRun stdinFrom(Path file) {
    this.stdinFile = file;
    return this;
  }

  /** Pretends standard output, where {@code --out -} writes the video, is a terminal. */
  CliRun stdoutTerminal(boolean terminal) {
    this.stdoutTerminal = terminal;
    return this;
  }

  /** Bytes kept in memory by a stream that says it is a terminal. */
  private static final class TerminalBytes extends java.io.ByteArrayOutputStream implements TerminalOutput {
    @Override
    public boolean isTerminal() {
      return true;
    }
  }

  /** Pretends stderr is a terminal. */
  CliRun terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /** Pretends a person is at a terminal who answers questions with what {@link #stdin} holds. */
  CliRun canAsk(boolean canAsk) {
    this.canAsk = canAsk;
    return this;
  }

  /**
   * Makes an in-process run's stdout refuse every write, as a closed pipe or a full disk does; the
   * video goes through a {@link PrintStream}, which keeps the error to itself as {@code System.out} does.
   */
  CliRun stdoutFails() {
    this.stdoutFails = true;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    boolean onTerminal = terminal;
    boolean asking = canAsk;
    PrintWriter stdout = stdoutFails ? new PrintWriter(new Writer() {
      @Override
      public void write(char[] chars, int offset, int length) throws IOException {
        throw new IOException("No space left on device");
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    }, true) : new PrintWriter(out, true);
    OutputStream video = stdoutFails ? new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws IOException {
        throw new IOException("Broken pipe");
      }
    }) : stdoutTerminal ? new TerminalBytes() : System.out;
    CliContext context = new CliContext(env, stdout, new PrintWriter(err, true), () -> onTerminal, workingDir,
        new ByteArrayInputStream(stdin), video, () -> asking);
    int exitCode = Main.run(context, args);
    return new Result(exitCode, out.toString(), err.toString());
  }

  /** Runs the command as a real process, bounded by a timeout. */
  Result runProcess(String... args) {
    try {
      Path out = Files.createTempFile(workingDir, "stdout", ".txt");
      Path err = Files.createTempFile(workingDir, "stderr", ".txt");
      Process process = startProcess(out, err, List.of(args));
      try {
        if (!process.waitFor(PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("vidgen " + String.join(" ", args) + " did not end within "
              + PROCESS_TIMEOUT_SECONDS + " s; stderr so far:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while vidgen ran", e);
      }
      Result result = new Result(process.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs the command as a real process in a shell whose file-size limit ({@code ulimit -f}) is {@code blocks} blocks,
   * its stdout going to {@code stdout} (the result's is empty); stderr is read through a pipe, which no such limit
   * touches.
   */
  Result runUnderFileSizeLimit(int blocks, ProcessBuilder.Redirect stdout, String... args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -f " + blocks + " && exec \"$@\"", "sh",
        java.toString(), "-cp", System.getProperty("java.class.path"), "-XX:-UsePerfData",
        "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile())
        .redirectOutput(stdout)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    Process process = builder.start();
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!process.waitFor(LIMITED_PROCESS_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("vidgen " + String.join(" ", args) + " did not end within "
            + LIMITED_PROCESS_TIMEOUT_SECONDS + " s; stderr:\n" + err);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while vidgen ran", e);
    }
    return new Result(process.exitValue(), "", err);
  }

  /** Starts the command as a real process writing stdout to {@code out} and stderr to {@code err}. */
  Process startProcess(Path out, Path err, List<String> args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new ArrayList<>(List.of(
        java.toString(), "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "dev.vidgen.cli.Main"));
    command.addAll(args);
    command = ctrlCReaches(command);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDir.toFile())
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(stdinFile != null ? stdinFile.toFile() : new File("/dev/null")));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    return builder.start();
  }

  /**
   * {@code command}, started so that Ctrl-C (SIGINT) reaches it even when this test JVM ignores SIGINT: a build started
   * in the background by a shell without job control ({@code mvn verify &} in a script) passes that on, and a JVM that
   * starts with SIGINT ignored keeps ignoring it, as a background job should. GNU {@code env} puts it back to default.
   */
  static List<String> ctrlCReaches(List<String> command) {
    if (!ignoresSigint()) {
      return command;
    }
    List<String> restored = new ArrayList<>(List.of("env", "--default-signal=INT"));
    restored.addAll(command);
    return restored;
  }

  /** Whether this JVM started with SIGINT ignored, by its status in /proc (false where there is none). */
  private static boolean ignoresSigint() {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return false;
    }
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & (1L << 1)) != 0;
        }
      }
    } catch (IOException | NumberFormatException unreadable) {
      return false;
    }
    return false;
  }

  /** What a run printed and returned. */
  record Result(int exitCode, String out, String err) {
    /** Stdout read as the one JSON object it must be. */
    @SuppressWarnings("unchecked")
    Map<String, Object> json() {
      try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(out))) {
        Object value = reader.readJsonValue();
        if (reader.peek() != JsonReader.Token.END_DOCUMENT) {
          throw new AssertionError("stdout holds more than one JSON value:\n" + out);
        }
        if (!(value instanceof Map)) {
          throw new AssertionError("stdout is not a JSON object:\n" + out);
        }
        return (Map<String, Object>) value;
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
      }
    }

    /** Both streams, for failure messages and for checks that something is printed nowhere. */
    String all() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
