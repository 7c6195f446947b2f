package dev.vidgen.core.text;

import java.time.Duration;
import java.util.Optional;

/**
 * How long a provider keeps a completed task's result, as advice says it: the provider's own figure ("results are
 * kept 24 hours") where it states one ({@code VideoProvider.keepsResultsFor()}), else words true of every
 * provider.
 */
public final class KeptResults {
  private static final KeptResults UNSTATED = new KeptResults(Optional.empty());

  private final Optional<Duration> lifetime;

  private KeptResults(Optional<Duration> lifetime) {
    this.lifetime = lifetime;
  }

  /** The lifetime a provider {@code stated}; a null, empty, zero or negative one gives no figure. */
  public static KeptResults of(Optional<Duration> stated) {
    return stated == null ? UNSTATED : new KeptResults(stated.filter(d -> !d.isNegative() && !d.isZero()));
  }

  /** No figure: the provider is not known yet, or states none. */
  public static KeptResults unstated() {
    return UNSTATED;
  }

  /** The figure in words ("24 hours", "7 days", "90 minutes"); empty when the provider states none. */
  public Optional<String> figure() {
    return lifetime.map(KeptResults::words);
  }

  /** "results are kept 24 hours", or "the provider keeps results only for a while". */
  public String resultsAreKept() {
    return figure().map(figure -> "results are kept " + figure).orElse("the provider keeps results only for a while");
  }

  /** "while the link lasts (24 hours)", or "while the link lasts". */
  public String whileTheLinkLasts() {
    return "while the link lasts" + figure().map(figure -> " (" + figure + ")").orElse("");
  }

  private static String words(Duration lifetime) {
    long seconds = lifetime.toSeconds();
    if (seconds >= 2 * 86_400 && seconds % 86_400 == 0) {
      return Plural.count(seconds / 86_400, "day");
    }
    if (seconds >= 3600 && seconds % 3600 == 0) {
      return Plural.count(seconds / 3600, "hour");
    }
    if (seconds >= 60 && seconds % 60 == 0) {
      return Plural.count(seconds / 60, "minute");
    }
    return Plural.count(Math.max(1, seconds), "second");
  }
}
