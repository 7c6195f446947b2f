package dev.vidgen.core.text;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Bytes read as UTF-8 text, strictly: a file saved in another encoding (Latin-1, Windows-1252) is refused with
 * the line of its first byte that is not UTF-8, rather than read with replacement characters.
 */
public final class Utf8Text {
  private Utf8Text() {}

  /**
   * The text {@code bytes} hold.
   *
   * @throws NotUtf8Exception naming the line (from 1) of the first byte that is not UTF-8
   */
  public static String decode(byte[] bytes) throws NotUtf8Exception {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new NotUtf8Exception(lineAt(bytes, in.position()));
    }
    decoder.flush(out);
    return out.flip().toString();
  }

  /** The line (from 1) of the byte at {@code index}: one more than the line feeds before it. */
  private static int lineAt(byte[] bytes, int index) {
    int line = 1;
    for (int i = 0; i < index && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  /** Text that is not UTF-8; {@link #line()} holds its first byte that is not. */
  public static final class NotUtf8Exception extends CharacterCodingException {
    private static final long serialVersionUID = 1L;

    private final int line;

    NotUtf8Exception(int line) {
      this.line = line;
    }

    /** The line (from 1) of the first byte that is not UTF-8. */
    public int line() {
      return line;
    }

    @Override
    public String getMessage() {
      return "not UTF-8 text (line " + line + " holds the first byte that is not)";
    }
  }
}
