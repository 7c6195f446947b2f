package dev.vidgen.core.policy;

import static dev.vidgen.core.policy.FailureTable.CreateStep.GIVE_UP;
import static dev.vidgen.core.policy.FailureTable.CreateStep.LOOK_UP;
import static dev.vidgen.core.policy.FailureTable.CreateStep.SEND_AGAIN;
import static dev.vidgen.core.policy.FailureTable.JobStep.FAIL_JOB;
import static dev.vidgen.core.policy.FailureTable.JobStep.MARK_UNKNOWN;
import static dev.vidgen.core.policy.FailureTable.JobStep.TRY_AGAIN;
import static dev.vidgen.core.policy.FailureTable.Retry.NEVER;
import static dev.vidgen.core.policy.FailureTable.Retry.NOT_FOUND_GRACE;
import static dev.vidgen.core.policy.FailureTable.Retry.RATE_LIMIT_BACKOFF;
import static dev.vidgen.core.policy.FailureTable.Retry.SHORT_BACKOFF;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one decision table for failures: for each {@link FailureCase}, how a provider call is
 * retried, what an unanswered or refused create leads to, what a batch does with the job, whether
 * the whole batch run stops, and the command line's exit code. The client's retry loop, the batch
 * runner and the command line all read it; none of them decides on its own. See {@code
 * docs/errors.md}.
 */
public final class FailureTable {
  /** Exit code: anything not listed below. */
  public static final int EXIT_OTHER = 1;
  /** Exit code: the job, the command line or the settings are wrong; nothing was sent. */
  public static final int EXIT_INVALID = 2;
  /** Exit code: the API key is missing, wrong or lacks permission. */
  public static final int EXIT_AUTHENTICATION = 3;
  /** Exit code: still rate limited after the retries. */
  public static final int EXIT_RATE_LIMITED = 4;
  /** Exit code: the provider or the network failed, after the retries. */
  public static final int EXIT_PROVIDER_ERROR = 5;
  /** Exit code: the task failed (generation failed or the content policy refused it). */
  public static final int EXIT_TASK_FAILED = 6;
  /** Exit code: the deadline passed first; the task goes on and can be waited for. */
  public static final int EXIT_DEADLINE = 7;
  /** Exit code: the job costs more than the budget; nothing was sent. */
  public static final int EXIT_OVER_BUDGET = 8;

  /** How the client retries a provider call that failed this way. */
  public enum Retry {
    /** Never: trying the same request again cannot help. */
    NEVER,
    /** Exponential backoff with jitter, honouring {@code Retry-After} (the rate-limit budget of retries). */
    RATE_LIMIT_BACKOFF,
    /** A few short retries with backoff (the transient budget of retries). */
    SHORT_BACKOFF,
    /**
     * For a status read of a task this client created and is waiting on: retried with backoff for
     * a grace period before "not found" is believed; any other call is not retried.
     */
    NOT_FOUND_GRACE
  }

  /** What a create that failed this way leads to, once the retries are spent. */
  public enum CreateStep {
    /** The task surely was not made: the create may be sent again (within the retries). */
    SEND_AGAIN,
    /** The task may exist and be billed: look it up by client reference, else report it; never resend blindly. */
    LOOK_UP,
    /** The create was refused or cannot succeed: report it. */
    GIVE_UP
  }

  /** What a batch does with a job that failed this way. */
  public enum JobStep {
    /**
     * The job is not done and not given up: before a task exists it goes back to pending and is
     * tried again later in the run; once a task exists it stays open and is checked again (later
     * in the run or on the next one).
     */
    TRY_AGAIN,
    /**
     * A create may have made a task: the job is marked unknown and never sent again unless asked
     * to. (Before any create was sent, the same as {@link #TRY_AGAIN}.)
     */
    MARK_UNKNOWN,
    /** The job fails for good, with the reason. */
    FAIL_JOB
  }

  /**
   * One row of the table.
   *
   * @param failure the case this row is for
   * @param retry how the client retries the call
   * @param create what a create that failed this way leads to
   * @param jobBeforeTask what a batch does with the job while no task exists (upload, create)
   * @param jobOnceTask what a batch does with the job once its task exists (polling): only the
   *     task's own final answer fails it for good, never one failed call
   * @param stopsRun whether a batch stops sending new jobs (the failure concerns the account or
   *     the settings, not the job)
   * @param exitCode the command line's exit code
   */
  public record Row(
      FailureCase failure, Retry retry, CreateStep create, JobStep jobBeforeTask, JobStep jobOnceTask,
      boolean stopsRun, int exitCode) {
    /** A row as given; {@code failure}, {@code retry}, {@code create} and both job steps must not be null. */
    public Row {
      Objects.requireNonNull(failure, "failure == null");
      Objects.requireNonNull(retry, "retry == null");
      Objects.requireNonNull(create, "create == null");
      Objects.requireNonNull(jobBeforeTask, "jobBeforeTask == null");
      Objects.requireNonNull(jobOnceTask, "jobOnceTask == null");
    }
  }

  private static final Map<FailureCase, Row> ROWS = new EnumMap<>(FailureCase.class);

  static {
    // failure                       retry               create      before task   once task  stops  exit
    row(FailureCase.RATE_LIMITED,       RATE_LIMIT_BACKOFF, SEND_AGAIN, TRY_AGAIN,    TRY_AGAIN, false, EXIT_RATE_LIMITED);
    row(FailureCase.UNAVAILABLE,        SHORT_BACKOFF,      SEND_AGAIN, TRY_AGAIN,    TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.SERVER_ERROR,       SHORT_BACKOFF,      SEND_AGAIN, TRY_AGAIN,    TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.CONNECT_FAILED,     SHORT_BACKOFF,      SEND_AGAIN, TRY_AGAIN,    TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.NO_RESPONSE,        SHORT_BACKOFF,      LOOK_UP,    MARK_UNKNOWN, TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.AUTHENTICATION,     NEVER,              GIVE_UP,    TRY_AGAIN,    TRY_AGAIN, true,  EXIT_AUTHENTICATION);
    row(FailureCase.INSUFFICIENT_QUOTA, NEVER,              GIVE_UP,    TRY_AGAIN,    TRY_AGAIN, true,  EXIT_OVER_BUDGET);
    row(FailureCase.CONTENT_POLICY,     NEVER,              GIVE_UP,    FAIL_JOB,     FAIL_JOB,  false, EXIT_TASK_FAILED);
    row(FailureCase.REJECTED,           NEVER,              GIVE_UP,    FAIL_JOB,     TRY_AGAIN, false, EXIT_INVALID);
    row(FailureCase.NOT_FOUND,          NOT_FOUND_GRACE,    GIVE_UP,    FAIL_JOB,     TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.AMBIGUOUS_CREATE,   NEVER,              LOOK_UP,    MARK_UNKNOWN, TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    row(FailureCase.INVALID_JOB,        NEVER,              GIVE_UP,    FAIL_JOB,     FAIL_JOB,  false, EXIT_INVALID);
    row(FailureCase.SETTINGS,           NEVER,              GIVE_UP,    TRY_AGAIN,    TRY_AGAIN, true,  EXIT_INVALID);
    row(FailureCase.OVER_BUDGET,        NEVER,              GIVE_UP,    TRY_AGAIN,    TRY_AGAIN, true,  EXIT_OVER_BUDGET);
    row(FailureCase.TASK_FAILED,        NEVER,              GIVE_UP,    FAIL_JOB,     FAIL_JOB,  false, EXIT_TASK_FAILED);
    row(FailureCase.DEADLINE,           NEVER,              GIVE_UP,    TRY_AGAIN,    TRY_AGAIN, false, EXIT_DEADLINE);
    row(FailureCase.RESULT_EXPIRED,     NEVER,              GIVE_UP,    FAIL_JOB,     FAIL_JOB,  false, EXIT_OTHER);
    row(FailureCase.RESULT_UNAVAILABLE, NEVER,              GIVE_UP,    FAIL_JOB,     TRY_AGAIN, false, EXIT_PROVIDER_ERROR);
    // The task's own final answer: reading it again gives the same link.
    row(FailureCase.RESULT_UNUSABLE,    NEVER,              GIVE_UP,    FAIL_JOB,     FAIL_JOB,  false, EXIT_PROVIDER_ERROR);
    // Something unexpected during a create may have happened after it was sent.
    row(FailureCase.INTERNAL,           NEVER,              GIVE_UP,    MARK_UNKNOWN, TRY_AGAIN, false, EXIT_OTHER);
  }

  private FailureTable() {}

  private static void row(
      FailureCase failure, Retry retry, CreateStep create, JobStep before, JobStep once, boolean stopsRun, int exit) {
    ROWS.put(failure, new Row(failure, retry, create, before, once, stopsRun, exit));
  }

  /** The row for {@code failure}; every case has one. */
  public static Row row(FailureCase failure) {
    return ROWS.get(Objects.requireNonNull(failure, "failure == null"));
  }

  /** The row for a provider call that failed with {@code kind}. */
  public static Row row(FailureKind kind) {
    return row(FailureCase.of(kind));
  }

  /** Every row, in the order of {@link FailureCase}. */
  public static List<Row> rows() {
    return List.copyOf(ROWS.values());
  }
}
