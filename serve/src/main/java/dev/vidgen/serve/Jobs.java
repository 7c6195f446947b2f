package dev.vidgen.serve;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.RetriableProviderException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.files.FileSizeLimit;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.Plural;
import dev.vidgen.serve.history.CountedOn;
import dev.vidgen.serve.history.ExpiredLinks;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.InputDigests;
import dev.vidgen.serve.history.ReplacedVideos;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.SavesElsewhere;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.serve.history.UnusableResults;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The playground's tasks: submits them, follows each until its video is saved in the output
 * folder or it fails, keeps the history up to date and tells the page about every change. Tasks
 * the history shows as still running are followed again when the server starts, and its finished
 * tasks teach the client how long each route takes.
 */
final class Jobs {
  /** How long a task is waited for, counted from its submission. */
  static final Duration DEADLINE = Duration.ofHours(2);
  /**
   * How long after the provider or the network failed past the client's retries the task is
   * followed again: a playground runs for hours, so an outage of minutes must not end a follow.
   */
  static final Duration FOLLOW_AGAIN_AFTER = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);
  /** The mock provider's id: its tasks cost nothing. */
  private static final String MOCK = "mock";
  /**
   * The bytes of the jobs' local images, read once per file: the page's uploads are kept under names
   * made from their bytes, so a file read here never changes. The history keeps them with each job, so
   * that the same job from {@code vidgen generate} (a file anywhere) and from here (an upload) is one job.
   */
  private final InputDigests digests = InputDigests.reading();
  /** The tag of the key the provider is called with, kept in each entry this makes; null when none. */
  private final String keyTag;

  private final VidgenClient client;
  private final TaskHistory history;
  private final Path videos;
  private volatile SaveTargets.FreeSpace freeSpace = SaveTargets.FreeSpace.OF_FILE_STORE;
  /** The last save into {@link #videos} that a video as large meets again, until one there succeeds. */
  private final FailingSaves failingSaves;
  private final Clock clock;
  private final Consumer<Map<String, Object>> publish;
  private final Map<String, Live> live = new ConcurrentHashMap<>();
  private final Duration followAgainAfter;
  /** The options every command printed for the user ends with, quoted for a shell, each after a space. */
  private final String commandTail;
  /** The base URL those options name ({@code --base-url}), kept in each entry this makes; null when none. */
  private final String baseUrl;
  /** The follows waiting out a pause after an outage, by task id; cancelled on {@link #close}. */
  private final Map<String, CompletableFuture<Void>> paused = new ConcurrentHashMap<>();
  private volatile boolean closed;
  /** What the clients tell that the page shows: retries, unreadable balances and model lists, blind resends. */
  private final dev.vidgen.core.client.VidgenListener clientEvents;
  /** Removes that listener from each client it was added to, on {@link #close}. */
  private final List<Runnable> stopListening = new java.util.concurrent.CopyOnWriteArrayList<>();
  /**
   * For each submit on its way, by the reference it was given: how many of its creates were sent again
   * after a server error, each earlier take perhaps a paid task of its own that cannot be looked up.
   */
  private final Map<String, java.util.concurrent.atomic.AtomicInteger> resent = new ConcurrentHashMap<>();
  /**
   * How many takes of a create that ended ambiguous were sent again blindly after a server error, by
   * its failure (weakly: the page reads it once); absent when none was.
   */
  private final Map<Throwable, Integer> resentBeforeUnanswered =
      java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());
  /** What the page is told about a task whose create was sent again after a server error, by task id. */
  private final Map<String, String> resentNotes = new ConcurrentHashMap<>();
  /** Why the balance could not be read before the create of a task, by task id: told with its Generate's answer. */
  private final Map<String, String> uncheckedBalances = new ConcurrentHashMap<>();
  /** The client's warnings that it could not read the balance it checks a create against. */
  private final Tally balanceUnread = new Tally();
  /** The client's warnings that it could not read the live model list, so that a model went unchecked. */
  private final Tally liveListUnread = new Tally();
  /** Why a followed task's status is being read again (a 429, a 5xx), by task id, until the next reading. */
  private final Map<String, String> notices = new ConcurrentHashMap<>();
  /** Why the history could not be written the last time it was not. */
  private volatile String lastRecordProblem = "it could not be written";
  /** The last failure to write the history, whose cause the answer of a Generate not sent names; null before one. */
  private volatile RuntimeException lastRecordFailure;
  /** The tasks whose latest state the history could not record (a full disk): the stop names them. */
  private final java.util.Set<String> unrecorded = ConcurrentHashMap.newKeySet();
  /** The notes of the creates this playground has on their way (no answer yet), by name: a create's retry is told on them. */
  private final Map<String, HistoryEntry> notesOnTheirWay = new ConcurrentHashMap<>();
  /** The notes of those whose create was answered, before a retry, in a way that may have made a task (a 500). */
  private final java.util.Set<String> mayHaveMade = ConcurrentHashMap.newKeySet();
  /** How long {@link #close} waits for the answers of creates already on their way. */
  static final Duration ANSWER_WAIT = Duration.ofSeconds(8);
  /** The stop of each submit not yet ended, completed by {@link #close} so that no more creates leave. */
  private final java.util.Set<CompletableFuture<Void>> stops = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The submits not yet ended (uploads, create, history), which {@link #close} waits for and answers. */
  private final java.util.Set<OnItsWay> submitting = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /**
   * The jobs whose create this playground has on its way now (no answer yet), each by what makes it the
   * same job ({@link #sameJobKey}), to the reference of its submit: an identical Generate meanwhile is refused.
   */
  private final Map<String, String> sendingJobs = new ConcurrentHashMap<>();
  /** What makes two jobs the same job, as the same-job check of {@code POST /api/check} compares them. */
  private final java.util.function.Function<VideoJob, Object> identity;
  /** The history names of the notes whose create is still on its way from this playground (no answer yet). */
  private final java.util.Set<String> sending = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** The videos being saved now, by task id, which {@link #close} abandons. */
  private final Map<String, Saving> saving = new ConcurrentHashMap<>();
  /** What {@link #close} says of each video it abandoned: the task completed, and how to save it. */
  private final List<String> abandoned = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The local images of the jobs, uploaded once per content while the upload is fresh. */
  private final ImageUploads images;
  /** The look-ups of the history's notes of creates that got no answer, by their client reference. */
  private final NoteLookups notes;
  /** What advice names of the provider: its key variable, its addresses. */
  private final ProviderTerms terms;
  /** When this playground started: a note of one of its own creates sent before then was left by one that stopped. */
  private final Instant startedAt;

  /**
   * What {@code charge} says of a failed task, as {@code vidgen history --json} does (whether the
   * provider charges a failed task is not documented), and of a create that got no answer (it may
   * have made no task, or a billed one): its quote is not what was spent.
   */
  static final String UNKNOWN_CHARGE = "unknown";

  /**
   * A task being followed: its entry, its progress, and, when following it stopped short of its
   * own verdict, what went wrong ({@code problem}) and what to do ({@code next}).
   */
  /**
   * A submit not yet ended: the answer its caller waits for, and the name of the history note that
   * stands for it meanwhile ({@code unanswered-vg-…}), with whether its create carries that reference.
   */
  private record OnItsWay(CompletableFuture<HistoryEntry> answer, String note, boolean referenceSent) {}

  /** A completed task's video being saved to {@code target}. */
  private record Saving(JobHandle handle, boolean fromItsStart, Path target, CompletableFuture<Path> download) {}

  record Live(HistoryEntry entry, Integer progress, String next, String problem) {
    Live(HistoryEntry entry, Integer progress, String next) {
      this(entry, progress, next, null);
    }
  }

  Jobs(VidgenClient client, TaskHistory history, Path videos, Clock clock, Consumer<Map<String, Object>> publish) {
    this(client, history, videos, clock, publish, FOLLOW_AGAIN_AFTER, List.of());
  }

  /**
   * @param commandOptions what a command printed for the user repeats to reach the same provider and
   *     server (such as {@code --provider toapis --base-url …})
   */
  Jobs(VidgenClient client, TaskHistory history, Path videos, Clock clock, Consumer<Map<String, Object>> publish,
      Duration followAgainAfter, List<String> commandOptions) {
    this(client, history, videos, clock, publish, followAgainAfter, commandOptions,
        ProviderTerms.of(client.provider()), null);
  }

  /**
   * As above, with advice naming {@code terms}' key variable and addresses, and the history's entries
   * marked with {@code keyTag}, the {@link dev.vidgen.core.port.ApiKey#tag() tag} of the provider's key
   * (null: none).
   */
  Jobs(VidgenClient client, TaskHistory history, Path videos, Clock clock, Consumer<Map<String, Object>> publish,
      Duration followAgainAfter, List<String> commandOptions, ProviderTerms terms, String keyTag) {
    this.keyTag = keyTag;
    this.terms = Objects.requireNonNull(terms, "terms == null");
    this.client = Objects.requireNonNull(client, "client == null");
    this.history = Objects.requireNonNull(history, "history == null");
    this.videos = videos.toAbsolutePath().normalize();
    this.failingSaves = new FailingSaves(this.videos, FileSizeLimit::ofThisProcess);
    this.clock = Objects.requireNonNull(clock, "clock == null");
    this.startedAt = clock.instant();
    this.publish = Objects.requireNonNull(publish, "publish == null");
    if (followAgainAfter == null || followAgainAfter.isNegative() || followAgainAfter.isZero()) {
      throw new IllegalArgumentException("followAgainAfter must be positive: " + followAgainAfter);
    }
    this.followAgainAfter = followAgainAfter;
    this.images = new ImageUploads(client, clock);
    this.identity = dev.vidgen.serve.history.JobIdentity.asSent(client);
    this.commandTail = commandOptions.stream().map(word -> " " + Commands.word(word)).collect(Collectors.joining());
    int baseUrlAt = commandOptions.indexOf("--base-url");
    this.baseUrl = baseUrlAt >= 0 && baseUrlAt + 1 < commandOptions.size() ? commandOptions.get(baseUrlAt + 1) : null;
    this.clientEvents = new dev.vidgen.core.client.VidgenListener() {
      @Override
      public void onRetry(JobHandle handle, dev.vidgen.core.policy.Operation operation,
          dev.vidgen.core.error.ProviderException failure, int attempt, Duration delay) {
        if (handle != null && operation == dev.vidgen.core.policy.Operation.READ) {
          retrying(handle.taskId().value(), failure, delay);
        }
      }

      @Override
      public void onCreateRetry(String submitReference, dev.vidgen.core.error.ProviderException failure, int attempt,
          Duration delay, boolean lookUpFirst) {
        if (submitReference != null) {
          createRetrying(submitReference, failure, delay, lookUpFirst);
        }
      }

      @Override
      public void onWarning(String code, String message) {
        if ("balance.unreadable".equals(code)) {
          balanceUnread.add(message);
        } else if ("live_models.unreadable".equals(code)) {
          liveListUnread.add(message);
        }
      }

      @Override
      public void onResentBlind(String model, PriceQuote take, String submitReference) {
        java.util.concurrent.atomic.AtomicInteger takes = submitReference == null ? null : resent.get(submitReference);
        if (takes != null) {
          takes.incrementAndGet();
        }
      }
    };
    listenTo(client);
    this.notes = new NoteLookups(client, history, baseUrl, clock, this::isSending, (handle, entry) -> {
      if (!closed && !live.containsKey(handle.taskId().value())) {
        follow(handle, entry, false);
      }
    }, note -> publish.accept(view(note)));
    settleAbandoned(); // before the notes are looked up: one whose run sent nothing needs no look-up
    try {
      history.seed(client.routeDurations(), client.provider().id());
    } catch (UncheckedIOException e) {
      LOG.warn("could not learn task durations from the history: {}", e.getMessage());
    }
  }

  /** Hears {@code other}'s events as the first client's, for the jobs sent with it (a client on changed route files). */
  void listenTo(VidgenClient other) {
    stopListening.add(other.addListener(clientEvents));
  }

  /**
   * Closes the history's notes of submits whose runs (a playground, a {@code vidgen generate}) ended
   * before their creates went out, killed during their uploads, say: nothing was sent for them, so they
   * hold no job back ({@link RunMarker}). A history that cannot be read or written is left as it is.
   */
  void settleAbandoned() {
    try {
      RunMarker.settleAbandoned(history, clock.instant());
    } catch (RuntimeException unreadable) {
      LOG.debug("could not close the notes of runs that sent nothing: {}", unreadable.getMessage());
    }
  }

  /**
   * The history's note of this same job whose create another process (a {@code vidgen generate}, a
   * second playground) sent moments ago and may still be waiting for: sending it again could pay twice.
   */
  private Optional<HistoryEntry> sentElsewhere(VideoJob job) {
    Instant now = clock.instant();
    try {
      // Any such note, not only the newest entry: a take answered since does not end an earlier create's way. Looked
      // for over the day: a run still in its uploads (its marker held) may have begun long before, and has yet to send.
      return history.sameJob(client.provider().id(), job, now.minus(TaskHistory.SAME_JOB_WINDOW), identity,
          entry -> onThisServer(entry) && !isSending(entry) && mayStillBeAnswered(entry, now), digests);
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // an unreadable history holds nothing back, as the check's note does
    }
  }

  /**
   * Uploads, creates and starts following the job; completes once the provider gave the task an id.
   * Before anything is sent the job goes to the history as {@code unknown}, so that a playground
   * stopped (or killed) while the create is on its way still leaves a trace that the same job warns
   * about; the answer closes that note.
   */
  CompletableFuture<HistoryEntry> submit(VideoJob job) {
    return submit(job, false);
  }

  /**
   * As {@link #submit(VideoJob)}; unless {@code again}, a job the history holds a take of from the
   * last day (not failed, its create answered or not) is refused with 409 {@code same_job} naming it and the price, nothing
   * sent, as {@code vidgen generate} asks before it pays for another take.
   */
  CompletableFuture<HistoryEntry> submit(VideoJob job, boolean again) {
    return submit(job, again, null);
  }

  /**
   * As {@link #submit(VideoJob, boolean)}; {@code againAfter}, with {@code again}, names the take the
   * confirmation was asked about, so that a take of the same job made after it (in another tab,
   * meanwhile) is refused with 409 {@code same_job} naming that newer take, nothing sent; so is one
   * naming a take of another job, or no take the history holds. Null confirms whatever take the history holds.
   */
  CompletableFuture<HistoryEntry> submit(VideoJob job, boolean again, String againAfter) {
    return submit(job, again, againAfter, client);
  }

  /**
   * As {@link #submit(VideoJob, boolean, String)}, priced, checked and created by {@code sendWith}: a client on
   * the route files as they are now ({@link RouteFollower}); the task is followed and saved as every other.
   */
  CompletableFuture<HistoryEntry> submit(VideoJob job, boolean again, String againAfter, VidgenClient sendWith) {
    Objects.requireNonNull(sendWith, "sendWith == null");
    if (closed) {
      // Stopping: refused before the note, the checks and the uploads, so nothing is read, sent or kept for it.
      return CompletableFuture.failedFuture(new dev.vidgen.core.client.SubmitNotSentException(
          "the playground is stopping; nothing was sent"));
    }
    Optional<String> noRoom = videosFolderProblem();
    if (noRoom.isPresent()) {
      // A video that could never be saved here is not paid for: refused before the note, the checks and the uploads.
      return CompletableFuture.failedFuture(new GenerateFailure(503, "videos_unwritable", false,
          "the playground cannot save videos in " + videos + ": the folder " + noRoom.get() + ", so this Generate was"
              + " not sent; nothing was created or billed", SaveTargets.lacksRoom(noRoom.get())
              ? "free space on that disk, then generate again; or start vidgen serve with --out on a disk with room"
              : "make " + videos + " a folder this user may write, or start vidgen serve with --out a folder it may"
              + " write, then generate again"));
    }
    String reference = "vg-" + UUID.randomUUID();
    String sameJob = sameJobKey(job);
    if (sendingJobs.putIfAbsent(sameJob, reference) != null) {
      // Decided at once for racing twins (a double click, two tabs): only the first one is sent.
      return CompletableFuture.failedFuture(new GenerateFailure(409, "same_job_sending", false,
          "the same job is being sent now: its create is on its way and has no answer yet, so this Generate was"
              + " not sent (nothing was created or billed for it)",
          "wait for the answer of the Generate already sent; after it, generating again makes another take, paid"
              + " again"));
    }
    // Checked and noted as one step under the history's lock, which vidgen generate takes too: of this Generate and a
    // run of the same job in another process started together, the second finds the first's note, nothing sent.
    java.util.concurrent.atomic.AtomicBoolean locked = new java.util.concurrent.atomic.AtomicBoolean();
    try {
      return history.changing(() -> {
        locked.set(true);
        return checkedAndSent(job, again, againAfter, reference, sameJob, sendWith);
      });
    } catch (java.io.UncheckedIOException unlockable) {
      if (locked.get()) {
        throw unlockable;
      }
      sendingJobs.remove(sameJob, reference);
      return CompletableFuture.failedFuture(new GenerateFailure(503, "history_unwritable", false,
          "the playground could not lock its task history (" + unlockable.getMessage() + "), so this Generate was"
              + " not sent: a run of the same job in another process could not be noticed, and both would pay;"
              + " nothing was created or billed", WriteTrouble.fix(unlockable, "another VIDGEN_HOME")
              .map(fix -> fix + " (the lock file " + history.file() + ".lock is made there), then generate again")
              .orElse("generate again in a while; if this lasts, stop the vidgen process that holds " + history.file()
                  + ".lock")));
    }
  }

  /** {@link #submit}'s checks against the history and, when they pass, the send, under the history's lock. */
  private CompletableFuture<HistoryEntry> checkedAndSent(VideoJob job, boolean again, String againAfter,
      String reference, String sameJob, VidgenClient sendWith) {
    settleAbandoned();
    Optional<HistoryEntry> elsewhere = sentElsewhere(job);
    if (elsewhere.isPresent()) {
      sendingJobs.remove(sameJob, reference);
      // A reservation is a submit still in its checks or uploads: its create may not have left yet.
      boolean started = elsewhere.get().isReservation();
      String said = started ? "the same job was started " + ago(elsewhere.get().submittedAt()) + " by vidgen "
          + elsewhere.get().source()
          + " (another process), whose uploads or create are still on their way"
          : "the same job's create went out " + ago(elsewhere.get().submittedAt()) + " from vidgen "
              + elsewhere.get().source()
              + " (another process) and has no answer yet";
      String next = started ? "wait for that run to end; should it stop before its create is sent, generating again"
          + " here sends the job, and after, the note above Generate says what to check first"
          : "wait for that create's answer (up to about " + HistoryEntry.CREATE_MAY_STILL_ANSWER.toMinutes()
              + " minutes from when it went out); if its process stopped, none comes, and the note above Generate"
              + " then says what to check before generating again";
      return CompletableFuture.failedFuture(new GenerateFailure(409, "same_job_sending", false,
          said + ", so this Generate was not sent (nothing was created or billed for it)", next));
    }
    Optional<HistoryEntry> earlier = again && againAfter == null ? Optional.empty()
        : earlierTake(job).filter(newest -> !again || madeAfter(newest, againAfter, job));
    if (earlier.isPresent()) {
      sendingJobs.remove(sameJob, reference);
      return CompletableFuture.failedFuture(sameJobAgain(job, earlier.get(), again ? againAfter : null,
          sendWith));
    }
    try {
      return send(job, reference, sameJob, sendWith);
    } catch (RuntimeException unexpected) {
      sendingJobs.remove(sameJob, reference); // never sent: it holds no twin back
      throw unexpected;
    }
  }

  /**
   * Why no video can be saved in the videos folder now, in words that follow "the folder": it takes no new file, or
   * its disk has no room for one; empty when it can (the folder made again when it went missing).
   */
  Optional<String> videosFolderProblem() {
    try {
      Files.createDirectories(videos);
    } catch (IOException | RuntimeException unmade) {
      return Optional.of("cannot be made (" + unmade.getMessage() + ")");
    }
    return SaveTargets.whyNoVideoFits(videos, freeSpace);
  }

  /**
   * What a check and a Generate warn of about saving in the videos folder: the last save there failed in a way a video
   * as large meets again (a file-size limit), or the file-size limit is below the largest video; empty when neither.
   */
  Optional<String> savesWarning() {
    return failingSaves.warning();
  }

  /** Reads the videos folder's free space with {@code space}: the file store's figure unless a test tells a full disk. */
  void freeSpace(SaveTargets.FreeSpace space) {
    this.freeSpace = Objects.requireNonNull(space, "space == null");
  }

  /** The newest take of this same job the history holds from the last day, not failed, if there is one. */
  private Optional<HistoryEntry> earlierTake(VideoJob job) {
    try {
      return history.sameJob(client.provider().id(), job, clock.instant().minus(TaskHistory.SAME_JOB_WINDOW),
          identity, this::onThisServer, digests);
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // an unreadable history holds nothing back, as the check's note does
    }
  }

  /**
   * Whether {@code newest}, the newest take of {@code job}, is not the take {@code confirmed} names and was
   * made after it; a name the history does not hold, or holds for another job, confirms nothing.
   */
  private boolean madeAfter(HistoryEntry newest, String confirmed, VideoJob job) {
    if (newest.taskId().equals(confirmed)) {
      return false;
    }
    try {
      // A note found later as its own task keeps its create's time: the task is the take that was confirmed.
      // The take of this server: one of the same id another server gave out is another job's.
      return history.find(client.provider().id(), baseUrl, confirmed).or(() -> history.note(confirmed))
          .filter(named -> history.isTakeOf(named, job, identity)) // a take of another job says nothing of this one
          .map(named -> newest.submittedAt().isAfter(named.submittedAt())).orElse(true);
    } catch (RuntimeException unreadable) {
      return true; // not known to be the take confirmed: asked again, nothing sent
    }
  }

  /**
   * The refusal of {@code job} sent again without {@code again}, or confirmed after take {@code
   * confirmed} (null: none) when {@code earlier} was made since: the earlier take, when, and what
   * another costs.
   */
  private GenerateFailure sameJobAgain(VideoJob job, HistoryEntry earlier, String confirmed, VidgenClient sendWith) {
    PriceQuote quote = quoteOrNull(job, sendWith);
    String price = quote != null && quote.isKnown()
        ? quote.credits().toPlainString() + " credits ($" + quote.usd().setScale(Math.max(2, quote.usd().scale()),
            java.math.RoundingMode.UNNECESSARY).toPlainString() + ")"
        : "its price (not known beforehand)";
    boolean unanswered = earlier.status().equals(HistoryEntry.UNKNOWN);
    // A task whose own line cannot be read stands in as "queued", the note's guess, not where it stands.
    Optional<String> readFromNote = TasksReadFromNotes.in(history).noteOf(earlier);
    Map<String, Object> same = new LinkedHashMap<>();
    same.put("task_id", earlier.taskId());
    same.put("status", readFromNote.isPresent() ? TasksReadFromNotes.STATUS : earlier.status());
    same.put("submitted_at", earlier.submittedAt().toString());
    readFromNote.ifPresent(note -> same.put("read_from_note", note));
    Map<String, Object> beside = new LinkedHashMap<>();
    beside.put("same_job", same);
    if (quote != null) {
      Map<String, Object> priced = new LinkedHashMap<>();
      priced.put("known", quote.isKnown());
      priced.put("credits", dev.vidgen.core.json.PriceJson.amount(quote.credits()));
      priced.put("usd", dev.vidgen.core.json.PriceJson.amount(quote.usd()));
      beside.put("quote", priced);
    }
    String since = confirmed == null ? "" : "the take confirmed (" + dev.vidgen.core.text.SafeText.clip(confirmed, 80)
        + ") is not this job's newest: ";
    return new GenerateFailure(409, "same_job", false, since + "this exact job was generated " + ago(earlier.submittedAt())
        + " (" + (unanswered ? "its create got no usable answer, so it may exist and be billed: " + earlier.taskId()
            : readFromNote.isPresent() ? TasksReadFromNotes.said(earlier, readFromNote.get())
            : "task " + earlier.taskId() + ", " + earlier.status().replace('_', ' ')) + ")"
        + (recordedOnThisServer(earlier) ? "" : "; that take was " + earlier.serverNotRecordedBy() + ", so it"
            + " counts as a take on any server, this one too") + takeElsewhere(job)
        + "; generating it again makes another take" + (chargesNothing() ? " (the mock provider charges nothing; a real one would charge " + price
            + " again)" : " and pays " + price + " again") + ", so it was not sent (nothing was created or billed for it)",
        "to " + (chargesNothing() ? "make" : "pay for") + " another take, send the same job again with \"again\": true and \"again_after\": the task_id"
            + " named here (the page asks first)", beside);
  }

  /**
   * The clause naming a take of {@code job} the history holds from the last day on another server than this
   * playground's, which the same-job check does not count; empty without one (or when the history cannot be read).
   */
  private String takeElsewhere(VideoJob job) {
    Optional<HistoryEntry> elsewhere;
    try {
      elsewhere = history.sameJob(client.provider().id(), job, clock.instant().minus(TaskHistory.SAME_JOB_WINDOW),
          identity, entry -> !onThisServer(entry), digests);
    } catch (RuntimeException unreadable) {
      return "";
    }
    return elsewhere.map(entry -> "; a take of this job on " + (entry.baseUrl() == null || entry.baseUrl().isBlank()
        ? "the provider's own address" : dev.vidgen.core.text.SafeText.clip(
            dev.vidgen.core.text.SafeText.clean(entry.baseUrl()), 200)) + " is not counted here").orElse("");
  }

  /**
   * {@code made}, made from {@code job}, with what its local inputs hold, the tag of the key it is made with, and
   * where its video goes and the server it is made on, so that {@code vidgen history} advises saving it there from there.
   */
  private HistoryEntry identified(HistoryEntry made, VideoJob job) {
    HistoryEntry entry = made.withOut(videos + java.io.File.separator).withBaseUrl(baseUrl);
    return digests.recorded(keyTag == null ? entry : entry.withKeyTag(keyTag), job);
  }

  /** What the jobs' local images hold, as the history keeps it with each job. */
  InputDigests digests() {
    return digests;
  }

  /** Whether the provider is the mock, which makes tasks without charging for them. */
  private boolean chargesNothing() {
    return MOCK.equals(client.provider().id());
  }

  /** How long ago {@code at} was, in words: "just now", "40 s ago", "2 min ago", "3 h ago". */
  private String ago(Instant at) {
    long seconds = Math.max(0, Duration.between(at, clock.instant()).toSeconds());
    return seconds < 10 ? "just now" : seconds < 60 ? seconds + " s ago" : seconds < 90 * 60 ? seconds / 60 + " min ago"
        : Math.round(seconds / 3600.0) + " h ago";
  }

  /** {@link #submit} of {@code job}, under {@code reference}, once it is the only one of its {@code sameJob} kind on its way. */
  private CompletableFuture<HistoryEntry> send(VideoJob job, String reference, String sameJob,
      VidgenClient sendWith) {
    Instant sentAt = clock.instant();
    boolean referenceSent = sendWith.catalog().find(job.model()).map(sendWith.provider()::takesClientReference)
        .orElse(false);
    PriceQuote quote = quoteOrNull(job, sendWith);
    String lookUp = (referenceSent ? "look the task up with vidgen status " + Commands.word(
        HistoryEntry.UNANSWERED_PREFIX + reference) + commandTail + " (or on the provider's dashboard)"
        : "check the provider's dashboard") + " before you generate this job again";
    String at = sentAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (UTC)";
    // Held until just before the create leaves: a playground killed during the uploads leaves it free, which says
    // that nothing was sent, and the same job goes out when asked again (from here or from vidgen generate).
    Optional<RunMarker> marker = RunMarker.hold(history, reference);
    HistoryEntry reservation = identified(HistoryEntry.unanswered(reference, referenceSent,
        client.provider().id(), job, quote, sentAt, sentAt, HistoryEntry.SUBMIT_BEGAN + at + " from the playground and "
            + HistoryEntry.SENDING_MARK + " " + STOPPED_BEFORE_ANSWER + "; " + lookUp, "serve"), job);
    // Its create's note, as written when the create leaves (after the checks and uploads, which may take minutes).
    java.util.function.Function<Instant, HistoryEntry> noteAt = left -> identified(HistoryEntry.unanswered(
        reference, referenceSent, client.provider().id(), job, quote, left, left, "its create went out from the"
            + " playground at " + left.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (UTC) and "
            + HistoryEntry.SENDING_MARK + " " + STOPPED_BEFORE_ANSWER + "; " + lookUp, "serve"), job);
    java.util.concurrent.atomic.AtomicReference<HistoryEntry> noteNow = new java.util.concurrent.atomic.AtomicReference<>(
        noteAt.apply(sentAt));
    HistoryEntry note = noteNow.get();
    if (!record(reservation)) {
      // Without its note the task's id could be lost and the same job paid twice: nothing is sent (fail closed).
      marker.ifPresent(RunMarker::remove);
      sendingJobs.remove(sameJob, reference);
      return CompletableFuture.failedFuture(new GenerateFailure(503, "history_unwritable", false,
          "the playground cannot write its task history (" + lastRecordProblem + "), so this Generate was not sent:"
              + " without the history a paid task's id could be lost and the same job paid twice; nothing was"
              + " created or billed", WriteTrouble.fixNaming(lastRecordFailure, history.file(), "another VIDGEN_HOME")
              .map(fix -> fix + ", then generate again")
              .orElse("fix " + history.file() + " (the server's log says more), then generate again")));
    }
    CompletableFuture<Void> stopSending = new CompletableFuture<>();
    CompletableFuture<HistoryEntry> answer = new CompletableFuture<>();
    OnItsWay onItsWay = new OnItsWay(answer, note.taskId(), referenceSent);
    submitting.add(onItsWay); // registered before anything can leave
    stops.add(stopSending);
    if (closed) {
      stopSending.complete(null); // closed meanwhile: the create is held back, and the note closed as not sent
    }
    java.util.concurrent.atomic.AtomicInteger takes = new java.util.concurrent.atomic.AtomicInteger();
    resent.put(reference, takes);
    sending.add(note.taskId());
    notesOnTheirWay.put(note.taskId(), note);
    // The job is kept with its local images (the history's and the same-job check's); what is sent has their URLs.
    // What the key and the account have left is read now, as a vidgen generate reads it: the client's own count
    // may be minutes old and miss a quota lowered since. Checked before the uploads, so a refusal sends nothing.
    java.util.concurrent.atomic.AtomicReference<String> unchecked = new java.util.concurrent.atomic.AtomicReference<>();
    long unreadBefore = balanceUnread.count();
    CompletableFuture<JobHandle> created = FundsCheck.before(sendWith, quote).thenCompose(fits -> {
      fits.ifPresent(unchecked::set);
      return images.upload(job);
    })
        .handle((uploaded, early) -> early == null ? CompletableFuture.completedFuture(uploaded)
            // Failed in its checks or uploads: its create never left, whatever the failure (a 500 on an upload too).
            : CompletableFuture.<VideoJob>failedFuture(new SentNothing(AsyncFailures.unwrap(early))))
        .thenCompose(uploaded -> uploaded)
        .thenCompose(uploaded -> {
      if (stopSending.isDone()) {
        return CompletableFuture.failedFuture(new dev.vidgen.core.client.SubmitNotSentException(
            "the playground is stopping; nothing was sent"));
      }
      HistoryEntry leaving = noteAt.apply(clock.instant());
      noteNow.set(leaving);
      notesOnTheirWay.replace(leaving.taskId(), leaving);
      record(leaving); // the create is about to leave: its note says so, then its marker goes
      marker.ifPresent(RunMarker::remove);
      try {
        return sendWith.submitAsync(uploaded, reference, stopSending);
      } catch (RuntimeException refused) { // such as a client already closed: nothing was sent
        return CompletableFuture.failedFuture(new dev.vidgen.core.client.SubmitNotSentException(
            "the job was not sent: " + refused.getMessage()));
      }
    });
    CompletableFuture<HistoryEntry> submitted = created.whenComplete((handle, failure) -> {
      marker.ifPresent(RunMarker::remove); // a submit that ended before its create (funds, uploads) let it go too
      resent.remove(reference);
      sending.remove(note.taskId());
      notesOnTheirWay.remove(note.taskId());
      mayHaveMade.remove(note.taskId());
      notices.remove(note.taskId());
      sendingJobs.remove(sameJob, reference); // answered: the same job again is another take, as the note says
      if (failure == null) {
        return;
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (cause instanceof SentNothing early) {
        record(noteNow.get().answeredWithout("its checks or uploads failed before its create went out, so nothing"
            + " was sent or billed: " + early.getMessage(), clock.instant()));
        return;
      }
      if (cause instanceof AmbiguousSubmitException unanswered) {
        if (takes.get() > 0) {
          resentBeforeUnanswered.put(unanswered, takes.get());
        }
        record(identified(HistoryEntry.unanswered(reference, referenceSent, client.provider().id(), job, quote,
            noteNow.get().submittedAt(), clock.instant(), HistoryEntry.serverErrorAnswer(unanswered)
                .map(said -> said + "; ").orElse("") + (unanswered.possibleTasks() > 1 ? "each of its "
                + unanswered.possibleTasks() + " takes may have made a task; " : "") + lookUpAdvice(unanswered), "serve",
            unanswered.possibleTasks()), job));
      } else if ((cause instanceof dev.vidgen.core.client.SubmitNotSentException
          || dev.vidgen.core.client.FailureCases.rowOf(cause).jobBeforeTask()
          != dev.vidgen.core.policy.FailureTable.JobStep.MARK_UNKNOWN)) {
        record(noteNow.get().answeredWithout("its create was refused or not sent: " + cause.getMessage(),
            clock.instant()));
      }
      // Any other failure may have come after the create went out: the note stays unknown, the safe side.
    }).thenApply(handle -> {
      if (unchecked.get() == null && balanceUnread.count() != unreadBefore) {
        unchecked.set(balanceUnread.last()); // the client's own first read, made as the create left, failed
      }
      if (unchecked.get() != null) {
        uncheckedBalances.put(handle.taskId().value(), unchecked.get());
      }
      HistoryEntry entry = identified(HistoryEntry.submitted(handle, job, "serve"), job);
      if (takes.get() > 0) {
        // The take answered 500 may have made a paid task that nothing can find: the note stays unknown, saying so.
        String said = "its create was answered with a server error and sent again, so " + (takes.get() == 1
            ? "the first take" : "each of the " + takes.get() + " takes before") + " may have made a billed task of"
            + " its own that cannot be looked up; " + CountedOn.MADE_TASK + handle.taskId() + CountedOn.MADE_TASK_END
            + " for a task made at "
            + noteNow.get().submittedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + " (UTC)";
        resentNotes.put(handle.taskId().value(), said);
        record(entry);
        record(identified(HistoryEntry.unanswered(reference, referenceSent, client.provider().id(), job, quote,
            noteNow.get().submittedAt(), clock.instant(), said, "serve",
            Math.max(takes.get(), handle.possibleExtraTasks())), job));
      } else if (record(entry)) {
        record(noteNow.get().answeredAs(handle, clock.instant()));
      }
      if (!closed) {
        follow(handle, entry, true); // else the history has it, and the next start picks it up
      }
      return entry;
    });
    submitted.whenComplete((entry, failure) -> {
      submitting.remove(onItsWay);
      stops.remove(stopSending);
      sendingJobs.remove(sameJob, reference); // such as a failure before the create (the uploads)
      if (failure == null) {
        answer.complete(entry);
      } else {
        answer.completeExceptionally(AsyncFailures.unwrap(failure));
      }
    });
    return answer;
  }

  /** What makes {@code job} the same job as another for this provider, as a string two jobs share when they are. */
  private String sameJobKey(VideoJob job) {
    try {
      return dev.vidgen.core.json.JsonTrees.write(List.of(client.provider().id(), identity.apply(job)));
    } catch (RuntimeException unwritable) {
      return "unique " + UUID.randomUUID(); // not comparable: held back by nothing, holding nothing back
    }
  }

  /**
   * What the Generate of a create still unanswered when the playground stopped is told: a task may
   * exist and be billed, the history keeps the note, and where to look it up.
   */
  private GenerateFailure stoppedBeforeAnswer(OnItsWay unanswered) {
    String name = unanswered.note();
    String lookUp = unanswered.referenceSent()
        ? "look the task up with vidgen status " + Commands.word(name) + commandTail + " (or on the provider's"
            + " dashboard)"
        : "see the note with vidgen history and check the provider's dashboard for the task";
    return new GenerateFailure(502, "stopped_before_answer", true, "the playground stopped before the provider"
        + " answered this job's create, which may have gone out, so a task may exist and be billed; the history keeps"
        + " the job as unknown (" + name + ")", lookUp + " before you generate this job again");
  }

  private PriceQuote quoteOrNull(VideoJob job, VidgenClient pricedBy) {
    try {
      return pricedBy.quote(job);
    } catch (RuntimeException unpriced) {
      return null;
    }
  }

  /**
   * What to do about a create that got no answer: look the task up by the name the history gives
   * it, with the options that reach this server, or check the dashboard where the route sends no
   * reference.
   */
  String lookUpAdvice(AmbiguousSubmitException unanswered) {
    return unanswered.clientReference()
        .map(reference -> "look the task up with vidgen status " + Commands.word(HistoryEntry.UNANSWERED_PREFIX
            + reference) + commandTail + " (or on the provider's dashboard) before you generate this job again")
        .orElse("check the provider's dashboard for the task before you generate this job again");
  }

  /** What the page says happened to a create of this playground that ended in {@code unanswered}. */
  String unansweredMessage(AmbiguousSubmitException unanswered) {
    Integer resentTakes = resentBeforeUnanswered.remove(unanswered);
    return UnansweredText.of(unanswered, resentTakes == null ? 0 : resentTakes);
  }

  /**
   * Follows again every task of this provider and server the playground submitted that the history shows
   * unfinished, or completed less than a day ago without its video saved (a day: as long as ToAPIs and
   * the mock keep results).
   */
  int pickUp() {
    int count = 0;
    Instant dayAgo = clock.instant().minus(Duration.ofHours(24));
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (HistoryEntry entry : history.entries()) {
      if (!onThisServer(entry)) {
        continue; // another server's task (a staging run): this server's answer for its id would be another task's
      }
      boolean unsaved = entry.status().equals("completed") && entry.file() == null
          && entry.submittedAt().isAfter(dayAgo);
      boolean newestOfItsId = seen.add(entry.provider() + "/" + entry.taskId()); // an id given out again: the newest
      if (!newestOfItsId || (entry.isFinished() && !unsaved) || !entry.source().equals("serve")
          || !entry.provider().equals(client.provider().id()) || live.containsKey(entry.taskId())) {
        continue;
      }
      JobHandle handle = entry.jobHandle().orElse(null);
      if (handle != null) {
        // It may have ended while the playground was down, so when it ended is not known.
        follow(handle, entry, false);
        count++;
      }
    }
    notes.lookUpAll();
    return count;
  }

  /**
   * Looks up, by its client reference, each note of a create that got no answer which can be looked
   * up (one at a time, a few tries each): a task found is followed and saved, a note with none is
   * closed as having made nothing. Returns at once; how many look-ups were queued.
   */
  int lookUpNotes() {
    return closed ? 0 : notes.lookUpAll();
  }

  /** The tasks being followed now. */
  Collection<Live> running() {
    return List.copyOf(live.values());
  }

  /** The latest state of a task followed since this server started, if any. */
  Optional<Live> find(String taskId) {
    return Optional.ofNullable(live.get(taskId));
  }

  /** Follows the task until it ends; {@code fromItsStart} when this follow began as the task did, so its end time is true. */
  private void follow(JobHandle handle, HistoryEntry entry, boolean fromItsStart) {
    String id = handle.taskId().value();
    live.put(id, new Live(entry, null, null));
    changed(id);
    // No outage tolerance in the client: the playground follows again itself (below), and shows the pause on the page.
    AwaitOptions options = new AwaitOptions(DEADLINE, (snapshot, elapsed) -> progress(id, snapshot))
        .withOutageTolerance(Duration.ZERO);
    AtomicBoolean finished = new AtomicBoolean();
    client.awaitAsync(handle, options)
        .thenCompose(done -> {
          finished.set(true);
          Path target = freeName(videos, fileName(handle, done));
          // Never over a file there: another task's paid video, saved under a name this one's id could share.
          CompletableFuture<Path> download = client.downloadAsync(handle, done, target,
              dev.vidgen.core.client.ExistingTarget.KEEP);
          saving.put(id, new Saving(handle, fromItsStart, target, download));
          if (closed) {
            abandon(id); // stopped meanwhile: nothing is saved after close
          }
          return download;
        })
        .whenComplete((file, failure) -> {
          saving.remove(id);
          notices.remove(id);
          Live current = live.get(id);
          HistoryEntry latest = current == null ? entry : current.entry();
          if (failure == null) {
            HistoryEntry completed = fromItsStart ? latest.completed(file.toString(), clock.instant())
                : latest.foundCompleted(file.toString(), clock.instant());
            record(completed);
            failingSaves.saved(); // a video saved here: what failed before no longer stands in the way
            live.put(id, new Live(completed, 100, null));
          } else {
            Throwable cause = AsyncFailures.unwrap(failure);
            if (cause instanceof CancellationException) {
              return;
            }
            // An outage while the task runs is waited out, within the task's deadline.
            boolean again = !finished.get() && cause instanceof RetriableProviderException && !closed
                && clock.instant().plus(followAgainAfter).isBefore(handle.submittedAt().plus(DEADLINE));
            live.put(id, stopped(id, latest, cause, finished.get(), fromItsStart, again));
            if (again) {
              followAgain(handle);
            }
          }
          changed(id);
        });
  }

  /**
   * Follows the task again after {@link #followAgainAfter}, from its latest entry, unless this
   * playground closed or the task moved on meanwhile; the follow's deadline still counts from the
   * submission. The task may end during the pause, so its end time is not true: it keeps no run time.
   */
  private void followAgain(JobHandle handle) {
    String id = handle.taskId().value();
    Live stoppedAt = live.get(id);
    Executor later = CompletableFuture.delayedExecutor(followAgainAfter.toMillis(), TimeUnit.MILLISECONDS);
    CompletableFuture<Void> pause = CompletableFuture.runAsync(() -> {
      paused.remove(id);
      Live current = live.get(id);
      if (!closed && current == stoppedAt && current != null) {
        follow(handle, current.entry(), false);
      }
    }, later);
    paused.put(id, pause);
  }

  /** What the page is told about task {@code taskId} whose create was sent again after a server error, if it was. */
  Optional<String> resentNote(String taskId) {
    return Optional.ofNullable(resentNotes.get(taskId));
  }

  /** The client's warnings that its live model list could not be read: a check compares the count before and after. */
  Tally liveListUnread() {
    return liveListUnread;
  }

  /** How many warnings of one kind the client gave, and the words of the last one. */
  static final class Tally {
    private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();
    private volatile String last;

    void add(String message) {
      last = message;
      count.incrementAndGet();
    }

    long count() {
      return count.get();
    }

    String last() {
      return last;
    }
  }

  /** Why the balance could not be read before task {@code taskId}'s create, if it could not. */
  Optional<String> uncheckedBalance(String taskId) {
    return Optional.ofNullable(uncheckedBalances.get(taskId));
  }

  /**
   * Sends no more creates, waits up to {@link #ANSWER_WAIT} for those on their way, cancels every
   * follow waiting out a pause and abandons the videos being saved (their tasks stay completed without
   * a file, their temporary files deleted): nothing is followed or saved after this.
   */
  List<String> close() {
    closed = true;
    notes.close();
    stopListening.forEach(Runnable::run);
    // No create leaves from now on; those already on their way get up to ANSWER_WAIT to answer, so that
    // their task ids reach the history instead of an unknown note.
    stops.forEach(stop -> stop.complete(null));
    List<OnItsWay> onTheirWay = List.copyOf(submitting);
    if (!onTheirWay.isEmpty()) {
      LOG.info("waiting up to {} s for the answers of {} on {} way, so that no paid task id is lost",
          ANSWER_WAIT.toSeconds(), Plural.count(onTheirWay.size(), "create"),
          Plural.word(onTheirWay.size(), "its", "their"));
      try {
        CompletableFuture.allOf(onTheirWay.stream().map(OnItsWay::answer).toArray(CompletableFuture[]::new))
            .get(ANSWER_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        // A failed submit recorded itself; one still unanswered keeps its unknown note.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    // Each Generate still unanswered is told now, before the server stops, what the history keeps of it; its create
    // may still answer later, and then its task reaches the history all the same.
    List<OnItsWay> unanswered = onTheirWay.stream()
        .filter(way -> way.answer().completeExceptionally(stoppedBeforeAnswer(way))).toList();
    paused.values().forEach(pause -> pause.cancel(false));
    paused.clear();
    List.copyOf(saving.keySet()).forEach(this::abandon);
    return said(onTheirWay, unanswered);
  }

  /**
   * Stops saving the video of completed task {@code id}, if it is being saved: the history keeps it
   * completed without a file (the next start or {@code vidgen download} saves it), and its
   * temporary file is deleted now, as the process may end before the download's own clean-up runs.
   */
  private void abandon(String id) {
    Saving stopped = saving.remove(id);
    if (stopped == null || !stopped.download().cancel(false)) {
      return; // saved or failed meanwhile: its follow recorded that
    }
    client.deletePartialDownloads();
    Live current = live.get(id);
    HistoryEntry latest = current == null ? null : current.entry();
    if (latest == null) {
      return;
    }
    Instant now = clock.instant();
    HistoryEntry unsaved = stopped.fromItsStart() ? latest.completed(null, now) : latest.foundCompleted(null, now);
    record(unsaved);
    String save = taskCommand("download", id, " --out " + Commands.word(stopped.target().toString()) + commandTail);
    live.put(id, new Live(unsaved, 100, "the task is done but its video was not saved here; " + save
        + " saves it, or the next vidgen serve does (" + linksLast() + ")", STOPPED_WHILE_SAVING));
    abandoned.add("task " + id + " completed, but the playground stopped while saving its video, so it was not saved"
        + " (nothing half-written was left); the history keeps it as completed without a video: " + save
        + " saves it, or the next vidgen serve does (" + linksLast() + ")");
  }

  /** The problem of a task whose video's save {@link #close} abandoned: the stop says it once, as such. */
  private static final String STOPPED_WHILE_SAVING = "the playground stopped while saving the video";

  /** "links last 24 hours", with the provider's own figure, or "while the provider keeps the link" when it states none. */
  private String linksLast() {
    return terms.keptResults().figure().map(figure -> "links last " + figure).orElse("while the provider keeps the link");
  }

  /**
   * What stopping left behind, for the person who stopped it: tasks made meanwhile, creates unanswered, completed
   * tasks whose video was not saved (the save the stop cut off, or one that failed before), tasks running.
   */
  private List<String> said(List<OnItsWay> onTheirWay, List<OnItsWay> unanswered) {
    List<String> said = new java.util.ArrayList<>();
    for (OnItsWay way : unanswered) {
      GenerateFailure told = stoppedBeforeAnswer(way); // as its Generate was answered
      said.add(told.getMessage() + "; " + told.next());
    }
    onTheirWay.stream().filter(way -> !unanswered.contains(way) && !way.answer().isCompletedExceptionally())
        .map(way -> way.answer().join()).forEach(entry -> said.add("task "
        + entry.taskId() + " was made while the playground stopped; the history keeps it, and the next vidgen serve"
        + " (or " + waitCommand(entry.taskId()) + ") follows it"));
    said.addAll(abandoned);
    // A save that failed before the stop (a link that served no video, a full disk): its card's advice, said again.
    live.values().stream().filter(task -> task.entry().status().equals("completed") && task.entry().file() == null
            && !STOPPED_WHILE_SAVING.equals(task.problem()))
        .sorted(Comparator.comparing((Live task) -> task.entry().submittedAt()))
        .forEach(task -> said.add(unsavedSaid(task)));
    live.values().stream().filter(task -> !task.entry().isFinished() && unrecorded.contains(task.entry().taskId()))
        .forEach(task -> said.add("task " + task.entry().taskId() + " is still running at the provider but the history"
            + " could not record it: keep its id; " + waitCommand(task.entry().taskId()) + " follows it"));
    long running = live.values().stream().filter(task -> !task.entry().isFinished() && task.problem() == null
        && !unrecorded.contains(task.entry().taskId())).count();
    if (running > 0) {
      said.add(Plural.count(running, "task") + " still running at the provider " + Plural.word(running, "stays", "stay")
          + " in the history; the next vidgen serve follows " + Plural.word(running, "it (vidgen history lists it)",
              "them (vidgen history lists them)"));
    }
    return said;
  }

  /**
   * What the stop says of completed {@code task}, whose video was not saved before it: why, and what saves it (its
   * card's advice; one still being read again, picked up from the history, is saved by the next start as well).
   */
  private String unsavedSaid(Live task) {
    String id = task.entry().taskId();
    String why = task.problem() == null ? "" : " (" + task.problem() + ")";
    String what = task.next() != null ? task.next() : downloadCommand(id) + " saves it, or the next vidgen serve does ("
        + linksLast() + ")";
    return "task " + id + " completed, but its video was not saved" + why + ": " + what;
  }

  /**
   * Where a task stands when following it ended in {@code cause}. Only the task's own verdict (it
   * failed) ends it as failed; a completed task whose video was not saved stays completed without a
   * file, also when the provider no longer knows it; "not found" for a task still open is no verdict
   * (gone after its day, or asked at another base URL), so it is kept as {@code not_found}, as the
   * command line keeps it; any other failure (the deadline, the network, the key) leaves it open in
   * the history, so that a restart or {@code vidgen wait} goes on and nothing paid for is given up
   * or generated again.
   */
  private Live stopped(String id, HistoryEntry latest, Throwable cause, boolean completed, boolean fromItsStart,
      boolean followedAgain) {
    Instant now = clock.instant();
    String message = Hints.messageOf(cause);
    // A task the history has as completed had its own verdict read: no later read error makes it anything else.
    boolean verdictRead = completed || latest.status().equals("completed");
    if (cause instanceof TaskNotFoundException) {
      return notFound(id, latest, message, verdictRead, fromItsStart);
    }
    if (verdictRead && !completed) {
      // Completed before (the history says so, and it was paid as such), read again and stopped before a verdict: the
      // entry stands as it is, and its card says what the history's note of it says (such as the setting that saves
      // a video that large).
      return new Live(latest, 100, null, message);
    }
    if (cause instanceof TaskFailedException) {
      HistoryEntry failed = fromItsStart ? latest.failed(message, now) : latest.foundFailed(message, now);
      record(failed);
      return new Live(failed, null, tryAgain(failed));
    }
    if (verdictRead) {
      HistoryEntry unsaved = fromItsStart ? latest.completed(null, now) : latest.foundCompleted(null, now);
      Optional<String> larger = LargerVideos.setting(cause);
      if (cause instanceof ResultUnusableException unusable) {
        unsaved = UnusableResults.mark(unsaved, unusable.reason()); // kept for the page after a restart
      } else if (cause instanceof ResultExpiredException expired) {
        // Noted as generate and batch note it, so that vidgen history and status mark it expired, not to download.
        unsaved = ExpiredLinks.mark(unsaved, expired.asset() == null ? null : expired.asset().expiresAt());
      } else if (larger.isPresent()) {
        unsaved = LargerVideos.mark(unsaved, larger.get()); // so is the setting that saves it
      } else if (whereToSave(cause).isPresent()) {
        unsaved = SavesElsewhere.mark(unsaved, whereToSave(cause).get()); // the same folder fails it again
        failingSaves.failed(id, whereToSave(cause).get()); // and fails the next video as large: checks warn of it
      }
      record(unsaved);
      String next = cause instanceof ResultExpiredException || cause instanceof ResultUnusableException
          ? Hints.next(cause, false, terms)
          : cause instanceof dev.vidgen.core.error.DownloadFailedException refused && refused.servedSomethingElse()
              ? "the task is done, but its video link served no such video; the link may serve it later: try again"
                  + " with " + downloadCommand(id) + ", and if it still fails, get the video from the provider's"
                  + " dashboard " + terms.keptResults().whileTheLinkLasts()
          : larger.map(setting -> largerVideoAdvice(id, setting))
              .or(() -> whereToSave(cause).map(where -> elsewhereAdvice(id, where)))
              .orElseGet(() -> downloadAdvice(id));
      return new Live(unsaved, 100, next, message);
    }
    String next = cause instanceof AuthenticationException ? Hints.next(cause, false, terms)
        : followedAgain
            ? "the task is still at the provider; following it again " + when(followAgainAfter) + " (or run "
                + waitCommand(id) + ")"
            : "the task is still at the provider; start vidgen serve again, or run " + waitCommand(id)
                + ", to pick it up";
    return new Live(latest, null, next, followedAgain ? stillFollowed(message) : message);
  }

  /** Where the client's words for a wait that ended on failing status reads begin ("…, so it stopped: …"). */
  private static final String WAIT_ENDED = "; the wait read the task's status for ";

  /**
   * The problem of a task this playground follows again after {@link #followAgainAfter}: what failed, and that the
   * task is read again, not the one-shot wait's "it stopped, resume it later", which is for a wait that ends.
   */
  private String stillFollowed(String message) {
    int ended = message.indexOf(WAIT_ENDED);
    String failed = ended > 0 ? message.substring(0, ended) : message;
    return "the task's status could not be read for now (" + failed + "); the playground reads the task again "
        + when(followAgainAfter) + ", and goes on until its deadline: nothing to do, the task is kept and not sent"
        + " again";
  }

  /**
   * Where task {@code id} stands when the provider answered "not found" for it ({@code message}): not a verdict on
   * the task. One whose own verdict was read ({@code completed}: now, or before, as the history has it) stays
   * completed and paid, its video unsaved; one still open is kept as {@code not_found}, unless another key made it.
   * Either way the same job still asks before it is sent again.
   */
  private Live notFound(String id, HistoryEntry latest, String message, boolean completed, boolean fromItsStart) {
    String where = terms.keptResults().resultsAreKept() + ", or the task was made on another server than this"
        + " playground asks";
    if (completed) {
      HistoryEntry kept = latest.status().equals("completed") ? latest
          : fromItsStart ? latest.completed(null, clock.instant()) : latest.foundCompleted(null, clock.instant());
      if (kept != latest) {
        record(kept);
      }
      return new Live(kept, 100, "the task completed and is charged as such, but its video was not saved here and the"
          + " provider no longer knows it (" + where + "): look for the video on the provider's dashboard; generating"
          + " the same job again pays again, so the page asks first", "the provider no longer knows this task, so its"
          + " video could not be saved: " + message);
    }
    boolean anotherKey = latest.madeWithAnotherKey(keyTag);
    HistoryEntry kept = anotherKey || latest.status().equals(HistoryEntry.NOT_FOUND) ? latest
        : latest.withStatus(HistoryEntry.NOT_FOUND, clock.instant());
    if (kept != latest) {
      record(kept);
    }
    String why = anotherKey ? "the task was made with another API key (tagged " + latest.keyTag() + "); only the keys"
        + " of the account that made it can follow it" : "that is no verdict (" + where + ")";
    return new Live(kept, null, "the provider answered that it does not know this task; " + why + ": "
        + waitCommand(id) + " follows it should it answer again, and the same job asks before it is sent again",
        message);
  }

  /** A status read of followed task {@code id} failed and is made again after {@code delay}: the page says so meanwhile. */
  private void retrying(String id, dev.vidgen.core.error.ProviderException failure, Duration delay) {
    if (!live.containsKey(id)) {
      return;
    }
    int status = failure.httpStatus();
    String why = status == 429 ? "the provider is rate limiting status reads (HTTP 429)"
        : status >= 500 ? "the provider answered a status read with a server error (HTTP " + status + ")"
        : "a status read got no usable answer";
    notices.put(id, why + "; reading again " + when(delay));
    changed(id);
  }

  /**
   * The create of the submit given {@code reference} was answered without a task (a 429, a 503, a 500) and
   * goes out again after {@code delay} ({@code lookUpFirst}: is looked up by its client reference then, and
   * sent again only if no task is listed): its own note says why, whether anything may be paid yet, and when.
   */
  private void createRetrying(String reference, dev.vidgen.core.error.ProviderException failure, Duration delay,
      boolean lookUpFirst) {
    HistoryEntry note = notesOnTheirWay.get(HistoryEntry.unansweredName(reference, true));
    if (note == null) {
      note = notesOnTheirWay.get(HistoryEntry.unansweredName(reference, false));
    }
    if (note == null) {
      return; // not a create of this playground, or one already answered
    }
    dev.vidgen.core.policy.FailureKind kind = failure.kind();
    boolean madeNothing = kind == dev.vidgen.core.policy.FailureKind.RATE_LIMITED
        || kind == dev.vidgen.core.policy.FailureKind.UNAVAILABLE
        || kind == dev.vidgen.core.policy.FailureKind.CONNECT_FAILED;
    int status = failure.httpStatus();
    String why = kind == dev.vidgen.core.policy.FailureKind.RATE_LIMITED
        ? "the provider is limiting requests (HTTP 429), so it did not take the create"
        : kind == dev.vidgen.core.policy.FailureKind.UNAVAILABLE
            ? "the provider is busy or down for a moment (HTTP " + status + "), so it did not take the create"
        : kind == dev.vidgen.core.policy.FailureKind.CONNECT_FAILED ? "the provider could not be reached"
        : "the provider answered the create with a server error" + (status > 0 ? " (HTTP " + status + ")" : "");
    String when = when(delay);
    if (!madeNothing) {
      mayHaveMade.add(note.taskId());
    }
    String notice = why + "; " + (mayHaveMade.contains(note.taskId())
        ? "a take answered with a server error may have made a billed task" : "nothing was made or paid for yet")
        + (lookUpFirst ? "; looking the task up by its client reference " + when + " before sending it again"
            : "; sending it again " + when);
    notices.put(note.taskId(), notice);
    publish.accept(view(note));
  }

  /**
   * When something put off by {@code delay} happens, as a time that stays true on a page that is not
   * redrawn: "at 10:00:04 UTC (in about 4 s)".
   */
  private String when(Duration delay) {
    long seconds = Math.max(1, (delay.toMillis() + 999) / 1000);
    return "at " + CLOCK_TIME.format(clock.instant().plusSeconds(seconds)) + " UTC (in about " + seconds + " s)";
  }

  private static final java.time.format.DateTimeFormatter CLOCK_TIME = java.time.format.DateTimeFormatter
      .ofPattern("HH:mm:ss").withZone(java.time.ZoneOffset.UTC);

  private void progress(String id, TaskSnapshot snapshot) {
    notices.remove(id);
    Live current = live.get(id);
    if (current == null) {
      return;
    }
    if (snapshot.status() == TaskStatus.FAILED) {
      return; // the follow's end says so, without a last "100 %" under the status before
    }
    HistoryEntry entry = current.entry();
    // Completed at the provider, the task reads as still in progress until its video is saved (the follow's end).
    String status = snapshot.status().isTerminal() ? dev.vidgen.core.domain.TaskStatus.IN_PROGRESS.id()
        : snapshot.status().id();
    // A task the history has as completed (its video not saved yet) keeps its verdict while it is read again.
    if (!status.equals(entry.status()) && !entry.status().equals("completed")) {
      entry = entry.withStatus(status, clock.instant());
      record(entry);
    }
    live.put(id, new Live(entry, snapshot.progress(), null));
    changed(id);
  }

  private void changed(String id) {
    Live current = live.get(id);
    if (current != null) {
      publish.accept(view(current));
    }
  }

  /** A task as the page shows it: the history entry plus progress, elapsed time, the video's address and what to do. */
  Map<String, Object> view(Live current) {
    Map<String, Object> json = view(current.entry());
    if (current.progress() != null) {
      json.put("progress", current.progress());
    }
    if (current.next() != null) {
      json.put("next", current.next());
    }
    if (current.problem() != null) {
      json.put("problem", PageWords.of(current.problem()));
    }
    String notice = notices.get(current.entry().taskId());
    if (notice != null && !current.entry().isFinished() && current.problem() == null) {
      json.put("notice", notice);
    }
    return json;
  }

  /**
   * A task known only from {@code note}, the readable note of the create that made it (its own line cannot be read), as
   * the page shows it: not followed here, with the note's model, price and settings, and how to follow it.
   */
  Map<String, Object> viewReadFromNote(HistoryEntry task, String note) {
    Map<String, Object> json = view(task);
    json.put("status", TasksReadFromNotes.STATUS);
    json.put("read_from_note", note);
    json.put("progress", null);
    json.put("elapsed_ms", null); // no line says when it started running, or whether it ended
    json.put("problem", TasksReadFromNotes.said(task, note));
    json.put("next", waitCommand(task.taskId()) + " follows it and saves its video");
    return json;
  }

  /** An entry as the page shows it. */
  Map<String, Object> view(HistoryEntry entry) {
    Map<String, Object> json = new LinkedHashMap<>(entry.toJson());
    json.remove("handle");
    json.put("sending", isSending(entry));
    String retrying = isSending(entry) ? notices.get(entry.taskId()) : null;
    if (retrying != null) {
      json.put("notice", retrying); // its create goes out again after a 429, a 503, a 500: why, and when
    }
    if (entry.status().equals("failed") || entry.status().equals(HistoryEntry.UNKNOWN)) {
      // Credits and usd are the quote, not what was spent: whether a failed task is charged is not documented,
      // and a create that got no answer may have made no task, or one (or more, after blind resends) billed.
      json.put("charge", UNKNOWN_CHARGE);
    }
    int extraTasks = entry.jobHandle().map(JobHandle::possibleExtraTasks).orElse(0);
    if (extraTasks > 0) {
      // Not counted in credits and usd: each earlier take answered 500 may be a paid task of its own.
      json.put("possible_extra_tasks", extraTasks);
      json.put("possible_extra_credits", entry.credits() == null ? null
          : entry.credits().multiply(java.math.BigDecimal.valueOf(extraTasks)));
    }
    json.putAll(entry.worstCase()); // an unknown note: how many tasks it may stand for, and what they may cost at most
    // A create found later as its task, or the first take of one sent again, is priced on that task's card: counted
    // there only, as vidgen history --json counts it, so that adding up the entries counts each take once.
    CountedOn.mark(json, entry);
    json.put("progress", entry.status().equals("completed") ? 100 : null);
    // A task that ended while no wait watched it (the playground stopped, say) ran for a time no one knows: none told.
    boolean endedUnwatched = entry.took() == null
        && (entry.status().equals("completed") || entry.status().equals("failed"));
    json.put("elapsed_ms", entry.took() != null ? Long.valueOf(entry.took().toMillis()) : endedUnwatched ? null
        : Long.valueOf(Duration.between(entry.submittedAt(), entry.isFinished() ? entry.updatedAt() : clock.instant())
            .toMillis()));
    json.put("video", videoUrl(entry.file()));
    UnusableResults.of(entry).ifPresent(why -> json.put("problem", "its result link cannot be used: " + why));
    ExpiredLinks.of(entry).ifPresent(at -> json.put("problem", "its video's link expired at " + at + " before the"
        + " video was saved; it can no longer be downloaded"));
    boolean noteOfNoTask = entry.status().equals("failed") && entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX);
    boolean open = entry.status().equals(HistoryEntry.UNKNOWN);
    java.util.Optional<Instant> lookUpAt = open ? notes.lookUpAt(entry.taskId()) : java.util.Optional.empty();
    json.put("next", open && notes.isLookingUp(entry.taskId())
        ? "the playground is looking its task up by its client reference now: " + LOOK_UP_ENDS
        : lookUpAt.isPresent() ? "the playground looks its task up by its client reference at "
            + CLOCK_TIME.format(lookUpAt.get()) + " UTC, once a task its create made"
            + " would be listed: " + LOOK_UP_ENDS
        : open && notes.gaveUp(entry.taskId()) ? "the playground looked its task up by its client reference "
            + NoteLookups.MAX_TRIES + " times and got no answer (it tries again when it starts); " + pastTense(entry)
        : noteOfNoTask ? "nothing to save here; generate the job again to make it (one take, paid once)"
        : entry.status().equals("failed") ? tryAgain(entry)
        : open ? pastTense(entry)
        : entry.isSettledNote() ? entry.error()
        : UnusableResults.of(entry).isPresent() ? UnusableResults.NEXT
        : ExpiredLinks.of(entry).isPresent() ? terms.keptResults().resultsAreKept() + "; generate it again"
        : LargerVideos.of(entry).isPresent() ? largerVideoAdvice(entry.taskId(), LargerVideos.of(entry).get())
        : SavesElsewhere.of(entry).isPresent() ? elsewhereAdvice(entry.taskId(), SavesElsewhere.of(entry).get())
        // Completed without a file and no note that its link expired or cannot be used (its saved file replaced by
        // another task's is no such note): it can still be saved.
        : entry.status().equals("completed") && entry.file() == null
            && (entry.error() == null || ReplacedVideos.of(entry).isPresent()) ? downloadAdvice(entry.taskId())
        : !entry.isFinished() && !entry.source().equals("serve") ? notFollowedHere(entry)
        : null);
    if (videoGone(entry)) {
      // Saved here once, its file moved or deleted since: no link to a player that cannot play, and how to save it again.
      json.put("video", null);
      json.put("problem", "its video was saved as " + Path.of(entry.file()).getFileName() + ", but that file is no"
          + " longer in the videos folder, or is empty (moved, deleted or emptied)");
      json.put("next", savedAgainAdvice(entry.taskId()));
    }
    if (open) {
      json.put("error", pastTense(entry)); // as next says it: one wording for a note a stopped run left
    }
    if (retrying != null) {
      // Its create is being sent again after a 429, a 503 or a 500: the notice says why and when, and whether
      // anything may be billed yet; the note's "check the dashboard" words are for a create left without an answer.
      json.remove("next");
      if (!mayHaveMade.contains(entry.taskId())) {
        json.remove("charge"); // a 429 or 503 took nothing: no charge to be unsure of
      }
    }
    if (open && entry.isReservation() && (isSending(entry) || RunMarker.isRunning(history, entry))) {
      // Still in its checks or uploads, here or in another process: no create has left, so nothing is billed yet.
      json.put("uploading", true);
      json.remove("charge");
      json.put("next", "its checks or uploads are still running; its create has not been sent, so nothing is billed"
          + " yet");
    }
    return json;
  }

  /** What a look-up the page is told of ends in. */
  private static final String LOOK_UP_ENDS = "a task found is followed and its video saved here, and none found closes"
      + " this note as nothing made (nothing to do meanwhile; the same job asks before it is sent again)";

  /** The words of the playground's note of a create, as the playground left it when it stopped before an answer came. */
  private static final String STOPPED_BEFORE_ANSWER = "(if this stays, the playground stopped before one came)";

  /**
   * What an open note says, where the playground that sent its create stopped before the answer
   * (this one, before its start): said as what happened, not as what may.
   */
  private String pastTense(HistoryEntry note) {
    String said = note.error();
    return said != null && !isSending(note) && leftByAStoppedRun(note)
        ? said.replace(HistoryEntry.SENDING_MARK + " " + STOPPED_BEFORE_ANSWER, "got no answer before the playground"
            + " stopped") : said;
  }

  /**
   * Whether {@code entry} counts as made on the server this playground sends to, as the command line's same-job check
   * tells it: a take on another base URL (a staging run) is another job. No base URL is the provider's own address,
   * except on a line an older vidgen wrote without its server ({@link HistoryEntry#serverNotRecorded}), which it may
   * have sent to any: that one counts here too, so the same job is not paid again and its task is followed.
   */
  boolean onThisServer(HistoryEntry entry) {
    return recordedOnThisServer(entry) || entry.serverNotRecorded();
  }

  private boolean recordedOnThisServer(HistoryEntry entry) {
    return dev.vidgen.serve.history.BaseUrls.sameServer(client.provider().id(), entry.baseUrl(), baseUrl);
  }

  /**
   * Whether the create of the note {@code entry} may still be answered: one this playground sent and
   * waits for, or one another process sent moments ago; not one a stopped run of this playground
   * left (its card reads "got no answer before the playground stopped"), which no answer can reach.
   */
  boolean mayStillBeAnswered(HistoryEntry entry, Instant now) {
    // A run still in its uploads (its marker held) has yet to send its create, however long ago it began.
    return isSending(entry) || (entry.mayStillBeOnItsWay(now) && !leftByAStoppedRun(entry))
        || RunMarker.isRunning(history, entry);
  }

  /** Whether {@code note} was written by the playground before this one started: a run that stopped. */
  private boolean leftByAStoppedRun(HistoryEntry note) {
    return note.source().equals("serve") && note.submittedAt().isBefore(startedAt);
  }

  /**
   * Whether {@code entry} is the note of a create this playground sent and still waits the answer of
   * (the page reads "Sending…"); a note left by a playground that stopped, or answered since, is not.
   */
  boolean isSending(HistoryEntry entry) {
    return entry.status().equals(HistoryEntry.UNKNOWN) && sending.contains(entry.taskId());
  }

  /**
   * What to do about an unfinished task another command made (such as {@code generate --no-wait}): the
   * playground does not follow it, so its status is the one that command last wrote.
   */
  private String notFollowedHere(HistoryEntry entry) {
    String wait = waitCommand(entry.taskId());
    return "made by vidgen " + entry.source() + " and not followed here, so this is the status it last recorded: "
        + wait + " follows it and saves its video";
  }

  /** The command that follows task {@code id} from anywhere and saves its video in this playground's folder. */
  private String waitCommand(String id) {
    return taskCommand("wait", id, " --out " + Commands.word(videos + java.io.File.separator) + commandTail);
  }

  /**
   * Whether completed {@code entry}'s video was saved in the videos folder and its file is not there now (moved or
   * deleted): one look at the file per view.
   */
  private boolean videoGone(HistoryEntry entry) {
    String url = entry.status().equals("completed") ? videoUrl(entry.file()) : null;
    if (url == null) {
      return false;
    }
    Path file = videos.resolve(url.substring("/videos/".length()));
    try {
      return !Files.isRegularFile(file) || Files.size(file) == 0; // an emptied file plays nothing either
    } catch (java.io.IOException unreadable) {
      return true;
    }
  }

  /**
   * What saves again the video named {@code name} of the videos folder, which a completed task of the history was
   * saved as and which is gone (for the 404 of {@code /videos/NAME}); empty when no such task is in the history.
   */
  Optional<String> goneVideoAdvice(String name) {
    String url = "/videos/" + name;
    return history.entries().stream().filter(entry -> url.equals(videoUrl(entry.file())) && videoGone(entry))
        .findFirst().map(entry -> "it was the video of task " + entry.taskId() + ", which is done, and its file is no"
            + " longer in the videos folder; " + downloadCommand(entry.taskId()) + " saves it again (" + linksLast()
            + ")");
  }

  /** What saves again the video of completed task {@code id}, whose saved file is gone. */
  private String savedAgainAdvice(String id) {
    return "the task is done but its video file is gone; " + downloadCommand(id) + " saves it again (" + linksLast()
        + ")";
  }

  /** What saves the video of completed task {@code id}, with the options that reach this playground's server. */
  private String downloadAdvice(String id) {
    return "the task is done but its video was not saved here; " + downloadCommand(id) + " saves it (" + linksLast()
        + ")";
  }

  /**
   * What saves the video of completed task {@code id} that was larger than this playground saves: {@code setting}
   * ({@code --set max_video_size=…}) on the download command, or on vidgen serve for the videos to come.
   */
  private String largerVideoAdvice(String id, String setting) {
    return "the task is done but its video is larger than this playground saves, so nothing was saved; "
        + taskCommand("download", id, " --out " + Commands.word(videos + java.io.File.separator) + " " + setting
            + commandTail) + " saves it (" + linksLast() + "), and vidgen serve " + setting
        + " saves videos that large from the start";
  }

  /**
   * What saves the video of completed task {@code id} that the file system refused in a way this playground's folder
   * meets again ({@code whereToSave} says where it fits): a download into a folder elsewhere, not this one.
   */
  private String elsewhereAdvice(String id, String whereToSave) {
    String elsewhere = taskCommand("download", id, " --out "
        + Commands.word(SavesElsewhere.otherOut(videos + File.separator)) + commandTail);
    return "the task is done, but " + SavesElsewhere.advice(whereToSave, downloadCommand(id), elsewhere) + " ("
        + linksLast() + ")";
  }

  /** Where a video refused as {@code cause} says can be saved, when saving it to the same place fails again. */
  private static Optional<String> whereToSave(Throwable cause) {
    return cause instanceof DownloadFailedException refused ? refused.whereToSave() : Optional.empty();
  }

  /** The command that saves completed task {@code id}'s video in this playground's folder, under the task's name. */
  private String downloadCommand(String id) {
    return taskCommand("download", id, " --out " + Commands.word(videos + java.io.File.separator) + commandTail);
  }

  /**
   * "vidgen VERB ID OPTIONS", {@code options} starting with a space; an id that starts with "-" (which
   * would be read as an option) goes last, after "--".
   */
  static String taskCommand(String verb, String id, String options) {
    return id.startsWith("-") ? "vidgen " + verb + options + " -- " + Commands.word(id)
        : "vidgen " + verb + " " + Commands.word(id) + options;
  }

  /** What to change after a failed take: the prompt, and the inputs the job had. */
  static String tryAgain(HistoryEntry entry) {
    String inputs = !entry.images().isEmpty() ? " or the image" : !entry.videos().isEmpty() ? " or the video" : "";
    return "change the prompt" + inputs + " and generate again";
  }

  /** {@code /videos/<name>} for a file in the output folder; null for any other file. */
  String videoUrl(String file) {
    if (file == null) {
      return null;
    }
    Path path;
    try {
      path = Path.of(file).toAbsolutePath().normalize();
    } catch (java.nio.file.InvalidPathException unnameable) {
      return null; // a name this locale cannot write (a C locale): not one of the playground's, which are ASCII
    }
    return path.getParent() != null && path.getParent().equals(videos) ? "/videos/" + path.getFileName() : null;
  }

  /** Writes {@code entry} to the history; whether it was written (a failure is logged). */
  private boolean record(HistoryEntry entry) {
    try {
      history.record(entry);
      if (!entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
        unrecorded.remove(entry.taskId());
      }
      return true;
    } catch (RuntimeException e) {
      LOG.warn("could not record task {} in the history: {}", entry.taskId(), e.getMessage());
      lastRecordProblem = e.getMessage();
      lastRecordFailure = e;
      if (!entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
        unrecorded.add(entry.taskId());
      }
      return false;
    }
  }

  /** The task's file name: its id when that is a safe name, else its safe characters and a hash of it (as the CLI names it). */
  static String fileName(JobHandle handle, TaskSnapshot done) {
    String extension = done.result().map(video -> video.fileExtension()).orElse("mp4");
    return dev.vidgen.core.text.SafeText.fileStem(handle.taskId().value()) + "." + extension;
  }

  /** {@code name} in {@code folder}, or {@code stem-2.ext}, {@code stem-3.ext} … when a file stands there already. */
  static Path freeName(Path folder, String name) {
    Path target = folder.resolve(name);
    int dot = name.lastIndexOf('.');
    for (int n = 2; java.nio.file.Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && n < 1000; n++) {
      target = folder.resolve(name.substring(0, dot) + "-" + n + name.substring(dot));
    }
    return target;
  }
}
