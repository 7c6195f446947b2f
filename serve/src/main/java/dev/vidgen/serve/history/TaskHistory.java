package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.files.DanglingLinks;
import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.core.files.PrivatePaths;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.IoReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The tasks this machine submitted, kept in {@code history.jsonl} in the vidgen data folder: one
 * JSON object per line, appended whenever a task is created or changes, the last line of a task
 * winning (but a reading that finds it still open never undoes its completed or failed end).
 * Appending never rewrites what is there, so a crash costs at most the line being written, and such
 * a torn line is skipped on reading. Safe for several threads and processes. The
 * file, its lock and the folders made for them are its owner's alone (0600, 0700) where the file system
 * has POSIX permissions; a file made before keeps its mode.
 */
public final class TaskHistory {
  /** The environment variable that names the vidgen data folder. */
  public static final String HOME_VARIABLE = "VIDGEN_HOME";

  /** How far back an identical job counts as the same one ({@link #sameJob}): as long as a result link lasts. */
  public static final Duration SAME_JOB_WINDOW = Duration.ofHours(24);

  /**
   * Held while this process appends to a history file, and while it reads one: the file lock an append
   * takes belongs to the whole process, and closing a reader's channel on the same file would let it go.
   */
  static final Object APPEND_LOCK = new Object();

  /** One per lock file, for the threads of this process: a file lock is held by the whole process. */
  private static final ConcurrentMap<Path, ReentrantLock> CHANGE_LOCKS = new ConcurrentHashMap<>();

  /** How long a change waits for another process's change to end: each holds the lock for a check and a line. */
  static final Duration LOCK_WAIT = Duration.ofSeconds(20);
  /** How long a change waits once a wait for the same lock timed out in this process, until a change gets it. */
  static final Duration STUCK_LOCK_WAIT = Duration.ofSeconds(1);
  /** The lock files another process held past a whole wait, with how long that wait was. */
  private static final ConcurrentMap<Path, Duration> STUCK_LOCKS = new ConcurrentHashMap<>();

  private final Path file;
  private final Path lockFile;
  private final Duration lockWait;
  /** Reads one line of the file as an entry (empty: no entry). */
  private final Function<String, Optional<HistoryEntry>> lineReader;
  /** Masks the keys this history was told of in an entry's error text before it is written. */
  private final UnaryOperator<String> withoutKeys;

  private TaskHistory(Path file, Duration lockWait, Function<String, Optional<HistoryEntry>> lineReader,
      UnaryOperator<String> withoutKeys) {
    this.file = file;
    this.lockFile = file.resolveSibling(file.getFileName() + ".lock");
    this.lockWait = lockWait;
    this.lineReader = lineReader;
    this.withoutKeys = withoutKeys;
  }

  /** This history, whose changes wait at most {@code wait} for another process's (for tests). */
  TaskHistory withLockWait(Duration wait) {
    return new TaskHistory(file, wait, lineReader, withoutKeys);
  }

  /** This history, its lines read by {@code reader} (for tests, such as one that counts the lines read). */
  TaskHistory withLineReader(Function<String, Optional<HistoryEntry>> reader) {
    return new TaskHistory(file, lockWait, Objects.requireNonNull(reader, "reader == null"), withoutKeys);
  }

  /**
   * This history, writing each entry's error text with every one of {@code keys} masked in it as output masks it
   * ({@link ApiKey#maskIn}), on top of those it masks already: a provider's words may echo the key it was sent.
   */
  public TaskHistory hiding(Collection<ApiKey> keys) {
    List<ApiKey> hidden = List.copyOf(Objects.requireNonNull(keys, "keys == null"));
    if (hidden.isEmpty()) {
      return this;
    }
    UnaryOperator<String> before = withoutKeys;
    return new TaskHistory(file, lockWait, lineReader, text -> {
      String masked = before.apply(text);
      for (ApiKey key : hidden) {
        masked = key.maskIn(masked);
      }
      return masked;
    });
  }

  /** The history kept in {@code folder} (the file is made on the first record). */
  public static TaskHistory in(Path folder) {
    Objects.requireNonNull(folder, "folder == null");
    return new TaskHistory(folder.toAbsolutePath().normalize().resolve("history.jsonl"), LOCK_WAIT,
        TaskHistory::readLine, UnaryOperator.identity());
  }

  /**
   * The vidgen data folder for this environment: {@code VIDGEN_HOME} (a leading {@code ~/} read as
   * {@code $HOME/}, as a shell would have), else {@code $XDG_DATA_HOME/vidgen} when that is an
   * absolute path (a relative one is ignored, as the XDG rules say), else {@code
   * $HOME/.local/share/vidgen}; empty when none is set, or when this locale cannot name the folder
   * ({@link #unnameableVariable}).
   */
  public static Optional<Path> dataFolder(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    try {
      return namedFolder(env);
    } catch (InvalidPathException unnameable) {
      // The folder the variable means is not another's to stand in for: none, said by whyNoDataFolder.
      return Optional.empty();
    }
  }

  /**
   * The variable ({@code VIDGEN_HOME}, {@code XDG_DATA_HOME} or {@code HOME}) that names the data folder when this
   * locale cannot name that folder (a name beyond ASCII under a C or POSIX locale, read with replacement
   * characters), so that {@link #dataFolder} finds none; empty when the folder can be named, or none is set.
   */
  public static Optional<String> unnameableVariable(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    try {
      namedFolder(env);
      return Optional.empty();
    } catch (InvalidPathException unnameable) {
      if (variable(env, HOME_VARIABLE).isPresent()) {
        String named = variable(env, HOME_VARIABLE).get();
        boolean fromHome = (named.equals("~") || named.startsWith("~/"))
            && variable(env, "HOME").filter(folder -> !canName(folder)).isPresent();
        return Optional.of(fromHome ? "HOME" : HOME_VARIABLE);
      }
      return Optional.of(variable(env, "XDG_DATA_HOME").filter(TaskHistory::absolute).isPresent()
          ? "XDG_DATA_HOME" : "HOME");
    }
  }

  private static Optional<Path> namedFolder(Map<String, String> env) {
    Optional<String> userHome = variable(env, "HOME");
    Optional<String> home = variable(env, HOME_VARIABLE);
    if (home.isPresent()) {
      String named = home.get();
      if (userHome.isPresent() && (named.equals("~") || named.startsWith("~/"))) {
        return Optional.of(Path.of(userHome.get(), named.substring(1).replaceFirst("^/", "")));
      }
      return Optional.of(Path.of(named));
    }
    Optional<String> xdg = variable(env, "XDG_DATA_HOME").filter(TaskHistory::absolute);
    if (xdg.isPresent()) {
      return Optional.of(Path.of(xdg.get(), "vidgen"));
    }
    return userHome.map(folder -> Path.of(folder, ".local", "share", "vidgen"));
  }

  /**
   * Why {@link #dataFolder} found none, in words: "none of VIDGEN_HOME, XDG_DATA_HOME and HOME is set" when
   * none is, else what each one is (set but empty, or a relative XDG_DATA_HOME, which is ignored).
   */
  public static String whyNoDataFolder(Map<String, String> env) {
    Objects.requireNonNull(env, "env == null");
    Optional<String> unnameable = unnameableVariable(env);
    if (unnameable.isPresent()) {
      return unnameable.get() + " (" + env.get(unnameable.get()).strip() + ") names the data folder, but the locale"
          + " (LANG, LC_ALL) reads file names as " + System.getProperty("sun.jnu.encoding", "its charset")
          + ", which cannot name it (each character it could not read became a replacement character)";
    }
    List<String> names = List.of(HOME_VARIABLE, "XDG_DATA_HOME", "HOME");
    if (names.stream().noneMatch(env::containsKey)) {
      return "none of " + HOME_VARIABLE + ", XDG_DATA_HOME and HOME is set";
    }
    List<String> each = new ArrayList<>();
    for (String name : names) {
      String value = env.get(name);
      each.add(name + (value == null ? " is not set" : value.isBlank() ? " is set but empty"
          : " is a relative path (ignored)"));
    }
    return String.join(", ", each.subList(0, each.size() - 1)) + " and " + each.get(each.size() - 1);
  }

  private static boolean canName(String named) {
    try {
      Path.of(named);
      return true;
    } catch (InvalidPathException unnameable) {
      return false;
    }
  }

  /** Whether {@code named} is an absolute path, told by its first character when this locale cannot name it. */
  private static boolean absolute(String named) {
    try {
      return Path.of(named).isAbsolute();
    } catch (InvalidPathException unnameable) {
      return named.startsWith("/");
    }
  }

  private static Optional<String> variable(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static byte[] joined(byte[] first, byte[] then) {
    byte[] both = java.util.Arrays.copyOf(first, first.length + then.length);
    System.arraycopy(then, 0, both, first.length, then.length);
    return both;
  }

  /** The file the history is kept in. */
  public Path file() {
    return file;
  }

  /**
   * Appends {@code entry} as the task's latest state, its error text without the keys this history hides
   * ({@link #hiding}).
   *
   * @throws UncheckedIOException when the folder cannot be made or the file written
   */
  public void record(HistoryEntry entry) {
    Objects.requireNonNull(entry, "entry == null");
    // The file outlives the terminal, which masks the key: a provider's words that echo it are masked here too.
    String error = entry.error();
    HistoryEntry kept = error == null || withoutKeys.apply(error).equals(error) ? entry
        : entry.withNote(withoutKeys.apply(error));
    byte[] line = (JsonTrees.write(kept.toJson()) + "\n").getBytes(StandardCharsets.UTF_8);
    synchronized (APPEND_LOCK) {
      try {
        OwnerOnly.folders(file.getParent());
        try (FileChannel channel = openRegular(file,
                StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = channel.lock()) {
          // Written at the end under the lock every writer takes. A line torn by a crash (no newline at the end) is
          // ended first, so that it costs only itself, not the line written after it too, and marked as torn, so that
          // it is not taken for a line changed by hand once ended.
          long end = channel.size();
          long before = end;
          ByteBuffer buffer = ByteBuffer.wrap(joined(TornLine.ending(channel, end), line));
          try {
            while (buffer.hasRemaining()) {
              end += channel.write(buffer, end);
            }
          } catch (IOException partly) {
            // A disk that filled mid-line: the part written is taken back, so no torn line reads as a state.
            try {
              channel.truncate(before);
            } catch (IOException stillThere) {
              partly.addSuppressed(stillThere);
            }
            throw partly;
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the task history " + file + ": " + reason(e), e);
      }
    }
  }

  /**
   * Runs {@code change} (which reads the history, decides and {@link #record}s) while no other
   * change runs, in this process or any other using the same folder: an exclusive lock on {@code
   * history.jsonl.lock} beside the file, so that two processes never both act on the same state of a
   * note. Nested calls in one thread run at once. What {@code change} throws passes through.
   *
   * @throws UncheckedIOException when the lock file cannot be made or locked, or another process held it for
   *     longer than a change takes (20 s): a process stopped while it held it, say
   */
  public <T> T changing(Supplier<T> change) {
    return change(change, null);
  }

  /**
   * As {@link #changing}, but when the lock file cannot be made or locked (another user's file, a folder in its
   * place, a process that holds it past the wait), {@code change} runs without it once {@code unlocked} is told why:
   * for a line that must reach the history all the same, as an unanswered create's note does.
   */
  public <T> T changingOrUnlocked(Supplier<T> change, java.util.function.Consumer<String> unlocked) {
    Objects.requireNonNull(unlocked, "unlocked == null");
    return change(change, unlocked);
  }

  private <T> T change(Supplier<T> change, java.util.function.Consumer<String> unlocked) {
    Objects.requireNonNull(change, "change == null");
    ReentrantLock local = CHANGE_LOCKS.computeIfAbsent(lockFile, path -> new ReentrantLock());
    local.lock();
    try {
      if (local.getHoldCount() > 1) {
        return change.get();
      }
      OwnerOnly.folders(file.getParent());
      FileChannel channel = null;
      FileLock lock;
      try {
        // Only ever locked, never written: the history itself stays append-only.
        channel = openRegular(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        lock = lockWithin(channel);
      } catch (IOException e) {
        if (channel != null) {
          try {
            channel.close();
          } catch (IOException alsoUnclosed) {
            e.addSuppressed(alsoUnclosed);
          }
        }
        if (unlocked == null || e instanceof java.io.InterruptedIOException) {
          throw e;
        }
        unlocked.accept(unlockable(e).getMessage());
        return change.get();
      }
      try (FileChannel held = channel; FileLock taken = lock) {
        return change.get();
      }
    } catch (IOException e) {
      throw unlockable(e);
    } finally {
      local.unlock();
    }
  }

  private UncheckedIOException unlockable(IOException e) {
    return new UncheckedIOException("cannot lock the task history " + lockFile + ": " + reason(e), e);
  }

  /**
   * Why {@code e} kept the history's folder or file from being made, in words: a link on the way to a folder that does
   * not exist is named with where it leads and the fix, as the JDK says only that something is already there.
   */
  private String reason(IOException e) {
    if (e instanceof FileAlreadyExistsException || e instanceof NoSuchFileException) {
      Optional<DanglingLinks.DanglingLink> link = DanglingLinks.on(file.getParent());
      if (link.isPresent()) {
        return link.get().words() + " (create it, or set " + HOME_VARIABLE + " to a folder that exists)";
      }
    }
    return IoReasons.of(e);
  }

  /**
   * {@code file} opened, once it is known to be a regular file or none: opening a named pipe would wait for
   * another process without end, and a device (a link to /dev/null, say) would swallow or make up lines. Made
   * owner-only when missing: it holds task ids, prompts and base URLs. Refused when it or its folder is not this
   * user's alone ({@link PrivatePaths}), and never opened through a link, even one put there after that check (a link
   * to nothing reads as no file, as before).
   */
  static FileChannel openRegular(Path file, StandardOpenOption... options) throws IOException {
    if (Files.exists(file) && !Files.isRegularFile(file)) {
      throw new IOException("it is not a regular file");
    }
    if (!Arrays.asList(options).contains(StandardOpenOption.CREATE) && Files.isSymbolicLink(file)
        && !Files.exists(file)) {
      // A link to nothing holds no history, as before; a write through it is refused below.
      throw new NoSuchFileException(file.toString());
    }
    Optional<PrivatePaths.Problem> problem = PrivatePaths.folderProblem(file.getParent())
        .or(() -> PrivatePaths.problem(file));
    if (problem.isPresent()) {
      String fix = problem.get().fix();
      throw new IOException(problem.get().what() + ", so another user could read or change it: "
          + (fix.isEmpty() ? "" : fix + ", or ") + "use a folder of your own");
    }
    OpenOption[] unfollowed = Arrays.copyOf(options, options.length + 1, OpenOption[].class);
    unfollowed[options.length] = LinkOption.NOFOLLOW_LINKS;
    return OwnerOnly.open(file, unfollowed);
  }

  /**
   * The lock of {@code channel}, once no other process holds it, waiting at most {@link #lockWait}; once a wait
   * timed out in this process, at most {@link #STUCK_LOCK_WAIT} until a change gets it again, so that a run whose
   * every change meets a stopped process is not held back a whole wait each time.
   */
  private FileLock lockWithin(FileChannel channel) throws IOException {
    Duration stuckFor = STUCK_LOCKS.get(lockFile);
    Duration wait = stuckFor != null && STUCK_LOCK_WAIT.compareTo(lockWait) < 0 ? STUCK_LOCK_WAIT : lockWait;
    long deadline = System.nanoTime() + wait.toNanos();
    long pause = 5;
    for (FileLock lock = channel.tryLock(); ; lock = channel.tryLock()) {
      if (lock != null) {
        STUCK_LOCKS.remove(lockFile);
        return lock;
      }
      if (System.nanoTime() - deadline >= 0) {
        if (stuckFor != null) {
          throw new IOException("another process still holds it, as it did for " + inWords(stuckFor) + " earlier"
              + " in this run (this change waited " + inWords(wait) + "); a vidgen process stopped while it held"
              + " it, say");
        }
        STUCK_LOCKS.put(lockFile, wait);
        throw new IOException("another process has held it for " + inWords(wait) + ", longer than a"
            + " change takes (a vidgen process stopped while it held it, say)");
      }
      try {
        Thread.sleep(pause); // changes hold the lock for milliseconds: polled, with a growing pause
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException("interrupted while waiting for the task history's lock");
      }
      pause = Math.min(200, pause * 2);
    }
  }

  private static String inWords(Duration wait) {
    return wait.toMillis() % 1000 == 0 ? wait.toSeconds() + " s" : wait.toMillis() + " ms";
  }

  /**
   * Records that task {@code taskId}'s video was just saved to {@code file}: every other task whose
   * video the history said was there no longer has a file, with a note that its video was saved there
   * and replaced by this task's ({@link ReplacedVideos}), so that its status advises saving it again
   * instead of pointing at another task's video. Recorded without the lock when it cannot be had, once
   * {@code unlocked} is told why ({@link #changingOrUnlocked}).
   */
  public void replacedAt(String file, String taskId, java.util.function.Consumer<String> unlocked) {
    Objects.requireNonNull(file, "file == null");
    Objects.requireNonNull(taskId, "taskId == null");
    changingOrUnlocked(() -> {
      for (HistoryEntry other : entries()) {
        if (file.equals(other.file()) && !other.taskId().equals(taskId)) {
          record(ReplacedVideos.mark(other, file, taskId));
        }
      }
      return null;
    }, unlocked);
  }

  /** Every task, newest submission first; an unreadable line is skipped, and so are the notes of creates since answered ({@link HistoryEntry#ANSWERED}). */
  public List<HistoryEntry> entries() {
    return HistorySnapshots.sorted(file, lineReader).entries();
  }

  /**
   * The latest state of every task of id {@code taskId} (of any provider or server) as {@link #entries()} lists them,
   * newest submission first: looked up, so that a command asking for each of many tasks does not search them all.
   */
  public List<HistoryEntry> entriesOf(String taskId) {
    Objects.requireNonNull(taskId, "taskId == null");
    return HistorySnapshots.sorted(file, lineReader).withTaskId(taskId);
  }

  /**
   * The tasks whose own lines cannot be read (changed by hand, torn) but whose create's note, still readable, names
   * them, each under that note's name, as they began: {@code queued}, with the note's model, price, settings, {@code
   * --out} and server. {@link #entries()} leaves them out; the same-job check counts them. Newest submission first.
   */
  public Map<String, HistoryEntry> tasksReadFromNotes() {
    return TasksNamedByNotes.standIns(latest().values());
  }

  /**
   * The latest state of the note named {@code name} ({@code unanswered-…}), also once its create
   * was answered ({@link HistoryEntry#ANSWERED}, which {@link #entries()} leaves out).
   */
  public Optional<HistoryEntry> note(String name) {
    return latest().values().stream().filter(entry -> entry.taskId().equals(name)).findFirst();
  }

  /**
   * Whether the note of a create other than {@code name}, sent to the server at {@code baseUrl} (null: the provider's
   * own address), says that its create was answered with task {@code taskId} of provider {@code providerId} (its latest
   * line names that task). A note that names no server (written before base URLs were kept) counts for any; one sent
   * to another server does not: the task of the same id it names is that server's.
   */
  public boolean answeredElsewhere(String providerId, String baseUrl, String taskId, String name) {
    return latest().values().stream().anyMatch(entry -> entry.provider().equals(providerId)
        && entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX) && !entry.taskId().equals(name)
        && (entry.baseUrl() == null || entry.baseUrl().isBlank()
            || BaseUrls.sameServer(providerId, entry.baseUrl(), baseUrl))
        && entry.jobHandle().map(handle -> handle.taskId().value().equals(taskId)).orElse(false));
  }

  /**
   * The entry of the task whose video was last saved to {@code file} (an absolute path, as entries name it), as
   * that save recorded it: also when the task was saved elsewhere since, or when another task was saved there
   * after (then that one). Empty when no entry ever named the file.
   */
  public Optional<HistoryEntry> lastSavedTo(String file) {
    return Optional.ofNullable(HistorySnapshots.lastSavedTo(this.file, lineReader).get(file));
  }

  private Map<String, HistoryEntry> latest() {
    return HistorySnapshots.latest(file, lineReader);
  }

  /**
   * Teaches {@code durations} how long this provider's completed tasks took, oldest first, so that
   * a new client polls tasks without progress where earlier ones finished. A task counts only when
   * the wait that saw it finish is known ({@link HistoryEntry#took()}); its duration runs from its
   * submission to the moment that wait recorded it, after the download, so it is a little long.
   *
   * @return how many durations were given
   */
  public int seed(RouteDurations durations, String providerId) {
    Objects.requireNonNull(durations, "durations == null");
    List<HistoryEntry> done = entries().stream()
        .filter(entry -> entry.provider().equals(providerId) && entry.status().equals("completed")
            && entry.took() != null)
        .sorted(Comparator.comparing(HistoryEntry::updatedAt))
        .toList();
    for (HistoryEntry entry : done) {
      durations.record(entry.model(), entry.took());
    }
    return done.size();
  }

  /** The latest state of task {@code taskId} of {@code providerId}, if the history has it. */
  public Optional<HistoryEntry> find(String providerId, String taskId) {
    return entriesOf(taskId).stream()
        .filter(entry -> entry.provider().equals(providerId) && entry.taskId().equals(taskId))
        .findFirst();
  }

  /**
   * The latest state of task {@code taskId} of {@code providerId} made on the server at {@code baseUrl} (null: the
   * provider's own address), as {@link BaseUrls#sameServer} tells servers apart: two servers that hand out the same id
   * made two tasks. Else the task's entry that names no server (a line written before base URLs were kept).
   */
  public Optional<HistoryEntry> find(String providerId, String baseUrl, String taskId) {
    List<HistoryEntry> tasks = entriesOf(taskId).stream()
        .filter(entry -> entry.provider().equals(providerId) && entry.taskId().equals(taskId))
        .toList();
    return tasks.stream().filter(entry -> BaseUrls.sameServer(providerId, entry.baseUrl(), baseUrl)).findFirst()
        .or(() -> tasks.stream().filter(entry -> entry.baseUrl() == null || entry.baseUrl().isBlank()).findFirst());
  }

  /**
   * The newest task of {@code providerId} submitted at or after {@code since} for exactly {@code
   * job}'s settings (model, mode, prompt, seconds, ratio, resolution, inputs and params) that has
   * not failed, or whose video was saved before the provider called it failed (an unanswered create found
   * later counts as the task it made): a sign that running the job again pays for a second take of the same video.
   */
  public Optional<HistoryEntry> sameJob(String providerId, VideoJob job, Instant since) {
    return sameJob(providerId, job, since, HistoryEntry::settingsOf);
  }

  /**
   * As {@link #sameJob(String, VideoJob, Instant)}, with "the same" decided by {@code identity}
   * among the entries with the same images and videos (only those reach {@code identity}, so that
   * it never looks at other inputs): two jobs are the same when it gives equal values for them.
   * {@link JobIdentity#asSent} compares what the provider would receive, so that a default left out
   * and the same default named are one job.
   */
  public Optional<HistoryEntry> sameJob(String providerId, VideoJob job, Instant since,
      Function<VideoJob, ?> identity) {
    return sameJob(providerId, job, since, identity, entry -> true);
  }

  /**
   * As {@link #sameJob(String, VideoJob, Instant, Function)}, the newest such entry that {@code which}
   * accepts, such as a create still on its way behind a newer take of the same job.
   */
  public Optional<HistoryEntry> sameJob(String providerId, VideoJob job, Instant since,
      Function<VideoJob, ?> identity, java.util.function.Predicate<HistoryEntry> which) {
    return sameJob(providerId, job, since, identity, which, InputDigests.none());
  }

  /**
   * As {@link #sameJob(String, VideoJob, Instant, Function, java.util.function.Predicate)}, with the
   * job's local images and videos known by their bytes ({@code digests}) against an entry that keeps
   * theirs, so that a copy, a link or a renamed file is the same input and an edited file another
   * one; against an entry written before digests were kept, by their paths.
   */
  public Optional<HistoryEntry> sameJob(String providerId, VideoJob job, Instant since,
      Function<VideoJob, ?> identity, java.util.function.Predicate<HistoryEntry> which, InputDigests digests) {
    Objects.requireNonNull(providerId, "providerId == null");
    Objects.requireNonNull(since, "since == null");
    Objects.requireNonNull(digests, "digests == null");
    Map<String, Object> settings = HistoryEntry.settingsOf(job);
    Object wanted = valueOf(identity, job);
    // Which entries count is asked before whether they are the same job: the cheap question first. A task whose own
    // lines cannot be read counts through the readable note of the create that made it.
    return TasksNamedByNotes.withStandIns(latest().values()).stream()
        .filter(entry -> entry.provider().equals(providerId) && !entry.failedUnsaved()
            && !entry.isSettledNote() && !entry.submittedAt().isBefore(since))
        .filter(which)
        .filter(entry -> sameAs(entry, job, settings, wanted, identity, digests))
        .findFirst();
  }

  /**
   * Submits {@code job} with {@code client} unless this history holds the same job from the last day, as {@code vidgen
   * generate} does: the check and a note of the job ({@code unanswered-…}) are one step under the history's lock, so
   * that of two submits of the same job at once, in this process or another, only one is sent; the answer then
   * replaces the note with the task, recorded as made by {@code source}, or keeps it {@code unknown} when the create
   * got no answer. Blocks until the create is answered; never call it on vidgen's own threads.
   *
   * @throws SameJobException when the history holds the same job, not failed (nothing sent)
   * @throws java.io.UncheckedIOException when the history cannot be locked or written (nothing sent)
   */
  public JobHandle submitOnce(VidgenClient client, VideoJob job, String source) {
    return new SubmitOnce(this, client, job, source).run();
  }

  /**
   * Whether {@code entry} was made for the same job as {@code job} by {@link #sameJob}'s measure (the
   * same inputs, then equal under {@code identity}), whatever its status, age or provider.
   */
  public boolean isTakeOf(HistoryEntry entry, VideoJob job, Function<VideoJob, ?> identity) {
    Objects.requireNonNull(entry, "entry == null");
    return sameAs(entry, job, HistoryEntry.settingsOf(job), valueOf(identity, job), identity, InputDigests.none());
  }

  private static boolean sameAs(HistoryEntry entry, VideoJob job, Map<String, Object> settings, Object wanted,
      Function<VideoJob, ?> identity, InputDigests digests) {
    // Only an earlier job with the same inputs reaches the identity (shortened there too: a line written before
    // vidgen shortened long data: URLs holds them whole).
    return entry.job().flatMap(earlier -> digests.sameInputs(entry, job, settings, earlier))
        .map(earlier -> wanted.equals(valueOf(identity, earlier))).orElse(false);
  }

  /** {@code job}'s value under {@code identity} as it would read back from the file. */
  private static Object valueOf(Function<VideoJob, ?> identity, VideoJob job) {
    return identity instanceof RememberedIdentity remembered ? remembered.apply(job) : comparable(identity.apply(job));
  }

  /** A value as it reads back from the file, so that numbers and lists compare as they were written. */
  static Object comparable(Object value) {
    return JsonTrees.tryParse(JsonTrees.write(value)).orElse(value);
  }

  /** The latest state of task {@code taskId}, if the history has it. */
  public Optional<HistoryEntry> find(String taskId) {
    return entriesOf(taskId).stream().findFirst();
  }

  /**
   * How many whole lines of the file vidgen cannot read as an entry: written by another version of vidgen (a
   * field in another shape, a status it does not know) or changed by hand. Their jobs are out of every look of
   * this history, the same-job check's too. A last line without its newline (one torn by a crash) is not counted,
   * nor is one that a later append ended with the mark of a torn line. Counted by the read that finds the entries,
   * a line at a time, so that a listing parses each line once.
   */
  public int unreadableLines() {
    if (!Files.isRegularFile(file)) {
      return 0;
    }
    try {
      return HistorySnapshots.unreadableLines(file, lineReader);
    } catch (UncheckedIOException e) {
      return 0; // told by the reads that need the file
    }
  }

  /** One line of the file as an entry; empty for a line that is none (changed by hand, torn, another version's). */
  static Optional<HistoryEntry> readLine(String line) {
    try {
      return JsonTrees.tryParseObject(line).map(HistoryEntry::fromJson);
    } catch (RuntimeException torn) {
      return Optional.empty();
    }
  }

  @Override
  public String toString() {
    return "TaskHistory[" + file + "]";
  }
}
