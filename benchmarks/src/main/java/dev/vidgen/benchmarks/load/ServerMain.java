package dev.vidgen.benchmarks.load;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.RateLimitingProxy;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fake ToAPIs server as its own process, so that its work is not billed to the client being
 * measured. Arguments: {@code queuedSeconds runningSeconds [submitsPerSecond submitsPerTenSeconds
 * queriesPerSecond queriesPerTenSeconds]}, where either duration may be a range {@code MIN..MAX} (each task
 * draws its own, uniformly, from a fixed seed); with the limits (each at most so many in any second
 * and in any 10 s, and 60 times the per-second count in any minute, as in ToAPIs' table) it serves through a
 * {@link RateLimitingProxy} and keeps a timeline of creates let through and refused per second.
 * Prints {@code READY {"url":…,"key":…}}, answers {@code stats} with {@code STATS {…}}, and stops
 * on {@code quit}.
 */
public final class ServerMain {
  private ServerMain() {}

  public static void main(String[] args) {
    FakeToApisServer server = FakeToApisServer.builder()
        .lifecycles(TaskDurations.drawn(args[0], args[1]))
        .unlimitedBalance()
        .start();
    RateLimitingProxy proxy = args.length < 6 ? null : RateLimitingProxy.start(server,
        limit(Integer.parseInt(args[2]), Integer.parseInt(args[3])), limit(Integer.parseInt(args[4]), Integer.parseInt(args[5])));
    SubmitTimeline timeline = proxy == null ? null : SubmitTimeline.start(proxy);
    try {
      Map<String, Object> ready = new LinkedHashMap<>();
      ready.put("url", proxy == null ? server.baseUrl() : proxy.baseUrl());
      ready.put("key", server.apiKey());
      Protocol.say("READY", ready);
      for (String command = Protocol.nextCommand(); !command.equals("quit"); command = Protocol.nextCommand()) {
        if (command.equals("stats")) {
          Map<String, Object> stats = stats(server, proxy);
          if (timeline != null) {
            stats.put("timeline", timeline.perSecond());
          }
          Protocol.say("STATS", stats);
        }
      }
    } finally {
      if (timeline != null) {
        timeline.close();
      }
      if (proxy != null) {
        proxy.close();
      }
      server.close();
    }
    System.exit(0);
  }

  private static RateLimitingProxy.Limit limit(int perSecond, int perTenSeconds) {
    return RateLimitingProxy.Limit.of(perSecond, perTenSeconds, perSecond * 60);
  }

  private static Map<String, Object> stats(FakeToApisServer server, RateLimitingProxy proxy) {
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("create_requests", server.requests(Endpoint.CREATE).size());
    stats.put("status_requests", server.requests(Endpoint.STATUS).size());
    stats.put("file_requests", server.requests(Endpoint.FILE).size());
    stats.put("all_requests", server.requests().size());
    stats.put("tasks", server.taskIds().size());
    if (proxy != null) {
      stats.put("submits_allowed", proxy.submits().allowed());
      stats.put("submits_refused", proxy.submits().refused());
      stats.put("queries_allowed", proxy.queries().allowed());
      stats.put("queries_refused", proxy.queries().refused());
    }
    return stats;
  }
}
