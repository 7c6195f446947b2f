package dev.vidgen.benchmarks;

/** One part of a bench run, adding its figures to the summary. */
public interface Section {
  /** The name {@code --only} selects it by. */
  String name();

  /** Measures and records; throws when the measurement itself could not be made. */
  void run(Settings settings, Summary summary) throws Exception;
}
