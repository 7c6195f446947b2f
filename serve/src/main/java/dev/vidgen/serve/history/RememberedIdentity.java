package dev.vidgen.serve.history;

import dev.vidgen.core.domain.VideoJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An identity that works out each job's value once, as it reads back from the history file, for a
 * check that looks at the same history several times: working it out previews the request, which
 * for a busy day's history is most of the check's time.
 */
final class RememberedIdentity implements Function<VideoJob, Object> {
  /** Enough for the jobs of a busy day; past it the oldest values are worked out again when asked. */
  private static final int KEPT = 50_000;

  private final Function<VideoJob, ?> identity;
  private final Map<VideoJob, Object> values = new LinkedHashMap<>(64, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<VideoJob, Object> eldest) {
      return size() > KEPT;
    }
  };

  RememberedIdentity(Function<VideoJob, ?> identity) {
    this.identity = Objects.requireNonNull(identity, "identity == null");
  }

  /** The job's value under the identity, in the form {@link TaskHistory#comparable} gives. */
  @Override
  public Object apply(VideoJob job) {
    synchronized (values) {
      Object known = values.get(job);
      if (known != null) {
        return known;
      }
    }
    // Worked out outside the lock: two threads asking for the same job at once both work it out, and agree.
    Object value = TaskHistory.comparable(identity.apply(job));
    synchronized (values) {
      values.put(job, value);
    }
    return value;
  }
}
