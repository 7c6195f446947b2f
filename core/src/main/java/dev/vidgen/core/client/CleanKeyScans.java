package dev.vidgen.core.client;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.validation.Violation;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A job's text scanned for the provider's keys, remembering the last few job instances found clean, so that a submit
 * of a job the caller has just validated does not scan it again. Jobs are told apart by identity only: a {@link
 * VideoJob} is deeply immutable, while an equal one may spell a link differently. A job is reused only against the
 * same keys, and only while the caller still holds it; the provider's own check in its create is not affected.
 */
final class CleanKeyScans {
  /** How many clean job instances are remembered at once; a power of two. */
  static final int REMEMBERED = 32;

  /** A job found clean against {@code keys}, held weakly so that remembering it keeps nothing alive. */
  private record Clean(WeakReference<VideoJob> job, Set<ApiKey> keys) {}

  private final AtomicReferenceArray<Clean> clean = new AtomicReferenceArray<>(REMEMBERED);
  private final LongAdder scans = new LongAdder();

  /**
   * One error per place of {@code job} that holds one of the provider's keys; {@code reuse}: none, without scanning
   * it, when this very instance was found clean against the same keys before.
   */
  List<Violation> keysIn(VideoJob job, VideoProvider provider, boolean reuse) {
    Set<ApiKey> given = provider.keysJobsMayNotHold();
    if (given == null || given.isEmpty()) {
      return List.of();
    }
    if (given.stream().anyMatch(Objects::isNull)) {
      scans.increment();
      return ProviderJobChecks.keysIn(job, given); // a null key is looked for as given, never remembered
    }
    int slot = System.identityHashCode(job) & (REMEMBERED - 1);
    Clean before = clean.get(slot);
    if (reuse && before != null && before.job().get() == job && before.keys().equals(given)) {
      return List.of();
    }
    // The keys scanned for are the keys remembered, in the provider's order, should its set change meanwhile.
    List<ApiKey> keys = List.copyOf(given);
    scans.increment();
    List<Violation> found = ProviderJobChecks.keysIn(job, keys);
    if (found.isEmpty()) {
      clean.set(slot, new Clean(new WeakReference<>(job), Set.copyOf(keys)));
    }
    return found;
  }

  /** How many times a job's text was scanned for the provider's keys (what tests count). */
  long scans() {
    return scans.sum();
  }
}
