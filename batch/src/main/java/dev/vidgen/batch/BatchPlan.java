package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.pricing.PriceQuote;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A jobs file checked and priced, before anything is sent: the jobs that may run, the lines that
 * may not (with every problem), and the total price.
 *
 * @param batch the batch name, under which the journal keeps its jobs
 * @param lines every line read, in order
 * @param jobs the valid lines, ready to run
 * @param invalid the lines that cannot run, with their problems
 * @param outDir the folder the videos go to (relative {@code out} paths are taken from it), where
 *     {@link ResultsManifest} binds them to their journal
 * @param followable invalid lines that only their model's checks refuse, as {@link PlannedJob#followOnly} jobs:
 *     each runs after all when the journal holds its task, see {@link #following}
 */
public record BatchPlan(String batch, List<BatchLine> lines, List<PlannedJob> jobs, List<BatchLine> invalid,
    Path outDir, List<PlannedJob> followable) {

  public BatchPlan {
    Objects.requireNonNull(batch, "batch == null");
    Objects.requireNonNull(outDir, "outDir == null");
    lines = List.copyOf(lines);
    jobs = List.copyOf(jobs);
    invalid = List.copyOf(invalid);
    followable = List.copyOf(followable);
  }

  /** A plan whose invalid lines are all refused. */
  public BatchPlan(String batch, List<BatchLine> lines, List<PlannedJob> jobs, List<BatchLine> invalid,
      Path outDir) {
    this(batch, lines, jobs, invalid, outDir, List.of());
  }

  /**
   * The valid lines that ask for the very same job (model, mode, prompt, inputs, settings and parameters)
   * under different ids, each group in line order: each is sent and paid for, two takes of one video,
   * which in a file a script wrote is more often a copy by mistake than a wish.
   */
  public List<List<PlannedJob>> sameJobs() {
    return sameJobs(job -> job);
  }

  /**
   * As {@link #sameJobs()}, two lines being the same job when {@code identity} gives them equal values (such as
   * the request a client would send, so that a model named by another of its names, or a default written out,
   * is the same job too).
   */
  public List<List<PlannedJob>> sameJobs(java.util.function.Function<dev.vidgen.core.domain.VideoJob, ?> identity) {
    // Sorted by the identities' hashes first, keeping only the hash: a request previewed as a tree takes kilobytes,
    // and a file of 200,000 lines holding all of them at once ran out of memory. Only the few lines that share a
    // hash are worked out again and compared in full.
    Map<Integer, List<PlannedJob>> byHash = new HashMap<>();
    for (PlannedJob job : jobs) {
      byHash.computeIfAbsent(Objects.hashCode(identity.apply(job.job())), any -> new ArrayList<>(1)).add(job);
    }
    Map<Object, List<PlannedJob>> byJob = new HashMap<>();
    for (List<PlannedJob> sameHash : byHash.values()) {
      if (sameHash.size() > 1) {
        sameHash.forEach(job -> byJob.computeIfAbsent(identity.apply(job.job()), any -> new ArrayList<>()).add(job));
      }
    }
    return byJob.values().stream().filter(group -> group.size() > 1)
        .sorted(Comparator.comparingInt(group -> group.get(0).line())).map(List::copyOf).toList();
  }

  /**
   * This plan with the journal read: a line refused only by its model's checks whose job has a task
   * already (or is finished) runs, only to follow and download that task; every other line stays as it was.
   * A paid task is never left behind because its model was retired or left the key's list since.
   * A job past its create (the same line) is priced as the journal quoted it when it was sent, so
   * that the total counts what earlier runs' creates cost, not today's price of them; a job that failed
   * before any task existed cost nothing then, and keeps today's price, which sending it again would cost.
   */
  public BatchPlan following(List<JobStore.Entry> journal) {
    Objects.requireNonNull(journal, "journal == null");
    Map<String, JobStore.Entry> byKey = new HashMap<>();
    journal.stream().filter(e -> e.batch().equals(batch)).forEach(e -> byKey.put(e.key(), e));
    List<PlannedJob> priced = jobs.stream().map(job -> {
      JobStore.Entry entry = byKey.get(job.key());
      return entry != null && entry.fingerprint().equals(job.fingerprint()) && pastItsCreate(entry)
          && !entry.failedWithoutTask() ? job.quotedAt(entry.credits()) : job;
    }).toList();
    if (!priced.equals(jobs)) {
      return new BatchPlan(batch, lines, priced, invalid, outDir, followable).following(journal);
    }
    List<PlannedJob> more = new ArrayList<>();
    for (PlannedJob job : followable) {
      JobStore.Entry entry = byKey.get(job.key());
      if (entry != null && entry.fingerprint().equals(job.fingerprint()) && pastItsCreate(entry)) {
        more.add(job.quotedAt(entry.credits()));
      }
    }
    if (more.isEmpty()) {
      return this;
    }
    Set<Integer> moved = more.stream().map(PlannedJob::line).collect(Collectors.toSet());
    List<PlannedJob> all = new ArrayList<>(jobs);
    all.addAll(more);
    all.sort(Comparator.comparingInt(PlannedJob::line));
    return new BatchPlan(batch, lines, all, invalid.stream().filter(line -> !moved.contains(line.number())).toList(),
        outDir, followable.stream().filter(job -> !moved.contains(job.line())).toList());
  }

  /** Whether a job needs no create any more: it has its task, or it is finished. */
  private static boolean pastItsCreate(JobStore.Entry entry) {
    return switch (entry.state()) {
      case SUBMITTED -> entry.taskId() != null;
      case COMPLETED, FAILED -> true;
      default -> false;
    };
  }

  /** The jobs that only follow the task they have, since their model refuses a create now. */
  public List<PlannedJob> followedOnly() {
    return jobs.stream().filter(PlannedJob::followOnly).toList();
  }

  /** The summed credits of the jobs whose price is known. */
  public BigDecimal knownCredits() {
    return jobs.stream()
        .map(PlannedJob::quote)
        .filter(PriceQuote::isKnown)
        .map(PriceQuote::credits)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** The same total in US dollars. */
  public BigDecimal knownUsd() {
    return jobs.stream()
        .map(PlannedJob::quote)
        .filter(PriceQuote::isKnown)
        .map(PriceQuote::usd)
        .reduce(BigDecimal.ZERO, BigDecimal::add);
  }

  /** How many jobs have no documented price. */
  public int unknownPrices() {
    return (int) jobs.stream().filter(job -> !job.quote().isKnown()).count();
  }

  /**
   * Whether the whole batch may cost more than {@code maxCredits}: its known total is over it, or
   * some price is unknown (an unknown price never fits a limit) and unknown prices are not allowed.
   *
   * @param allowUnknownPrices whether jobs of unknown price may run (counted as nothing against the limit)
   */
  public boolean exceeds(BigDecimal maxCredits, boolean allowUnknownPrices) {
    Objects.requireNonNull(maxCredits, "maxCredits == null");
    return (unknownPrices() > 0 && !allowUnknownPrices) || knownCredits().compareTo(maxCredits) > 0;
  }
}
