package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.JobIdentity;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.TaskHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The same job's earlier takes of unknown outcome that the task history holds open (creates that got no answer, not
 * found or not looked up, not closed): each may still be listed late as a paid task, so a later run that sends the
 * job again counts them against {@code --max-credits}, as the run that lost the answer and a batch's later runs do.
 */
final class EarlierUnknownTakes {
  private EarlierUnknownTakes() {}

  /**
   * Refuses (exit 8, nothing sent) a job whose price and the open earlier takes of the same job, made
   * on this server with this key within the day, go over {@code budget}; says what was counted when they fit, and
   * returns what {@code budget} leaves for this run's own takes once they are counted. Does nothing (and returns
   * {@code budget}) without a limit, for a price unknown, and when the history holds no such take or cannot be read.
   */
  static Budget requireWithin(Session session, VidgenClient client, VideoJob job, Budget budget, boolean dryRun,
      Output output) {
    if (budget.isUnlimited() || client.provider().id().equals(ProviderChoice.MOCK)) {
      return budget;
    }
    PriceQuote quote;
    try {
      quote = client.validate(job).isValid() ? client.quote(job) : null;
    } catch (RuntimeException refused) {
      return budget; // the submit refuses the job itself, with its own words
    }
    if (quote == null || !quote.isKnown() || !budget.allows(quote)) {
      return budget;
    }
    List<HistoryEntry> open = open(session, client, job);
    if (open.isEmpty()) {
      return budget;
    }
    BigDecimal earlier = BigDecimal.ZERO;
    for (HistoryEntry entry : open) {
      earlier = earlier.add(entry.credits().multiply(BigDecimal.valueOf(entry.openTasks())));
    }
    BigDecimal max = budget.remaining().orElseThrow().stripTrailingZeros();
    BigDecimal total = quote.credits().add(earlier).stripTrailingZeros();
    earlier = earlier.stripTrailingZeros();
    String takes = named(open) + " may still be listed late as a paid task ("
        + PriceQuote.creditsInWords(earlier) + ")";
    if (total.compareTo(max) > 0) {
      HistoryEntry first = open.get(0);
      throw new CliException(ExitCodes.OVER_BUDGET, "budget_exceeded", quote.model() + " costs "
          + PriceQuote.creditsInWords(quote.credits().stripTrailingZeros()) + ", and " + takes + ": "
          + PriceQuote.creditsInWords(total) + " in all, but --max-credits is " + max.toPlainString()
          + "; nothing was sent" + (dryRun ? " (a dry run; the real run would refuse it the same way)" : ""),
          "raise --max-credits to " + total.toPlainString() + "; or, if the provider's dashboard shows that it made no"
              + " task, close it with vidgen history --close " + SafeText.clip(first.taskId(), 100) + " --no-task");
    }
    output.note("counted against --max-credits " + max.toPlainString() + ": " + takes + "; with this take's "
        + PriceQuote.creditsInWords(quote.credits().stripTrailingZeros()) + ", " + PriceQuote.creditsInWords(total)
        + " in all");
    // This run's own resends (after a 500, or a create looked up and not found) may spend only what the earlier
    // takes leave, so that all of them together stay within --max-credits.
    return Budget.ofCredits(budget.remaining().orElseThrow().subtract(earlier));
  }

  /** "an earlier take of the same job (the create vidgen history lists as unanswered-…)", or several. */
  private static String named(List<HistoryEntry> open) {
    List<String> names = open.stream().map(entry -> SafeText.clip(entry.taskId(), 100)).toList();
    int takes = open.stream().mapToInt(HistoryEntry::openTasks).sum();
    return (takes == 1 ? "an earlier take" : takes + " earlier takes") + " of the same job (the "
        + (names.size() == 1 ? "create" : "creates") + " vidgen history lists as " + String.join(", ", names)
        + ", with no answer and no task found)";
  }

  /**
   * The open notes of the same job on this server made with this key (or with no key tag), of a known price, whose
   * runs have ended: a create another run still sends or waits for is that run's to count.
   */
  private static List<HistoryEntry> open(Session session, VidgenClient client, VideoJob job) {
    Optional<TaskHistory> history;
    try {
      history = HistoryRecord.history(session.context());
    } catch (RuntimeException unreadable) {
      return List.of();
    }
    if (history.isEmpty()) {
      return List.of();
    }
    String tag = session.apiKey() == null ? null : session.apiKey().tag();
    Instant now = Instant.now();
    Instant since = now.minus(TaskHistory.SAME_JOB_WINDOW);
    Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
    Set<String> seen = new HashSet<>();
    List<HistoryEntry> found = new ArrayList<>();
    try {
      RunMarker.settleAbandoned(history.get(), now); // a run that ended before its create went out sent nothing
      while (true) {
        Optional<HistoryEntry> next = history.get().sameJob(client.provider().id(), job, since, identity,
            entry -> !seen.contains(entry.taskId()) && entry.status().equals(HistoryEntry.UNKNOWN)
                && entry.openTasks() > 0 && entry.credits() != null && RepeatCheck.countsHere(session, entry)
                && !entry.madeWithAnotherKey(tag) && !entry.mayStillBeOnItsWay(now)
                && !RunMarker.isRunning(history.get(), entry), session.inputDigests());
        if (next.isEmpty()) {
          return found;
        }
        seen.add(next.get().taskId());
        found.add(next.get());
      }
    } catch (RuntimeException unreadable) {
      return found; // the same-job check says what it cannot read
    }
  }
}
