package dev.vidgen.batch.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A journal in memory: the same rules as the durable ones (claims, leases, versions) but gone
 * when the process ends. For tests, and for apps that keep no journal.
 */
public final class InMemoryJobStore implements JobStore {
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  /** An empty journal. */
  public InMemoryJobStore() {}

  @Override
  public String describe() {
    return "in-memory journal";
  }

  @Override
  public synchronized List<Entry> enroll(String batch, List<Entry> fresh) {
    for (Entry entry : fresh) {
      Entry held = entries.get(id(batch, entry.key()));
      if (held == null) {
        entries.put(id(batch, entry.key()), entry);
      } else if (!held.fingerprint().equals(entry.fingerprint())) {
        throw new ConflictException("job " + entry.key() + " (line " + entry.seq() + ") is already in the journal with"
            + " other content (line " + held.seq() + " when it was added); give the changed line a new id, or put it"
            + " back as it was");
      }
    }
    return entries(batch);
  }

  @Override
  public synchronized List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
    List<Entry> claimed = new ArrayList<>();
    for (Entry entry : entries(batch)) {
      if (claimed.size() >= limit) {
        break;
      }
      boolean free = entry.worker() == null || entry.leaseUntil() == null || entry.leaseUntil().isBefore(now);
      if (!entry.state().isFinal() && free && !worker.equals(entry.worker())) {
        Entry next = bump(entry.toBuilder().claim(worker, leaseUntil).build());
        entries.put(id(batch, entry.key()), next);
        claimed.add(next);
      }
    }
    return claimed;
  }

  @Override
  public synchronized Optional<Entry> update(Entry entry) {
    Entry held = entries.get(id(entry.batch(), entry.key()));
    if (held == null || held.version() != entry.version() || !held.fingerprint().equals(entry.fingerprint())) {
      return Optional.empty();
    }
    Entry next = bump(entry);
    entries.put(id(entry.batch(), entry.key()), next);
    return Optional.of(next);
  }

  @Override
  public synchronized int renew(String batch, String worker, Instant leaseUntil) {
    int renewed = 0;
    for (Entry entry : entries(batch)) {
      if (worker.equals(entry.worker())) {
        entries.put(id(batch, entry.key()), entry.toBuilder().claim(worker, leaseUntil).build());
        renewed++;
      }
    }
    return renewed;
  }

  @Override
  public synchronized int releaseAll(String batch, String worker) {
    int released = 0;
    for (Entry entry : entries(batch)) {
      if (worker.equals(entry.worker())) {
        entries.put(id(batch, entry.key()), bump(entry.toBuilder().claim(null, null).build()));
        released++;
      }
    }
    return released;
  }

  @Override
  public synchronized int resubmitUnknown(String batch, Instant now) {
    int moved = 0;
    for (Entry entry : entries(batch)) {
      if (entry.state() == State.UNKNOWN) {
        entries.put(id(batch, entry.key()),
            bump(entry.toBuilder().state(State.PENDING).reason(null, null).updatedAt(now).build()));
        moved++;
      }
    }
    return moved;
  }

  @Override
  public synchronized List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
    Map<String, Entry> byKey = new LinkedHashMap<>();
    fresh.forEach(entry -> byKey.put(entry.key(), entry));
    List<Entry> changed = new ArrayList<>();
    for (Entry entry : entries(batch)) {
      boolean held = entry.worker() != null && entry.leaseUntil() != null && !entry.leaseUntil().isBefore(now);
      Entry wanted = byKey.get(entry.key());
      Entry next = held ? null : FileFollowing.followed(entry, wanted, now);
      if (next != null) {
        entries.put(id(batch, entry.key()), next);
        if (next.state() == State.DROPPED || !next.fingerprint().equals(entry.fingerprint())) {
          changed.add(entry);
        }
      }
    }
    return changed;
  }

  @Override
  public synchronized List<Entry> entries(String batch) {
    return entries.values().stream()
        .filter(e -> e.batch().equals(batch))
        .sorted(Comparator.comparingInt(Entry::seq).thenComparing(Entry::key))
        .toList();
  }

  @Override
  public void close() {}

  private static Entry bump(Entry entry) {
    return new Entry(entry.batch(), entry.key(), entry.seq(), entry.fingerprint(), entry.model(), entry.out(),
        entry.state(), entry.attempts(), entry.clientReference(), entry.taskId(), entry.handle(), entry.credits(),
        entry.videoUrl(), entry.expiresAt(), entry.file(), entry.reasonCode(), entry.reason(), entry.worker(),
        entry.leaseUntil(), entry.version() + 1, entry.updatedAt(), entry.possibleTasks(), entry.keyTag());
  }

  private static String id(String batch, String key) {
    return batch + "\u0000" + key;
  }
}
