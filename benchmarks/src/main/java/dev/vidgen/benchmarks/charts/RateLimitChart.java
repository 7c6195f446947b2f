package dev.vidgen.benchmarks.charts;

import java.awt.Color;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Creates accepted per second over time at the rate limit, vidgen beside the simple way, with the
 * 429 answers per second marked on their own axis ({@code details.ratelimit.timeline}).
 */
final class RateLimitChart implements SummaryChart {
  @Override
  public String name() {
    return "ratelimit";
  }

  @Override
  public String needs() {
    return "details.ratelimit.timeline";
  }

  @Override
  public Optional<XYChart> draw(Map<String, Object> summary) {
    List<Map<String, Object>> vidgen = SummaryData.rows(summary, "ratelimit", "timeline", "vidgen");
    List<Map<String, Object>> baseline = SummaryData.rows(summary, "ratelimit", "timeline", "baseline");
    if (vidgen.isEmpty() && baseline.isEmpty()) {
      return Optional.empty();
    }
    XYChart chart = Look.chart("At the rate limit (5 creates in any second, 50 in any 10 s): creates accepted and refused",
        "seconds since the first create", "creates accepted per second");
    chart.setYAxisGroupTitle(1, "429 answers per second");
    chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    chart.getStyler().setYAxisMin(0, 0.0).setYAxisMin(1, 0.0);
    add(chart, "vidgen", vidgen, Look.VIDGEN);
    add(chart, "simple way", baseline, Look.BASELINE);
    return Optional.of(chart);
  }

  private static void add(XYChart chart, String side, List<Map<String, Object>> timeline, Color color) {
    if (timeline.isEmpty()) {
      return;
    }
    double[] seconds = SummaryData.column(timeline, "t_s");
    XYSeries accepted = chart.addSeries(side + ": creates accepted", seconds, SummaryData.column(timeline, "accepted"));
    accepted.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
    accepted.setMarker(SeriesMarkers.NONE);
    accepted.setLineColor(color);
    XYSeries refused = chart.addSeries(side + ": 429 answers", seconds, SummaryData.column(timeline, "rejected_429"));
    refused.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    refused.setYAxisGroup(1);
    refused.setMarker(SeriesMarkers.CROSS).setMarkerColor(color);
  }
}
