package dev.vidgen.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The playground's token as vidgen serve printed it, in its address ({@code http://127.0.0.1:P/?token=T}). */
final class PrintedToken {
  /** The header a script sends the token in. */
  static final String HEADER = dev.vidgen.serve.PlaygroundToken.HEADER;
  private static final Pattern TOKEN = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/\\?token=([A-Za-z0-9_-]+)");

  private PrintedToken() {}

  /** The token in {@code printed}; null before the address is printed. */
  static String in(String printed) {
    Matcher match = TOKEN.matcher(printed);
    return match.find() ? match.group(1) : null;
  }
}
