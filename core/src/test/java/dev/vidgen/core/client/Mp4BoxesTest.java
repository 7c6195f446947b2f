package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.files.Mp4Boxes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp4BoxesTest {
  @TempDir Path folder;

  @Test
  void aWholeVideoHasNoProblem() throws IOException {
    assertThat(Mp4Boxes.problem(write(ScriptedProvider.MP4))).isEmpty();
  }

  @Test
  void aLastBoxOfSizeZeroRunsToTheEndOfTheFile() throws IOException {
    byte[] video = ScriptedProvider.MP4.clone();
    video[32 + 3] = 0; // the mdat box: "to the end of the file"

    assertThat(Mp4Boxes.problem(write(video))).isEmpty();
  }

  @Test
  void aLargeSizeIsReadAfterTheType() throws IOException {
    byte[] whole = join(ftypAndMoov(), largeBox("mdat", 20, 4));
    assertThat(Mp4Boxes.problem(write(whole))).isEmpty();

    byte[] cut = join(ftypAndMoov(), largeBox("mdat", 4000, 4));
    assertThat(Mp4Boxes.problem(write(cut))).hasValue("its mdat box at offset 32 claims 4000 bytes but only 20 are there");
  }

  @Test
  void aBoxSmallerThanItsHeaderIsACutFile() throws IOException {
    byte[] video = ScriptedProvider.MP4.clone();
    video[32 + 3] = 4;

    assertThat(Mp4Boxes.problem(write(video))).hasValue("its mdat box at offset 32 claims 4 bytes, less than its own 8-byte header");
  }

  @Test
  void aFileThatEndsInsideABoxHeaderIsACutFile() throws IOException {
    byte[] cut = Arrays.copyOf(ScriptedProvider.MP4, 32 + 5);

    assertThat(Mp4Boxes.problem(write(cut))).hasValue("it ends 5 bytes into the header of a box at offset 32");
  }

  @Test
  void aVideoNeedsBothItsIndexAndItsFrames() throws IOException {
    assertThat(Mp4Boxes.problem(write(Arrays.copyOf(ScriptedProvider.MP4, 32)))).hasValue(
        "it has no mdat box (the frames every MP4 and MOV has)");
    assertThat(Mp4Boxes.problem(write(Arrays.copyOf(ScriptedProvider.MP4, 24)))).hasValue(
        "it has no moov box (the index every MP4 and MOV has)");
  }

  private Path write(byte[] bytes) throws IOException {
    return Files.write(folder.resolve("video.mp4"), bytes);
  }

  private static byte[] ftypAndMoov() {
    return Arrays.copyOf(ScriptedProvider.MP4, 32);
  }

  /** A box with a 64-bit size of {@code size} and {@code content} bytes after its 16-byte header. */
  private static byte[] largeBox(String type, long size, int content) {
    ByteBuffer box = ByteBuffer.allocate(16 + content);
    box.putInt(1).put(type.getBytes(StandardCharsets.US_ASCII)).putLong(size);
    return box.array();
  }

  private static byte[] join(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
