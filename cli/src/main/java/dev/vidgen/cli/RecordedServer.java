package dev.vidgen.cli;

import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import java.util.List;
import java.util.Optional;

/**
 * A task the history recorded on another server than the one this command asks ({@code --base-url}, else {@code
 * TOAPIS_BASE_URL}, else the provider's own): said before the read, and as the advice should it not be found. The
 * command still asks its own server: the key in hand may be another server's, so it is never sent to the recorded one.
 */
final class RecordedServer {
  private RecordedServer() {}

  /**
   * Says so when {@code known}, the history's entry of the task, was made on {@code providerId} at a base URL other
   * than this command's; nothing when the history has no base URL for it (the provider's own, or an older line).
   */
  static void check(Session session, Optional<HistoryEntry> known, String providerId, Output output) {
    Optional<String> recorded = known.flatMap(entry -> elsewhere(session, entry, providerId));
    if (recorded.isEmpty()) {
      return;
    }
    String made = recorded.get();
    String asked = asked(session);
    String taskId = SafeText.clip(known.get().taskId(), 100);
    List<String> servers = inUse(session) == null ? serversOf(session, providerId, known.get().taskId()) : List.of();
    if (servers.size() > 1) {
      // No server named, and several gave the id out: which one is meant is the user's to say, not the newest's.
      String choices = String.join(" or ", servers.stream().map(url -> "--base-url " + url).toList());
      output.note("task " + taskId + " is in the task history on " + servers.size() + " servers (" + String.join(", ",
          servers) + "), each of which gave that id out, and this command asks " + asked + ", which made none of them;"
          + " add " + choices + ", with that server's key in " + session.keyVariable() + ", to ask the one you mean"
          + " (this key is not sent there by itself)");
      session.notFoundNext("this task id was given out by " + servers.size() + " servers; add " + choices + ", with"
          + " that server's key in " + session.keyVariable() + ", and run this again");
      return;
    }
    output.note("task " + taskId + " was made on " + made + " (the task history), but this command asks " + asked
        + ", which may not know it; add --base-url " + made + ", with that server's key in " + session.keyVariable()
        + ", to ask the server that made it (this key is not sent there by itself)");
    session.notFoundNext("this task was made on " + made + "; add --base-url " + made + ", with that server's key in "
        + session.keyVariable() + ", and run this again");
  }

  /**
   * The base URL the history recorded {@code entry} on (cleaned for printing), when it was made on {@code providerId}
   * at a base URL other than this command's; empty when it is this command's, or the history has none for it.
   */
  static Optional<String> elsewhere(Session session, HistoryEntry entry, String providerId) {
    return Optional.of(entry).filter(known -> known.provider().equals(providerId)).map(HistoryEntry::baseUrl)
        .filter(url -> !url.isBlank() && !same(providerId, url, inUse(session))).map(SafeText::clean);
  }

  /**
   * The base URLs (cleaned for printing, newest first, one per server) the history holds task {@code taskId} of {@code
   * providerId} on; empty when it has none, or cannot be read (said where it was read before).
   */
  private static List<String> serversOf(Session session, String providerId, String taskId) {
    List<String> servers = new java.util.ArrayList<>();
    try {
      HistoryRecord.history(session.context()).ifPresent(history -> history.entries().stream()
          .filter(entry -> entry.provider().equals(providerId) && entry.taskId().equals(taskId))
          .map(HistoryEntry::baseUrl).filter(url -> url != null && !url.isBlank())
          .forEach(url -> {
            if (servers.stream().noneMatch(known -> same(providerId, known, url))) {
              servers.add(url);
            }
          }));
    } catch (RuntimeException unreadable) {
      return List.of();
    }
    return servers.stream().map(SafeText::clean).toList();
  }

  /** The server this command asks, as its words name it. */
  static String asked(Session session) {
    String inUse = inUse(session);
    return inUse != null ? inUse : Optional.ofNullable(session.baseUrlShown()).orElse("the provider's own address");
  }

  /** The base URL this command's printed commands repeat (as the history records it), or null for the provider's own. */
  private static String inUse(Session session) {
    List<String> options = session.setupOptions();
    int at = options.indexOf("--base-url");
    return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
  }

  private static boolean same(String providerId, String recorded, String inUse) {
    return dev.vidgen.serve.history.BaseUrls.sameServer(providerId, recorded, inUse);
  }
}
