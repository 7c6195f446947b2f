package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A finished job: its handle, the final snapshot and the downloaded file.
 *
 * @param handle the job's handle
 * @param snapshot the task's final status
 * @param file where the video was saved
 */
public record GenerationResult(JobHandle handle, TaskSnapshot snapshot, Path file) {
  /** A result as given; none of the three may be null. */
  public GenerationResult {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(snapshot, "snapshot == null");
    Objects.requireNonNull(file, "file == null");
  }
}
