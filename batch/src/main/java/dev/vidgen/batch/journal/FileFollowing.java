package dev.vidgen.batch.journal;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.time.Instant;

/** The rules of {@link JobStore#followFile} for one entry, for the journals kept in memory. */
final class FileFollowing {
  private FileFollowing() {}

  /**
   * What {@link JobStore#followFile} makes of one free entry, given the file's entry for its key ({@code
   * wanted}, null when the file lacks it): the next entry, or null to leave it as it is.
   */
  static Entry followed(Entry entry, Entry wanted, Instant now) {
    boolean pending = entry.state() == State.PENDING;
    boolean dropped = entry.state() == State.DROPPED;
    if (wanted == null) {
      return pending ? entry.toBuilder().state(State.DROPPED).claim(null, null).updatedAt(now).build().bumped() : null;
    }
    if (!pending && !dropped) {
      return null;
    }
    if (!wanted.fingerprint().equals(entry.fingerprint())) {
      return entry.attempts() == 0 ? entry.followedBy(wanted, now) : null;
    }
    return dropped ? entry.toBuilder().state(State.PENDING).updatedAt(now).build().bumped() : null;
  }
}
