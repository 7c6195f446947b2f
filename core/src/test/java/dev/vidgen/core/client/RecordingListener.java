package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.Operation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Writes down every event as a short line, such as {@code retry CREATE 1 PT2S}. */
final class RecordingListener implements VidgenListener {
  private final List<String> events = new ArrayList<>();

  private final List<String> warnings = new ArrayList<>();

  private final List<String> resumes = new ArrayList<>();

  synchronized List<String> events() {
    return List.copyOf(events);
  }

  /** Each warning as {@code code: message}, kept apart from {@link #events()}. */
  synchronized List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** Each download told to go on from a byte, as {@code TASK from BYTE}, kept apart from {@link #events()}. */
  synchronized List<String> resumes() {
    return List.copyOf(resumes);
  }

  @Override
  public synchronized void onDownloadResuming(JobHandle handle, long fromByte) {
    resumes.add(handle.taskId() + " from " + fromByte);
  }

  @Override
  public synchronized void onWarning(String code, String message) {
    warnings.add(code + ": " + message);
  }

  @Override
  public synchronized void onSubmitted(JobHandle handle) {
    events.add("submitted " + handle.taskId());
  }

  @Override
  public synchronized void onPolled(JobHandle handle, TaskSnapshot snapshot) {
    events.add("polled " + handle.taskId() + " " + snapshot.status().id());
  }

  @Override
  public synchronized void onRetry(
      JobHandle handle, Operation operation, ProviderException failure, int attempt, Duration delay) {
    events.add("retry " + operation + " " + attempt + " " + delay);
  }

  @Override
  public synchronized void onCompleted(JobHandle handle, TaskSnapshot snapshot) {
    events.add("completed " + handle.taskId());
  }

  @Override
  public synchronized void onFailed(JobHandle handle, VidgenException error) {
    events.add("failed " + (handle == null ? "-" : handle.taskId()) + " " + error.docsAnchor());
  }

  @Override
  public synchronized void onDownloaded(JobHandle handle, Path file) {
    events.add("downloaded " + handle.taskId() + " " + file.getFileName());
  }
}
