package dev.vidgen.core.client;

import dev.vidgen.core.validation.Violation;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells a submitted job's validation warnings as {@code onWarning} events, each distinct warning
 * once per client: a batch of a thousand jobs on a retiring model hears of it once, as it hears of
 * an unknown price once. A job's own report stays available from {@code validate}.
 */
final class ValidationWarnings {
  /** Past this many distinct warnings (prompts each warned of differently) the record starts again. */
  static final int REMEMBERED = 1_000;

  private final Events events;
  private final Set<String> told = ConcurrentHashMap.newKeySet();

  ValidationWarnings(Events events) {
    this.events = events;
  }

  void tell(List<Violation> warnings) {
    for (Violation warning : warnings) {
      if (told.size() >= REMEMBERED) {
        told.clear();
      }
      if (told.add(warning.code() + '\n' + warning.message())) {
        events.warning(warning.code(), warning.message());
      }
    }
  }
}
