package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchProgress;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.text.Plural;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Looks, with the batch's progress (at most once a second), whether the journal's file is still the
 * one the run writes to, and warns once when it was deleted or replaced: the task ids the run makes from
 * then on are kept only in a file no one can open again, so every task id known is told then, and each new
 * one as it is written, where a run killed later still leaves them. Forwards every event to {@code next}.
 */
final class JournalWatch extends ForwardingBatchListener {
  private static final long EVERY_NANOS = 1_000_000_000L;

  private final Supplier<Optional<String>> fileLost;
  private final Consumer<String> warn;
  private final LongSupplier nanoTime;
  private final String journal;
  private final AtomicBoolean told = new AtomicBoolean();
  /** Each job's task id as the journal last had it, by the job's key (a job sent again may get another). */
  private final Map<String, Entry> known = new ConcurrentHashMap<>();
  private volatile long lastLook = Long.MIN_VALUE;

  /**
   * Watches {@code journal} (as described to people) through {@code fileLost} (the store's), telling {@code warn}
   * the warning once.
   */
  JournalWatch(BatchListener next, String journal, Supplier<Optional<String>> fileLost, Consumer<String> warn,
      LongSupplier nanoTime) {
    super(next);
    this.journal = journal;
    this.fileLost = fileLost;
    this.warn = warn;
    this.nanoTime = nanoTime;
  }

  /** The warning for a journal whose file {@code change} ("was deleted") during the run, with what to do. */
  static String warning(String journal, String change) {
    return "warning: the file of " + journal + " " + change + " during this run: the run goes on writing to a file"
        + " no one can open again, so the task ids it made are kept only in this output: each is told now, and each"
        + " new one as it is made (task lines), and the summary lists them all (with --json, journal_lost.tasks);"
        + " keep them, as each video can be saved with vidgen download TASK_ID; do not run again with --start-over,"
        + " which sends every job again and pays for it again";
  }

  /** One job's task, as told once the journal is lost. */
  static String taskLine(Entry entry) {
    return "task     line " + entry.seq() + " (" + entry.key() + "): " + entry.taskId();
  }

  /**
   * For a run the journal stopped: "; the task ids this run wrote to the journal are ...: line 1 (g1) video_1, …", so
   * that they are kept where the journal cannot be reached; or empty when the run wrote none.
   */
  String tasksWritten() {
    List<Entry> written = known.values().stream().sorted(Comparator.comparingInt(Entry::seq)).toList();
    if (written.isEmpty()) {
      return "";
    }
    return "; the task " + Plural.word(written.size(), "id", "ids") + " this run wrote to the journal "
        + Plural.word(written.size(), "is", "are") + " told here too, in case it cannot be read again (each video can be"
        + " saved with vidgen download TASK_ID): " + written.stream()
        .map(entry -> "line " + entry.seq() + " (" + entry.key() + ") " + entry.taskId())
        .collect(Collectors.joining(", "));
  }

  @Override
  public void onWritten(Entry entry) {
    super.onWritten(entry);
    if (entry.taskId() == null) {
      return;
    }
    Entry before = known.put(entry.key(), entry);
    if (told.get() && (before == null || !entry.taskId().equals(before.taskId()))) {
      warn.accept(taskLine(entry));
    }
  }

  @Override
  public void onProgress(BatchProgress progress) {
    super.onProgress(progress);
    long now = nanoTime.getAsLong();
    if (told.get() || lastLook != Long.MIN_VALUE && now - lastLook < EVERY_NANOS) {
      return;
    }
    lastLook = now;
    fileLost.get().ifPresent(change -> {
      if (told.compareAndSet(false, true)) {
        warn.accept(warning(journal, change));
        known.values().stream().sorted(java.util.Comparator.comparingInt(Entry::seq))
            .forEach(entry -> warn.accept(taskLine(entry)));
      }
    });
  }
}
