package dev.vidgen.cli;

import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.BatchOrigin;
import dev.vidgen.serve.history.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The task history's note of a batch's create that got no answer (the journal keeps the job {@code submitting} or
 * {@code unknown}), as {@code generate} writes one of its own: named after the create's client reference (for a
 * model that takes none, after the batch's journal and the job's key), marked with the batch, and saying how the
 * batch resolves it, so that the same job sent elsewhere is held back.
 */
final class BatchCreateNote {
  private BatchCreateNote() {}

  /** The reference the note of job {@code key} is named after when its create carries none: the same in every run. */
  static String noReference(BatchOrigin origin, String key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest((origin.journal() + "\n" + origin.name() + "\n"
          + key).getBytes(StandardCharsets.UTF_8));
      return "vgbj-" + HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException never) {
      throw new IllegalStateException("SHA-256 is missing", never);
    }
  }

  /** What the note of {@code entry}'s create is named after: its client reference, else {@link #noReference}. */
  static String reference(BatchOrigin origin, Entry entry) {
    return entry.clientReference() != null ? entry.clientReference() : noReference(origin, entry.key());
  }

  /** The history's name of the note of {@code entry}'s create. */
  static String name(BatchOrigin origin, Entry entry) {
    return HistoryEntry.unansweredName(reference(origin, entry), entry.clientReference() != null);
  }

  /**
   * The note of {@code entry}'s create, sent at {@code sentAt} for {@code job} by the batch {@code origin} on {@code
   * providerId}, not yet identified ({@link RepeatCheck#identified}).
   */
  static HistoryEntry of(BatchOrigin origin, String providerId, PlannedJob job, Entry entry, Instant sentAt,
      Instant now) {
    return HistoryEntry.unanswered(reference(origin, entry), entry.clientReference() != null, providerId, job.job(),
        job.quote(), sentAt, now, words(origin, job, entry, sentAt), BatchHistory.SOURCE, entry.possibleTasks(),
        job.out().toAbsolutePath().normalize().toString()).withBatch(origin);
  }

  /** What the note says: that the create got no answer, and how the batch's journal resolves it. */
  private static String words(BatchOrigin origin, PlannedJob job, Entry entry, Instant sentAt) {
    String batch = "vidgen batch " + SafeText.clip(SafeText.clean(origin.words()), 300);
    String out = SafeText.clip(job.out().toAbsolutePath().normalize().toString(), 300);
    String key = SafeText.clip(SafeText.clean(job.key()), 100);
    if (entry.clientReference() != null) {
      return "the create of line " + job.line() + " (" + key + ") of " + batch + " got no answer (client reference "
          + entry.clientReference() + "), so a task may exist and be billed; its journal keeps the job submitting:"
          + " run the same vidgen batch command again, which looks the task up by that reference before sending"
          + " anything, follows it and saves its video as " + out;
    }
    return "the create of line " + job.line() + " (" + key + ") of " + batch + " went out at about "
        + sentAt.truncatedTo(ChronoUnit.SECONDS) + " (UTC) and got no answer, so a task may exist and be billed; "
        + entry.model() + " takes no client reference to look it up by, so its journal keeps the job unknown: look"
        + " for a task of that time on the provider's dashboard; found, run the same vidgen batch command again with"
        + " --adopt " + key + "=TASK_ID (nothing is sent, its video is saved as " + out + "); only if there is none,"
        + " run it again with --resubmit-unknown";
  }
}
