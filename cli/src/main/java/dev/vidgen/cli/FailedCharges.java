package dev.vidgen.cli;

import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a batch says of the price of its failed jobs, as {@code generate} and {@code status} say it
 * of a failed task: the quote, with the charge unknown. Only a job whose task was made and failed
 * (or is gone) may have been charged; a refused create made nothing.
 */
final class FailedCharges {
  private FailedCharges() {}

  private static final String EXPIRED = "result_expired";
  private static final String UNUSABLE = "result_unusable";

  /**
   * Whether {@code entry} failed after its task was made, short of a video. A task that completed
   * (its result expired, or its link cannot be used) is left out: a completed task is charged.
   */
  static boolean chargeUnknown(Entry entry) {
    return entry.state() == State.FAILED && entry.taskId() != null && !chargeLikely(entry);
  }

  /** The charge of a job whose task completed but whose video could not be saved. */
  static final String EXPIRED_CHARGE = "likely";

  /**
   * Whether {@code entry} failed after its task completed (its result expired before it was saved,
   * or its video link cannot be used), so it was almost surely charged.
   */
  static boolean chargeLikely(Entry entry) {
    return entry.state() == State.FAILED && entry.taskId() != null
        && (EXPIRED.equals(entry.reasonCode()) || UNUSABLE.equals(entry.reasonCode()));
  }

  /** Whether {@code entry}'s task completed but its video's link expired before it was saved. */
  static boolean expired(Entry entry) {
    return chargeLikely(entry) && EXPIRED.equals(entry.reasonCode());
  }

  /** Whether {@code entry}'s task completed but its video's link cannot be used (not http(s)). */
  static boolean unusable(Entry entry) {
    return chargeLikely(entry) && UNUSABLE.equals(entry.reasonCode());
  }

  /** Whether the job's line and JSON give its quote and charge: a failed job that had a task. */
  static boolean priced(Entry entry) {
    return chargeUnknown(entry) || chargeLikely(entry);
  }

  /**
   * "quoted 20 credits ($0.10), charge unknown", or "price unknown, charge unknown"; for an expired
   * result "quoted 20 credits ($0.10), charge likely: its task completed".
   */
  static String words(Entry entry) {
    if (chargeLikely(entry)) {
      return (entry.credits() == null ? "price unknown" : "quoted " + Views.credits(entry.credits()) + " ("
          + Views.usd(usd(entry.credits())) + ")") + ", charge likely: its task completed";
    }
    return entry.credits() == null ? "price unknown, charge unknown"
        : Views.failedPrice(entry.credits(), usd(entry.credits()));
  }

  /** The job's {@code credits} and {@code usd} (its quote, null when unknown) and {@code charge}. */
  static Map<String, Object> json(Entry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("credits", entry.credits());
    json.put("usd", entry.credits() == null ? null : Views.usdJson(usd(entry.credits())));
    json.put("charge", chargeLikely(entry) ? EXPIRED_CHARGE : Views.FAILED_CHARGE); // the quote, not what was spent
    return json;
  }

  /** The known quotes of the jobs whose result expired, added up. */
  static BigDecimal expiredQuoted(List<Entry> entries) {
    return quoted(entries, FailedCharges::expired);
  }

  /** How many jobs' results expired after their tasks completed. */
  static long expiredCount(List<Entry> entries) {
    return entries.stream().filter(FailedCharges::expired).count();
  }

  /** The known quotes of the jobs whose task completed with a video link that cannot be used, added up. */
  static BigDecimal unusableQuoted(List<Entry> entries) {
    return quoted(entries, FailedCharges::unusable);
  }

  /** How many jobs' tasks completed with a video link that cannot be used. */
  static long unusableCount(List<Entry> entries) {
    return entries.stream().filter(FailedCharges::unusable).count();
  }

  /** The known quotes of the jobs whose charge is unknown, added up. */
  static BigDecimal quoted(List<Entry> entries) {
    return quoted(entries, FailedCharges::chargeUnknown);
  }

  private static BigDecimal quoted(List<Entry> entries, Predicate<Entry> which) {
    return entries.stream().filter(which).map(Entry::credits).filter(Objects::nonNull)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many jobs' charge is unknown. */
  static long count(List<Entry> entries) {
    return entries.stream().filter(FailedCharges::chargeUnknown).count();
  }

  /**
   * For the summary's {@code spent} line: "; the 2 failed jobs with a task were quoted 40 credits
   * ($0.20): whether …", then what the jobs whose result expired were quoted; nothing for neither.
   */
  static String summary(List<Entry> entries) {
    return unknownSummary(entries) + expiredSummary(entries) + unusableSummary(entries);
  }

  /**
   * "; the 1 job whose task completed with a video link that cannot be used was quoted 20 credits
   * ($0.10) and was most likely charged", or nothing.
   */
  private static String unusableSummary(List<Entry> entries) {
    long count = unusableCount(entries);
    if (count == 0) {
      return "";
    }
    String price = priceWords(entries, FailedCharges::unusable, count);
    return "; the " + Plural.count(count, "job") + " whose task completed with a video link that cannot be used "
        + Plural.word(count, "was ", "were ") + price + " and " + Plural.word(count, "was", "were")
        + " most likely charged";
  }

  /**
   * "; the 1 job whose result expired before it was saved was quoted 20 credits ($0.10) and was most
   * likely charged (its task completed)", or nothing.
   */
  private static String expiredSummary(List<Entry> entries) {
    long count = expiredCount(entries);
    if (count == 0) {
      return "";
    }
    String price = priceWords(entries, FailedCharges::expired, count);
    return "; the " + Plural.count(count, "job") + " whose result expired before " + Plural.word(count, "it was", "they were")
        + " saved " + Plural.word(count, "was ", "were ") + price + " and " + Plural.word(count, "was", "were")
        + " most likely charged (" + Plural.word(count, "its task", "their tasks") + " completed)";
  }

  private static String unknownSummary(List<Entry> entries) {
    long count = count(entries);
    if (count == 0) {
      return "";
    }
    String price = priceWords(entries, FailedCharges::chargeUnknown, count);
    return "; the " + Plural.count(count, "failed job") + " with a task " + Plural.word(count, "was ", "were ") + price
        + ": " + Views.FAILED_CHARGE_WORDS;
  }

  /** "quoted 40 credits ($0.20)", "… and 1 of unknown price", or "of unknown price", for the {@code count} jobs {@code which} picks. */
  private static String priceWords(List<Entry> entries, Predicate<Entry> which, long count) {
    long unpriced = entries.stream().filter(which).filter(e -> e.credits() == null).count();
    if (unpriced == count) {
      return "of unknown price";
    }
    BigDecimal quoted = quoted(entries, which);
    return "quoted " + Views.credits(quoted) + " (" + Views.usd(usd(quoted)) + ")"
        + (unpriced > 0 ? " and " + unpriced + " of unknown price" : "");
  }

  /**
   * For the summary: "3 jobs whose tasks are still running, quoted 60 credits ($0.30) (not in spent
   * until they complete)"; empty when no job's task is running.
   */
  static java.util.Optional<String> running(List<Entry> entries) {
    long count = entries.stream().filter(FailedCharges::running).count();
    if (count == 0) {
      return java.util.Optional.empty();
    }
    long unpriced = entries.stream().filter(FailedCharges::running).filter(e -> e.credits() == null).count();
    BigDecimal quoted = runningQuoted(entries);
    return java.util.Optional.of(Plural.count(count, "job") + " whose " + Plural.word(count, "task is", "tasks are")
        + " still running, " + (unpriced == count ? "of unknown price" : "quoted " + Views.credits(quoted) + " ("
        + Views.usd(usd(quoted)) + ")" + (unpriced > 0 ? " and " + unpriced + " of unknown price" : ""))
        + " (not in spent until they complete; a later run waits for them, paying nothing again)");
  }

  /** The quotes of the jobs whose tasks are still running (those of unknown price left out). */
  static BigDecimal runningQuoted(List<Entry> entries) {
    return quoted(entries, FailedCharges::running);
  }

  /** Whether {@code entry}'s task was made and has not ended yet (as far as its last read told: not "not found"). */
  static boolean running(Entry entry) {
    return entry.state() == State.SUBMITTED && entry.taskId() != null && !notFound(entry) && entry.videoUrl() == null;
  }

  /** Whether {@code entry}'s task completed (its video link is journaled) but its video is not saved yet. */
  static boolean unsaved(Entry entry) {
    return entry.state() == State.SUBMITTED && entry.taskId() != null && !notFound(entry) && entry.videoUrl() != null;
  }

  /**
   * For the summary: "2 jobs whose tasks completed but whose videos were not saved, quoted 40 credits ($0.20) (…)",
   * saying which a later run of the same command downloads and which only one with another {@code --out-dir} saves
   * ({@link BatchReport#savesElsewhere}); empty when there is none.
   */
  static java.util.Optional<String> unsaved(BatchReport report) {
    List<Entry> entries = report.entries();
    long count = entries.stream().filter(FailedCharges::unsaved).count();
    if (count == 0) {
      return java.util.Optional.empty();
    }
    long unpriced = entries.stream().filter(FailedCharges::unsaved).filter(e -> e.credits() == null).count();
    BigDecimal quoted = unsavedQuoted(entries);
    Set<String> elsewhereKeys = report.savesElsewhere().stream().map(Entry::key).collect(Collectors.toSet());
    long elsewhere = entries.stream().filter(FailedCharges::unsaved).filter(e -> elsewhereKeys.contains(e.key()))
        .count();
    return java.util.Optional.of(Plural.count(count, "job") + " whose " + Plural.word(count, "task", "tasks")
        + " completed but whose " + Plural.word(count, "video was", "videos were") + " not saved, "
        + (unpriced == count ? "of unknown price" : "quoted " + Views.credits(quoted) + " (" + Views.usd(usd(quoted))
        + ")" + (unpriced > 0 ? " and " + unpriced + " of unknown price" : ""))
        + " (not in spent until saved; " + unsavedNext(report, count, elsewhere) + ")");
  }

  /**
   * What saves the {@code count} unsaved jobs, {@code elsewhere} of them refused where they go in a way the same place
   * meets again (larger than the whole file system, a file-size limit): the same command again would fail those the
   * same way, so they are sent to another {@code --out-dir}, or, under a file-size limit, to a shell whose limit is
   * higher.
   */
  private static String unsavedNext(BatchReport report, long count, long elsewhere) {
    String why = "see the left lines for why each was not saved";
    if (elsewhere == 0) {
      return "a later run downloads " + Plural.word(count, "it", "them") + ", paying nothing again: " + why;
    }
    String them = Plural.word(elsewhere, "it", "them");
    long limited = report.savesUnderLimit().stream().filter(FailedCharges::unsaved).count();
    String saveThere = "saving " + them + " there fails the same way every time, so the same command again"
        + (limited > 0 ? " from this shell" : "") + " does not save " + them + ": " + savesElsewhere(report, limited,
        elsewhere - limited) + ", which downloads " + them + ", paying nothing again; "
        + (limited == elsewhere ? "another --out-dir does not help under this limit; " : "") + why;
    if (elsewhere == count) {
      return Plural.word(count, "it cannot be saved where it goes", "they cannot be saved where they go") + ": "
          + saveThere;
    }
    return "a later run downloads " + (count - elsewhere) + " of them, paying nothing again; " + elsewhere + " "
        + Plural.word(elsewhere, "cannot be saved where it goes", "cannot be saved where they go") + ": " + saveThere;
  }

  /**
   * "run the same command from a shell whose ulimit -f is unlimited or above 2.9 MB (the largest video)" for the
   * {@code limited} videos a file-size limit holds back (it applies on every file system), and "the batch again with
   * --out-dir OTHER_FOLDER, a folder on another file system with room for them" for the {@code larger} videos larger
   * than their whole file system.
   */
  static String savesElsewhere(BatchReport report, long limited, long larger) {
    String otherFolder = "the batch again with --out-dir OTHER_FOLDER, a folder on another file system with room for "
        + Plural.word(larger, "it", "them");
    if (limited == 0) {
      return "run " + otherFolder;
    }
    String shell = "run the same command from a shell whose ulimit -f is unlimited or above " + report
        .largestUnderLimit().map(size -> size + (limited == 1 ? " (the video's size)" : " (the largest video)"))
        .orElse(limited == 1 ? "the video's size" : "the largest video's size");
    return larger == 0 ? shell : shell + " for the " + limited + " over a file-size limit, and " + otherFolder
        + ", for the " + larger + " larger than " + Plural.word(larger, "its", "their") + " whole file system";
  }

  /** The quotes of the jobs whose tasks completed but whose videos are not saved (those of unknown price left out). */
  static BigDecimal unsavedQuoted(List<Entry> entries) {
    return quoted(entries, FailedCharges::unsaved);
  }

  /** Whether {@code entry}'s task was made but the provider answered "not found" when it was last read. */
  static boolean notFound(Entry entry) {
    return entry.state() == State.SUBMITTED && entry.taskId() != null
        && dev.vidgen.batch.journal.JobStore.TASK_NOT_FOUND.equals(entry.reasonCode());
  }

  /**
   * For the summary: "2 jobs whose tasks were not found when last read, quoted 40 credits ($0.20) (…)"; empty when
   * there is none.
   */
  static java.util.Optional<String> notFound(List<Entry> entries) {
    long count = entries.stream().filter(FailedCharges::notFound).count();
    if (count == 0) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Plural.count(count, "job") + " whose " + Plural.word(count, "task was", "tasks were")
        + " not found when last read, " + priceWords(entries, FailedCharges::notFound, count)
        + " (made, so maybe paid; the journal keeps their ids and a later run reads them again: a task made with"
        + " another account's key is seen only with a key of that account)");
  }

  private static BigDecimal usd(BigDecimal credits) {
    return credits.divide(PriceQuote.CREDITS_PER_USD, 4, RoundingMode.HALF_UP).stripTrailingZeros();
  }
}
