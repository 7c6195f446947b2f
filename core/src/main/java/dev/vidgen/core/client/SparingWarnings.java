package dev.vidgen.core.client;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Warnings of one kind that many waits of a client may raise at once (an outage under a batch of
 * a thousand jobs): at most one per {@code span} for each code, the ones held back counted into
 * the next. Thread-safe.
 */
final class SparingWarnings {
  private final Events events;
  private final Duration span;
  private final Map<String, Said> said = new HashMap<>();

  SparingWarnings(Events events, Duration span) {
    this.events = events;
    this.span = span;
  }

  /**
   * Says {@code message} under {@code code} unless one under the same code was said less than the
   * span before {@code now}; {@code one} and {@code many} word what a held-back warning stands for,
   * such as "failed read of waited tasks" and "failed reads of waited tasks".
   */
  void say(String code, Instant now, String message, String one, String many) {
    int unsaid;
    synchronized (said) {
      Said last = said.get(code);
      if (last != null && Duration.between(last.at(), now).compareTo(span) < 0) {
        said.put(code, new Said(last.at(), last.unsaid() + 1));
        return;
      }
      unsaid = last == null ? 0 : last.unsaid();
      said.put(code, new Said(now, 0));
    }
    events.warning(code, message + (unsaid == 0 ? ""
        : "; " + unsaid + " other " + (unsaid == 1 ? one : many) + " since the last such warning"));
  }

  private record Said(Instant at, int unsaid) { }
}
