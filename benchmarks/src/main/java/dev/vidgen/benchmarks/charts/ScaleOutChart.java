package dev.vidgen.benchmarks.charts;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Batch throughput against worker processes on one journal ({@code details.batch.scaleout}),
 * beside what the one-worker throughput times the workers would give.
 */
final class ScaleOutChart implements SummaryChart {
  @Override
  public String name() {
    return "batch-scaleout";
  }

  @Override
  public String needs() {
    return "details.batch.scaleout";
  }

  @Override
  public Optional<XYChart> draw(Map<String, Object> summary) {
    List<Map<String, Object>> points = SummaryData.rows(summary, "batch", "scaleout").stream()
        .sorted(Comparator.comparingDouble(point -> SummaryData.number(point, "workers"))).toList();
    if (points.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = Look.chart("Batches: throughput against worker processes on one journal", "worker processes",
        "whole jobs per second");
    chart.getStyler().setYAxisMin(0.0);
    double[] workers = SummaryData.column(points, "workers");
    XYSeries measured = chart.addSeries("measured", workers, SummaryData.column(points, "jobs_per_s"));
    measured.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(Look.VIDGEN);
    measured.setLineColor(Look.VIDGEN);
    double perWorker = SummaryData.number(points.get(0), "jobs_per_s") / workers[0];
    double[] linear = new double[workers.length];
    for (int i = 0; i < workers.length; i++) {
      linear[i] = perWorker * workers[i];
    }
    XYSeries ideal = chart.addSeries("linear from the fewest workers", workers, linear);
    ideal.setMarker(SeriesMarkers.NONE);
    ideal.setLineColor(Look.DOCS);
    return Optional.of(chart);
  }
}
