package dev.vidgen.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Passes JSON on with every character beyond ASCII written as its {@code \\uXXXX} escape: the same JSON
 * (such characters stand only inside strings), readable as UTF-8 whatever charset the platform prints in,
 * so that a task id or a prompt never turns into {@code ?} on the way to {@code jq}.
 */
final class AsciiJsonWriter extends FilterWriter {
  AsciiJsonWriter(Writer out) {
    super(out);
  }

  @Override
  public void write(int c) throws IOException {
    if (c < 0x80) {
      out.write(c);
    } else {
      out.write(String.format("\\u%04x", c & 0xFFFF));
    }
  }

  @Override
  public void write(char[] chars, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(chars[i]);
    }
  }

  @Override
  public void write(String text, int offset, int length) throws IOException {
    for (int i = offset; i < offset + length; i++) {
      write(text.charAt(i));
    }
  }

  @Override
  public void close() throws IOException {
    flush(); // the stream below is the command's stdout, not this writer's to close
  }
}
