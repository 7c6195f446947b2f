package dev.vidgen.cli;

import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.JournalProviderException;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.journal.jdbc.Journals;

/**
 * Refuses a batch whose journal holds jobs another provider made than the run's (a journal made on the mock, run again
 * with a key), before the jobs file is checked against the provider or anything is sent: the command line's own
 * mistake, with {@code --provider} or another journal as the ways on.
 */
final class JournalProviderCheck {
  private JournalProviderCheck() {}

  /** Throws a usage refusal when the journal at {@code location} holds jobs of {@code batch} another provider made. */
  static void refuse(String location, String batch, String provider) {
    if (!PaidTasks.mayExist(location)) {
      return;
    }
    try (JobStore store = Journals.open(location)) {
      BatchRunner.requireProvider(store, batch, provider);
    } catch (JournalProviderException e) {
      throw refused(e);
    } catch (RuntimeException unreadable) {
      // A journal that cannot be read here is opened again by the run, which says what is wrong with it.
    }
  }

  /** The refusal as the command line's mistake (exit 2), with the ways on. */
  static CliException refused(JournalProviderException e) {
    return new CliException(ExitCodes.INVALID_JOB, "journal_provider", e.getMessage(), next(e));
  }

  private static String next(JournalProviderException refused) {
    return "to go on with that journal, run the same command with "
        + String.join(" or ", refused.journalProviders().stream().map(id -> "--provider " + id).toList())
        + "; for the run on " + refused.runProvider() + ", give it a journal and a folder of its own (another"
        + " --journal and --out-dir), so that no job of another provider is taken for one of " + refused.runProvider();
  }
}
