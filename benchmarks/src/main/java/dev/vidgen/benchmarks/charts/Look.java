package dev.vidgen.benchmarks.charts;

import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

/** The shared look: size, white background, legend below, and one colour per side. */
final class Look {
  static final Color VIDGEN = new Color(0x1f, 0x77, 0xb4);
  static final Color VIDGEN_LIGHT = new Color(0x6b, 0xae, 0xd6);
  static final Color BASELINE = new Color(0xd6, 0x27, 0x28);
  static final Color DOCS = new Color(0x7f, 0x7f, 0x7f);
  static final Color EXTRA = new Color(0x2c, 0xa0, 0x2c);

  private Look() {}

  /** An empty chart with the shared look. */
  static XYChart chart(String title, String xTitle, String yTitle) {
    XYChart chart = new XYChartBuilder().width(820).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    chart.getStyler()
        .setChartBackgroundColor(Color.WHITE)
        .setPlotBackgroundColor(Color.WHITE)
        .setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendBorderColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdd, 0xdd, 0xdd));
    return chart;
  }
}
