package dev.vidgen.benchmarks.charts;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Status requests per task against the mean lag from finish to notice, one point per strategy
 * and progress model ({@code details.polling.points}); requests on a log scale.
 */
final class PollingChart implements SummaryChart {
  @Override
  public String name() {
    return "polling";
  }

  @Override
  public String needs() {
    return "details.polling.points";
  }

  @Override
  public Optional<XYChart> draw(Map<String, Object> summary) {
    List<Map<String, Object>> points = SummaryData.rows(summary, "polling", "points");
    if (points.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = Look.chart("Polling: status requests per task and how late the finish is noticed",
        "status requests per task (log scale)", "mean lag, finish to noticed (s)");
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    chart.getStyler().setXAxisLogarithmic(true).setXAxisLogarithmicDecadeOnly(false).setYAxisMin(0.0);
    chart.getStyler().setMarkerSize(11);
    for (Map<String, Object> point : points) {
      String strategy = String.valueOf(point.get("strategy"));
      boolean progress = !"none".equals(point.get("progress"));
      XYSeries series = chart.addSeries(label(strategy) + (progress ? ", progress reported" : ", no progress"),
          new double[] {SummaryData.number(point, "requests_per_task")},
          new double[] {SummaryData.number(point, "mean_lag_s")});
      series.setMarker(progress ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND);
      series.setMarkerColor(color(strategy));
    }
    return Optional.of(chart);
  }

  private static String label(String strategy) {
    return switch (strategy) {
      case "vidgen" -> "vidgen";
      case "vidgen_cold" -> "vidgen, nothing learned yet";
      case "every_1s" -> "every 1 s";
      case "docs" -> "ToAPIs docs: 5 s, then every 10 s";
      default -> strategy;
    };
  }

  private static Color color(String strategy) {
    return switch (strategy) {
      case "vidgen" -> Look.VIDGEN;
      case "vidgen_cold" -> Look.VIDGEN_LIGHT;
      case "every_1s" -> Look.BASELINE;
      case "docs" -> Look.DOCS;
      default -> Look.EXTRA;
    };
  }
}
