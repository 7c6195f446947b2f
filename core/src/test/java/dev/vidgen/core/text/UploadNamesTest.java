package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadNamesTest {
  @TempDir Path folder;

  @Test
  void filesOfOneNameAreEachShownWithTheFoldersThatTellThemApart() throws IOException {
    Path first = file("a/x/still.png");
    Path second = file("b/x/still.png");

    assertThat(UploadNames.of(List.of(first, second))).containsExactly("a/x/still.png", "b/x/still.png");
  }

  @Test
  void theBareNameGivenSecondKeepsItsOwnFolderAndTheOrderAsTyped() throws IOException {
    Path sub = file("work/sub/still.png");
    Path bare = file("work/still.png");

    assertThat(UploadNames.of(List.of(sub, bare))).containsExactly("sub/still.png", "work/still.png");
    assertThat(UploadNames.of(List.of(bare, sub))).containsExactly("work/still.png", "sub/still.png");
  }

  @Test
  void aUniqueNameStaysBareAndOneFileGivenTwiceKeepsOneName() throws IOException {
    Path still = file("still.png");
    Path other = file("sub/still.png");
    Path kite = file("sub/kite.png");

    assertThat(UploadNames.of(List.of(kite, still, folder.resolve("sub/../still.png"), other)))
        .containsExactly("kite.png", folder.getFileName() + "/still.png", folder.getFileName() + "/still.png",
            "sub/still.png");
  }

  private Path file(String relative) throws IOException {
    Path file = folder.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, relative);
  }
}
