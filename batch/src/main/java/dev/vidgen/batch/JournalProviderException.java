package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.text.Plural;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A batch refused because its journal holds jobs whose tasks another provider made than the run's: only that provider
 * can read such a task, and what it finished is no work of this one. Thrown before anything is sent.
 */
public final class JournalProviderException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final String journal;
  private final List<String> journalProviders;
  private final String runProvider;

  private JournalProviderException(String journal, String batch, Map<String, List<Entry>> others, String runProvider) {
    super(words(journal, batch, others, runProvider));
    this.journal = journal;
    this.journalProviders = List.copyOf(others.keySet());
    this.runProvider = runProvider;
  }

  /** The journal, for people. */
  public String journal() {
    return journal;
  }

  /** The providers that made the journal's tasks other than the run's, in the order their jobs are journaled. */
  public List<String> journalProviders() {
    return journalProviders;
  }

  /** The provider the run was to use. */
  public String runProvider() {
    return runProvider;
  }

  /** Throws when {@code entries} hold a job whose handle names a provider other than {@code runProvider}. */
  static void check(String journal, String batch, List<Entry> entries, String runProvider) {
    Objects.requireNonNull(runProvider, "runProvider == null");
    Map<String, List<Entry>> others = new LinkedHashMap<>();
    for (Entry entry : entries) {
      String provider = providerOf(entry);
      if (provider != null && !provider.equals(runProvider)) {
        others.computeIfAbsent(provider, any -> new ArrayList<>()).add(entry);
      }
    }
    if (!others.isEmpty()) {
      throw new JournalProviderException(journal, batch, others, runProvider);
    }
  }

  /** The provider that made the entry's task, as its handle names it; null without a readable handle. */
  private static String providerOf(Entry entry) {
    return entry.handle() == null ? null
        : JobHandle.tryDecode(entry.handle()).map(JobHandle::providerId).orElse(null);
  }

  private static String words(String journal, String batch, Map<String, List<Entry>> others, String runProvider) {
    String made = others.entrySet().stream().map(byProvider -> Plural.count(byProvider.getValue().size(), "job")
        + " made on provider " + byProvider.getKey() + " (" + named(byProvider.getValue()) + ")")
        .collect(Collectors.joining(" and "));
    return journal + " holds " + made + " in batch " + batch + ", but this run uses provider " + runProvider
        + ": a task is read only by the provider that made it, and a job finished there is not " + runProvider
        + "'s work" + (others.containsKey("mock") ? " (the mock's videos are placeholders, and it charges nothing)" : "")
        + "; nothing was sent";
  }

  /** Up to three of the jobs, each with its state and task, then how many more. */
  private static String named(List<Entry> entries) {
    String shown = entries.stream().limit(3).map(e -> e.key() + ", " + e.state().id()
        + (e.taskId() == null ? "" : ", task " + e.taskId())).collect(Collectors.joining("; "));
    return entries.size() > 3 ? shown + "; and " + (entries.size() - 3) + " more" : shown;
  }
}
