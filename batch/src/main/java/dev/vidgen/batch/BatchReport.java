package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a batch run ended: every job's journal entry, why the jobs that are not final were left,
 * and the error that stopped the run, if one did.
 *
 * @param journal where the journal is, for people
 * @param entries the batch's jobs, in line order
 * @param leftOver why each job that is not final was left in this run, by key
 * @param stopCause the error that stopped the run early (a bad key, an empty account), or null
 * @param stopNote why the run stopped early, in words (the stop cause's message, or a stop that is no
 *     provider error, such as the client being closed mid-run), or null
 * @param forgotten the jobs without a task whose line the jobs file no longer has (dropped), or
 *     that were never sent and whose line it has changed (given the new line), at the start of this
 *     run; as they were before
 */
public record BatchReport(String batch, String journal, List<Entry> entries, Map<String, String> leftOver,
    VidgenException stopCause, List<Entry> forgotten, String stopNote) {

  public BatchReport {
    Objects.requireNonNull(batch, "batch == null");
    entries = List.copyOf(entries);
    leftOver = Map.copyOf(leftOver);
    forgotten = List.copyOf(forgotten);
  }

  /** A report whose stop, if any, was its cause. */
  public BatchReport(String batch, String journal, List<Entry> entries, Map<String, String> leftOver,
      VidgenException stopCause, List<Entry> forgotten) {
    this(batch, journal, entries, leftOver, stopCause, forgotten, stopCause == null ? null : stopCause.getMessage());
  }

  /** A report of a run that forgot no job. */
  public BatchReport(
      String batch, String journal, List<Entry> entries, Map<String, String> leftOver, VidgenException stopCause) {
    this(batch, journal, entries, leftOver, stopCause, List.of());
  }

  public int total() {
    return entries.size();
  }

  /** How many jobs are in {@code state}. */
  public int count(State state) {
    return (int) entries.stream().filter(e -> e.state() == state).count();
  }

  /** Counts for every state, in state order. */
  public Map<State, Integer> counts() {
    Map<State, Integer> counts = new EnumMap<>(State.class);
    for (State state : State.values()) {
      counts.put(state, count(state));
    }
    return counts;
  }

  /**
   * Whether every job is final: completed, failed or reported unknown. A job of the file that ended
   * dropped (by a run of another copy of the file that lacks its line) is not.
   */
  public boolean finished() {
    return unfinished().isEmpty();
  }

  /** The error that stopped the run, if one did. */
  public Optional<VidgenException> stopped() {
    return Optional.ofNullable(stopCause);
  }

  /**
   * Why the run stopped before every job was final, if something stopped it: the message of
   * {@link #stopped()}, or a stop that is no provider error, such as the client being closed mid-run.
   */
  public Optional<String> stopReason() {
    return Optional.ofNullable(stopNote);
  }

  /** Credits of the completed jobs, at their quoted prices. */
  public BigDecimal credits() {
    return entries.stream()
        .filter(e -> e.state() == State.COMPLETED && e.credits() != null)
        .map(Entry::credits)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many completed jobs had no known price, so that {@link #credits()} leaves them out. */
  public long unpriced() {
    return entries.stream().filter(e -> e.state() == State.COMPLETED && e.credits() == null).count();
  }

  /** The same in US dollars. */
  public BigDecimal usd() {
    return credits().divide(PriceQuote.CREDITS_PER_USD, 4, RoundingMode.HALF_UP).stripTrailingZeros();
  }

  /** Failed jobs by reason code, such as {@code generation_failed → 2}. */
  public Map<String, Integer> failuresByReason() {
    Map<String, Integer> reasons = new TreeMap<>();
    entries.stream()
        .filter(e -> e.state() == State.FAILED)
        .forEach(e -> reasons.merge(e.reasonCode() == null ? "failed" : e.reasonCode(), 1, Integer::sum));
    return reasons;
  }

  /**
   * The files of the completed jobs, in line order. A name this JVM cannot make into a path (non-ASCII letters
   * under a C locale on Java 17) throws {@link java.nio.file.InvalidPathException}; {@link Entry#file()} has every
   * name as text.
   */
  public List<Path> files() {
    return entries.stream().filter(e -> e.state() == State.COMPLETED && e.file() != null)
        .map(e -> Path.of(e.file())).toList();
  }

  /** The jobs that are not final, and those of the file that another copy of it dropped. */
  public List<Entry> unfinished() {
    return entries.stream().filter(e -> !e.state().isFinal() || e.state() == State.DROPPED).toList();
  }

  /**
   * The jobs left whose task is made and paid for but whose video the file system refused in a way the same save at
   * the same place meets again (larger than the whole file system, a file-size limit): they are saved by a run with
   * another {@code --out-dir}, never by the same command again.
   */
  public List<Entry> savesElsewhere() {
    return unfinished().stream().filter(e -> leftOver.getOrDefault(e.key(), "").contains(JobRun.SAVES_ELSEWHERE))
        .toList();
  }

  /** Whether one of {@link #savesElsewhere()} is held back by a file-size limit, which another shell may lift. */
  public boolean savesElsewhereUnderLimit() {
    return !savesUnderLimit().isEmpty();
  }

  /**
   * The jobs of {@link #savesElsewhere()} held back by a file-size limit (most often the shell's {@code ulimit -f}),
   * which applies in every folder: a shell whose limit is higher saves them, another {@code --out-dir} does not.
   */
  public List<Entry> savesUnderLimit() {
    return savesElsewhere().stream().filter(e -> leftOver.get(e.key())
        .contains(JobRun.SAVES_ELSEWHERE + JobRun.UNDER_LIMIT)).toList();
  }

  /**
   * The size of the largest video of {@link #savesUnderLimit()}, as its left reason says it ("2.9 MB"): a shell whose
   * file-size limit is above it saves them all. Empty when a left reason says no size (the video's was not known).
   */
  public Optional<String> largestUnderLimit() {
    String largest = null;
    double largestBytes = -1;
    for (Entry entry : savesUnderLimit()) {
      Matcher size = LIMIT_SIZE.matcher(leftOver.get(entry.key()));
      if (!size.find()) {
        return Optional.empty();
      }
      double bytes = Double.parseDouble(size.group(1)) * UNIT_BYTES.get(size.group(2));
      if (bytes > largestBytes) {
        largestBytes = bytes;
        largest = size.group(1) + " " + size.group(2);
      }
    }
    return Optional.ofNullable(largest);
  }

  /** How a left reason names the size a file-size limit must be above, as core says it ("… or above 2.9 MB"). */
  private static final Pattern LIMIT_SIZE =
      Pattern.compile("ulimit -f is unlimited or above (\\d+(?:\\.\\d+)?) (bytes|KB|MB|GB)");
  private static final Map<String, Double> UNIT_BYTES =
      Map.of("bytes", 1.0, "KB", 1024.0, "MB", 1024.0 * 1024, "GB", 1024.0 * 1024 * 1024);
}
