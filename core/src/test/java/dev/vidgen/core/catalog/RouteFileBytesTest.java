package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.RouteCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A route file whose bytes are not JSON text: saved in another encoding, or holding a NUL or another control byte. */
class RouteFileBytesTest {
  @TempDir Path folder;

  @Test
  void aFileInLatin1IsSaidToBeNotUtf8WithItsLineAndTheFix() throws IOException {
    Path file = folder.resolve("latin1.json");
    Files.write(file, "{\"routes\": [\n  {\"id\": \"acme-video-2\", \"family\": \"Caf\u00e9\"}\n]}\n"
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(file)))
        .isInstanceOf(RouteFileException.class)
        .hasMessageContaining(file + ": is not UTF-8 text (line 2 holds the first byte that is not): save it as UTF-8")
        .hasMessageNotContaining("Input length");
  }

  @Test
  void aNulByteIsCalledWhatItIsAndWhere() throws IOException {
    Path file = folder.resolve("nul.json");
    Files.writeString(file, "{\"routes\": []}\n\u0000", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(file)))
        .isInstanceOf(RouteFileException.class)
        .hasMessageContaining("not valid JSON: a NUL byte at line 2, column 1")
        .hasMessageNotContaining("more than one JSON value");
    assertThatThrownBy(() -> RouteFiles.layer(RouteCatalog.builtIn(), "bell.json", "{\"routes\":\u0007 []}"))
        .hasMessageContaining("a control byte (0x07) at column 11");
  }

  @Test
  void aControlByteInsideAStringOrAfterTheMistakeIsNotBlamed() {
    assertThatThrownBy(() -> RouteFiles.layer(RouteCatalog.builtIn(), "late.json", "{\"routes\": [}\n\u0000"))
        .hasMessageNotContaining("NUL");
    assertThatThrownBy(() -> RouteFiles.layer(RouteCatalog.builtIn(), "string.json", "{\"routes\": [\"a\u0001b\"}"))
        .hasMessageNotContaining("control byte");
  }
}
