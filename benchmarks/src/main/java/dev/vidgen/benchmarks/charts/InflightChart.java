package dev.vidgen.benchmarks.charts;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Live threads or heap in use against jobs in flight while the jobs are submitted, vidgen beside
 * the simple way ({@code details.inflight.samples}); one chart per measure.
 */
final class InflightChart implements SummaryChart {
  private final String measure;
  private final String title;
  private final String yTitle;
  private final boolean logarithmic;

  private InflightChart(String measure, String title, String yTitle, boolean logarithmic) {
    this.measure = measure;
    this.title = title;
    this.yTitle = yTitle;
    this.logarithmic = logarithmic;
  }

  /** Live threads, on a log scale (the simple way needs thousands). */
  static InflightChart threads() {
    return new InflightChart("threads", "Jobs in flight: live threads in the whole JVM", "live threads (log scale)",
        true);
  }

  /** Heap in use (garbage included, not after a GC). */
  static InflightChart heap() {
    return new InflightChart("heap_mib", "Jobs in flight: heap in use (not after a GC)", "heap in use (MiB)", false);
  }

  @Override
  public String name() {
    return "inflight-" + (measure.equals("threads") ? "threads" : "heap");
  }

  @Override
  public String needs() {
    return "details.inflight.samples";
  }

  @Override
  public Optional<XYChart> draw(Map<String, Object> summary) {
    List<Map<String, Object>> vidgen = SummaryData.rows(summary, "inflight", "samples", "vidgen");
    List<Map<String, Object>> baseline = SummaryData.rows(summary, "inflight", "samples", "baseline");
    if (vidgen.isEmpty() && baseline.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = Look.chart(title, "jobs in flight", yTitle);
    chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter).setMarkerSize(5);
    chart.getStyler().setYAxisLogarithmic(logarithmic);
    add(chart, "vidgen", vidgen, Look.VIDGEN);
    add(chart, "simple way (a thread per job)", baseline, Look.BASELINE);
    return Optional.of(chart);
  }

  private void add(XYChart chart, String side, List<Map<String, Object>> samples, Color color) {
    if (!samples.isEmpty()) {
      XYSeries series = chart.addSeries(side, SummaryData.column(samples, "jobs"), SummaryData.column(samples, measure));
      series.setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color);
    }
  }
}
