package dev.vidgen.cli;

import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.journal.jdbc.JournalException;
import dev.vidgen.journal.jdbc.Journals;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code vidgen batch … --adopt JOB_ID=TASK_ID}: the task a user found on the provider's dashboard
 * for a job of unknown outcome is written into the journal as that job's task, so that the run
 * follows and downloads it (nothing is created) and the job ends completed. The batch's
 * counterpart of {@code vidgen wait TASK_ID --made-by}.
 */
final class AdoptedTasks {
  static final String ALLOWED = "give --adopt JOB_ID=TASK_ID for a job the batch reports unknown, with the task"
      + " found on the provider's dashboard, such as --adopt mug-01=video_abc123";

  private AdoptedTasks() {}

  /** {@code JOB_ID=TASK_ID} pairs by job, in the order given; refuses a malformed or repeated one. */
  static Map<String, String> parse(List<String> given) {
    Map<String, String> byJob = new LinkedHashMap<>();
    Set<String> tasks = new LinkedHashSet<>();
    for (String pair : given) {
      int eq = pair.indexOf('=');
      String job = eq < 0 ? "" : pair.substring(0, eq).strip();
      String task = eq < 0 ? "" : pair.substring(eq + 1).strip();
      if (job.isEmpty() || task.isEmpty()) {
        throw CliException.usage("--adopt " + pair + " is not JOB_ID=TASK_ID", ALLOWED);
      }
      if (byJob.put(job, task) != null) {
        throw CliException.usage("--adopt names job " + job + " twice", "give one task per job");
      }
      if (!tasks.add(task)) {
        throw CliException.usage("--adopt gives task " + task + " to two jobs", "a task was made by one job only");
      }
    }
    return byJob;
  }

  /**
   * Reads each task once on the provider and, when every one exists and may be its job's, writes them into
   * the journal at {@code location} as the jobs' tasks: all or none. One refused (a job that is not in the file,
   * has another task or is not {@code unknown}, or whose task answers otherwise: another model, or, unless
   * {@code anyTime}, created long after the job's create was last sent) records none; a job that has the task
   * given already is told so and left as it is, so that the same command line may be run again.
   */
  static void adopt(VidgenClient client, BatchPlan plan, String location, Map<String, String> byJob, boolean anyTime,
      Output output) {
    adopt(client, plan, location, byJob, anyTime, "--adopt", output);
  }

  /** {@link #adopt} of tasks told with {@code toldWith} (the option or command the user named them with). */
  static void adopt(VidgenClient client, BatchPlan plan, String location, Map<String, String> byJob, boolean anyTime,
      String toldWith, Output output) {
    if (!PaidTasks.mayExist(location)) {
      throw CliException.usage("--adopt needs the batch's journal, and there is none at " + location,
          "give the --journal the batch ran with");
    }
    try (JobStore store = Journals.open(location)) {
      List<Adoption> checked = new java.util.ArrayList<>();
      for (Map.Entry<String, String> pair : byJob.entrySet()) {
        try {
          check(client, plan, store, pair.getKey(), pair.getValue(), anyTime, Journals.isShared(location), toldWith,
              output)
              .ifPresent(checked::add);
        } catch (CliException refused) {
          throw byJob.size() == 1 ? refused : new CliException(refused.exitCode(), refused.kind(),
              refused.getMessage() + " (for none of the " + byJob.size() + " --adopt options: they are recorded all"
                  + " or none)", refused.next());
        }
      }
      byJob.forEach((job, task) -> {
        if (checked.stream().noneMatch(adoption -> adoption.entry().key().equals(job))) {
          output.note("job " + job + " has task " + task + " already; nothing to adopt");
        }
      });
      List<String> recorded = new java.util.ArrayList<>();
      for (Adoption adoption : checked) {
        record(store, adoption, recorded);
        recorded.add(adoption.entry().key());
      }
      checked.forEach(adoption -> output.note(adoption.told()));
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "see docs/batch.md#journals");
    } catch (JournalException e) {
      throw new CliException(ExitCodes.OTHER, "journal", e.getMessage(), "see docs/batch.md#journals");
    }
  }

  /** A task checked to be recorded as its job's: the job's row as read, the handle to write, and what to tell. */
  private record Adoption(Entry entry, String task, JobHandle handle, boolean leftSending, String told,
      String toldWith) {}

  /**
   * Checks one {@code --adopt} and returns what to record, or empty when the job has that task already;
   * throws, with nothing written, when it is refused.
   */
  private static Optional<Adoption> check(VidgenClient client, BatchPlan plan, JobStore store, String key, String task,
      boolean anyTime, boolean shared, String toldWith, Output output) {
    String given = "--adopt " + key + "=" + task;
    Optional<PlannedJob> planned = Stream.concat(plan.jobs().stream(), plan.followable().stream())
        .filter(job -> job.key().equals(key)).findFirst();
    if (planned.isEmpty()) {
      throw CliException.usage(given + ": this jobs file has no valid line of job " + key, ALLOWED);
    }
    List<Entry> entries = store.entries(plan.batch());
    Optional<Entry> owner = entries.stream().filter(e -> task.equals(e.taskId()) && !e.key().equals(key)).findFirst();
    if (owner.isPresent()) {
      throw CliException.usage(given + ": task " + task + " is job " + owner.get().key() + "'s already, so job " + key
          + " did not make it; nothing was recorded", ALLOWED);
    }
    Entry entry = entries.stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow(() -> CliException.usage(
        given + ": job " + key + " was never sent, so it made no task; nothing was recorded", ALLOWED));
    if (task.equals(entry.taskId())) {
      return Optional.empty(); // adopted by an earlier --adopt, or found by the run: the same command runs again
    }
    // An unknown job, or one sent again after it was unknown whose new create made no task: each of its takes
    // (those earlier ones) may have made the task found.
    // A job a stopped run left being sent (its create's answer not journaled) is unknown to the next run all the same.
    boolean leftSending = entry.state() == State.SUBMITTING && entry.taskId() == null;
    if (leftSending && shared && entry.worker() != null && entry.leaseUntil() != null
        && entry.leaseUntil().isAfter(Instant.now())) {
      throw CliException.usage(given + ": job " + key + " is being sent by worker " + entry.worker() + " (its hold runs"
          + " until " + entry.leaseUntil().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "); nothing was recorded",
          "give --adopt once that run has ended, or once its hold has lapsed if it stopped");
    }
    int takes = entry.state() == State.UNKNOWN || leftSending ? entry.possibleTasks() : BatchTakes.earlierTakes(entry);
    if (takes < 1) {
      throw CliException.usage(given + ": job " + key + " is " + entry.state().id()
          + entry.task().map(t -> " (task " + t + ")").orElse("") + ", not unknown; nothing was recorded",
          "only a job of unknown outcome (or one sent again after it, left without a task, or one a stopped run left"
              + " being sent) takes a task found on the provider's dashboard; run the batch to go on");
    }
    String model = planned.get().job().model();
    String route = client.catalog().find(model).map(r -> r.id()).orElse(model);
    PriceQuote quote = entry.credits() == null ? PriceQuote.unknown(model, "not priced")
        : new PriceQuote(model, entry.credits(), PriceQuote.usdOf(entry.credits()), "its quote when it was sent");
    JobHandle handle = new JobHandle(client.provider().id(), TaskId.of(task), route, quote, entry.updatedAt(),
        entry.clientReference());
    // Read first: a task that does not exist ("not found" ends the command here) records nothing.
    TaskSnapshot seen;
    try {
      seen = client.status(handle);
    } catch (dev.vidgen.core.error.TaskNotFoundException unknown) {
      throw CliException.usage(given + ": the provider knows no task " + task + " (" + unknown.getMessage()
          + "); nothing was recorded", "copy the task id from the provider's dashboard; a task is listed there "
          + dev.vidgen.core.text.KeptResults.of(client.provider().keepsResultsFor()).figure()
              .map(figure -> "for " + figure).orElse("only while the provider keeps it"));
    }
    refuseOtherModel(client, seen, model, key, given);
    // The journal keeps when the job became unknown, after its last take went out: a task created long after that is
    // another create's (the journal keeps no time of its first take, so an earlier task is not ruled out).
    if (entry.updatedAt() != null) {
      try {
        CreateTime.ofBatchJob(key, entry.updatedAt()).check(seen.reportedCreatedAt(), task, anyTime, output);
      } catch (CliException refused) {
        throw CliException.usage(given + ": " + refused.getMessage(), refused.next());
      }
    }
    // Timed from the task's own creation, as a task claimed with --made-by is: the job's row says only when it became unknown.
    // Its other takes may each have made a task of their own: the handle keeps them told as extra tasks.
    JobHandle timed = new JobHandle(handle.providerId(), handle.taskId(), handle.model(), handle.quote(),
        seen.reportedCreatedAt().orElse(handle.submittedAt()), handle.clientReference(), takes - 1);
    String told = "job " + key + (entry.state() == State.UNKNOWN ? " is unknown no more" : leftSending
        ? ", left being sent by a stopped run, has its task" : " is without a task no more") + ": its create made task "
        + task + " (as told with " + toldWith + "), now recorded in the journal: the task will be followed and its"
        + " video saved as " + planned.get().out() + ", nothing is sent for it"
        + (takes > 1 ? "; " + Plural.count(takes - 1, "other take")
            + " may still have made " + Plural.word(takes - 1, "a task", "tasks") + " (an extra line tells "
            + Plural.word(takes - 1, "it", "them") + ")" : "");
    return Optional.of(new Adoption(entry, task, timed, leftSending, told, toldWith));
  }

  /** Writes one checked adoption; {@code recorded} names the jobs written before it, for a failure's words. */
  private static void record(JobStore store, Adoption adoption, List<String> recorded) {
    String key = adoption.entry().key();
    JobStore.Entry.Builder adopted = adoption.entry().toBuilder();
    if (adoption.leftSending()) {
      adopted.claim(null, null); // the stopped run's hold: this run's claim takes the job as any other
    }
    store.update(adopted.state(State.SUBMITTED).taskId(adoption.task()).handle(adoption.handle().encode())
        .reason("adopted", "its create arrived as task " + adoption.task() + ", as told with " + adoption.toldWith()
            + " (your word, which vidgen cannot check)")
        .updatedAt(Instant.now()).build()).orElseThrow(() -> new CliException(ExitCodes.OTHER, "journal",
            "job " + key + " changed in the journal while --adopt wrote it (another worker sent it again or"
                + " took it meanwhile); its task was not recorded" + (recorded.isEmpty() ? ", nor any other"
                    : recorded.size() == 1 ? ", that of job " + recorded.get(0) + " was"
                    : ", those of jobs " + String.join(", ", recorded) + " were"),
            "run the same command again: if the job is no longer unknown, another run has dealt with it and the"
                + " task you found is an extra, paid task that the batch's summary then tells as such"));
  }

  /** Refuses a task the provider says another model made, as {@code --made-by} does. */
  private static void refuseOtherModel(VidgenClient client, TaskSnapshot seen, String model, String key, String given) {
    Optional<String> reported = seen.reportedModel();
    if (reported.isEmpty()) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    names.add(model);
    client.catalog().find(model).ifPresent(route -> {
      names.add(route.nameFor(model));
      names.addAll(route.names());
    });
    if (names.stream().noneMatch(reported.get()::equalsIgnoreCase)) {
      throw CliException.usage(given + ": the provider says task " + seen.taskId() + " was made by model "
          + reported.get() + ", but job " + key + " was a create of " + model + ", so it did not make this task;"
          + " nothing was recorded", "look on the provider's dashboard for a task of " + model
          + " created at the time the job's reason gives, or leave out --adopt");
    }
  }
}
