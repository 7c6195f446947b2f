package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** With {@code --verbose}: one stderr line per client event. Messages never hold the key (core promises it). */
final class VerboseListener implements VidgenListener {
  /** When a status read was answered, in UTC to the millisecond. */
  private static final DateTimeFormatter READ_AT = DateTimeFormatter.ofPattern("HH:mm:ss.SSS'Z'")
      .withZone(ZoneOffset.UTC);

  private final Output output;

  VerboseListener(Output output) {
    this.output = output;
  }

  @Override
  public void onSubmitted(JobHandle handle) {
    output.note("created task " + handle.taskId() + " on " + handle.providerId());
  }

  /** Each status read that was answered, a wait's or one of its own (a try that failed is told by its retry line). */
  @Override
  public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
    output.note("status of " + handle.taskId() + ": " + snapshot.rawStatus()
        + snapshot.percent().stream().mapToObj(p -> " " + p + "%").findFirst().orElse("")
        + " (status read answered at " + READ_AT.format(Instant.now()) + ")");
  }

  @Override
  public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    output.note("retrying " + operation.name().toLowerCase(Locale.ROOT) + " (attempt " + (attempt + 1) + ") in "
        + waitShown(delay) + " after: " + failure.getMessage());
  }

  /** A wait of a second or more as the rate-limit notice gives it (3.6 s, not 3 s); a shorter one in milliseconds. */
  private static String waitShown(Duration delay) {
    return delay.compareTo(Duration.ofSeconds(1)) >= 0 ? CommandEvents.scheduled(delay)
        : DurationConverter.describe(delay.isZero() ? Duration.ofMillis(1) : delay);
  }

  @Override
  public void onFailed(JobHandle handle, VidgenException error) {
    output.note((handle == null ? "job" : "task " + handle.taskId()) + " ended: " + ending(error.docsAnchor())
        + " (" + error.docsLink() + ")");
  }

  /** "authentication failed" for {@code authentication}: what happened, in words, for an error's anchor. */
  static String ending(String anchor) {
    return switch (anchor) {
      case "authentication" -> "authentication failed";
      case "request-rejected" -> "the provider rejected the request";
      case "rate-limited" -> "still rate limited after the retries";
      case "provider-unavailable" -> "the provider could not be reached";
      case "server-error" -> "the provider answered with a server error";
      case "insufficient-quota" -> "not enough credits left";
      case "content-policy" -> "refused by the content policy";
      case "task-failed" -> "the task failed";
      case "task-not-found" -> "the provider does not know the task";
      case "ambiguous-submit" -> "the create got no clear answer";
      case "deadline-exceeded" -> "the deadline passed";
      case "budget-exceeded" -> "over the budget";
      case "invalid-job" -> "the job is invalid";
      case "result-expired" -> "the video's link has expired";
      case "result-unavailable" -> "the video's link cannot be reached";
      case "download-failed" -> "the download failed";
      default -> anchor.replace('-', ' ');
    };
  }

  @Override
  public void onDownloaded(JobHandle handle, Path file) {
    output.note("saved the video of " + handle.taskId() + " to " + file);
  }
}
