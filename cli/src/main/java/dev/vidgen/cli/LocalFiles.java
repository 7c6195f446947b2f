package dev.vidgen.cli;

import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.VideoJob;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The files on this machine a job reads: its local images, then its local videos ({@code file:} URIs). */
final class LocalFiles {
  private LocalFiles() {}

  static List<Path> of(VideoJob job) {
    List<Path> files = new ArrayList<>();
    for (ImageInput image : job.images()) {
      if (image instanceof ImageInput.Local local) {
        files.add(local.path());
      }
    }
    for (URI video : job.videos()) {
      if (VideoJob.isLocalVideo(video)) {
        files.add(Path.of(video));
      }
    }
    return files;
  }
}
