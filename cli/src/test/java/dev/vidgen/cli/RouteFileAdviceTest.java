package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.catalog.RouteFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice after a route file this user may not read is about its permissions and path, not its format. */
class RouteFileAdviceTest {
  @TempDir Path folder;

  @Test
  void aFileThisUserMayNotReadIsToldToCheckItsPermissionsNotToFixItsFormat() throws IOException {
    Path file = Files.writeString(folder.resolve("unreadable.json"), "{\"routes\": []}");
    RouteFileException refused = new RouteFileException(file.toString(), "", "cannot be read: this user may not read"
        + " it (owner uid 0, mode 600)");

    // As root every file is readable: the refusal a non-root user gets is stood in for.
    String fromFlag = RouteFileAdvice.of(refused, List.of(file), List.of(), path -> false);
    String fromEnvironment = RouteFileAdvice.of(refused, List.of(file), List.of(file), path -> false);

    assertThat(fromFlag).isEqualTo("check the file's permissions and the path given to --routes; nothing was sent");
    assertThat(fromEnvironment)
        .isEqualTo("check the file's permissions and the path VIDGEN_ROUTES holds; nothing was sent");
    assertThat(fromFlag + fromEnvironment).doesNotContain("fix the route file", "shows the format");
  }
}
