package dev.vidgen.core.files;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Walks the top-level boxes of an MP4 or MOV (ISO base media and QuickTime files share the
 * box format) by their headers alone, seeking from one to the next, so that a big file is never
 * read whole. A file whose boxes do not fit it, or that lacks the {@code moov} box (the index) or
 * the {@code mdat} box (the frames) every such video has, was cut short: a server that cut the file and counted only what it sent cannot be told
 * apart any other way. Validation checks local input videos so before they are uploaded, the client
 * its downloads after they are saved, and the testkit's provider contract a provider's videos.
 */
public final class Mp4Boxes {
  private Mp4Boxes() {}

  /**
   * What makes {@code file} less than a whole MP4, in words ("its mdat box at offset 950 claims
   * 1380 bytes but only 300 are there"); empty when its boxes add up to its length and both a
   * {@code moov} and an {@code mdat} box are there.
   */
  public static Optional<String> problem(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long length = channel.size();
      ByteBuffer header = ByteBuffer.allocate(16);
      boolean moov = false;
      boolean mdat = false;
      long offset = 0;
      while (offset < length) {
        long left = length - offset;
        if (left < 8) {
          return Optional.of("it ends " + left + " bytes into the header of a box at offset " + offset);
        }
        read(channel, header, offset, 8);
        long size = Integer.toUnsignedLong(header.getInt(0));
        String type = type(header);
        long headerSize = 8;
        if (size == 1) {
          // A 64-bit size follows the type.
          if (left < 16) {
            return Optional.of("it ends inside the header of its " + type + " box at offset " + offset);
          }
          read(channel, header, offset, 16);
          size = header.getLong(8);
          headerSize = 16;
          if (size < 0) {
            return Optional.of("its " + type + " box at offset " + offset + " claims more than 2^63 bytes");
          }
        } else if (size == 0) {
          size = left; // to the end of the file
        }
        if (size < headerSize) {
          return Optional.of("its " + type + " box at offset " + offset + " claims " + size
              + " bytes, less than its own " + headerSize + "-byte header");
        }
        if (size > left) {
          return Optional.of("its " + type + " box at offset " + offset + " claims " + size + " bytes but only "
              + left + " are there");
        }
        moov |= type.equals("moov");
        mdat |= type.equals("mdat");
        offset += size;
      }
      if (!moov) {
        return Optional.of("it has no moov box (the index every MP4 and MOV has)");
      }
      if (!mdat) {
        return Optional.of("it has no mdat box (the frames every MP4 and MOV has)");
      }
      return Optional.empty();
    }
  }

  /** Reads {@code count} bytes at {@code offset} into the start of {@code buffer}. */
  private static void read(FileChannel channel, ByteBuffer buffer, long offset, int count) throws IOException {
    buffer.clear().limit(count);
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, offset + buffer.position()) < 0) {
        throw new EOFException("the file ended at " + (offset + buffer.position()) + " while its boxes were read");
      }
    }
  }

  /** The box's four-letter type, with anything not printable shown as {@code ?}. */
  private static String type(ByteBuffer header) {
    byte[] type = new byte[4];
    header.get(4, type);
    for (int i = 0; i < type.length; i++) {
      if (type[i] < 0x20 || type[i] > 0x7e) {
        type[i] = '?';
      }
    }
    return new String(type, StandardCharsets.US_ASCII);
  }
}
