package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.json.PriceJson;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One task this machine submitted, as the history keeps it: who made it, the settings, the price,
 * where it stands and the file its video went to.
 *
 * @param status {@code queued}, {@code in_progress}, {@code completed} or {@code failed}
 * @param credits the quoted price, or null when unknown
 * @param usd the quoted price in dollars, or null when unknown
 * @param file the saved video, or null while there is none
 * @param took how long the task ran, from its creation until the wait of what submitted it saw it
 *     finish; null while it runs, and when a later {@code status}, {@code wait} or {@code download}
 *     recorded the end (it may have ended long before), so that learned durations stay true
 * @param handle the encoded {@link JobHandle}, with which any vidgen can wait for the task again
 * @param settings the job as given: model, mode, prompt, seconds, aspect_ratio, resolution,
 *     images and videos (URLs or absolute paths) and params; for a job with local images or videos
 *     sent by {@code generate}, also {@code input_sha256}, what those files held ({@link InputDigests})
 * @param error the provider's words when the task failed, or null
 * @param source what submitted it: {@code generate} or {@code serve}
 * @param possibleTasks for a create that got no answer: how many of its takes may each have made a
 *     task (several when takes answered with a server error were sent again blindly); 1 otherwise,
 *     and for lines written before it was kept
 * @param claimedTasks for a create that got no answer: the tasks said with {@code --made-by} to be
 *     what its takes made, in the order claimed (each with its own entry)
 * @param lastTakeAt for a create that got no answer: when its note was written, after its last take
 *     had gone out (a claim does not move it); null for other entries and lines written before it was kept
 * @param out where the command that submitted the task (or sent the create that got no answer) was
 *     told to save the video ({@code --out}, absolute), so that the advice to save it names it; null
 *     when it was given none, and for lines written before it was kept
 * @param keyTag the {@link dev.vidgen.core.port.ApiKey#tag() tag} of the API key the task was made with
 *     (eight hex digits, not the key), so that a task made with another key is named as such; null for
 *     the mock, which has none, and for lines written before it was kept
 * @param baseUrl the base URL the task was made on when one was given ({@code --base-url}, {@code
 *     TOAPIS_BASE_URL}, the playground's), as printed commands show it (never with user info or a query),
 *     so that a command to save its video reaches the same server; null for the provider's own address,
 *     and for lines written before it was kept
 * @param batch the batch whose journal made and follows the task ({@code vidgen batch}); null for any other source
 */
public record HistoryEntry(
    String taskId,
    String provider,
    String model,
    String status,
    BigDecimal credits,
    BigDecimal usd,
    String file,
    Instant submittedAt,
    Instant updatedAt,
    Duration took,
    String handle,
    Map<String, Object> settings,
    String error,
    String source,
    int possibleTasks,
    List<String> claimedTasks,
    Instant lastTakeAt,
    String out,
    String keyTag,
    String baseUrl,
    BatchOrigin batch) {

  /**
   * The status of a create that got no answer and was found later: its task has its own entry, named
   * in {@link #error()}, and this one no longer counts as a job submitted.
   */
  public static final String FOUND = "found";
  /**
   * The status of the note a command writes just before its create goes out (as {@link #UNKNOWN},
   * so that a process killed meanwhile leaves a trace), once the create's answer came: a task, which
   * has its own entry, or a refusal that made none. The note is done with, and {@link
   * TaskHistory#entries()} leaves it out.
   */
  public static final String ANSWERED = "answered";
  /**
   * The status of a create that got no answer which the user closed with no task found ({@code vidgen
   * history --close NAME --no-task}): on their word it made none, so the same job is no longer asked
   * about; had it made one, that task's charge would not be tracked.
   */
  public static final String CLOSED = "closed";
  /** The status of a task the provider answered "not found" for when it was last asked (a wrong base URL, or gone). */
  public static final String NOT_FOUND = "not_found";
  /** The status of a job whose create may have made a task that vidgen never heard of. */
  public static final String UNKNOWN = "unknown";
  /**
   * The words that open the note of a create whose answer was a server error (HTTP 500, no task named) and whose task
   * could not be told then: a look-up by its client reference that finds none shows it made none, not that it never
   * arrived ({@link #answeredWithServerError}).
   */
  public static final String SERVER_ERROR_ANSWER = "its create was answered with a server error (";
  /** How an unanswered create is named: this prefix, then the client reference it carried (or would have). */
  public static final String UNANSWERED_PREFIX = "unanswered-";
  /**
   * After {@link #UNANSWERED_PREFIX}: marks the name of an unanswered create that carried no client
   * reference (nothing to look it up by).
   */
  private static final String NO_REFERENCE_MARK = "noref-";
  /** The same mark as written before it was renamed (it read as "nothing was sent"); still understood. */
  private static final String OLD_NO_REFERENCE_MARK = "unsent-";

  public HistoryEntry {
    Objects.requireNonNull(taskId, "taskId == null");
    Objects.requireNonNull(provider, "provider == null");
    Objects.requireNonNull(model, "model == null");
    Objects.requireNonNull(status, "status == null");
    Objects.requireNonNull(submittedAt, "submittedAt == null");
    updatedAt = updatedAt == null ? submittedAt : updatedAt;
    settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    source = source == null ? "generate" : source;
    possibleTasks = Math.max(1, possibleTasks);
    claimedTasks = claimedTasks == null ? List.of() : List.copyOf(claimedTasks);
  }

  /** An entry of one take that claims no task (the form before {@code possibleTasks} was kept). */
  public HistoryEntry(String taskId, String provider, String model, String status, BigDecimal credits,
      BigDecimal usd, String file, Instant submittedAt, Instant updatedAt, Duration took, String handle,
      Map<String, Object> settings, String error, String source) {
    this(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle, settings, error,
        source, 1, List.of(), null, null, null, null);
  }

  /** An entry that keeps no {@code --out} (the form before {@code out} was kept). */
  public HistoryEntry(String taskId, String provider, String model, String status, BigDecimal credits,
      BigDecimal usd, String file, Instant submittedAt, Instant updatedAt, Duration took, String handle,
      Map<String, Object> settings, String error, String source, int possibleTasks, List<String> claimedTasks,
      Instant lastTakeAt) {
    this(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle, settings, error,
        source, possibleTasks, claimedTasks, lastTakeAt, null, null, null);
  }

  /** An entry that keeps no key tag (the form before {@code keyTag} was kept). */
  public HistoryEntry(String taskId, String provider, String model, String status, BigDecimal credits,
      BigDecimal usd, String file, Instant submittedAt, Instant updatedAt, Duration took, String handle,
      Map<String, Object> settings, String error, String source, int possibleTasks, List<String> claimedTasks,
      Instant lastTakeAt, String out) {
    this(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle, settings, error,
        source, possibleTasks, claimedTasks, lastTakeAt, out, null, null);
  }

  /** An entry of no batch (made by {@code generate}, the playground, a follow-on). */
  public HistoryEntry(String taskId, String provider, String model, String status, BigDecimal credits,
      BigDecimal usd, String file, Instant submittedAt, Instant updatedAt, Duration took, String handle,
      Map<String, Object> settings, String error, String source, int possibleTasks, List<String> claimedTasks,
      Instant lastTakeAt, String out, String keyTag, String baseUrl) {
    this(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle, settings, error,
        source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, null);
  }

  /** An entry that keeps no base URL (the form before {@code baseUrl} was kept). */
  public HistoryEntry(String taskId, String provider, String model, String status, BigDecimal credits,
      BigDecimal usd, String file, Instant submittedAt, Instant updatedAt, Duration took, String handle,
      Map<String, Object> settings, String error, String source, int possibleTasks, List<String> claimedTasks,
      Instant lastTakeAt, String out, String keyTag) {
    this(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle, settings, error,
        source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, null);
  }

  /** The entry for a task just created from {@code job}, status {@code queued}. */
  public static HistoryEntry submitted(JobHandle handle, VideoJob job, String source) {
    Objects.requireNonNull(handle, "handle == null");
    return new HistoryEntry(handle.taskId().value(), handle.providerId(), handle.model(), "queued",
        handle.quote().credits(), handle.quote().usd(), null, handle.submittedAt(), handle.submittedAt(), null,
        handle.encode(), settingsOf(job), null, source);
  }

  /**
   * The entry for a create of {@code job} that got no answer, so a task may exist and be billed:
   * status {@code unknown}, named {@code unanswered-REFERENCE} ({@code unanswered-noref-REFERENCE}
   * when the create did not carry it), with {@code reason} saying what to check.
   *
   * @param quote the job's price, or null when it could not be told
   */
  public static HistoryEntry unanswered(String reference, boolean referenceSent, String providerId, VideoJob job,
      PriceQuote quote, Instant sentAt, Instant now, String reason, String source) {
    return unanswered(reference, referenceSent, providerId, job, quote, sentAt, now, reason, source, 1);
  }

  /**
   * As above, for a create of which {@code possibleTasks} takes may each have made a task (takes
   * answered with a server error and sent again without a reference to look them up by).
   */
  public static HistoryEntry unanswered(String reference, boolean referenceSent, String providerId, VideoJob job,
      PriceQuote quote, Instant sentAt, Instant now, String reason, String source, int possibleTasks) {
    return unanswered(reference, referenceSent, providerId, job, quote, sentAt, now, reason, source, possibleTasks,
        null);
  }

  /** As above, for a command told to save the video at {@code out} (absolute; null: not said). */
  public static HistoryEntry unanswered(String reference, boolean referenceSent, String providerId, VideoJob job,
      PriceQuote quote, Instant sentAt, Instant now, String reason, String source, int possibleTasks, String out) {
    boolean priced = quote != null && quote.isKnown();
    return new HistoryEntry(unansweredName(reference, referenceSent), providerId,
        job.model(), UNKNOWN,
        priced ? quote.credits() : null, priced ? quote.usd() : null, null, sentAt, now, null, null,
        settingsOf(job), reason, source, possibleTasks, List.of(), now, out, null, null);
  }

  /**
   * The tasks claimed as what this create made: those told with {@code --made-by}, or for a note
   * closed before claims were listed, the one its handle names.
   */
  public List<String> claimed() {
    if (!claimedTasks.isEmpty() || !status.equals(FOUND)) {
      return claimedTasks;
    }
    return jobHandle().map(found -> List.of(found.taskId().value())).orElse(List.of());
  }

  /**
   * For a create that got no answer: a time after its last take went out, when its note was written
   * ({@link #lastTakeAt()}, else, for a line written before that was kept, its last update).
   */
  public Instant lastTakeAtMost() {
    return lastTakeAt != null ? lastTakeAt : updatedAt;
  }

  /** For a create that got no answer: how many of its possible tasks are not claimed yet (0 once closed). */
  public int openTasks() {
    return status.equals(UNKNOWN) ? Math.max(0, possibleTasks - claimed().size()) : 0;
  }

  /**
   * For an unknown note, as {@code vidgen history --json} and the playground show it: {@code
   * possible_tasks}, {@code claimed_tasks}, {@code open_tasks} (not claimed yet) and what those may
   * cost at most, {@code credits_at_most} and {@code usd_at_most} (null when the price is unknown);
   * empty for any other entry.
   */
  public Map<String, Object> worstCase() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (!status.equals(UNKNOWN)) {
      return json;
    }
    BigDecimal open = BigDecimal.valueOf(openTasks());
    json.put("possible_tasks", possibleTasks);
    json.put("claimed_tasks", claimed());
    json.put("open_tasks", openTasks());
    json.put("credits_at_most", credits == null ? null : PriceJson.amount(credits.multiply(open)));
    json.put("usd_at_most", usd == null ? null : PriceJson.amount(usd.multiply(open)));
    return json;
  }

  /**
   * The name the history gives a create of {@code reference} that got no answer: {@code
   * unanswered-REFERENCE}, or {@code unanswered-noref-REFERENCE} when the create did not carry it.
   */
  public static String unansweredName(String reference, boolean referenceSent) {
    Objects.requireNonNull(reference, "reference == null");
    return UNANSWERED_PREFIX + (referenceSent ? "" : NO_REFERENCE_MARK) + reference;
  }

  /** The client reference the name of an unanswered create ({@code unanswered-…}) ends with. */
  public static String referenceOf(String name) {
    for (String prefix : List.of(UNANSWERED_PREFIX + NO_REFERENCE_MARK, UNANSWERED_PREFIX + OLD_NO_REFERENCE_MARK,
        UNANSWERED_PREFIX)) {
      if (name.startsWith(prefix)) {
        return name.substring(prefix.length());
      }
    }
    return name;
  }

  /**
   * The words that open the note a command writes when a job's submit begins (before its uploads),
   * which the note written just before its create leaves replaces.
   */
  public static final String SUBMIT_BEGAN = "its submit began at ";

  /**
   * Whether this is the open note of a submit that began (its uploads, its checks) and whose create
   * was not yet known to have gone out when it was last written.
   */
  public boolean isReservation() {
    return status.equals(UNKNOWN) && taskId.startsWith(UNANSWERED_PREFIX) && claimed().isEmpty()
        && error != null && error.startsWith(SUBMIT_BEGAN);
  }

  /**
   * For an unanswered create: whether its create carried the client reference its name ends with
   * (true for names written before vidgen marked the difference; the route's rules then tell).
   */
  public boolean referenceSent() {
    return carriesReference(taskId);
  }

  /**
   * Whether {@code name}, the name of an unanswered create ({@code unanswered-…}), says that its
   * create carried the client reference it ends with: false for {@code unanswered-noref-…}.
   */
  public static boolean carriesReference(String name) {
    return !name.startsWith(UNANSWERED_PREFIX + NO_REFERENCE_MARK)
        && !name.startsWith(UNANSWERED_PREFIX + OLD_NO_REFERENCE_MARK);
  }

  /**
   * Whether {@code value} (a setting: a string, or lists and maps of them) holds an inline file the
   * history shortened, which cannot be sent again as it is.
   */
  public static boolean holdsShortenedInline(Object value) {
    return InlineData.holdsShortened(value);
  }

  /** The job's settings as the history keeps them (a long inline {@code data:} URL shortened to its type, length and digest). */
  public static Map<String, Object> settingsOf(VideoJob job) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("model", job.model());
    settings.put("mode", job.requestedMode().map(mode -> mode.id()).orElse(null));
    settings.put("prompt", job.prompt());
    settings.put("seconds", job.seconds());
    settings.put("aspect_ratio", job.aspectRatio());
    settings.put("resolution", job.resolution());
    settings.put("images", job.images().stream().map(HistoryEntry::imageText).map(InlineData::shortened).toList());
    settings.put("videos", job.videos().stream().map(HistoryEntry::videoText).map(InlineData::shortened).toList());
    settings.put("params", InlineData.shortened(job.params()));
    return settings;
  }

  private static String imageText(ImageInput image) {
    if (image instanceof ImageInput.Remote remote && VideoJob.isLocalVideo(remote.url())) {
      return remote.url().getPath(); // a file this system cannot name, read back by job(): its name as it was kept
    }
    return image instanceof ImageInput.Local local ? local.path().toAbsolutePath().normalize().toString() : image.toString();
  }

  /** A local video's path as text; its URI's own path where this system cannot name the file (a C locale). */
  private static String videoText(URI video) {
    if (!VideoJob.isLocalVideo(video)) {
      return video.toString();
    }
    try {
      return Path.of(video).toString();
    } catch (IllegalArgumentException unnameable) { // InvalidPathException among them
      return video.getPath() != null ? video.getPath() : video.toString();
    }
  }

  /**
   * Whether the entry will not change any more: the task completed or failed, or its create got no
   * answer ({@code unknown}: vidgen never learned of a task to follow).
   */
  public boolean isFinished() {
    return status.equals("completed") || status.equals("failed") || status.equals(UNKNOWN)
        || isSettledNote() || status.equals(ANSWERED);
  }

  /**
   * How long after it went out a create without an answer may still be on its way from the process
   * that sent it: its call gets up to 2 minutes by default, and a look-up by its client reference
   * about a minute more.
   */
  public static final java.time.Duration CREATE_MAY_STILL_ANSWER = java.time.Duration.ofMinutes(3);

  /**
   * Whether this is the open note of a create that went out less than {@link #CREATE_MAY_STILL_ANSWER}
   * before {@code now}: its sender (perhaps another vidgen process) may still be waiting for its answer,
   * so "no answer" is not known yet.
   */
  public boolean mayStillBeOnItsWay(Instant now) {
    return status.equals(UNKNOWN) && taskId.startsWith(UNANSWERED_PREFIX) && claimed().isEmpty()
        && error != null && error.contains(SENDING_MARK) && submittedAt.isAfter(now.minus(CREATE_MAY_STILL_ANSWER));
  }

  /**
   * The words of the note a command or the playground writes just before a create leaves, replaced
   * once the create is answered or given up: a note that still has them is either on its way or
   * left by a process that stopped before the answer came.
   */
  public static final String SENDING_MARK = "no answer is recorded yet";

  /**
   * Whether this is the note of a create that got no answer, settled since: {@link #FOUND} as its
   * task (which has its own entry) or {@link #CLOSED} with none. Such a note no longer counts as a job.
   */
  public boolean isSettledNote() {
    return status.equals(FOUND) || status.equals(CLOSED);
  }

  /**
   * A copy for a create that got no answer, found later as {@code found}'s task (which has its own
   * entry); it keeps that task's handle, so that its name still leads there.
   */
  public HistoryEntry foundAs(JobHandle found, Instant at) {
    return new HistoryEntry(taskId, provider, model, FOUND, credits, usd, file, submittedAt, at, took,
        found.encode(), settings, "its create arrived as task " + found.taskId().value(), source,
        possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /**
   * A copy for a create that got no answer, said by the user to have made {@code told}'s task (found
   * on the provider's dashboard, say), which has its own entry: {@link #FOUND}, on the user's word,
   * once every task its takes may have made is claimed; until then it stays {@link #UNKNOWN}, with
   * the task among {@link #claimedTasks()}.
   */
  public HistoryEntry toldAs(JobHandle told, Instant at) {
    List<String> claims = new java.util.ArrayList<>(claimed());
    if (!claims.contains(told.taskId().value())) {
      claims.add(told.taskId().value());
    }
    if (claims.size() < possibleTasks) {
      int open = possibleTasks - claims.size();
      // No handle while open: the note still stands for a task nobody found, not for the one claimed.
      return new HistoryEntry(taskId, provider, model, UNKNOWN, credits, usd, file, submittedAt, at, took,
          handle, settings, possibleTasks + " of its takes may each have made a task; claimed with --made-by: "
              + String.join(", ", claims) + "; check the provider's dashboard for " + open + " more (each is saved"
              + " with vidgen wait TASK_ID --made-by " + taskId + (out == null ? "" : " --out " + dev.vidgen.core.text.SafeText.command(out))
              + "), or close this entry with vidgen history --close "
              + taskId + " once you are sure there is none", source, possibleTasks, claims, lastTakeAt, out, keyTag, baseUrl, batch);
    }
    return closed(told, claims, at, ", as told with --made-by");
  }

  /**
   * A copy for a create that got no answer of which the user says that the tasks claimed so far are
   * all it made: {@link #FOUND}, on the user's word, leading to {@code last}, a task claimed.
   *
   * @throws IllegalStateException when no task is claimed yet, or the entry is not {@link #UNKNOWN}
   */
  public HistoryEntry closedByUser(JobHandle last, Instant at) {
    List<String> claims = claimed();
    if (!status.equals(UNKNOWN) || claims.isEmpty()) {
      throw new IllegalStateException(taskId + " has no task claimed with --made-by");
    }
    return closed(last, claims, at, ", as told with --made-by; closed with vidgen history --close (no other"
        + " task, as told)");
  }

  /**
   * A copy for a create that got no answer of which the user says that it made no task ({@code
   * --no-task}): {@link #CLOSED}, on the user's word, its quote kept but no longer counted.
   *
   * @throws IllegalStateException when the entry is not {@link #UNKNOWN}, or has a task claimed
   */
  public HistoryEntry closedWithoutTask(Instant at) {
    if (!status.equals(UNKNOWN) || !claimed().isEmpty()) {
      throw new IllegalStateException(taskId + " is not an unknown create without a task claimed");
    }
    return new HistoryEntry(taskId, provider, model, CLOSED, credits, usd, file, submittedAt, at, took, handle,
        settings, "closed with no task found, as told with vidgen history --close --no-task; if its create did make"
            + " a task, that task's charge is not tracked", source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  private HistoryEntry closed(JobHandle last, List<String> claims, Instant at, String told) {
    String made = claims.size() == 1 ? "its create arrived as task " + claims.get(0)
        : "its create's takes arrived as tasks " + String.join(", ", claims);
    return new HistoryEntry(taskId, provider, model, FOUND, credits, usd, file, submittedAt, at, took,
        last.encode(), settings, made + told, source, possibleTasks, claims, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy for the note written before a create went out, whose answer made no task ({@code why}; see {@link #ANSWERED}). */
  public HistoryEntry answeredWithout(String why, Instant at) {
    return new HistoryEntry(taskId, provider, model, ANSWERED, credits, usd, file, submittedAt, at, took, handle,
        settings, why, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy for the note written before a create went out, whose answer made {@code task} (see {@link #ANSWERED}). */
  public HistoryEntry answeredAs(JobHandle task, Instant at) {
    return new HistoryEntry(taskId, provider, model, ANSWERED, credits, usd, file, submittedAt, at, took,
        task.encode(), settings, "its create was answered with task " + task.taskId().value(), source,
        possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** The entry of the task an unanswered create made, found later as {@code found}, last seen {@code status}. */
  public HistoryEntry madeAs(JobHandle found, String status, Instant at) {
    return new HistoryEntry(found.taskId().value(), provider, model, status, credits, usd, null, submittedAt, at,
        null, found.encode(), settings, null, source, 1, List.of(), null, out, keyTag, baseUrl, batch);
  }

  /** The handle to wait for the task again, when the entry has a readable one. */
  public Optional<JobHandle> jobHandle() {
    if (handle == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JobHandle.decode(handle));
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * The job as the settings hold it (local images and videos by their paths), when they can be
   * read as one; empty for settings written by hand or by an older vidgen that cannot. A file this
   * system cannot name (a C locale) stands as its {@code file:} URI, which nothing looks at.
   */
  public Optional<VideoJob> job() {
    try {
      String asked = setting("model");
      VideoJob.Builder job = VideoJob.builder(asked == null ? model : asked).prompt(setting("prompt"))
          .aspectRatio(setting("aspect_ratio")).resolution(setting("resolution"));
      if (settings.get("seconds") instanceof Number seconds) {
        job.seconds(seconds.intValue());
      }
      String mode = setting("mode");
      if (mode != null) {
        job.mode(GenerationMode.parse(mode).orElseThrow());
      }
      for (String image : images()) {
        if (canName(image)) {
          job.image(image);
        } else {
          job.image(new ImageInput.Remote(unnameableFile(image)));
        }
      }
      for (String video : videos()) {
        if (canName(video)) {
          job.video(video);
        } else {
          job.video(unnameableFile(video));
        }
      }
      if (settings.get("params") instanceof Map<?, ?> params) {
        params.forEach((key, value) -> {
          if (value != null) {
            job.param(String.valueOf(key), value);
          }
        });
      }
      return Optional.of(job.build());
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }

  /** Whether this system can make a path of {@code name}: not always under a C locale (Java 17 names files in US-ASCII). */
  private static boolean canName(String name) {
    try {
      Path.of(name);
      return true;
    } catch (InvalidPathException unnameable) {
      return false;
    }
  }

  /**
   * A stand-in for the input file {@code name}, which this system cannot name: its {@code file:} URI, never looked
   * at, so that the job still reads back and the same-job check finds it (by its bytes, or its name) rather than
   * passing it over and paying for the same video twice.
   */
  private static URI unnameableFile(String name) {
    try {
      return new URI("file", null, name, null);
    } catch (URISyntaxException notAbsolute) {
      throw new IllegalArgumentException(notAbsolute.getMessage(), notAbsolute);
    }
  }

  private String setting(String key) {
    Object value = settings.get(key);
    return value == null ? null : value.toString();
  }

  /** The input videos of the settings (URLs or absolute paths), in order. */
  public List<String> videos() {
    Object videos = settings.get("videos");
    return videos instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /** The images of the settings, in order. */
  public List<String> images() {
    Object images = settings.get("images");
    return images instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /**
   * Whether the task failed with no video of it saved: a take the same-job check passes over. One whose
   * video was saved (and which the provider later called failed) got what it was paid for.
   */
  public boolean failedUnsaved() {
    return status.equals("failed") && file == null;
  }

  /**
   * For a create that ended as {@code unanswered}: when its last answer was a server error, the words that open its
   * note ({@link #SERVER_ERROR_ANSWER}, that error, and that a task may exist); else empty (no answer came).
   */
  public static Optional<String> serverErrorAnswer(AmbiguousSubmitException unanswered) {
    Objects.requireNonNull(unanswered, "unanswered == null");
    return unanswered.getCause() instanceof ProviderException answer && answer.kind() == FailureKind.SERVER_ERROR
        ? Optional.of(SERVER_ERROR_ANSWER + SafeText.clip(SafeText.clean(answer.getMessage()), 300)
            + ") and no task id, so a task may exist")
        : Optional.empty();
  }

  /** Whether this note's create was answered with a server error ({@link #SERVER_ERROR_ANSWER}), not left unanswered. */
  public boolean answeredWithServerError() {
    return error != null && error.startsWith(SERVER_ERROR_ANSWER);
  }

  /** A copy with a new status. */
  public HistoryEntry withStatus(String status, Instant at) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, at, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy whose video is said to be at {@code file} (null: not saved), everything else kept. */
  public HistoryEntry withFile(String file) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /**
   * A copy saying the task ran {@code took}, as the wait that saw it finish told it (null: not known, such as a task
   * seen ended after this machine slept), everything else kept.
   */
  public HistoryEntry withTook(Duration took) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy with {@code settings} in place of its own, everything else kept. */
  HistoryEntry withSettings(Map<String, Object> settings) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /**
   * A copy that keeps {@code out}, the {@code --out} (absolute) the command that submitted the task was
   * given, so that advice to save its video names it; null keeps none.
   */
  public HistoryEntry withOut(String out) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy that keeps {@code tag}, the {@link dev.vidgen.core.port.ApiKey#tag() tag} of the key it was made with (null: none). */
  public HistoryEntry withKeyTag(String tag) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, tag, baseUrl, batch);
  }

  /**
   * A copy that keeps {@code baseUrl}, the base URL the task was made on as printed commands show it, so that
   * advice to save its video reaches the same server; null keeps none (the provider's own address).
   */
  public HistoryEntry withBaseUrl(String baseUrl) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy that belongs to {@code batch}, whose journal made and follows the task (null: none). */
  public HistoryEntry withBatch(BatchOrigin batch) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /**
   * Whether this line keeps neither its server nor its key's tag, as only a vidgen from before either was kept wrote
   * it: that vidgen sent the task to whatever base URL it was given, so the line may be a take on any server. Never
   * for the mock, which keeps no key tag.
   */
  public boolean serverNotRecorded() {
    return (baseUrl == null || baseUrl.isBlank()) && (keyTag == null || keyTag.isBlank()) && !"mock".equals(provider);
  }

  /**
   * Whether this line is one of vidgen's own commands' ({@code generate}, {@code extend}, {@code remix}, the
   * playground, {@code batch}) that keeps neither its server nor its key's tag ({@link #serverNotRecorded}): written by
   * a vidgen from before either was kept. An app's {@link TaskHistory#submitOnce}, which names its own source, came
   * later, so its lines never are.
   */
  public boolean writtenByAnOlderVidgen() {
    return serverNotRecorded() && (source.equals("generate") || source.equals("serve") || source.equals("batch")
        || source.startsWith("extend of ") || source.startsWith("remix of "));
  }

  /**
   * For a line that keeps neither its server nor its key's tag ({@link #serverNotRecorded}), who recorded it so, for
   * people: "recorded without its server by an older vidgen", or for an app's line, that that app recorded it with
   * neither, as its client gave neither ({@link dev.vidgen.core.client.VidgenClient#baseUrl()}, {@code keyTag()}).
   */
  public String serverNotRecordedBy() {
    return writtenByAnOlderVidgen() ? "recorded without its server by an older vidgen"
        : "recorded by " + SafeText.clip(SafeText.clean(source), 80)
            + " without its server or its key's tag, which its client did not give (no base URL or API key in its"
            + " provider's configuration)";
  }

  /**
   * Whether the task was made with a key other than the one tagged {@code tag}: both known and different. A
   * key made anew for the same account reads its tasks, a key of another account does not.
   */
  public boolean madeWithAnotherKey(String tag) {
    return keyTag != null && tag != null && !keyTag.equals(tag);
  }

  /** A copy whose note (its {@link #error}) is {@code note}, everything else kept. */
  public HistoryEntry withNote(String note) {
    return new HistoryEntry(taskId, provider, model, status, credits, usd, file, submittedAt, updatedAt, took, handle,
        settings, note, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy for a task whose video was saved to {@code file} by the wait that saw it finish at {@code at}. */
  public HistoryEntry completed(String file, Instant at) {
    return new HistoryEntry(taskId, provider, model, "completed", credits, usd, file, submittedAt, at,
        ranUntil(at), handle, settings, null, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /**
   * A copy for a task found completed later (by a status read, a later wait or a download), its
   * video saved to {@code file} or, when null, where it was; how long it ran stays as known.
   */
  public HistoryEntry foundCompleted(String file, Instant at) {
    return new HistoryEntry(taskId, provider, model, "completed", credits, usd, file == null ? this.file : file,
        submittedAt, at, status.equals("completed") ? took : null, handle, settings, null, source, possibleTasks,
        claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy for a task that failed, with the provider's words, seen failing by its wait at {@code at}. */
  public HistoryEntry failed(String error, Instant at) {
    return new HistoryEntry(taskId, provider, model, "failed", credits, usd, file, submittedAt, at, ranUntil(at),
        handle, settings, error, source, possibleTasks, claimedTasks, lastTakeAt, out, keyTag, baseUrl, batch);
  }

  /** A copy for a task found failed later (by a status read or a later wait), with the provider's words. */
  public HistoryEntry foundFailed(String error, Instant at) {
    return new HistoryEntry(taskId, provider, model, "failed", credits, usd, file, submittedAt, at,
        status.equals("failed") ? took : null, handle, settings, error, source, possibleTasks, claimedTasks,
        lastTakeAt, out, keyTag, baseUrl, batch);
  }

  private Duration ranUntil(Instant at) {
    Duration ran = Duration.between(submittedAt, at);
    return ran.isNegative() ? Duration.ZERO : ran;
  }

  /** The entry as one JSON object (snake_case keys, numbers exact). */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", taskId);
    json.put("provider", provider);
    json.put("model", model);
    json.put("status", status);
    json.put("credits", PriceJson.amount(credits));
    json.put("usd", PriceJson.amount(usd));
    json.put("file", file);
    json.put("submitted_at", submittedAt.toString());
    json.put("updated_at", updatedAt.toString());
    json.put("took_s", took == null ? null : BigDecimal.valueOf(took.toMillis()).movePointLeft(3));
    json.put("handle", handle);
    json.put("settings", settings);
    json.put("error", error);
    json.put("source", source);
    if (possibleTasks > 1) {
      json.put("possible_tasks", possibleTasks); // absent for one take, as before it was kept
    }
    if (!claimedTasks.isEmpty()) {
      json.put("claimed_tasks", claimedTasks);
    }
    if (lastTakeAt != null) {
      json.put("last_take_at", lastTakeAt.toString());
    }
    if (out != null) {
      json.put("out", out); // absent unless the command was told where to save the video
    }
    if (keyTag != null) {
      json.put("key_tag", keyTag); // absent for the mock, which has no key
    }
    if (baseUrl != null) {
      json.put("base_url", baseUrl); // absent unless the task was made on a base URL given
    }
    if (batch != null) {
      json.put("batch", batch.toJson()); // absent unless a batch made the task
    }
    return json;
  }

  /**
   * Reads what {@link #toJson()} wrote. A line written before {@code took_s} existed counts a
   * finished task's run until its last update, as it was meant then.
   *
   * @throws IllegalArgumentException when a required field is missing or malformed
   */
  @SuppressWarnings("unchecked")
  static HistoryEntry fromJson(Map<String, Object> json) {
    Object settings = json.get("settings");
    String status = text(json, "status", true);
    Instant submittedAt = Instant.parse(text(json, "submitted_at", true));
    Instant updatedAt = Optional.ofNullable(text(json, "updated_at", false)).map(Instant::parse).orElse(submittedAt);
    Duration took;
    if (json.containsKey("took_s")) {
      BigDecimal seconds = decimal(json.get("took_s"));
      took = seconds == null ? null : Duration.ofMillis(seconds.movePointRight(3).longValue());
    } else {
      took = status.equals("completed") || status.equals("failed") ? Duration.between(submittedAt, updatedAt) : null;
    }
    return new HistoryEntry(
        text(json, "task_id", true), text(json, "provider", true), text(json, "model", true),
        status, decimal(json.get("credits")), decimal(json.get("usd")),
        text(json, "file", false), submittedAt, updatedAt, took,
        text(json, "handle", false), settings instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of(),
        text(json, "error", false), text(json, "source", false),
        json.get("possible_tasks") instanceof Number takes ? takes.intValue() : 1,
        json.get("claimed_tasks") instanceof List<?> claims ? claims.stream().map(String::valueOf).toList()
            : List.of(),
        Optional.ofNullable(text(json, "last_take_at", false)).map(Instant::parse).orElse(null),
        text(json, "out", false), text(json, "key_tag", false), text(json, "base_url", false),
        BatchOrigin.fromJson(json.get("batch")));
  }

  private static String text(Map<String, Object> json, String key, boolean required) {
    Object value = json.get(key);
    if (value == null && required) {
      throw new IllegalArgumentException("no " + key);
    }
    return value == null ? null : value.toString();
  }

  private static BigDecimal decimal(Object value) {
    return value == null ? null : new BigDecimal(value.toString());
  }
}
