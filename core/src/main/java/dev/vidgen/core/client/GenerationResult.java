package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import java.nio.file.Path;
import java.util.Objects;

/** A finished job: its handle, the final snapshot and the downloaded file. */
public record GenerationResult(JobHandle handle, TaskSnapshot snapshot, Path file) {
  public GenerationResult {
    Objects.requireNonNull(handle, "handle == null");
    Objects.requireNonNull(snapshot, "snapshot == null");
    Objects.requireNonNull(file, "file == null");
  }
}
