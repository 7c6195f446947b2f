package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.text.SafeText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Why a job a run ends without finishing was not finished by it, when none of its steps said so: another
 * worker holds it, the run stopped sending before it (a 402, a refused key, a stop asked for), or it became
 * pending after the run's last claim (another worker's {@code --retry-failed} or {@code --resubmit-unknown} put it back).
 */
final class NotReached {
  private NotReached() {}

  /**
   * The words for {@code entry}, read from the journal once {@code worker} let go of its own holds at {@code now};
   * {@code stop} is why the run stopped sending ({@code stopCause} the error that did, when one did), null when it
   * never stopped.
   */
  static String why(Entry entry, String worker, Instant now, String stop, Throwable stopCause) {
    if (entry.worker() != null && !entry.worker().equals(worker) && entry.leaseUntil() != null) {
      Instant until = entry.leaseUntil().truncatedTo(ChronoUnit.SECONDS);
      return entry.leaseUntil().isBefore(now)
          ? "held by worker " + entry.worker() + ", whose lease ended at " + until + " (it may have stopped); the next"
              + " run takes it over: run the same command again to go on"
          : "held by worker " + entry.worker() + " (lease until " + until + ", renewed while it runs), which sends or"
              + " follows it; this run ended without waiting for it (a run that leaves jobs of its own, or stops, does not wait"
              + " for other workers' jobs)";
    }
    if (entry.state() == State.PENDING && stopCause instanceof InsufficientQuotaException) {
      return "not sent: this run stopped at another job's 402 (too few credits) before sending it, so nothing was"
          + " sent or billed for it; top up the balance, then run the same command again to send it";
    }
    if (entry.state() == State.PENDING && stop != null) {
      return "not sent: this run stopped before it (" + SafeText.clip(SafeText.clean(stop), 300) + "), so nothing"
          + " was sent or billed for it; run the same command again to send it";
    }
    if (entry.state() == State.PENDING) {
      return "not sent by this run: it was put back to pending (by another worker's --retry-failed or"
          + " --resubmit-unknown) after this run's last claim; a worker running the batch sends it, or run the same"
          + " command again";
    }
    return "not reached in this run; run the same command again to go on";
  }
}
