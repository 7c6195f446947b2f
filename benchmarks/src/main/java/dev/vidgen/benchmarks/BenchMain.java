package dev.vidgen.benchmarks;

import dev.vidgen.benchmarks.charts.Charts;
import dev.vidgen.benchmarks.load.BatchFigures;
import dev.vidgen.benchmarks.load.E2eFigures;
import dev.vidgen.benchmarks.load.InflightFigures;
import dev.vidgen.benchmarks.load.OverheadFigures;
import dev.vidgen.benchmarks.load.RateLimitFigures;
import dev.vidgen.benchmarks.micro.MicroFigures;
import dev.vidgen.benchmarks.polling.PollingFigures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs the benchmarks ({@code bin/bench}): the JMH micro benchmarks, the polling study, and the
 * load drivers against the fake ToAPIs server next to the simple way; writes
 * {@code summary.json} and draws its charts. Options: {@code --quick}, {@code --runs N},
 * {@code --out DIR}, {@code --charts DIR}, {@code --only} with sections from {@link Settings#SECTIONS}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    List<Section> sections = List.of(
        new MicroFigures(), new PollingFigures(), new OverheadFigures(), new InflightFigures(), new RateLimitFigures(),
        new E2eFigures(), new BatchFigures());
    Summary summary = new Summary(settings);
    Path previous = settings.out().resolve("summary.json");
    if (!settings.sections().containsAll(Settings.SECTIONS) && Files.isRegularFile(previous)) {
      summary.keepOthers(JsonFiles.parse(Files.readString(previous)));
    }
    long start = System.nanoTime();
    for (Section section : sections) {
      if (!settings.wants(section.name())) {
        continue;
      }
      long sectionStart = System.nanoTime();
      String loadBefore = Machine.loadAverage();
      System.out.printf("bench: %s ...%n", section.name());
      summary.section(section.name());
      section.run(settings, summary);
      summary.ran(section.name(), settings.quick() ? "quick" : "full", loadBefore, Machine.loadAverage(),
          (System.nanoTime() - sectionStart) / 1e9);
      System.out.printf("bench: %s done in %.0f s%n", section.name(), (System.nanoTime() - sectionStart) / 1e9);
      summary.write(settings.out());
    }
    summary.finished((System.nanoTime() - start) / 1e9, System.getenv("BENCH_STARTED_MS"));
    Path file = summary.write(settings.out());
    List<Path> charts = Charts.draw(JsonFiles.parse(Files.readString(file)), settings.charts(),
        note -> System.out.println("bench: " + note));
    System.out.printf("bench: %s run done in %.0f s; wrote %s and %d charts in %s%n", settings.quick() ? "quick" : "full",
        (System.nanoTime() - start) / 1e9, file, charts.size(), settings.charts());
    summary.report().forEach(System.out::println);
    System.exit(0);
  }
}
