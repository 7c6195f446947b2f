package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Section;
import dev.vidgen.benchmarks.Settings;
import dev.vidgen.benchmarks.Stats;
import dev.vidgen.benchmarks.Summary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Submitting against ToAPIs' default limit (5 creates in any second, 50 in any 10 s, 300 in any
 * minute, kept by the fake server's rate-limiting proxy): creates per second achieved ÷ the
 * limit, and the share of create requests answered 429. The window opens when the first create is
 * accepted (so that process start-up is not counted); the goodput ratio is
 * {@code accepted ÷ (limit × window)}, about 1.0 for a client that fills every second of the
 * server's allowance from start to end.
 */
public final class RateLimitFigures implements Section {
  static final double LIMIT = 5;
  static final int PER_TEN_SECONDS = 50;
  /** The driver runs this much longer than the window, which opens at the first accepted create. */
  static final long MARGIN_S = 5;
  private static final List<String> SIDES = List.of("vidgen", "baseline");

  @Override
  public String name() {
    return "ratelimit";
  }

  @Override
  public void run(Settings settings, Summary summary) throws Exception {
    long window = settings.pick(15, 40);
    int offered = (int) (PER_TEN_SECONDS + LIMIT * window * 1.5);
    Map<String, List<Double>> goodput = new LinkedHashMap<>();
    Map<String, List<Double>> rejected = new LinkedHashMap<>();
    List<Object> perRun = new ArrayList<>();
    Map<String, Object> timeline = new LinkedHashMap<>();
    for (int run = 0; run < settings.runs(); run++) {
      for (String side : SIDES) {
        String name = "ratelimit-" + side + "-" + run;
        try (ServerProcess server = ServerProcess.start(name + "-server", settings.out().resolve("logs"),
            Duration.ofSeconds(5), Duration.ofHours(1), LIMIT, PER_TEN_SECONDS, 50, 500)) {
          Map<String, Object> result = new LinkedHashMap<>(Drivers.run(name, settings.out().resolve("logs"),
              Duration.ofMinutes(5), List.of("ratelimit", side, server.url, server.key, Integer.toString(offered),
                  Long.toString(window + MARGIN_S))));
          Map<String, Object> stats = new LinkedHashMap<>(server.stats());
          timeline.putIfAbsent(side, stats.remove("timeline"));
          @SuppressWarnings("unchecked")
          List<Number> acceptedAt = (List<Number>) result.remove("accepted_at_s");
          double first = acceptedAt.isEmpty() ? 0 : acceptedAt.get(0).doubleValue();
          long accepted = acceptedAt.stream().filter(at -> at.doubleValue() <= first + window).count();
          double ratio = accepted / (LIMIT * window);
          double allowed = ((Number) stats.get("submits_allowed")).doubleValue();
          double refused = ((Number) stats.get("submits_refused")).doubleValue();
          double share = refused / Math.max(1, allowed + refused);
          goodput.computeIfAbsent(side, s -> new ArrayList<>()).add(ratio);
          rejected.computeIfAbsent(side, s -> new ArrayList<>()).add(share);
          result.put("window_s", window);
          result.put("accepted_in_window", accepted);
          result.put("share_of_allowance", Stats.round(accepted / (LIMIT * (window + 1))));
          result.put("goodput_ratio", Stats.round(ratio));
          result.put("rejected_429_share", Stats.round(share));
          result.put("server", stats);
          perRun.add(result);
        }
      }
    }
    summary.put("submit_goodput_ratio", Stats.median(goodput.get("vidgen")));
    summary.put("rejected_429_share", Stats.median(rejected.get("vidgen")));
    summary.put("baseline_submit_goodput_ratio", Stats.median(goodput.get("baseline")));
    summary.put("baseline_rejected_429_share", Stats.median(rejected.get("baseline")));
    summary.atLeast("submit_goodput_ratio", 0.9);
    summary.atMost("rejected_429_share", 0.05);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("limit", (int) LIMIT + " creates in any 1 s, " + PER_TEN_SECONDS + " in any 10 s, " + (int) (LIMIT * 60)
        + " in any 60 s (sliding windows in the fake server's proxy)");
    details.put("window_s", window);
    details.put("offered_jobs", offered);
    details.put("goodput", "creates accepted in the window ÷ (limit × window); the window opens at"
        + " the first accepted create");
    details.put("rejected_429_share", "create requests answered 429 ÷ all create requests, whole run");
    details.put("timeline_what", "creates the server's proxy let through (accepted) and refused with 429, per"
        + " second from the first create, counted on the server's side; the first run of each side");
    details.put("timeline", timeline);
    details.put("runs", perRun);
    summary.details("ratelimit", details);
  }
}
