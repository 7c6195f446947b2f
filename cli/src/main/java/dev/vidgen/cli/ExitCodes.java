package dev.vidgen.cli;

/** The exit codes of every command; part of the command's contract (see docs/cli.md). */
final class ExitCodes {
  /** The command did what was asked. */
  static final int DONE = 0;
  /** Anything not listed below. */
  static final int OTHER = 1;
  /** The job (or the command line) is invalid; nothing was sent. */
  static final int INVALID_JOB = 2;
  /** The API key is missing, wrong or lacks permission. */
  static final int AUTHENTICATION = 3;
  /** Still rate limited after the retries. */
  static final int RATE_LIMITED = 4;
  /** The provider or the network failed, after the retries. */
  static final int PROVIDER_ERROR = 5;
  /** The task failed: generation failed or the content policy refused it. */
  static final int TASK_FAILED = 6;
  /** The deadline passed first; the task id is printed so that {@code vidgen wait} can go on. */
  static final int DEADLINE = 7;
  /** The job costs more than {@code --max-credits}; nothing was sent. */
  static final int OVER_BUDGET = 8;
  /** A batch ended with some job's outcome unknown: its create may or may not have reached the provider. */
  static final int UNKNOWN_OUTCOME = 9;

  private ExitCodes() {}
}
