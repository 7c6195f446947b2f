package dev.vidgen.cli;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;

/**
 * A task or a create's note the history holds as made with another API key than this command's (its key tag
 * differs): a provider shows a task, and finds one by its client reference, only for keys of the account that made
 * it, so this key's "not found" says nothing of it, and nothing may be closed on its word.
 */
final class AnotherKeys {
  private AnotherKeys() {}

  /** The tag of the key this command was given, or null when it has none. */
  static String tag(Session session) {
    return session.apiKey() == null ? null : session.apiKey().tag();
  }

  /** The tag of the key the environment holds for {@code providerId} ({@code TOAPIS_API_KEY}), or null for none. */
  static String tagInEnvironment(CliContext context, String providerId) {
    return context.variable(ProviderChoice.keyVariableOf(providerId)).map(key -> ApiKey.of(key).tag()).orElse(null);
  }

  /** "with another API key (tagged 4504c9fb; this key's tag is 53d5b025)", of {@code entry} read with {@code tag}. */
  static String madeWith(HistoryEntry entry, String tag) {
    return "with another API key (tagged " + SafeText.clip(SafeText.clean(entry.keyTag()), 16) + "; this key's tag is "
        + tag + ")";
  }

  /**
   * Before a wait of a task the history says another key made: one status read, whose "not found" is believed at
   * once (the wait would read it again for a minute first), so that the wait says so at once. Any other answer, a
   * key made anew for the same account reading it, say, is left to the wait, which reads again.
   */
  static void readAtOnce(TaskCommand.Target target, Session session) {
    if (target.history().map(HistoryRecord::entry).filter(entry -> entry.madeWithAnotherKey(tag(session))).isEmpty()) {
      return;
    }
    try {
      target.client().status(target.handle());
    } catch (dev.vidgen.core.error.TaskNotFoundException notFound) {
      throw notFound;
    } catch (RuntimeException other) {
      // Left to the wait, which reads again and says what it finds.
    }
  }
}
