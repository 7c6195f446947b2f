package dev.vidgen.benchmarks.charts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;

/**
 * Draws the charts of a bench run as SVG files from a {@code summary.json} tree (so that a run of
 * some sections still charts the others' figures): polling, the rate limit, jobs in flight and
 * batch scale-out. A chart whose data is missing is skipped with a note.
 */
public final class Charts {
  private static final List<SummaryChart> ALL = List.of(
      new PollingChart(), new RateLimitChart(), InflightChart.threads(), InflightChart.heap(), new ScaleOutChart());

  /** Decimals past the first: a tenth of a pixel is fine enough, and the files are half the size without. */
  private static final Pattern LONG_DECIMALS = Pattern.compile("([0-9]\\.[0-9])[0-9]+");

  private Charts() {}

  /**
   * Writes {@code <name>.svg} into {@code dir} for each chart whose data {@code summary} has, and
   * tells {@code notes} about each one skipped; the files written.
   */
  public static List<Path> draw(Map<String, Object> summary, Path dir, Consumer<String> notes) {
    System.setProperty("java.awt.headless", "true");
    List<Path> written = new ArrayList<>();
    try {
      Files.createDirectories(dir);
      for (SummaryChart chart : ALL) {
        Optional<XYChart> drawn = chart.draw(summary);
        if (drawn.isEmpty()) {
          notes.accept("no " + chart.name() + " chart: summary.json has no " + chart.needs());
          continue;
        }
        Path file = dir.resolve(chart.name() + ".svg");
        Files.writeString(file, svg(drawn.get()));
        written.add(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the charts into " + dir, e);
    }
    return written;
  }

  /**
   * The chart as SVG, with its title and series names as the SVG's {@code title} and {@code desc}:
   * XChart draws all text as outlines, which neither a screen reader nor a search can read.
   */
  static String svg(XYChart chart) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    String svg = out.toString(StandardCharsets.UTF_8);
    int open = svg.indexOf('>', svg.indexOf("<svg")) + 1;
    String about = "\n  <title>" + xml(chart.getTitle()) + "</title>\n  <desc>series: "
        + xml(String.join("; ", chart.getSeriesMap().keySet())) + "</desc>";
    return svg.substring(0, open) + about + LONG_DECIMALS.matcher(svg.substring(open)).replaceAll("$1");
  }

  private static String xml(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
