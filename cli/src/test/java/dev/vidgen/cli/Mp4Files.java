package dev.vidgen.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads the top-level boxes of an MP4 file, to tell a whole video from a cut one. */
final class Mp4Files {
  private Mp4Files() {}

  /**
   * The types of the top-level boxes, in order, when their sizes add up to exactly the file's
   * length; throws {@link AssertionError} naming the file when they do not.
   */
  static List<String> boxes(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    List<String> types = new ArrayList<>();
    long offset = 0;
    while (offset < bytes.length) {
      if (bytes.length - offset < 8) {
        throw new AssertionError(file + ": " + (bytes.length - offset) + " stray bytes at offset " + offset);
      }
      long size = Integer.toUnsignedLong(buffer.getInt((int) offset));
      String type = new String(bytes, (int) offset + 4, 4, StandardCharsets.ISO_8859_1);
      if (size == 1) {
        size = buffer.getLong((int) offset + 8);
      } else if (size == 0) {
        size = bytes.length - offset;
      }
      if (size < 8 || offset + size > bytes.length) {
        throw new AssertionError(file + ": box " + type + " at offset " + offset + " claims " + size
            + " bytes but the file has " + (bytes.length - offset) + " left (cut short?)");
      }
      types.add(type);
      offset += size;
    }
    if (types.isEmpty() || !types.get(0).equals("ftyp")) {
      throw new AssertionError(file + ": does not start with an ftyp box: " + types);
    }
    return types;
  }
}
