package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.ChildJvm;
import dev.vidgen.benchmarks.JsonFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The fake ToAPIs server in its own process ({@link ServerMain}), seen from the harness. */
final class ServerProcess implements AutoCloseable {
  private static final Duration ANSWER_TIME = Duration.ofMinutes(2);
  private static final List<String> JVM = List.of("-Xmx6g", "-XX:+UseParallelGC");

  private final ChildJvm child;
  final String url;
  final String key;

  private ServerProcess(ChildJvm child, Map<String, Object> ready) {
    this.child = child;
    this.url = (String) ready.get("url");
    this.key = (String) ready.get("key");
  }

  /**
   * A server whose tasks wait {@code queued}, then run {@code running}; with {@code limits}
   * (submits in any second, in any 10 s, queries in any second, in any 10 s) it answers through the rate-limiting proxy.
   */
  static ServerProcess start(String name, Path logs, Duration queued, Duration running, double... limits)
      throws InterruptedException {
    return start(name, logs, Long.toString(queued.toSeconds()), Long.toString(running.toSeconds()), limits);
  }

  /**
   * The same, with {@code queued} and {@code running} as {@link ServerMain} takes them: seconds, or
   * a range {@code MIN..MAX} from which each task draws its own ({@link TaskDurations}).
   */
  static ServerProcess start(String name, Path logs, String queued, String running, double... limits)
      throws InterruptedException {
    List<String> args = new ArrayList<>(List.of(queued, running));
    for (double limit : limits) {
      args.add(limit == Math.rint(limit) ? Long.toString((long) limit) : Double.toString(limit));
    }
    ChildJvm child = ChildJvm.start(name, logs, JVM, ServerMain.class, args);
    try {
      return new ServerProcess(child, JsonFiles.parse(child.await("READY", ANSWER_TIME)));
    } catch (RuntimeException | InterruptedException e) {
      child.close();
      throw e;
    }
  }

  /** The server's counters now. */
  Map<String, Object> stats() throws InterruptedException {
    child.send("stats");
    return JsonFiles.parse(child.await("STATS", ANSWER_TIME));
  }

  @Override
  public void close() {
    child.close();
  }
}
