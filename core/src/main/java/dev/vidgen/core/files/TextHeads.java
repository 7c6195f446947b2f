package dev.vidgen.core.files;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Tells text from media by a file's first bytes: bytes that read as UTF-8 (or as UTF-16 after its
 * byte order mark) without control characters (but tab and line ends) are text, named by how they open (an HTML page, an XML
 * document, JSON). No video or image opens so.
 */
final class TextHeads {
  private TextHeads() {}

  /** "an HTML page", "an XML document", "markup (HTML or XML)", "JSON text" or "plain text"; null when not text. */
  static String kind(byte[] head) {
    String text = decoded(head);
    if (text == null) {
      return null;
    }
    String opening = text.replaceFirst("^\uFEFF", "").stripLeading().toLowerCase(Locale.ROOT);
    if (opening.startsWith("<!doctype html") || opening.startsWith("<html") || opening.startsWith("<head")
        || opening.startsWith("<body") || opening.startsWith("<title")) {
      return "an HTML page";
    }
    if (opening.startsWith("<?xml")) {
      return opening.contains("<html") ? "an HTML page" : "an XML document";
    }
    if (opening.startsWith("<")) {
      return "markup (HTML or XML)";
    }
    if (opening.startsWith("{") || opening.startsWith("[")) {
      return "JSON text";
    }
    return "plain text";
  }

  /**
   * The bytes as text (UTF-8, or UTF-16 when a byte order mark opens them), a character cut off at the
   * end allowed; null when they are empty or not text.
   */
  private static String decoded(byte[] head) {
    if (head.length == 0) {
      return null;
    }
    java.nio.charset.Charset charset = StandardCharsets.UTF_8;
    if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
      charset = StandardCharsets.UTF_16LE;
    } else if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
      charset = StandardCharsets.UTF_16BE;
    }
    CharsetDecoder decoder = charset.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer chars = CharBuffer.allocate(head.length);
    CoderResult result = decoder.decode(ByteBuffer.wrap(head), chars, false);
    if (result.isError()) {
      return null;
    }
    String text = chars.flip().toString();
    boolean controls = text.chars()
        .anyMatch(c -> (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' && c != '\f'));
    return controls ? null : text;
  }
}
