package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vidgen.core.domain.RouteCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route file whose bytes are not JSON text (saved in another encoding, holding a NUL, another control byte or a
 * second byte-order mark, nested beyond reading), or that this user may not read.
 */
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
  void aFileInUtf16WithoutAByteOrderMarkIsSaidToBeNotUtf8AsOneWithAMarkIs() throws IOException {
    String json = "{\"patch\": {\"seedance-2\": {\"price\": {\"per_second_usd\": \"0.04\"}}}}\r\n";
    Path little = Files.write(folder.resolve("utf16le.json"), json.getBytes(StandardCharsets.UTF_16LE));
    Path big = Files.write(folder.resolve("utf16be.json"), json.getBytes(StandardCharsets.UTF_16BE));

    for (Path file : List.of(little, big)) {
      assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(file))).as(file.toString())
          .isInstanceOf(RouteFileException.class)
          .hasMessage(file + ": is not UTF-8 text (it looks like UTF-16 without a byte-order mark: a NUL byte beside"
              + " every character): save it as UTF-8")
          .hasMessageNotContaining("remove it");
    }
  }

  @Test
  void anEmptyFileIsSaidToBeEmpty() throws IOException {
    Path empty = Files.write(folder.resolve("empty.json"), new byte[0]);
    Path blank = Files.writeString(folder.resolve("blank.json"), " \n\t\n");

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(empty)))
        .isInstanceOf(RouteFileException.class)
        .hasMessageStartingWith(empty + ": is empty: a route file holds one JSON object, such as {\"patch\":")
        .hasMessageEndingWith("(docs/routes.md)").hasMessageNotContaining("ends too early");
    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(blank)))
        .hasMessageStartingWith(blank + ": is empty (white space only): a route file holds one JSON object");
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

  @Test
  void aSecondByteOrderMarkIsNamedAndWhere() throws IOException {
    Path file = folder.resolve("double-bom.json");
    Files.write(file, "\uFEFF\uFEFF{\"routes\": []}".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(file)))
        .hasMessage(file + ": not valid JSON: a second byte-order mark (U+FEFF) at column 1, which JSON allows"
            + " nowhere outside a string: remove it");
    assertThatThrownBy(() -> RouteFiles.layer(RouteCatalog.builtIn(), "joined.json", "{\"routes\": []}\n\uFEFF{}"))
        .hasMessage("joined.json: not valid JSON: a byte-order mark (U+FEFF) at line 2, column 1, which JSON allows"
            + " nowhere outside a string: remove it");
  }

  @Test
  void aFileNestedTooDeepIsToldWithItsPathCutShort() {
    String deep = "{\"routes\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}";

    RouteFileException e = (RouteFileException) catchThrowable(
        () -> RouteFiles.layer(RouteCatalog.builtIn(), "deep.json", deep));

    assertThat(e.getMessage()).startsWith("deep.json: not valid JSON: Nesting too deep at $.routes[0][0][0][0][0]…"
        + " (nested ").contains(" levels deep) (near column ").hasSizeLessThan(200);
  }

  @Test
  void aFileThisUserMayNotReadSaysSoWithItsOwnerAndModeAndWhatToDo() throws IOException {
    Path file = Files.writeString(folder.resolve("unreadable.json"), "{\"routes\": []}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    int owner = (Integer) Files.getAttribute(file, "unix:uid");
    // As root any file is readable: the refusal a non-root user gets is stood in for.
    RouteFiles.Opener refused = path -> {
      throw new AccessDeniedException(path.toString());
    };

    assertThatThrownBy(() -> RouteFiles.read(file, refused))
        .isInstanceOf(RouteFileException.class)
        .hasMessage(file + ": cannot be read: this user may not read it (owner uid " + owner + ", mode 600): let this"
            + " user read it (chmod a+r, or run vidgen as a user who may), or give another path")
        .hasMessageNotContaining("cannot be read: " + file);
  }
}
