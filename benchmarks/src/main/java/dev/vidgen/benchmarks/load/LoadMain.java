package dev.vidgen.benchmarks.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One load driver as its own process: {@code overhead URL KEY JOBS ROUNDS WARM WINDOW},
 * {@code inflight SIDE URL KEY JOBS HOLD_S APP_THREADS SUBMIT_LIMIT_S}, {@code ratelimit SIDE URL KEY JOBS WINDOW_S}
 * or {@code e2e SIDE URL KEY JOBS DIR LIMIT_S}.
 * Prints {@code RESULT {...}} and exits.
 */
public final class LoadMain {
  private LoadMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, Object> result = switch (args[0]) {
      case "overhead" -> OverheadRun.run(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
          Integer.parseInt(args[5]), Integer.parseInt(args[6]));
      case "inflight" -> InflightRun.run(args[1], args[2], args[3], Integer.parseInt(args[4]),
          Duration.ofSeconds(Long.parseLong(args[5])), Integer.parseInt(args[6]),
          Duration.ofSeconds(Long.parseLong(args[7])));
      case "ratelimit" -> RateLimitRun.run(args[1], args[2], args[3], Integer.parseInt(args[4]),
          Duration.ofSeconds(Long.parseLong(args[5])));
      case "e2e" -> E2eRun.run(args[1], args[2], args[3], Integer.parseInt(args[4]), Path.of(args[5]),
          Duration.ofSeconds(Long.parseLong(args[6])));
      default -> throw new IllegalArgumentException(
          "unknown driver " + args[0] + "; use overhead, inflight, ratelimit or e2e");
    };
    Protocol.say("RESULT", result);
    System.exit(0);
  }
}
