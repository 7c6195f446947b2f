package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.policy.FailureCase;
import dev.vidgen.core.policy.FailureTable;

/**
 * Names the {@link FailureCase} of any failure the client hands back, and its {@link FailureTable} row: use it
 * to decide what to do after a failed job (retry later, look the create up, fail the job, stop a run, which exit
 * code) as the batch runner and the command line do.
 */
public final class FailureCases {
  private FailureCases() {}

  /** The case of {@code failure} (unwrapped first); {@link FailureCase#INTERNAL} for anything unforeseen. */
  public static FailureCase of(Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof AmbiguousSubmitException) {
      return FailureCase.AMBIGUOUS_CREATE;
    }
    if (cause instanceof ProviderException provider) {
      return FailureCase.of(provider.kind());
    }
    if (cause instanceof DownloadFailedException unsaved && unsaved.providerFailure().isPresent()) {
      // A download whose retries ran out: its provider error's row (the command line's exit code, a batch's step).
      return FailureCase.of(unsaved.providerFailure().get().kind());
    }
    if (cause instanceof InvalidJobException) {
      return FailureCase.INVALID_JOB;
    }
    if (cause instanceof ProviderConfigurationException || cause instanceof ProviderSelectionException) {
      return FailureCase.SETTINGS;
    }
    if (cause instanceof BudgetExceededException) {
      return FailureCase.OVER_BUDGET;
    }
    if (cause instanceof TaskFailedException) {
      return FailureCase.TASK_FAILED;
    }
    if (cause instanceof DeadlineExceededException) {
      return FailureCase.DEADLINE;
    }
    if (cause instanceof ResultExpiredException) {
      return FailureCase.RESULT_EXPIRED;
    }
    if (cause instanceof ResultUnavailableException) {
      return FailureCase.RESULT_UNAVAILABLE;
    }
    if (cause instanceof ResultUnusableException) {
      return FailureCase.RESULT_UNUSABLE;
    }
    return FailureCase.INTERNAL;
  }

  /** The table's row for {@code failure}. */
  public static FailureTable.Row rowOf(Throwable failure) {
    return FailureTable.row(of(failure));
  }
}
