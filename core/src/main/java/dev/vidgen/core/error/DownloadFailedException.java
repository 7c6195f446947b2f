package dev.vidgen.core.error;

import dev.vidgen.core.domain.TaskId;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The video could not be written to its file: the download was empty or not the format the
 * provider named, its transfer kept failing until the retries ran out (the provider's error is the
 * cause, {@link #providerFailure()}), or the file system refused it. The task is finished and paid
 * for either way, and no half file is left under the target name.
 */
public final class DownloadFailedException extends VidgenException {
  private static final long serialVersionUID = 1L;

  private final TaskId taskId;
  private final transient Path target;
  private final String reason;
  private final boolean servedSomethingElse;
  /** The most bytes the client saves, when the video was larger; else 0. */
  private final long sizeLimit;
  /** The byte count the video's server announced, when it was refused for that; else -1. */
  private final long announcedSize;
  /** Where the video was to go, as the message says it. */
  private final String shownTarget;
  /** For a video refused as larger: what was found and what came of it, around the setting that raises the limit. */
  private final String found;
  private final String outcome;
  /** Where the video can be saved, when saving it to the same place again fails the same way; else null. */
  private final String whereToSave;

  /** How a Java caller raises the size limit, named in the message of a video refused as larger. */
  private static final String JAVA_SETTING = "in Java, VidgenClient.Builder.maxVideoBytes";

  /** A failed save of task {@code taskId}'s video to {@code target}, for {@code reason}; {@code cause} may be null. */
  public DownloadFailedException(TaskId taskId, Path target, String reason, Throwable cause) {
    this(taskId, target, String.valueOf(target), reason, cause);
  }

  private DownloadFailedException(TaskId taskId, Path target, String shownTarget, String reason, Throwable cause) {
    this(taskId, target, shownTarget, reason, cause, false);
  }

  private DownloadFailedException(TaskId taskId, Path target, String shownTarget, String reason, Throwable cause,
      boolean servedSomethingElse) {
    this(taskId, target, shownTarget, reason, cause, servedSomethingElse, 0, -1, null, null, null);
  }

  private DownloadFailedException(TaskId taskId, Path target, String shownTarget, String reason, Throwable cause,
      boolean servedSomethingElse, long sizeLimit, long announcedSize, String found, String outcome,
      String whereToSave) {
    super("could not save the video of task " + taskId + " to " + shownTarget + ": " + reason
        + " (see docs/errors.md#download-failed)", cause);
    this.taskId = Objects.requireNonNull(taskId, "taskId == null");
    this.target = target;
    this.reason = reason;
    this.servedSomethingElse = servedSomethingElse;
    this.sizeLimit = sizeLimit;
    this.announcedSize = announcedSize;
    this.shownTarget = shownTarget;
    this.found = found;
    this.outcome = outcome;
    this.whereToSave = whereToSave;
  }

  /**
   * A save the file system refused, said by {@code reason}, that fails the same way when tried again at the same
   * place (a file-size limit, a video larger than the whole file system): {@code whereToSave} says where it can be
   * saved instead, such as "in a folder on another file system with room for 6.0 MB".
   */
  public static DownloadFailedException failsThereAgain(TaskId taskId, Path target, String reason,
      String whereToSave, Throwable cause) {
    return new DownloadFailedException(taskId, target, String.valueOf(target), reason, cause, false, 0, -1, null,
        null, Objects.requireNonNull(whereToSave, "whereToSave == null"));
  }

  /**
   * Where the video can be saved, when saving it to the same place again fails the same way
   * ({@link #failsThereAgain}); else empty.
   */
  public Optional<String> whereToSave() {
    return Optional.ofNullable(whereToSave);
  }

  /**
   * A save refused, said by {@code reason}, because the video is larger than the {@code sizeLimit} bytes the
   * client saves: its server announced {@code announcedSize} bytes ({@code -1} when it sent more without
   * announcing it). The same download fails the same way until the limit is raised.
   */
  public static DownloadFailedException tooLarge(TaskId taskId, Path target, String reason, long sizeLimit,
      long announcedSize) {
    if (sizeLimit < 1) {
      throw new IllegalArgumentException("sizeLimit must be 1 or more, was " + sizeLimit);
    }
    return new DownloadFailedException(taskId, target, String.valueOf(target), reason, null, false, sizeLimit,
        announcedSize, null, null, null);
  }

  /**
   * As {@link #tooLarge(TaskId, Path, String, long, long)}, the reason said as {@code found} (such as "the provider
   * sent more than 1 MB") and {@code outcome} (such as "nothing was saved"), with the setting that raises the limit
   * between them: the Java builder's in this message, another in {@link #messageNaming}.
   */
  public static DownloadFailedException tooLarge(TaskId taskId, Path target, String found, String outcome,
      long sizeLimit, long announcedSize) {
    if (sizeLimit < 1) {
      throw new IllegalArgumentException("sizeLimit must be 1 or more, was " + sizeLimit);
    }
    return new DownloadFailedException(taskId, target, String.valueOf(target), limitReason(found, JAVA_SETTING,
        outcome), null, false, sizeLimit, announcedSize, Objects.requireNonNull(found, "found == null"),
        Objects.requireNonNull(outcome, "outcome == null"), null);
  }

  private static String limitReason(String found, String setting, String outcome) {
    return found + " (" + setting + " sets it); " + outcome;
  }

  /**
   * This failure's message, naming {@code setting} (such as "--set max_video_size") where it names the Java builder
   * method that raises the size limit: for a front end whose users set the limit there. Other failures' messages are
   * returned as they are.
   */
  public String messageNaming(String setting) {
    Objects.requireNonNull(setting, "setting == null");
    if (found == null) {
      return getMessage();
    }
    return "could not save the video of task " + taskId + " to " + shownTarget + ": "
        + limitReason(found, setting, outcome) + " (see docs/errors.md#download-failed)";
  }

  /** The most bytes the client saves, when the video was refused as larger ({@link #tooLarge}); else empty. */
  public java.util.OptionalLong sizeLimit() {
    return sizeLimit > 0 ? java.util.OptionalLong.of(sizeLimit)
        : getCause() instanceof DownloadFailedException first ? first.sizeLimit() : java.util.OptionalLong.empty();
  }

  /** The byte count the server announced for a video refused as too large before any was read; else empty. */
  public java.util.OptionalLong announcedSize() {
    return announcedSize >= 0 ? java.util.OptionalLong.of(announcedSize)
        : getCause() instanceof DownloadFailedException first ? first.announcedSize() : java.util.OptionalLong.empty();
  }

  /**
   * A save refused because the result link served something other than the video its task names (an
   * error page, another format), said by {@code reason}: the same download fails the same way until the
   * link serves the video. The message says the task is paid for, to download its video again later and
   * else to get it from the provider's dashboard, so that nobody generates it twice.
   */
  public static DownloadFailedException servedSomethingElse(TaskId taskId, Path target, String reason) {
    return new DownloadFailedException(taskId, target, String.valueOf(target), reason + "; the task is finished and"
        + " paid for, so do not generate it again: its link may serve the video later, so download it again then,"
        + " and if it still fails, get the video from the provider's dashboard while its link lasts", null, true);
  }

  /**
   * A save of finished task {@code taskId}'s video to {@code target} that ended in {@code failure} once
   * the retries of its download ran out (a transfer that broke off, a file host that did not answer): the
   * message says the task is paid for and to download its video again, so that nobody generates it twice
   * ({@code handle = client.resume(taskId().value())}, then {@code client.download(handle,
   * client.status(handle), target)} saves it).
   */
  public static DownloadFailedException providerFailed(TaskId taskId, Path target, ProviderException failure) {
    Objects.requireNonNull(failure, "failure == null");
    // Said for a Java caller and a command line alike: each is told its own way to save it (the Javadoc of
    // VidgenClient.download, the command's advice), so the message names no call of either.
    // A file host whose certificate is not trusted fails every download the same way until it is.
    String again = ProviderErrorDetails.TLS_UNTRUSTED.equals(failure.details().code())
        ? "once this Java trusts that host's certificate, download its video again while its link lasts"
        : "download its video again while its link lasts";
    return new DownloadFailedException(taskId, target, failure.getMessage() + "; the task is finished and paid for,"
        + " so do not generate it again: " + again, failure);
  }

  /**
   * The provider's error that ended the download once its retries ran out ({@link #providerFailed}); empty
   * when the video came but could not be saved.
   */
  public java.util.Optional<ProviderException> providerFailure() {
    return getCause() instanceof ProviderException failure ? java.util.Optional.of(failure)
        : getCause() instanceof DownloadFailedException first ? first.providerFailure() : java.util.Optional.empty();
  }

  /** Whether the link served something other than the video ({@link #servedSomethingElse(TaskId, Path, String)}). */
  public boolean servedSomethingElse() {
    return servedSomethingElse || getCause() instanceof DownloadFailedException first && first.servedSomethingElse();
  }

  /**
   * The same failure said of {@code where} (such as "standard output") instead of its file, a
   * temporary one of vidgen's own that means nothing to the user; this exception becomes its cause.
   */
  public DownloadFailedException savedTo(String where) {
    Objects.requireNonNull(where, "where == null");
    String said = reason;
    if (target != null) {
      said = said.replace(target.toString(), where);
      if (target.getParent() != null) {
        said = said.replace(target.getParent().toString(), "a temporary folder");
      }
    }
    return new DownloadFailedException(taskId, target, where, said, this, false, 0, -1, found, outcome, null);
  }

  /** The task whose video could not be saved. */
  public TaskId taskId() {
    return taskId;
  }

  /** The file that was to be written. */
  public Path target() {
    return target;
  }

  /** The task this failure is about: {@link #taskId()}. */
  @Override
  public Optional<TaskId> relatedTaskId() {
    return Optional.of(taskId);
  }

  @Override
  public String docsAnchor() {
    return "download-failed";
  }
}
