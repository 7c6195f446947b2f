package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.ChildJvm;
import dev.vidgen.benchmarks.JsonFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs one {@link LoadMain} driver in a fresh process and returns what it printed. */
final class Drivers {
  /** Both sides get the same JVM: the same heap limit, default collector. */
  static final List<String> JVM = List.of("-Xmx2g");

  private Drivers() {}

  static Map<String, Object> run(String name, Path logs, Duration limit, List<String> args) throws InterruptedException {
    try (ChildJvm child = ChildJvm.start(name, logs, JVM, LoadMain.class, args)) {
      return JsonFiles.parse(child.await("RESULT", limit));
    }
  }
}
