package dev.vidgen.batch.journal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The durable journal of a batch: one {@link Entry} per job, written before and after every
 * provider call, so that a crash loses no task id and no job is sent twice. Several workers may
 * share one store; each job is held by one worker at a time, under a lease that lapses when the
 * worker dies. Implementations must be safe for concurrent use; every method may block on I/O.
 */
public interface JobStore extends AutoCloseable {

  /** Where a job stands in its batch. */
  enum State {
    /** Not sent yet. */
    PENDING,
    /** A create is being sent: the task may exist (and be billed) even though no id came back. */
    SUBMITTING,
    /** The provider answered with a task id; the task is being polled or its video fetched. */
    SUBMITTED,
    /** The video is in its file. Final. */
    COMPLETED,
    /** The job ended without a video, for the reason given. Final. */
    FAILED,
    /** The create may or may not have reached the provider and there is no way to tell. Final
     * unless resubmitted on purpose. */
    UNKNOWN,
    /**
     * The job had no task yet when its line left the jobs file (or another copy of the file ran
     * without it): it is not sent, and comes back to pending if its line does. Final.
     */
    DROPPED;

    /** Whether the job needs no more work. */
    public boolean isFinal() {
      return this == COMPLETED || this == FAILED || this == UNKNOWN || this == DROPPED;
    }

    /** The lower-case name used in the journal and in JSON, such as {@code submitting}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a state from its {@link #id()}. */
    public static State of(String id) {
      return valueOf(id.trim().toUpperCase(Locale.ROOT));
    }
  }

  /**
   * One job of a batch as the journal knows it.
   *
   * @param batch the batch name
   * @param key the job's key within the batch: its {@code id}, or a digest of its content
   * @param seq the job's place in the batch (its line number), for ordering
   * @param fingerprint a digest of what the job asks for; the same key with another fingerprint
   *     means the journal belongs to another batch
   * @param model the model id
   * @param out the file the video goes to
   * @param attempts how many creates were sent (or started) for this job
   * @param clientReference the reference sent with the create, or null when the model takes none
   * @param taskId the provider's task id, once known
   * @param handle the encoded {@code JobHandle}, once known
   * @param credits the quoted price, or null when unknown
   * @param videoUrl the result URL, once the task completed
   * @param expiresAt when the result URL expires, or null
   * @param file the written file, once completed
   * @param reasonCode a stable code for why the job failed or is unknown
   * @param reason a sentence saying why, and what to do
   * @param worker the worker holding the job, or null
   * @param leaseUntil when the worker's hold lapses, or null
   * @param version incremented by every write; an update names the version it read
   * @param updatedAt when the entry was last written
   * @param possibleTasks for a job {@code unknown} after its create got no usable answer: how many of
   *     its takes may each have made a task (several when takes answered with a server error were
   *     sent again blindly, or when it was sent again after being unknown); for a job sent again with
   *     {@code --resubmit-unknown} and not unknown now, 1 plus its earlier takes that may each have made
   *     a task; 1 otherwise, and for rows written before it was kept
   */
  record Entry(
      String batch,
      String key,
      int seq,
      String fingerprint,
      String model,
      String out,
      State state,
      int attempts,
      String clientReference,
      String taskId,
      String handle,
      BigDecimal credits,
      String videoUrl,
      Instant expiresAt,
      String file,
      String reasonCode,
      String reason,
      String worker,
      Instant leaseUntil,
      long version,
      Instant updatedAt,
      int possibleTasks,
      String keyTag) {

    public Entry {
      possibleTasks = Math.max(1, possibleTasks);
      Objects.requireNonNull(batch, "batch == null");
      Objects.requireNonNull(key, "key == null");
      Objects.requireNonNull(fingerprint, "fingerprint == null");
      Objects.requireNonNull(model, "model == null");
      Objects.requireNonNull(out, "out == null");
      Objects.requireNonNull(state, "state == null");
    }

    /** An entry that keeps no API key's tag (the form before {@code keyTag} was kept). */
    public Entry(String batch, String key, int seq, String fingerprint, String model, String out, State state,
        int attempts, String clientReference, String taskId, String handle, BigDecimal credits, String videoUrl,
        Instant expiresAt, String file, String reasonCode, String reason, String worker, Instant leaseUntil,
        long version, Instant updatedAt, int possibleTasks) {
      this(batch, key, seq, fingerprint, model, out, state, attempts, clientReference, taskId, handle, credits,
          videoUrl, expiresAt, file, reasonCode, reason, worker, leaseUntil, version, updatedAt, possibleTasks, null);
    }

    /** An entry of one take (the form before {@code possibleTasks} was kept). */
    public Entry(String batch, String key, int seq, String fingerprint, String model, String out, State state,
        int attempts, String clientReference, String taskId, String handle, BigDecimal credits, String videoUrl,
        Instant expiresAt, String file, String reasonCode, String reason, String worker, Instant leaseUntil,
        long version, Instant updatedAt) {
      this(batch, key, seq, fingerprint, model, out, state, attempts, clientReference, taskId, handle, credits,
          videoUrl, expiresAt, file, reasonCode, reason, worker, leaseUntil, version, updatedAt, 1, null);
    }

    /** A job not sent yet. */
    public static Entry pending(
        String batch, String key, int seq, String fingerprint, String model, String out, BigDecimal credits,
        Instant now) {
      return new Entry(batch, key, seq, fingerprint, model, out, State.PENDING, 0, null, null, null, credits,
          null, null, null, null, null, null, null, 0, now);
    }

    /** The task id, once known. */
    public Optional<String> task() {
      return Optional.ofNullable(taskId);
    }

    /**
     * Whether the job failed before any task existed (an upload or a create refused, a local file
     * unreadable): nothing was created or charged for it, so {@code --retry-failed} may send it again.
     */
    public boolean failedWithoutTask() {
      return state == State.FAILED && taskId == null;
    }

    /**
     * Whether the job is {@code submitting} with no create on its way: every take of its create was
     * refused without making a task (a 429, say) and the next one waited out its backoff. A run that
     * finds it so (its process was killed meanwhile) sends it again; nothing was made or charged.
     */
    public boolean createWaiting() {
      return state == State.SUBMITTING && taskId == null && CREATE_WAITING.equals(reasonCode);
    }

    /** This entry with the next version. */
    Entry bumped() {
      return new Entry(batch, key, seq, fingerprint, model, out, state, attempts, clientReference, taskId, handle,
          credits, videoUrl, expiresAt, file, reasonCode, reason, worker, leaseUntil, version + 1, updatedAt,
          possibleTasks, keyTag);
    }

    /**
     * Whether its last create went out with another API key than the one tagged {@code keyTag}: false when
     * either tag is unknown. Another key may be another account's, under which this key finds no task.
     */
    public boolean sentWithAnotherKey(String keyTag) {
      return this.keyTag != null && keyTag != null && !this.keyTag.equals(keyTag);
    }

    /** This job, never sent, pending with {@code fresh}'s content (fingerprint, line, model, file, price) and the next version. */
    public Entry followedBy(Entry fresh, Instant now) {
      return new Entry(batch, key, fresh.seq(), fresh.fingerprint(), fresh.model(), fresh.out(), State.PENDING, 0,
          null, null, null, fresh.credits(), null, null, null, null, null, null, null, version + 1, now);
    }

    /** A builder starting from this entry, for the next state. */
    public Builder toBuilder() {
      return new Builder(this);
    }

    /** Makes the next version of an {@link Entry}; not thread-safe. */
    public static final class Builder {
      private final Entry base;
      private State state;
      private int attempts;
      private String clientReference;
      private String taskId;
      private String handle;
      private String videoUrl;
      private Instant expiresAt;
      private String file;
      private String reasonCode;
      private String reason;
      private String worker;
      private Instant leaseUntil;
      private Instant updatedAt;
      private int possibleTasks;
      private BigDecimal credits;
      private String keyTag;

      private Builder(Entry base) {
        this.base = base;
        state = base.state;
        attempts = base.attempts;
        clientReference = base.clientReference;
        taskId = base.taskId;
        handle = base.handle;
        videoUrl = base.videoUrl;
        expiresAt = base.expiresAt;
        file = base.file;
        reasonCode = base.reasonCode;
        reason = base.reason;
        worker = base.worker;
        leaseUntil = base.leaseUntil;
        updatedAt = base.updatedAt;
        possibleTasks = base.possibleTasks;
        credits = base.credits;
        keyTag = base.keyTag;
      }

      /** The tag of the API key the create is sent with ({@code ApiKey.tag()}), or null when there is none. */
      public Builder keyTag(String keyTag) {
        this.keyTag = keyTag;
        return this;
      }

      /** The job's price as quoted when its create is sent (null: unknown), which the batch's spend counts. */
      public Builder credits(BigDecimal credits) {
        this.credits = credits;
        return this;
      }

      /**
       * The job's next state. Leaving {@code unknown} counts one task again (see {@link #possibleTasks(int)});
       * between other states the count is kept, so that earlier takes carried into a job sent again stay told.
       */
      public Builder state(State state) {
        this.state = Objects.requireNonNull(state, "state == null");
        if (state != base.state && base.state == State.UNKNOWN) {
          possibleTasks = 1;
        }
        return this;
      }

      /** For a job {@code unknown}: how many of its create's takes may each have made a task (after {@link #state}). */
      public Builder possibleTasks(int possibleTasks) {
        this.possibleTasks = possibleTasks;
        return this;
      }

      public Builder attempts(int attempts) {
        this.attempts = attempts;
        return this;
      }

      public Builder clientReference(String clientReference) {
        this.clientReference = clientReference;
        return this;
      }

      public Builder taskId(String taskId) {
        this.taskId = taskId;
        return this;
      }

      public Builder handle(String handle) {
        this.handle = handle;
        return this;
      }

      /** The result URL and its expiry (null when not said). */
      public Builder video(String videoUrl, Instant expiresAt) {
        this.videoUrl = videoUrl;
        this.expiresAt = expiresAt;
        return this;
      }

      public Builder file(String file) {
        this.file = file;
        return this;
      }

      /** Why the job failed or is unknown; both null to clear. */
      public Builder reason(String code, String reason) {
        this.reasonCode = code;
        this.reason = reason;
        return this;
      }

      /** The holder and its lease; both null to release. */
      public Builder claim(String worker, Instant leaseUntil) {
        this.worker = worker;
        this.leaseUntil = leaseUntil;
        return this;
      }

      public Builder updatedAt(Instant updatedAt) {
        this.updatedAt = updatedAt;
        return this;
      }

      /** The new entry, still with the version it was read at (the store increments it). */
      public Entry build() {
        return new Entry(base.batch, base.key, base.seq, base.fingerprint, base.model, base.out, state, attempts,
            clientReference, taskId, handle, credits, videoUrl, expiresAt, file, reasonCode, reason, worker,
            leaseUntil, base.version, updatedAt, possibleTasks, keyTag);
      }
    }
  }

  /** The reason code of a job {@code submitting} whose create waits out a backoff, none on its way ({@link Entry#createWaiting}). */
  String CREATE_WAITING = "create_waiting";

  /**
   * The reason code of a job {@code submitted} whose task the provider answered "not found" for when it was last
   * read (another account's key made it, or the provider's listing has not caught up): the job stays open.
   */
  String TASK_NOT_FOUND = "task_not_found";

  /** Thrown by {@link #enroll} when a key is already in the journal with other content. */
  final class ConflictException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What to do instead, when the refusal knows better than the general advice; null otherwise. */
    private final String next;

    public ConflictException(String message) {
      this(message, null);
    }

    /** A refusal that says what to do ({@code next}), such as "run again with --retry-failed". */
    public ConflictException(String message, String next) {
      super(message);
      this.next = next;
    }

    /** What to do instead, when the refusal says it. */
    public java.util.Optional<String> next() {
      return java.util.Optional.ofNullable(next);
    }
  }

  /**
   * Thrown by {@link #updateWithin} when the write would take the batch's spend past its limit; nothing was written.
   */
  final class OverLimitException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** What the batch's takes may cost as the journal held them, without the refused write. */
    private final BigDecimal spent;
    private final BigDecimal limit;

    public OverLimitException(BigDecimal spent, BigDecimal limit) {
      super("the batch's budget of " + limit.toPlainString() + " credits is spent by the batch's workers: their"
          + " takes, as the journal holds them, may cost " + spent.toPlainString() + " credits");
      this.spent = spent;
      this.limit = limit;
    }

    /** The limit the write would have passed. */
    public BigDecimal limit() {
      return limit;
    }

    /** What the batch's takes may cost as the journal held them, without the refused write. */
    public BigDecimal spent() {
      return spent;
    }
  }

  /** Where the journal lives, for people (never a password). */
  String describe();

  /** The file the journal is kept in, for one kept in a single file (SQLite); empty otherwise. */
  default java.util.Optional<java.nio.file.Path> file() {
    return java.util.Optional.empty();
  }

  /**
   * What became of the journal's file since it was opened ("was deleted", "was replaced by another file"), when
   * its path no longer names the file this journal writes to: its writes then go to a file nobody can open again.
   * Empty while it still does, or for a journal kept in no single file. A cheap look (one stat), safe from any thread.
   */
  default java.util.Optional<String> fileLost() {
    return java.util.Optional.empty();
  }

  /**
   * Adds the entries whose keys the batch does not hold yet and leaves the others as they are.
   *
   * @return every entry of the batch after the call, in {@code seq} order
   * @throws ConflictException when a key is held with another fingerprint (the journal belongs
   *     to another batch, or the job changed after it was sent)
   */
  List<Entry> enroll(String batch, List<Entry> fresh);

  /**
   * Hands {@code worker} up to {@code limit} jobs that are not final and that no other worker
   * holds (or whose holder's lease ended before {@code now}), held until {@code leaseUntil}.
   * No job is handed to two workers at once. Jobs the worker already holds are not returned again.
   */
  List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil);

  /**
   * Writes {@code entry} if the stored entry still has {@code entry.version()} and {@code
   * entry.fingerprint()}; returns the stored entry (its version incremented), or empty when another
   * write came first (such as another worker claiming the job after this worker's lease ended, or
   * a run of a changed jobs file rewriting a job never sent). {@link #renew} changes no version.
   */
  Optional<Entry> update(Entry entry);

  /**
   * As {@link #update}, only when {@code spentOf}, reckoned over the batch's entries with {@code entry} in place of
   * the stored one, stays within {@code limit}: in one step that no other such write to the batch interleaves with,
   * so that workers sharing the journal cannot together pass the batch's budget.
   *
   * @throws OverLimitException when the write would pass {@code limit}; nothing is written
   */
  default Optional<Entry> updateWithin(Entry entry, BigDecimal limit, Function<List<Entry>, BigDecimal> spentOf) {
    synchronized (this) {
      List<Entry> after = new java.util.ArrayList<>(entries(entry.batch()));
      BigDecimal before = spentOf.apply(after);
      after.replaceAll(stored -> stored.key().equals(entry.key()) ? entry : stored);
      if (spentOf.apply(after).compareTo(limit) > 0) {
        throw new OverLimitException(before, limit);
      }
      return update(entry);
    }
  }

  /** Extends every hold of {@code worker} in the batch to {@code leaseUntil}; returns how many. */
  int renew(String batch, String worker, Instant leaseUntil);

  /** Lets go of every job {@code worker} holds in the batch, leaving their states; returns how many. */
  int releaseAll(String batch, String worker);

  /** Moves every {@link State#UNKNOWN} job of the batch back to {@link State#PENDING}; returns how many. */
  int resubmitUnknown(String batch, Instant now);

  /** Every entry of the batch, in {@code seq} order. */
  List<Entry> entries(String batch);

  /**
   * Makes the batch's jobs that have no task yet follow {@code fresh}, the jobs file as it is now,
   * leaving any that a worker holds under a lease running past {@code now}:
   * <ul>
   *   <li>a {@link State#PENDING} job whose key {@code fresh} lacks becomes {@link State#DROPPED};
   *   <li>a job never sent (pending or dropped, with no attempt) that {@code fresh} has with another
   *       fingerprint takes the fresh entry's content, pending;
   *   <li>a dropped job that {@code fresh} has with the same fingerprint is pending again.
   * </ul>
   * Nothing is deleted and every change raises the entry's version. Returns the entries, as they
   * were before, of the jobs dropped or given other content. The default changes nothing, so a
   * journal without it keeps refusing a file that lacks or changed such jobs.
   */
  default List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
    return List.of();
  }


  /** Closes connections; the journal stays on disk. */
  @Override
  void close();
}
