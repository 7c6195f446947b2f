package dev.vidgen.cli;

import dev.vidgen.core.policy.FailureTable;

/**
 * The exit codes of every command; part of the command's contract (see docs/cli.md). The numbers
 * come from core's {@link FailureTable}, which also says which failure gets which.
 */
final class ExitCodes {
  /** The command did what was asked. */
  static final int DONE = 0;
  /** Anything not listed below. */
  static final int OTHER = FailureTable.EXIT_OTHER;
  /** The job, the command line or a request the provider refused as invalid; nothing was made. */
  static final int INVALID_JOB = FailureTable.EXIT_INVALID;
  /** The API key is missing, wrong or lacks permission. */
  static final int AUTHENTICATION = FailureTable.EXIT_AUTHENTICATION;
  /** Still rate limited after the retries. */
  static final int RATE_LIMITED = FailureTable.EXIT_RATE_LIMITED;
  /** The provider or the network failed, after the retries. */
  static final int PROVIDER_ERROR = FailureTable.EXIT_PROVIDER_ERROR;
  /** The task failed: generation failed or the content policy refused it. */
  static final int TASK_FAILED = FailureTable.EXIT_TASK_FAILED;
  /** The deadline passed first; the task id is printed so that {@code vidgen wait} can go on. */
  static final int DEADLINE = FailureTable.EXIT_DEADLINE;
  /** The job costs more than {@code --max-credits}; nothing was sent. */
  static final int OVER_BUDGET = FailureTable.EXIT_OVER_BUDGET;
  /** A batch ended with some job's outcome unknown: its create may or may not have reached the provider. */
  static final int UNKNOWN_OUTCOME = 9;
  /** Stopped by Ctrl-C (SIGINT), as a shell counts it; the JVM itself ends with this code then. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}
}
