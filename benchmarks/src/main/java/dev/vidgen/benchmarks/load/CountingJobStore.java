package dev.vidgen.benchmarks.load;

import dev.vidgen.batch.journal.JobStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link JobStore} that counts the calls made to the store it wraps: each call is one
 * transaction of the JDBC journal. Calls that may write (enroll, claim, update, renew, release,
 * resubmit, follow the file) are writes; {@code entries} is a read.
 */
final class CountingJobStore implements JobStore {
  private final JobStore store;
  private final Map<String, AtomicLong> calls = new LinkedHashMap<>();

  CountingJobStore(JobStore store) {
    this.store = store;
    for (String name : List.of("enroll", "claim", "update", "renew", "release_all", "resubmit_unknown", "follow_file",
        "entries")) {
      calls.put(name, new AtomicLong());
    }
  }

  /** Calls so far by method. */
  Map<String, Long> calls() {
    Map<String, Long> counts = new LinkedHashMap<>();
    calls.forEach((name, count) -> counts.put(name, count.get()));
    return counts;
  }

  /** Calls so far that may write. */
  long writes() {
    return calls.entrySet().stream().filter(e -> !e.getKey().equals("entries")).mapToLong(e -> e.getValue().get()).sum();
  }

  /** Starts counting again from zero. */
  void reset() {
    calls.values().forEach(count -> count.set(0));
  }

  private void count(String name) {
    calls.get(name).incrementAndGet();
  }

  @Override
  public String describe() {
    return store.describe();
  }

  @Override
  public List<Entry> enroll(String batch, List<Entry> fresh) {
    count("enroll");
    return store.enroll(batch, fresh);
  }

  @Override
  public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
    count("claim");
    return store.claim(batch, worker, limit, now, leaseUntil);
  }

  @Override
  public Optional<Entry> update(Entry entry) {
    count("update");
    return store.update(entry);
  }

  @Override
  public int renew(String batch, String worker, Instant leaseUntil) {
    count("renew");
    return store.renew(batch, worker, leaseUntil);
  }

  @Override
  public int releaseAll(String batch, String worker) {
    count("release_all");
    return store.releaseAll(batch, worker);
  }

  @Override
  public int resubmitUnknown(String batch, Instant now) {
    count("resubmit_unknown");
    return store.resubmitUnknown(batch, now);
  }

  @Override
  public List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
    count("follow_file");
    return store.followFile(batch, fresh, now);
  }

  @Override
  public List<Entry> entries(String batch) {
    count("entries");
    return store.entries(batch);
  }

  @Override
  public void close() {
    store.close();
  }
}
