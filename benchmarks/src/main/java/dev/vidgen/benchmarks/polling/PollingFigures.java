package dev.vidgen.benchmarks.polling;

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
 * The polling study's figures: vidgen against 1 s polling and against ToAPIs' advice, the medians
 * over at least five seeds on the server's linear progress, and one seed on each other progress
 * model to show how the schedule fares when progress misleads.
 */
public final class PollingFigures implements Section {
  private static final Duration SECOND = Duration.ofSeconds(1);
  private static final Duration DOCS_FIRST = Duration.ofSeconds(5);
  private static final Duration DOCS_EVERY = Duration.ofSeconds(10);
  private static final double BASE_SPREAD = 0.2;
  private static final double[] OTHER_SPREADS = {0.1, 0.3, 0.5};

  @Override
  public String name() {
    return "polling";
  }

  @Override
  public void run(Settings settings, Summary summary) {
    int jobs = settings.pick(2_000, 10_000);
    int runs = Math.max(5, settings.runs());
    List<Double> vsOneSecond = new ArrayList<>();
    List<Double> vsDocs = new ArrayList<>();
    List<Double> lag = new ArrayList<>();
    List<Double> lagVsDocs = new ArrayList<>();
    List<Map<String, Object>> perRun = new ArrayList<>();
    List<Compared> linear = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long seed = 7_001 + run;
      Compared compared = compare(jobs, seed, ProgressModel.LINEAR);
      vsOneSecond.add(compared.vidgen.requestsPerJob() / compared.everySecond.requestsPerJob());
      vsDocs.add(compared.vidgen.requestsPerJob() / compared.docs.requestsPerJob());
      lag.add(compared.vidgen.meanLagS());
      lagVsDocs.add(compared.vidgen.meanLagS() / compared.docs.meanLagS());
      perRun.add(compared.toMap(seed));
      linear.add(compared);
    }
    summary.put("poll_requests_ratio_vs_1s", Stats.median(vsOneSecond));
    summary.put("poll_mean_lag_s", Stats.median(lag));
    summary.put("poll_requests_ratio_vs_docs", Stats.median(vsDocs));
    summary.put("poll_lag_ratio_vs_docs", Stats.median(lagVsDocs));
    summary.atMost("poll_requests_ratio_vs_1s", 0.2);
    summary.atMost("poll_mean_lag_s", 1.5);
    summary.atMost("poll_requests_ratio_vs_docs", 1.0);
    summary.atMost("poll_lag_ratio_vs_docs", 1.0 / 3);

    List<Map<String, Object>> sensitivity = new ArrayList<>();
    for (ProgressModel model : ProgressModel.values()) {
      if (model != ProgressModel.LINEAR) {
        sensitivity.add(compare(jobs, 7_001, model).toMap(7_001));
      }
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("jobs_per_run", jobs);
    details.put("runs", runs);
    details.put("task_durations_s", "uniform 30 to 300; queued 2 to 15 (at most a third), then in progress");
    details.put("progress", "linear in the running time, integer 1-99, 0 while queued");
    details.put("strategies", Map.of(
        "vidgen", "VidgenClient with PollSchedule.defaults() on virtual time",
        "every_1s", "first request 1 s after the create, then every 1 s",
        "toapis_advice", "first request 5 s after the create, then every 10 s"));
    details.put("per_run", perRun);
    details.put("other_progress_models", sensitivity);
    List<Map<String, Object>> points = new ArrayList<>(points(linear));
    details.put("no_progress", noProgress(settings, summary, runs, points));
    details.put("points", points);
    summary.details("polling", details);
  }

  /**
   * The no-progress study (see {@link NoProgressStudy}): medians over the runs of vidgen learning
   * each route's durations, and of vidgen with nothing learned, against ToAPIs' advice; then one
   * run at each other spread.
   */
  private static Map<String, Object> noProgress(Settings settings, Summary summary, int runs,
      List<Map<String, Object>> points) {
    int perRoute = settings.pick(200, 1_000);
    List<Double> lag = new ArrayList<>();
    List<Double> requests = new ArrayList<>();
    List<Double> coldLag = new ArrayList<>();
    List<Double> coldRequests = new ArrayList<>();
    List<Map<String, Object>> perRun = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long seed = 15_001 + run;
      NoProgressRun one = NoProgressRun.of(perRoute, BASE_SPREAD, seed);
      lag.add(one.learned.meanLagS() / one.docs.meanLagS());
      requests.add(one.learned.requestsPerJob() / one.docs.requestsPerJob());
      coldLag.add(one.cold.meanLagS() / one.coldDocs.meanLagS());
      coldRequests.add(one.cold.requestsPerJob() / one.coldDocs.requestsPerJob());
      perRun.add(one.toMap(seed));
      if (run == 0) {
        points.addAll(one.points());
      }
    }
    summary.put("poll_noprogress_lag_ratio_vs_docs", Stats.median(lag));
    summary.put("poll_noprogress_requests_ratio_vs_docs", Stats.median(requests));
    summary.put("poll_noprogress_cold_lag_ratio_vs_docs", Stats.median(coldLag));
    summary.put("poll_noprogress_cold_requests_ratio_vs_docs", Stats.median(coldRequests));
    summary.atMost("poll_noprogress_lag_ratio_vs_docs", 0.5);
    summary.atMost("poll_noprogress_requests_ratio_vs_docs", 1.0);
    summary.atMost("poll_noprogress_cold_lag_ratio_vs_docs", 1.0);
    summary.atMost("poll_noprogress_cold_requests_ratio_vs_docs", 1.0);

    List<Map<String, Object>> spreads = new ArrayList<>();
    for (double sigma : OTHER_SPREADS) {
      NoProgressRun one = NoProgressRun.of(perRoute, sigma, 15_001);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("log_spread", sigma);
      row.put("lag_ratio_vs_docs", Stats.round(one.learned.meanLagS() / one.docs.meanLagS()));
      row.put("requests_ratio_vs_docs", Stats.round(one.learned.requestsPerJob() / one.docs.requestsPerJob()));
      spreads.add(row);
    }
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("jobs_per_route", perRoute);
    details.put("route_medians_s", java.util.Arrays.stream(NoProgressStudy.MEDIANS_S).boxed().toList());
    details.put("log_spread", BASE_SPREAD);
    details.put("model", "each task log-normal around its route's median (10-590 s), 2-15 s queued; a route's jobs"
        + " arrive every quarter of its median; the jobs after the first " + NoProgressStudy.WARM_UP
        + " of each route are counted; cold: every job sent at once, nothing learned");
    details.put("per_run", perRun);
    details.put("other_spreads", spreads);
    return details;
  }

  /** One run of the no-progress study: learned and cold vidgen, each beside the advice and 1 s polling on its tasks. */
  private record NoProgressRun(PollingStudy.Outcome learned, PollingStudy.Outcome docs, PollingStudy.Outcome everySecond,
      PollingStudy.Outcome cold, PollingStudy.Outcome coldDocs) {
    static NoProgressRun of(int perRoute, double sigma, long seed) {
      List<NoProgressStudy.Arrival> arrivals = NoProgressStudy.arrivals(perRoute, sigma, seed);
      PollingStudy.Outcome docs = NoProgressStudy.fixed("toapis_advice", arrivals, DOCS_FIRST, DOCS_EVERY, true);
      return new NoProgressRun(NoProgressStudy.learned(arrivals), docs,
          NoProgressStudy.fixed("every_1s", arrivals, SECOND, SECOND, true), NoProgressStudy.cold(arrivals),
          NoProgressStudy.fixed("toapis_advice", arrivals, DOCS_FIRST, DOCS_EVERY, false));
    }

    Map<String, Object> toMap(long seed) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("seed", seed);
      map.put("vidgen", Compared.figures(learned));
      map.put("toapis_advice", Compared.figures(docs));
      map.put("vidgen_cold", Compared.figures(cold));
      map.put("toapis_advice_all_jobs", Compared.figures(coldDocs));
      return map;
    }

    List<Map<String, Object>> points() {
      return List.of(point("vidgen", "none", learned), point("every_1s", "none", everySecond),
          point("docs", "none", docs), point("vidgen_cold", "none", cold));
    }
  }

  static Map<String, Object> point(String strategy, String progress, PollingStudy.Outcome outcome) {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("strategy", strategy);
    point.put("progress", progress);
    point.put("requests_per_task", Stats.round(outcome.requestsPerJob()));
    point.put("mean_lag_s", Stats.round(outcome.meanLagS()));
    return point;
  }

  private static Compared compare(int jobs, long seed, ProgressModel model) {
    return new Compared(
        PollingStudy.vidgen(jobs, seed, model),
        PollingStudy.fixed("every_1s", jobs, seed, model, SECOND, SECOND),
        PollingStudy.fixed("toapis_advice", jobs, seed, model, DOCS_FIRST, DOCS_EVERY));
  }

  /** The chart's points: per strategy, the medians over the runs on linear progress. */
  private static List<Map<String, Object>> points(List<Compared> runs) {
    List<Map<String, Object>> points = new ArrayList<>();
    Map<String, java.util.function.Function<Compared, PollingStudy.Outcome>> strategies = new LinkedHashMap<>();
    strategies.put("vidgen", Compared::vidgen);
    strategies.put("every_1s", Compared::everySecond);
    strategies.put("docs", Compared::docs);
    strategies.forEach((strategy, outcome) -> {
      Map<String, Object> point = new LinkedHashMap<>();
      point.put("strategy", strategy);
      point.put("progress", "linear");
      point.put("requests_per_task", Stats.round(Stats.median(
          runs.stream().map(run -> outcome.apply(run).requestsPerJob()).toList())));
      point.put("mean_lag_s", Stats.round(Stats.median(runs.stream().map(run -> outcome.apply(run).meanLagS()).toList())));
      points.add(point);
    });
    return points;
  }

  /** The three strategies over the same tasks. */
  private record Compared(PollingStudy.Outcome vidgen, PollingStudy.Outcome everySecond, PollingStudy.Outcome docs) {
    Map<String, Object> toMap(long seed) {
      Map<String, Object> map = new LinkedHashMap<>();
      map.put("seed", seed);
      map.put("progress", vidgen.progress());
      for (PollingStudy.Outcome outcome : List.of(vidgen, everySecond, docs)) {
        map.put(outcome.strategy(), figures(outcome));
      }
      return map;
    }

    static Map<String, Object> figures(PollingStudy.Outcome outcome) {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("requests_per_job", Stats.round(outcome.requestsPerJob()));
      one.put("mean_lag_s", Stats.round(outcome.meanLagS()));
      one.put("p95_lag_s", Stats.round(outcome.p95LagS()));
      one.put("max_lag_s", Stats.round(outcome.maxLagS()));
      one.put("unnoticed", outcome.unnoticed());
      return one;
    }
  }
}
