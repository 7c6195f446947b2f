package dev.vidgen.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Java process on this process's class path, so that each side of a comparison has its own
 * threads, heap and CPU account. Talks in lines: it reads commands from its standard input and
 * answers on its standard output with lines such as {@code RESULT {...}}; everything else it
 * prints goes to a log file.
 */
public final class ChildJvm implements AutoCloseable {
  private static final String END = "\u0000end";

  private final String name;
  private final Process process;
  private final Writer input;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final Path log;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.input = process.outputWriter(StandardCharsets.UTF_8);
    Thread reader = new Thread(this::readLines, "child-" + name);
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * Starts {@code main} with {@code jvmArgs} and {@code args}; its standard error and unprotocolled
   * output go to {@code logDir/name.log}.
   */
  public static ChildJvm start(String name, Path logDir, List<String> jvmArgs, Class<?> main, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    try {
      Files.createDirectories(logDir);
      Path log = logDir.resolve(name + ".log");
      Files.writeString(log, String.join(" ", command.subList(0, command.size())).replace(
          System.getProperty("java.class.path"), "<class path>") + "\n");
      Process process = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
      return new ChildJvm(name, process, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** Sends one command line. */
  public void send(String command) {
    try {
      input.write(command + "\n");
      input.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(name + " no longer reads commands (see " + log + ")", e);
    }
  }

  /**
   * The rest of the first line starting with {@code prefix} and a space.
   *
   * @throws IllegalStateException when the process ends or {@code timeout} passes first
   */
  public String await(String prefix, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      String line = left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
      if (line == null) {
        throw new IllegalStateException(name + " said no " + prefix + " within " + timeout + " (see " + log + ")");
      }
      if (line.equals(END)) {
        throw new IllegalStateException(name + " ended without " + prefix + " (see " + log + ")");
      }
      if (line.startsWith(prefix + " ")) {
        return line.substring(prefix.length() + 1);
      }
    }
  }

  /** Asks the process to stop (it reads {@code quit}, or the end of its input), then makes sure. */
  @Override
  public void close() {
    try {
      send("quit");
      input.close();
    } catch (IOException | UncheckedIOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void readLines() {
    try (BufferedReader reader = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        lines.add(line);
        if (!line.startsWith("RESULT ") && !line.startsWith("STATS ")) {
          Files.writeString(log, line + "\n", StandardOpenOption.APPEND);
        }
      }
    } catch (IOException e) {
      // the process ended
    } finally {
      lines.add(END);
    }
  }
}
