package dev.vidgen.benchmarks.polling;

import java.util.function.DoubleUnaryOperator;

/**
 * The percent a server reports while a task runs, as a function of the share of the running time
 * gone. ToAPIs reports an integer 0–100; while queued it reports 0.
 */
public enum ProgressModel {
  /** Rises in step with time once the task leaves the queue, rounded (as the fake ToAPIs server reports it). */
  LINEAR("linear", share -> share),
  /** Always 0 until the end: a server that reports no progress. */
  NONE("none", share -> 0),
  /** Rises fast, then crawls: the server overestimates, so the finish looks nearer than it is. */
  FRONT_LOADED("front-loaded", Math::sqrt),
  /** Crawls, then rises fast: the server underestimates, so the finish comes sooner than it looks. */
  BACK_LOADED("back-loaded", share -> share * share),
  /** In steps of 10 %: a coarse server. */
  STEPS_OF_10("steps-of-10", share -> Math.floor(share * 10) / 10);

  private final String id;
  private final DoubleUnaryOperator curve;

  ProgressModel(String id, DoubleUnaryOperator curve) {
    this.id = id;
    this.curve = curve;
  }

  public String id() {
    return id;
  }

  /** The percent reported when {@code share} (0 to 1) of the running time is gone: 1–99 while running, 0 for none. */
  int percent(double share) {
    double value = curve.applyAsDouble(Math.max(0, Math.min(1, share)));
    if (this == NONE) {
      return 0;
    }
    return (int) Math.max(1, Math.min(99, Math.round(value * 100)));
  }
}
