package dev.vidgen.cli;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import okio.Buffer;

/** Runs the command in this JVM with captured stdout and stderr, a chosen environment and working folder. */
final class CliRun {
  private final Map<String, String> env = new LinkedHashMap<>();
  private final Path workingDir;
  private boolean terminal;

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

  /** Pretends stderr is a terminal. */
  CliRun terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    boolean onTerminal = terminal;
    CliContext context =
        new CliContext(env, new PrintWriter(out, true), new PrintWriter(err, true), () -> onTerminal, workingDir);
    int exitCode = Main.run(context, args);
    return new Result(exitCode, out.toString(), err.toString());
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
