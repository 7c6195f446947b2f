package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A journal that passes every call to another; tests override the calls they want to change. */
abstract class ForwardingStore implements JobStore {
  private final JobStore inner;

  ForwardingStore(JobStore inner) {
    this.inner = inner;
  }

  @Override
  public String describe() {
    return inner.describe();
  }

  @Override
  public List<Entry> enroll(String batch, List<Entry> fresh) {
    return inner.enroll(batch, fresh);
  }

  @Override
  public List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
    return inner.claim(batch, worker, limit, now, leaseUntil);
  }

  @Override
  public Optional<Entry> update(Entry entry) {
    return inner.update(entry);
  }

  @Override
  public int renew(String batch, String worker, Instant leaseUntil) {
    return inner.renew(batch, worker, leaseUntil);
  }

  @Override
  public int releaseAll(String batch, String worker) {
    return inner.releaseAll(batch, worker);
  }

  @Override
  public int resubmitUnknown(String batch, Instant now) {
    return inner.resubmitUnknown(batch, now);
  }

  @Override
  public List<Entry> entries(String batch) {
    return inner.entries(batch);
  }

  @Override
  public List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
    return inner.followFile(batch, fresh, now);
  }

  @Override
  public void close() {
    inner.close();
  }
}
