package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.serve.history.HistoryEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the card of a create on its way says while vidgen looks its task up by client reference before
 * sending it again (after a server error or no answer), and once it is sent again: the create's retry
 * notice named only the wait before the look-up, which may then take a minute, and nothing is sent meanwhile.
 */
final class CreateLookUps implements VidgenListener {
  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private final Clock clock;
  private final Consumer<Map<String, Object>> publish;
  /** What each note of a create looked up (or sent again after its look-up) says, by the note's name. */
  private final Map<String, String> said = new ConcurrentHashMap<>();
  /** The last view shown of each note whose create is on its way, by name: shown again when its notice changes. */
  private final Map<String, Map<String, Object>> shown = new ConcurrentHashMap<>();

  /** Tells the page through {@code publish} (a task view, shown again with its new notice), at {@code clock}'s times. */
  CreateLookUps(Clock clock, Consumer<Map<String, Object>> publish) {
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.publish = Objects.requireNonNull(publish, "publish == null");
  }

  @Override
  public void onCreateLookUp(String clientReference, Duration atMost) {
    long seconds = Math.max(1, (atMost.toMillis() + 999) / 1000);
    tell(clientReference, "looking the task up by its client reference " + clientReference
        + " before sending it again (up to " + seconds + " s, until "
        + CLOCK_TIME.format(clock.instant().plusSeconds(seconds)) + " UTC): the create answered with a server error"
        + " or not at all may have made it, so nothing is sent meanwhile");
  }

  @Override
  public void onCreateResent(String clientReference) {
    tell(clientReference, "no task of client reference " + clientReference + " was listed, so the create"
        + " was sent again at " + CLOCK_TIME.format(clock.instant()) + " UTC with that reference; waiting for its"
        + " answer");
  }

  @Override
  public void onCreateRetry(String submitReference, ProviderException failure, int attempt, Duration delay,
      boolean lookUpFirst) {
    if (submitReference == null) {
      return;
    }
    // This create, sent again, was answered once more: its retry's own notice (why, and when) is the true one now,
    // and no other create's card changes.
    String name = HistoryEntry.unansweredName(submitReference, true);
    if (said.remove(name) != null) {
      Map<String, Object> last = shown.get(name);
      if (last != null) {
        publish.accept(last);
      }
    }
  }

  /** {@code view} of a task or note as the page is shown it: a note whose create is looked up says so. */
  Map<String, Object> shown(Map<String, Object> view) {
    if (!(view.get("task_id") instanceof String name)) {
      return view;
    }
    if (!Boolean.TRUE.equals(view.get("sending"))) {
      said.remove(name); // its create was answered (or given up): its card says how
      shown.remove(name);
      return view;
    }
    shown.put(name, view);
    String notice = said.get(name);
    if (notice == null) {
      return view;
    }
    Map<String, Object> json = new LinkedHashMap<>(view);
    json.put("notice", notice);
    return json;
  }

  private void tell(String clientReference, String notice) {
    String name = HistoryEntry.unansweredName(clientReference, true);
    said.put(name, notice);
    Map<String, Object> last = shown.get(name);
    if (last != null) {
      publish.accept(last);
    }
  }
}
