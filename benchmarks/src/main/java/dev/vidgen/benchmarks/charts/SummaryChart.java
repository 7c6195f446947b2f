package dev.vidgen.benchmarks.charts;

import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;

/** One chart of a bench run: where its data sits in {@code summary.json}, and how it is drawn. */
interface SummaryChart {
  /** The file name, without {@code .svg}. */
  String name();

  /** Where its data is, for the note printed when it is missing. */
  String needs();

  /** The chart, or empty when {@code summary} lacks its data. */
  Optional<XYChart> draw(Map<String, Object> summary);
}
