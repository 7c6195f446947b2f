package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.json.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Binds a batch's results to its journal: a small file ({@value #FILE}) in the output folder names,
 * per batch, the journal and how far it had got (the sum of its entries' versions, which only ever
 * grows). A journal that is missing, emptied or older than the results beside it is refused before
 * anything is sent, since running on it would create (and pay for) finished jobs again.
 */
public final class ResultsManifest {
  /** The manifest's file name in the output folder. */
  public static final String FILE = ".vidgen-batch.json";

  private final Path file;

  private ResultsManifest(Path file) {
    this.file = file;
  }

  /** The manifest of the output folder {@code outDir} (read when checked, written when recorded). */
  public static ResultsManifest in(Path outDir) {
    return new ResultsManifest(Objects.requireNonNull(outDir, "outDir == null").resolve(FILE));
  }

  /** A journal that does not belong to the results beside it; nothing was sent. */
  public static final class StaleJournalException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    StaleJournalException(String message) {
      super(message);
    }
  }

  /** The manifest could not be written (a full disk, a folder made read-only); the journal keeps every task made. */
  public static final class WriteException extends java.io.UncheckedIOException {
    private static final long serialVersionUID = 1L;

    WriteException(String message, IOException cause) {
      super(message, cause);
    }
  }

  /**
   * Refuses to run {@code plan} on {@code store} when the output folder holds results the journal
   * does not know: the manifest names this batch but the journal has none of its jobs or has got
   * less far, or (with no manifest) planned videos exist while the journal has no job.
   *
   * @throws StaleJournalException saying what was found and what to do
   */
  public void check(BatchPlan plan, JobStore store) {
    List<Entry> entries = store.entries(plan.batch());
    Optional<Map<String, Object>> recorded = recorded(plan.batch());
    String what = "the output folder " + file.getParent() + " holds results of batch " + plan.batch();
    // A SQLite journal is a file with a -wal file beside it; a PostgreSQL one is a table restored as databases are.
    boolean sqlite = store.file().isPresent();
    String todo = "Point --journal at the journal these results were made with (or restore it from a backup"
        + (sqlite ? " with its -wal file" : "") + "); to send the finished jobs again and pay for them again, add"
        + " --start-over";
    // A run refused before its first job was journaled (the balance, say) recorded no results.
    boolean recordedJobs = recorded.isPresent() && hasJobs(recorded.get());
    if (recordedJobs) {
      Object journal = recorded.get().get("journal");
      long progress = recorded.get().get("progress") instanceof Number n ? n.longValue() : 0;
      // A run's start on this very journal, before its jobs were written (a worker starting beside it, or a run
      // stopped before the plan was journaled): nothing was made with it yet. A run records how far its journal got
      // before its first create goes out (BatchRunner), so a run killed after that never reads as one; and a planned
      // video beside a record of no progress (one written before that was so) is a result all the same.
      boolean startedHere = progress == 0 && store.describe().equals(journal)
          && plan.jobs().stream().noneMatch(job -> Files.exists(job.out()));
      if (entries.isEmpty() && !startedHere) {
        Optional<Path> madeWith = journalFile(recorded.get()).filter(other -> !Optional.of(other).equals(store.file())
            && Files.isRegularFile(other));
        throw new StaleJournalException(what + " recorded in " + journal + ", but " + store.describe()
            + " has none of its jobs (missing, emptied, or another journal); nothing was sent. " + madeWith
                .map(other -> "That journal still exists: go on with --journal " + other + ", or, for another batch"
                    + " of the same name, use another --out-dir (or --batch-name)").orElse(todo));
      }
      if (progress(entries) < progress) {
        throw new StaleJournalException(what + " recorded in " + journal + ", but " + store.describe()
            + " is older than those results (an earlier copy" + (sqlite ? ", or copied without its -wal file" : "")
            + "); nothing was sent. "
            + todo);
      }
    } else if (entries.isEmpty()) {
      Optional<PlannedJob> done = plan.jobs().stream().filter(job -> Files.exists(job.out())).findFirst();
      if (done.isPresent()) {
        String renamed = renamed(plan.batch(), store);
        List<String> others = otherBatches(plan.batch());
        throw new StaleJournalException("the video of line " + done.get().line() + " (" + done.get().out()
            + ") already exists, but " + store.describe() + " has no job of batch " + plan.batch()
            + "; nothing was sent. " + renamed + (renamed.isEmpty() && !others.isEmpty()
                ? "This folder holds the results of " + batchesNamed(others) + ", and the file may be one of their"
                    + " videos: give the line another out (or an id), or use another --out-dir"
                : todo));
      }
    }
    refuseOverwrites(plan, entries);
  }

  /**
   * With {@code --start-over}: refuses when the journal the manifest records for {@code plan}'s batch still
   * exists and is not {@code store} (it is not lost: another batch of the same name made these results), and a
   * planned job the journal did not make whose file exists while the manifest records other batches in this
   * folder, since the file may be another batch's paid video, which starting this batch over would replace.
   *
   * @throws StaleJournalException naming the line, the file and the batches it may belong to
   */
  public void checkStartOver(BatchPlan plan, JobStore store) {
    Optional<Map<String, Object>> recorded = recorded(plan.batch()).filter(ResultsManifest::hasJobs);
    Optional<Path> madeWith = recorded.flatMap(ResultsManifest::journalFile);
    if (madeWith.isPresent() && !madeWith.equals(store.file()) && Files.isRegularFile(madeWith.get())) {
      // Not a lost journal: another (a jobs file of the same name elsewhere, say) whose videos these are.
      throw new StaleJournalException("the results of batch " + plan.batch() + " in " + file.getParent()
          + " were made with the journal " + madeWith.get() + ", which still exists, not with " + store.describe()
          + "; --start-over would pay for them again and replace their videos; nothing was sent. Go on with them"
          + " with --journal " + madeWith.get() + ", or use another --out-dir");
    }
    List<String> others = otherBatches(plan.batch());
    if (others.isEmpty()) {
      return; // only this batch's results are here: starting it over pays for them again
    }
    Map<String, Entry> known = new LinkedHashMap<>();
    store.entries(plan.batch()).forEach(entry -> known.put(entry.key(), entry));
    // A file of a job the journal made is this batch's own; any other may be one of the other batches' videos.
    Optional<PlannedJob> taken = plan.jobs().stream().filter(job -> Files.exists(job.out()))
        .filter(job -> known.get(job.key()) == null || known.get(job.key()).state() == JobStore.State.PENDING
            || known.get(job.key()).state() == JobStore.State.DROPPED)
        .findFirst();
    if (taken.isPresent()) {
      throw new StaleJournalException("line " + taken.get().line() + "'s file " + taken.get().out() + " already exists,"
          + " and this folder holds the results of " + batchesNamed(others) + ", not of batch " + plan.batch()
          + ": the file may be one of their videos, which --start-over would replace; nothing was sent. Give the line"
          + " another out (or an id), or use another --out-dir");
    }
  }

  /** The file of the journal a manifest's record names, when it was kept in one (SQLite). */
  private static Optional<Path> journalFile(Map<String, Object> binding) {
    return binding.get("journal_file") instanceof String name ? Optional.of(Path.of(name)) : Optional.empty();
  }

  /** The batches other than {@code batch} the manifest records with jobs. */
  private List<String> otherBatches(String batch) {
    return batches().entrySet().stream().filter(named -> !named.getKey().equals(batch))
        .filter(named -> hasJobs(named.getValue())).map(Map.Entry::getKey).toList();
  }

  /**
   * Whether a manifest's record of a batch is one of results: a run refused before its first job was
   * journaled (the balance, say) records none; a record that does not say is taken as one.
   */
  private static boolean hasJobs(Object binding) {
    return binding instanceof Map<?, ?> map && !(map.get("jobs") instanceof Number jobs && jobs.longValue() == 0);
  }

  /** "batch A.jsonl (journal …)" or "batches A, B", for a sentence. */
  private String batchesNamed(List<String> batches) {
    if (batches.size() == 1) {
      Object journal = recorded(batches.get(0)).map(binding -> binding.get("journal")).orElse(null);
      return "batch " + batches.get(0) + (journal == null ? "" : " (journal " + journal + ")");
    }
    return "batches " + String.join(", ", batches);
  }

  /**
   * Refuses a job the journal does not know yet whose file already exists: it is another job's
   * video (an edited line without an id, or an out taken over) or a file put there, and the new
   * video would replace it.
   */
  private static void refuseOverwrites(BatchPlan plan, List<Entry> entries) {
    Map<String, Entry> known = new LinkedHashMap<>();
    entries.forEach(entry -> known.put(entry.key(), entry));
    // An empty journal too: every job is new then, and a file at its out is not its own.
    for (PlannedJob job : plan.jobs()) {
      // A job the journal holds without a task yet (pending, dropped) made no file of its own either: a
      // file at its out is another's. (One held with other content that was tried is the runner's to refuse.)
      Entry held = known.get(job.key());
      boolean isNew = held == null || held.state() == JobStore.State.PENDING || held.state() == JobStore.State.DROPPED;
      if (isNew && Files.exists(job.out())) {
        String owner = entries.stream().filter(entry -> job.out().toString().equals(entry.out()) && entry != held)
            .map(entry -> "the video of job " + entry.key()).findFirst().orElse("a file not made by this batch");
        throw new StaleJournalException("line " + job.line() + (held != null ? "'s job has made no video yet" : " is a new job")
            + ", but its file " + job.out()
            + " already exists (" + owner + "), and its video would replace it; nothing was sent. Give the line"
            + " another out (or an id), or move the file away");
      }
    }
  }

  /**
   * When this journal made results in this folder under another batch name (the jobs file renamed,
   * or another {@code --batch-name}), the first thing to try: name the batch as before. Empty otherwise.
   */
  private String renamed(String batch, JobStore store) {
    // Only batches this very journal made: one of another journal is not these results under another name.
    List<String> others = batches().entrySet().stream()
        .filter(named -> !named.getKey().equals(batch))
        .filter(named -> named.getValue() instanceof Map<?, ?> binding && store.describe().equals(binding.get("journal")))
        .filter(named -> !store.entries(named.getKey()).isEmpty())
        .map(Map.Entry::getKey).toList();
    if (others.isEmpty()) {
      return "";
    }
    return "If the jobs file was renamed (or --batch-name changed), name the batch as before: --batch-name "
        + shellWord(others.get(0))
        + (others.size() > 1 ? " (this folder also holds batches " + String.join(", ", others.subList(1, others.size()))
            + ")" : "") + ". ";
  }

  /** {@code word} as a shell reads it back: as it is when plain, else in single quotes. */
  private static String shellWord(String word) {
    return word.matches("[A-Za-z0-9_./:=@%+,-]+") ? word : "'" + word.replace("'", "'\\''") + "'";
  }

  /**
   * {@link #check} and, when it passes, a record that this run is about to journal {@code plan}'s jobs on
   * {@code store}, as one step under a lock ({@value #FILE}{@code .lock}, beside it): of two runs started on
   * the same output folder with different journals, the second is refused before anything is sent, even
   * before the first has written a job or recorded how far it got.
   */
  public void checkAndClaim(BatchPlan plan, JobStore store, boolean startOver) {
    try {
      locked(() -> {
        if (startOver) {
          checkStartOver(plan, store);
        } else {
          check(plan, store);
        }
        record(plan.batch(), store, plan.jobs().size());
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + lockFile(), e);
    }
  }

  private Path lockFile() {
    return file.resolveSibling(FILE + ".lock");
  }

  /** Runs {@code step} holding the manifest's lock ({@value #FILE}{@code .lock}), taken by threads and processes alike. */
  private void locked(Runnable step) throws IOException {
    Path lockFile = lockFile();
    ReentrantLock local = CLAIM_LOCKS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), path -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(file.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = channel.lock()) {
        step.run();
      }
    } finally {
      local.unlock();
    }
  }

  /** One lock per manifest in this process: a file lock is the process's own, so threads take turns here first. */
  private static final Map<Path, ReentrantLock> CLAIM_LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Writes how far {@code store} has got with {@code batch}, replacing the manifest in one move, under its lock:
   * a record read from the journal earlier never replaces one read later (the journal's progress only grows).
   * {@link BatchRunner} records so before its first create goes out, as well as when it ends: a run killed
   * midway leaves a manifest that says its journal made results.
   */
  public void record(String batch, JobStore store) {
    try {
      locked(() -> record(batch, store, 0));
    } catch (IOException e) {
      throw new WriteException("cannot write " + file, e); // its lock is written beside it
    }
  }

  /** {@link #record(String, JobStore)} naming at least {@code planned} jobs: those a run starting now will journal. */
  private void record(String batch, JobStore store, int planned) {
    List<Entry> entries = store.entries(batch);
    Map<String, Object> all = new LinkedHashMap<>(batches());
    Map<String, Object> binding = new LinkedHashMap<>();
    binding.put("journal", store.describe());
    store.file().ifPresent(journal -> binding.put("journal_file", journal.toString()));
    binding.put("progress", progress(entries));
    binding.put("jobs", Math.max(entries.size(), planned));
    binding.put("updated_at", Instant.now().toString());
    all.put(batch, binding);
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("note", "written by vidgen batch: which journal the videos here belong to; keep it with them");
    root.put("batches", all);
    try {
      Files.createDirectories(file.getParent());
      // A temporary file of its own (workers sharing the folder may record at the same moment), made as
      // any file is, so that it keeps the folder's usual permissions; gone again if the move fails.
      Path temp = file.resolveSibling(FILE + "." + java.util.UUID.randomUUID() + ".tmp");
      try {
        // On the disk before it replaces the manifest: a run killed (or a machine stopped) just after finds it whole.
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
          java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(JsonTrees.write(root) + "\n");
          while (bytes.hasRemaining()) {
            out.write(bytes);
          }
          out.force(true);
        }
        try {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new WriteException("cannot write " + file, e);
    }
  }

  /** How far a journal has got with a batch: every write raises some entry's version, none lowers one. */
  static long progress(List<Entry> entries) {
    return entries.stream().mapToLong(Entry::version).sum() + entries.size();
  }

  @SuppressWarnings("unchecked")
  private Optional<Map<String, Object>> recorded(String batch) {
    return batches().get(batch) instanceof Map<?, ?> binding ? Optional.of((Map<String, Object>) binding)
        : Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> batches() {
    if (!Files.isRegularFile(file)) {
      return Map.of();
    }
    try {
      Object root = JsonTrees.parse(Files.readString(file, StandardCharsets.UTF_8));
      if (root instanceof Map<?, ?> map && map.get("batches") instanceof Map<?, ?> batches) {
        return (Map<String, Object>) batches;
      }
      throw new StaleJournalException(file + " is not a vidgen batch manifest; move it away or restore it");
    } catch (IllegalArgumentException e) {
      throw new StaleJournalException(file + " cannot be read (" + e.getMessage() + "); restore it or move it away");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
