package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A local video that is not one is named for what its first bytes show. */
class LocalVideosTest {
  @TempDir Path dir;

  @Test
  void anErrorPageGivenAsAVideoIsNamedAsThePageItIs() throws IOException {
    Path page = java.nio.file.Files.writeString(dir.resolve("clip.mp4"), "<!doctype html><title>404</title>");
    List<Violation> found = new java.util.ArrayList<>();

    LocalVideos.check("videos[0]", page.toUri(), found);

    assertThat(found).singleElement().satisfies(error -> assertThat(error.message())
        .contains("clip.mp4 is an HTML page, not an MP4, MOV or WebM video by its content"));
  }
}
