package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.files.Mp4Boxes;
import dev.vidgen.core.files.VideoFormats;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.ResultUnusableException;
import dev.vidgen.core.error.RetriableProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.text.Plural;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Saves a finished video: the provider's stream goes into a temporary file beside the target,
 * which is checked (not empty; its first bytes the format the result names, see {@link
 * DownloadedContent}; an MP4 or MOV with top-level boxes that fit it, a {@code moov} and an {@code
 * mdat} among them) and then renamed onto the target in one step. Whatever fails, no half file
 * stands under the target's name. A broken-off stream, or an MP4 or MOV cut short even though the
 * server's byte count agreed, is retried under the policy, and once the retries run out it is a
 * {@link DownloadFailedException} (the task is paid for) with the provider's error as its cause; an
 * expired link is reported at once. A try that brought new bytes starts the policy's count again, and a link
 * that cannot be reached is ridden out for a while ({@link DownloadPersistence}); a caller's deadline ends both.
 */
final class Downloader {
  private final ClientRuntime runtime;
  private final RetryLoop retries;
  private final StaleParts staleParts = new StaleParts();
  /** The notes of downloads riding out an outage: at most one per 15 s for all of this client's downloads. */
  private final SparingWarnings outageWarnings;
  /**
   * The temporary files every client of this process is writing now. A lock belongs to the whole process, and
   * closing any channel opened here on a locked part would let its lock go: {@link StaleParts} never opens these.
   */
  static final Set<Path> WRITTEN_HERE = ConcurrentHashMap.newKeySet();

  /** The temporary files being written now, for {@link #deleteOpenParts()}. */
  private final Set<Path> openParts = ConcurrentHashMap.newKeySet();

  /** The files this client's generate calls in flight will write. */
  private final TargetReservations reservations = new TargetReservations();

  /** The most a result download may bring. */
  private final long maxVideoBytes;

  Downloader(ClientRuntime runtime, RetryLoop retries, long maxVideoBytes) {
    this.runtime = runtime;
    this.retries = retries;
    this.maxVideoBytes = maxVideoBytes;
    this.outageWarnings = new SparingWarnings(runtime.events(), PollingLoop.OUTAGE_WARNING_SPAN);
  }

  /**
   * Reserves {@code target} for a generate in flight on this client until the returned action runs.
   *
   * @throws IllegalArgumentException when another generate in flight on this client will write that file
   */
  Runnable reserve(Path target) {
    return reservations.reserve(target);
  }

  CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target) {
    return download(handle, completed, target, ExistingTarget.REPLACE);
  }

  CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target, ExistingTarget existing) {
    return download(handle, completed, target, existing, null);
  }

  /** How long a download try under way when the caller's deadline passes is given to end: one grace for every step. */
  static final Duration DEADLINE_GRACE = VidgenClient.DEADLINE_GRACE;

  /**
   * {@link #download(JobHandle, TaskSnapshot, Path, ExistingTarget)} that ends by {@code deadline} (null for none):
   * once it is done no try starts, nor any wait before one, and a try under way is given {@link #DEADLINE_GRACE}
   * more; the download then fails with a {@link DeadlineExceededException} that keeps the completed task.
   */
  CompletableFuture<Path> download(JobHandle handle, TaskSnapshot completed, Path target, ExistingTarget existing,
      CompletionStage<?> deadline) {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(completed, "completed == null");
    Objects.requireNonNull(target, "target == null");
    if (completed.resultProblem().isPresent()) {
      // Never fetched: a link that is not http(s) could read a local file or reach another service.
      ResultUnusableException unusable =
          new ResultUnusableException(handle.taskId(), completed.resultProblem().get().message());
      runtime.events().failed(handle, unusable);
      return CompletableFuture.failedFuture(unusable);
    }
    if (completed.status() == TaskStatus.COMPLETED && completed.result().isEmpty()) {
      // The provider's word contradicts itself: waiting longer cannot help, and the job was not at fault.
      ProviderFaultException fault = new ProviderFaultException(handle,
          "reported the task completed (status " + completed.rawStatus() + ") without a video to download", null);
      runtime.events().failed(handle, fault);
      return CompletableFuture.failedFuture(fault);
    }
    if (completed.status() != TaskStatus.COMPLETED || completed.result().isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException("task " + handle.taskId()
          + " has no video to download (status " + completed.rawStatus() + "); await its completion first"));
    }
    VideoAsset asset = completed.video();
    Path file = target.toAbsolutePath().normalize();
    if (Files.isDirectory(file)) {
      // Refused before the video is fetched: a folder can never be renamed over.
      return CompletableFuture.failedFuture(new IllegalArgumentException("the video of task " + handle.taskId()
          + " cannot be saved to " + file + ": it is a folder; give a file path such as "
          + file.resolve(handle.taskId().value() + "." + extension(asset))));
    }
    Optional<String> special = SaveTargets.notARegularFile(file);
    if (special.isPresent()) {
      // The video is renamed into place, which would replace a link or a device rather than write through it.
      return CompletableFuture.failedFuture(new IllegalArgumentException("the video of task " + handle.taskId()
          + " cannot be saved to " + file + ": it is " + special.get() + ", which saving would replace; give the path"
          + " of a regular file"));
    }
    // A stop from outside deletes the part file before the caller hears of it (the copy may be blocked in a read).
    DownloadFuture result = new DownloadFuture();
    // What a try that broke off wrote, for the next try to go on from (Range) instead of from byte 0.
    KeptPart kept = new KeptPart();
    // A try that brought new bytes is progress, and a link that brings nothing for a while is ridden out.
    DownloadPersistence persistence = new DownloadPersistence(runtime, outageWarnings, handle.taskId().value());
    CompletableFuture<Void> pastDeadline = new CompletableFuture<>();
    if (deadline != null) {
      deadline.whenComplete((value, failure) -> pastDeadline.complete(null));
    }
    if (pastDeadline.isDone()) {
      // Past the deadline before the first try: none is made.
      DeadlineExceededException late = DeadlineExceededException.downloadNotSaved(handle, completed, DEADLINE_GRACE);
      runtime.events().failed(handle, late);
      return CompletableFuture.failedFuture(late);
    }
    CompletableFuture<Path> saving = retries.runDownload(handle, handle.taskId(),
        () -> persistence.underWay(() -> attempt(handle, asset, file, existing, result, kept, persistence)),
        persistence);
    result.whenComplete((path, failure) -> {
      saving.cancel(false);
      kept.end().ifPresent(this::forget);
    });
    pastDeadline.thenRun(() -> Futures.guard(result, () -> endAtDeadline(handle, completed, result, persistence)));
    saving.whenComplete((path, failure) -> Futures.guard(result, () -> {
      if (failure == null) {
        runtime.events().downloaded(handle, path);
        result.complete(path);
        return;
      }
      Throwable cause = AsyncFailures.unwrap(failure);
      if (persistence.stopped()
          && (cause instanceof RetriableProviderException || cause instanceof CancellationException)) {
        // A try that failed after the deadline is not tried again: the video waits for a later download.
        cause = DeadlineExceededException.downloadNotSaved(handle, completed, DEADLINE_GRACE);
      } else if (cause instanceof RetriableProviderException gaveUp) {
        // The task is finished and paid for: "try again later" would read as "nothing was made" and pay twice.
        cause = DownloadFailedException.providerFailed(handle.taskId(), file, gaveUp);
      }
      if (cause instanceof VidgenException error && !result.isDone()) {
        runtime.events().failed(handle, error);
      }
      result.completeExceptionally(cause);
    }));
    return result;
  }

  /**
   * The caller's deadline passed: with no try on its way the download ends now, else that try is given {@link
   * #DEADLINE_GRACE} to end (a failure of it is not tried again).
   */
  private void endAtDeadline(JobHandle handle, TaskSnapshot completed, DownloadFuture result,
      DownloadPersistence persistence) {
    if (result.isDone()) {
      return;
    }
    if (!persistence.stop()) {
      notSavedByDeadline(handle, completed, result);
      return;
    }
    Scheduling.Cancellable cut = runtime.time().after(DEADLINE_GRACE,
        () -> Futures.guard(result, () -> notSavedByDeadline(handle, completed, result)));
    result.whenComplete((path, failure) -> cut.cancel());
  }

  private void notSavedByDeadline(JobHandle handle, TaskSnapshot completed, DownloadFuture result) {
    DeadlineExceededException late = DeadlineExceededException.downloadNotSaved(handle, completed, DEADLINE_GRACE);
    if (!result.isDone()) {
      runtime.events().failed(handle, late);
      result.completeExceptionally(late); // deletes the part file, and stops the try under way
    }
  }

  private CompletableFuture<Path> attempt(JobHandle handle, VideoAsset asset, Path target, ExistingTarget existing,
      DownloadFuture download, KeptPart keptPart, DownloadPersistence persistence) {
    TaskId taskId = handle.taskId();
    Instant now = runtime.time().now();
    // Past its expires_at (the server's word, against this machine's clock), the link is still tried once: a GET
    // costs nothing, while "expired" tells people to pay for the video again. Only its failure makes it expired.
    boolean pastExpiry = asset.isExpiredAt(now);
    staleParts.remove(target);
    // A part the last try kept is gone on from when its server lets the rest be asked for; else it is deleted.
    Optional<KeptPart.Kept> kept = keptPart.take();
    Optional<dev.vidgen.core.port.VideoRange> rest = kept.flatMap(KeptPart::rest);
    Optional<KeptPart.Kept> goingOn = rest.isPresent() ? kept : Optional.empty();
    if (kept.isPresent() && goingOn.isEmpty()) {
      forget(kept.get());
    }
    // What the provider lets out of open (thrown, or in its future) that is no provider error is its fault.
    return Futures.attempt(() -> rest.isPresent() ? runtime.provider().open(asset, rest.get())
            : runtime.provider().open(asset))
        .thenApply(stream -> new Opened(stream, goingOn))
        .exceptionallyCompose(failure -> goingOn.isPresent() && refusedRange(failure) ? startOver(asset, goingOn.get())
            : CompletableFuture.failedFuture(keptBack(keptPart, goingOn, failure, handle)))
        .thenCompose(opened -> opened.kept().isEmpty() || continues(opened) ? CompletableFuture.completedFuture(opened)
            : opened.isWhole() ? CompletableFuture.completedFuture(opened.withoutPart(this::forget))
            : startOver(asset, opened.closed()))
        .exceptionallyCompose(failure -> {
          Throwable link = linkFailure(taskId, asset, failure);
          // A link refused before anything was sent is refused past its expiry too: no GET went out to fail.
          return CompletableFuture.failedFuture(link instanceof ResultUnusableException ? link
              : pastExpiry ? new ResultExpiredException(taskId, asset, now, AsyncFailures.unwrap(failure))
              : ProviderFaultException.of(handle, "download", link));
        })
        .thenApplyAsync(opened -> save(opened, handle, asset, target, existing, download, keptPart, persistence),
            runtime.io());
  }

  /** A stream opened for one try, with the part it goes on from (empty: it is written from byte 0). */
  private record Opened(InputStream stream, Optional<KeptPart.Kept> kept) {
    /** What the stream says of the bytes it holds; a stream that says nothing holds the whole file. */
    dev.vidgen.core.port.VideoRange range() {
      return stream instanceof dev.vidgen.core.port.VideoStream video ? video.range()
          : dev.vidgen.core.port.VideoRange.whole(-1);
    }

    boolean isWhole() {
      return range().firstByte() == 0;
    }

    /** This whole file, to be written from byte 0: the kept part is handed to {@code forget}. */
    Opened withoutPart(Consumer<KeptPart.Kept> forget) {
      kept.ifPresent(forget);
      return new Opened(stream, Optional.empty());
    }

    /** The kept part, once this stream (of other bytes than asked) is closed. */
    KeptPart.Kept closed() {
      try {
        stream.close();
      } catch (IOException | RuntimeException ignored) {
        // nothing of it is read
      }
      return kept.orElseThrow();
    }
  }

  private static boolean continues(Opened opened) {
    return KeptPart.continues(opened.kept().orElseThrow(), opened.range());
  }

  /** A server that cannot give the bytes asked for (HTTP 416) has another file now: it is fetched whole. */
  private static boolean refusedRange(Throwable failure) {
    return AsyncFailures.unwrap(failure) instanceof ProviderException refused && refused.httpStatus() == 416;
  }

  /** Deletes {@code kept} and opens the whole file again: the answer to the Range asked was not its rest. */
  private CompletableFuture<Opened> startOver(VideoAsset asset, KeptPart.Kept kept) {
    forget(kept);
    return Futures.attempt(() -> runtime.provider().open(asset))
        .thenApply(stream -> new Opened(stream, Optional.empty()));
  }

  /** {@code failure}, once a part this try went on from is kept again for the next (or deleted, past the end). */
  private Throwable keptBack(KeptPart keptPart, Optional<KeptPart.Kept> kept, Throwable failure,
      JobHandle handle) {
    kept.ifPresent(part -> {
      if (keptPart.keep(part)) {
        runtime.events().downloadResuming(handle, part.bytes()); // the next try goes on from it too
      } else {
        forget(part);
      }
    });
    return failure;
  }

  /** Deletes a kept part, which no try writes any more. */
  private void forget(KeptPart.Kept kept) {
    deleteQuietly(kept.path());
    openParts.remove(kept.path());
    WRITTEN_HERE.remove(kept.path().toAbsolutePath().normalize());
  }

  /** The host of a plain {@code http} link to another machine (shown cleaned), else empty; loopback is no concern. */
  static Optional<String> plainHttpHost(URI url) {
    String host = url.getHost();
    if (!"http".equalsIgnoreCase(url.getScheme()) || host == null) {
      return Optional.empty();
    }
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    boolean loopback = bare.equalsIgnoreCase("localhost") || bare.startsWith("127.") || loopbackIpv6(bare);
    return loopback ? Optional.empty()
        : Optional.of(dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(host), 80));
  }

  /**
   * Whether an IPv6 literal is loopback: {@code ::1}, or one carrying 127.x.x.x ({@code ::ffff:127.0.0.1},
   * {@code ::ffff:7f00:1}), as the result address rules take it.
   */
  private static boolean loopbackIpv6(String literal) {
    String lower = literal.toLowerCase(Locale.ROOT);
    if (lower.equals("::1") || lower.equals("0:0:0:0:0:0:0:1")) {
      return true;
    }
    String carried = lower.startsWith("::ffff:") ? lower.substring(7)
        : lower.startsWith("0:0:0:0:0:ffff:") ? lower.substring(15) : null;
    if (carried == null) {
      return false;
    }
    if (carried.contains(".")) {
      return carried.startsWith("127.");
    }
    Matcher groups = Pattern.compile("([0-9a-f]{1,4}):[0-9a-f]{1,4}").matcher(carried);
    return groups.matches() && Integer.parseInt(groups.group(1), 16) >> 8 == 127;
  }

  /**
   * A link that answers "not found" or "forbidden" means the file is gone or out of reach: not a
   * wrong key (downloads carry none) and not an unknown task. A link the provider refused to fetch
   * (on a machine that is not public, say) cannot be used. Neither is retried as it stands.
   */
  private static Throwable linkFailure(TaskId taskId, VideoAsset asset, Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof ProviderException refused
        && refused.providerCode().filter(ProviderErrorDetails.RESULT_LINK_REFUSED::equals).isPresent()) {
      return new ResultUnusableException(taskId, refused.details().message());
    }
    if (cause instanceof ProviderException problem
        && (problem.kind() == FailureKind.NOT_FOUND || problem.kind() == FailureKind.AUTHENTICATION)) {
      // The link's failure names the task too, for code that reads the cause rather than this error.
      return new ResultUnavailableException(taskId, asset, problem.withTaskId(taskId));
    }
    return cause;
  }

  private Path save(Opened answer, JobHandle handle, VideoAsset asset, Path target, ExistingTarget existing,
      DownloadFuture download, KeptPart keptPart, DownloadPersistence persistence) {
    TaskId taskId = handle.taskId();
    InputStream stream = answer.stream();
    if (stream == null) {
      answer.kept().ifPresent(this::forget);
      throw new ProviderFaultException(handle, "answered the download with no stream (null)", null);
    }
    Path temp = answer.kept().map(KeptPart.Kept::path).orElse(null);
    Path opened = temp;
    boolean keptForNextTry = false;
    long announcedWhole = stream instanceof dev.vidgen.core.port.VideoStream announced
        ? Math.max(announced.announcedBytes(), announced.range().totalBytes()) : -1;
    try (InputStream in = stream) {
      if (announcedWhole > maxVideoBytes) {
        // Refused from the server's own count, before a byte is read or written: not after filling the disk.
        throw DownloadFailedException.tooLarge(taskId, target, "the provider announced "
            + Plural.count(announcedWhole, "byte") + " for this video, more than the "
            + Plural.count(maxVideoBytes, "byte") + " this client saves", "nothing was read or saved",
            maxVideoBytes, announcedWhole);
      }
      // A try that goes on appends to the part the last one wrote; the first bytes it checked are read back.
      long startAt = answer.kept().map(KeptPart.Kept::bytes).orElse(0L);
      Part part = answer.kept().isPresent()
          ? download.openPart(() -> reopenPart(target, answer.kept().get()), Part::path)
          : download.openPart(() -> openPart(taskId, target), Part::path);
      temp = part.path();
      opened = temp;
      openParts.add(opened);
      byte[] head = startAt == 0 ? new byte[VideoFormats.HEAD_BYTES] : headOf(temp);
      dev.vidgen.core.port.VideoRange first = answer.kept().map(KeptPart.Kept::first).orElse(answer.range());
      Copied copied;
      try {
        copied = copy(in, part.out(), handle, asset, target, download::stopped, startAt, head,
            announcedWhole > 0 ? announcedWhole : -1, persistence);
      } catch (ProviderException brokeOff) {
        if (brokeOff.providerCode().filter(ProviderErrorDetails.DOWNLOAD_BROKE_OFF::equals).isPresent()) {
          KeptPart.Kept soFar = new KeptPart.Kept(temp, Files.size(temp), first);
          keptForNextTry = KeptPart.rest(soFar).isPresent() && keptPart.keep(soFar);
          if (keptForNextTry) {
            runtime.events().downloadResuming(handle, soFar.bytes()); // before the retry is told
          }
        }
        throw brokeOff;
      }
      check(copied, asset, taskId, target);
      if (DownloadedContent.isBoxed(copied.head())) {
        requireWhole(temp, copied, announcedWhole);
      }
      Path finished = temp;
      download.renameInPlace("download of task " + taskId + " cancelled", () -> {
        if (existing == ExistingTarget.KEEP) {
          moveUnlessTaken(finished, target, taskId);
        } else {
          move(finished, target);
        }
      });
      temp = null;
      DownloadedContent.otherKind(asset.format(), copied.head()).ifPresent(kind -> runtime.events().warning(
          "download.other_format", "the video of task " + taskId + " is " + kind + " though its result names the"
              + " format " + dev.vidgen.core.text.SafeText.clip(dev.vidgen.core.text.SafeText.clean(asset.format()), 40)
              + "; it is saved as it came, to " + target
              + " (its name may not say what it holds: rename it if a player refuses it)"));
      plainHttpHost(asset.url()).ifPresent(host -> runtime.events().warning("download.plain_http",
          "the video of task " + taskId + " came over plain http from " + host + ", not https, so it may have been"
              + " changed on the way (no key was sent with it); saved to " + target));
      return target;
    } catch (IOException e) {
      if (e instanceof NoSuchFileException && temp != null && Files.notExists(temp, LinkOption.NOFOLLOW_LINKS)
          && Files.isDirectory(temp.getParent())) {
        // Deleted under this download by another program or run (another user's saving to the same name, say).
        throw SaveFailures.partRemoved(taskId, target, temp, e);
      }
      throw SaveFailures.failure(taskId, target, e, announcedWhole);
    } finally {
      // A part kept for the next try stays (that try goes on from it; the download's end deletes it if none does).
      if (!keptForNextTry) {
        deleteQuietly(temp);
        if (opened != null) {
          openParts.remove(opened);
          WRITTEN_HERE.remove(opened.toAbsolutePath().normalize());
        }
      }
    }
  }

  /**
   * Deletes the temporary files of the downloads being written now, which then fail: for a process
   * that is ending, where a download's own clean-up would not run.
   */
  void deleteOpenParts() {
    for (Path part : openParts) {
      deleteQuietly(part);
    }
  }

  /** A temporary file beside the target, created and open for writing. */
  private record Part(Path path, OutputStream out) {}

  /**
   * Opens the part a try that broke off kept, to append the rest; one that is gone or holds other than its bytes
   * now is fetched whole again (retried as a download that broke off).
   */
  private Part reopenPart(Path target, KeptPart.Kept kept) {
    try {
      java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(kept.path(), StandardOpenOption.WRITE);
      boolean ours;
      try {
        ours = channel.tryLock() != null && channel.size() == kept.bytes();
      } catch (java.nio.channels.OverlappingFileLockException | IOException unlockable) {
        ours = channel.size() == kept.bytes();
      }
      if (!ours) {
        channel.close();
        throw new IOException("it holds other bytes now");
      }
      channel.position(kept.bytes());
      return new Part(kept.path(), java.nio.channels.Channels.newOutputStream(channel));
    } catch (IOException e) {
      forget(kept);
      throw ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of(runtime.provider().id(), 0,
          ProviderErrorDetails.DOWNLOAD_BROKE_OFF, "the part of the video saved so far could not be gone on from ("
              + SaveFailures.words(e, target) + "), so it is fetched whole again"), e);
    }
  }

  /** The first bytes of a kept part, which were checked as the video's kind when they came. */
  private static byte[] headOf(Path part) throws IOException {
    try (InputStream in = Files.newInputStream(part)) {
      return in.readNBytes(VideoFormats.HEAD_BYTES);
    }
  }

  /** Creates the temporary file under a fresh name (and its folder if missing), opened in the same step. */
  private Part openPart(TaskId taskId, Path target) {
    Path folder = target.getParent();
    try {
      makeFolders(folder);
      for (int tries = 0; ; tries++) {
        Path part = target.resolveSibling(
            PartNames.of(target.getFileName().toString(), runtime.random().nextLong()));
        try {
          java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(part,
              StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          boolean ours;
          try {
            // Held while it is written (closing the stream releases it): another process tidying stale parts
            // beside the same target sees a live download and leaves it alone. One that probed this new part in
            // the moment before (and deletes what it locks) holds the lock or has deleted the name: another is taken.
            ours = channel.tryLock() != null && Files.exists(part);
          } catch (java.nio.channels.OverlappingFileLockException probedHere) {
            ours = false;
          } catch (IOException unlockable) {
            ours = true; // a file system without locks: the part is written all the same
          }
          if (ours) {
            WRITTEN_HERE.add(part.toAbsolutePath().normalize());
            return new Part(part, java.nio.channels.Channels.newOutputStream(channel));
          }
          channel.close();
          if (tries >= 3) {
            throw new IOException("another process kept taking the temporary files made for this download");
          }
        } catch (FileAlreadyExistsException e) {
          if (tries >= 3) {
            throw e;
          }
        }
      }
    } catch (IOException e) {
      throw new DownloadFailedException(taskId, target, "cannot create a file in " + folder + ": "
          + SaveFailures.words(e, target), e);
    }
  }

  /**
   * Makes {@code folder} and the folders missing on its way. Another job (or process) saving into the same new folder
   * may make them at the same moment: a folder standing there once the call fails is as good.
   */
  private static void makeFolders(Path folder) throws IOException {
    for (int tries = 0; !Files.isDirectory(folder); tries++) {
      try {
        Files.createDirectories(folder);
      } catch (IOException e) {
        if (!Files.isDirectory(folder) && tries >= 2) {
          throw e;
        }
      }
    }
  }

  /** What was written: its size and its first bytes, as many as telling its kind takes. */
  private record Copied(long size, byte[] head) {}

  /**
   * Copies the stream; a read that fails is the provider's (retried), a write that fails is ours (not).
   * Reading stops early when the first bytes show no video of the result's format, when more than
   * {@code maxVideoBytes} come, or when the bytes trickle in slower than {@link #MIN_BYTES_PER_WINDOW}
   * a {@link #RATE_WINDOW} (retried as a download that broke off).
   */
  private Copied copy(InputStream in, OutputStream file, JobHandle handle, VideoAsset asset, Path target,
      BooleanSupplier cancelled, long startAt, byte[] head, long whole, DownloadPersistence persistence)
      throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = startAt;
    Instant windowStart = runtime.time().now();
    long windowBytes = 0;
    // A slow download is otherwise minutes without a sign: its bytes so far are told as they come.
    runtime.events().downloadProgress(handle, total, whole);
    try (OutputStream out = file) {
      while (true) {
        if (cancelled.getAsBoolean()) {
          // Stopped (cancelled, timed out, interrupted): the transfer ends here, its stream closed and its part gone.
          throw new CancellationException("download of task " + handle.taskId() + " stopped after " + total
              + " bytes");
        }
        int n;
        try {
          n = in.read(buffer);
        } catch (java.io.UncheckedIOException e) {
          throw brokeOff(total, e.getCause());
        } catch (RuntimeException | Error e) {
          // The provider's stream let out what no stream should: its fault, told with the task it concerns.
          if (!ProviderFaultException.isProvidersOwn(e)) {
            throw e;
          }
          throw new ProviderFaultException(handle,
              ProviderFaultException.failed("its download (after " + total + " bytes)", e), e);
        } catch (IOException e) {
          throw brokeOff(total, e);
        }
        if (n < 0) {
          return new Copied(total, total < head.length ? Arrays.copyOf(head, (int) total) : head);
        }
        boolean headDone = total < head.length && total + n >= head.length;
        if (total < head.length) {
          System.arraycopy(buffer, 0, head, (int) total, (int) Math.min(n, head.length - total));
        }
        if (headDone) {
          // An error page or an endless stream of something else is told by its first bytes, not after all of it.
          Optional<String> refusal = DownloadedContent.refusalOfHead(asset.format(), head);
          if (refusal.isPresent()) {
            throw DownloadFailedException.servedSomethingElse(handle.taskId(), target, refusal.get());
          }
        }
        if (total + n > maxVideoBytes) {
          throw DownloadFailedException.tooLarge(handle.taskId(), target, "the provider sent more than "
              + Plural.count(maxVideoBytes, "byte") + " for this video, the most this client saves",
              "reading stopped there and nothing was saved", maxVideoBytes, -1);
        }
        out.write(buffer, 0, n);
        total += n;
        windowBytes += n;
        persistence.reached(total);
        // Told after every read, not now and then: the read before a stall would otherwise go untold, and a
        // listener would say fewer bytes came than did for as long as the stall lasts.
        runtime.events().downloadProgress(handle, total, whole);
        Instant now = runtime.time().now();
        if (!now.isBefore(windowStart.plus(RATE_WINDOW))) {
          if (windowBytes < MIN_BYTES_PER_WINDOW) {
            throw brokeOff(total, new IOException("only " + windowBytes + " bytes came in the last "
                + RATE_WINDOW.toSeconds() + " s, slower than " + MIN_BYTES_PER_WINDOW / RATE_WINDOW.toSeconds()
                + " bytes a second"));
          }
          windowStart = now;
          windowBytes = 0;
        }
      }
    }
  }

  /** How long a download is watched for its pace at a time. */
  static final java.time.Duration RATE_WINDOW = java.time.Duration.ofSeconds(60);
  /** The fewest bytes a {@link #RATE_WINDOW} must bring (1 KiB a second): fewer is a stalled download. */
  static final long MIN_BYTES_PER_WINDOW = 60L * 1024;

  /** A read that broke off after {@code total} bytes: the provider's, retried under the policy. */
  private ProviderException brokeOff(long total, IOException e) {
    return ProviderException.of(FailureKind.NO_RESPONSE,
        ProviderErrorDetails.of(runtime.provider().id(), 0, ProviderErrorDetails.DOWNLOAD_BROKE_OFF,
            "the connection broke off after " + total + " bytes of the video: " + whyBrokeOff(e)), e);
  }

  /**
   * Fails as a broken-off download does (retried under the policy) when the saved MP4's or MOV's
   * boxes show it cut short: a server that cut the file and sent a matching length passes every
   * other check. The words say whether every byte the server announced came ({@code announcedWhole}, -1
   * when it announced none): then the file it serves is itself no whole video, not the transfer cut.
   */
  private void requireWhole(Path temp, Copied copied, long announcedWhole) throws IOException {
    Optional<String> problem = Mp4Boxes.problem(temp);
    if (problem.isPresent()) {
      String format = VideoFormats.format(copied.head());
      String checked = "; checked: its top-level boxes must fill the file and hold a moov and an mdat box";
      String words = announcedWhole == copied.size()
          ? "the video download came in full (all " + Plural.count(copied.size(), "byte") + " the provider announced)"
              + " but is not a whole " + format + " video (" + problem.get() + checked + "): the file the provider"
              + " serves is itself cut short or no video"
          : "the video download is not a whole video: the " + copied.size() + " bytes sent are not a whole " + format
              + " (" + problem.get() + checked + "): cut short on the way or by the provider, or no video";
      throw ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of(runtime.provider().id(), 0,
          ProviderErrorDetails.DOWNLOAD_BROKE_OFF, words), null);
    }
  }

  /** What ended a read, in words, for an exception that may carry none (then its kind says it). */
  static String whyBrokeOff(IOException e) {
    String message = e.getMessage();
    if (message != null && !message.isBlank()) {
      return message.strip();
    }
    if (e instanceof java.io.EOFException) {
      return "the connection was closed before the end";
    }
    if (e instanceof java.io.InterruptedIOException) {
      return "no more bytes came in time";
    }
    if (e instanceof java.net.SocketException) {
      return "the connection failed";
    }
    String words = e.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    return "the read failed (" + (words.isBlank() ? "an I/O error" : words) + ", without a message)";
  }

  private static void check(Copied copied, VideoAsset asset, TaskId taskId, Path target) {
    if (copied.size() == 0) {
      // No video came: the task is still paid for, and its link may serve the video later, as for another format.
      throw DownloadFailedException.servedSomethingElse(taskId, target, "the provider sent an empty file");
    }
    Optional<String> refusal = DownloadedContent.refusal(asset.format(), copied.head(), copied.size());
    if (refusal.isPresent()) {
      throw DownloadFailedException.servedSomethingElse(taskId, target, refusal.get());
    }
  }

  /** The file extension for {@code asset}'s format ({@code mp4} for {@code video/mp4}). */
  private static String extension(VideoAsset asset) {
    String format = asset.format().toLowerCase(Locale.ROOT);
    int slash = format.lastIndexOf('/');
    String ending = slash >= 0 ? format.substring(slash + 1) : format;
    return ending.matches("[a-z0-9]{1,8}") ? ending : "mp4";
  }

  private static void move(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      // Same directory, so this is still a rename of a complete file.
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /**
   * Renames the complete file into place only where no file stands: a hard link fails at once when
   * one does (another run's video, say), so nothing is replaced; where links are not supported, the
   * rename without replacing is checked just before it.
   */
  private static void moveUnlessTaken(Path temp, Path target, TaskId taskId) throws IOException {
    try {
      try {
        Files.createLink(target, temp);
        deleteQuietly(temp); // the video stands under its name already
      } catch (UnsupportedOperationException | FileSystemException noLinks) {
        if (noLinks instanceof FileAlreadyExistsException taken) {
          throw taken;
        }
        Files.move(temp, target);
      }
    } catch (FileAlreadyExistsException taken) {
      // Kept even when it holds the same bytes: another task's video can be byte for byte this one (every mock
      // video is), so equal bytes never make a file this task's; only the caller's own records can.
      throw new DownloadFailedException(taskId, target, "another file stands at " + target + " (it was there before"
          + " this download, or another run saved it there meanwhile); that file was kept and this video was not"
          + " saved", taken);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException e) {
      temp.toFile().deleteOnExit();
    }
  }
}
