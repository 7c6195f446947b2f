package dev.vidgen.cli;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.WCWidth;

/**
 * How many columns the terminal on stderr has now, read through JLine each time it is asked so
 * that a resized window is followed; {@code COLUMNS}, then 80, when no terminal answers.
 */
final class TerminalWidth {
  static final int FALLBACK = 80;
  private static final Object LOCK = new Object();
  private static Terminal terminal;
  private static boolean tried;

  private TerminalWidth() {}

  /** The current width in columns (always at least 20). */
  static int current() {
    int width = 0;
    Terminal opened = terminal();
    if (opened != null) {
      try {
        width = opened.getWidth();
      } catch (RuntimeException e) {
        width = 0;
      }
    }
    if (width <= 0) {
      width = fromEnvironment(System.getenv("COLUMNS"));
    }
    return Math.max(20, width);
  }

  static int fromEnvironment(String columns) {
    try {
      int parsed = columns == null ? 0 : Integer.parseInt(columns.strip());
      return parsed > 0 ? parsed : FALLBACK;
    } catch (NumberFormatException e) {
      return FALLBACK;
    }
  }

  /** How many columns {@code text} takes on a terminal (wide characters count twice). */
  static int columns(CharSequence text) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = Character.codePointAt(text, i);
      columns += Math.max(0, WCWidth.wcwidth(codePoint));
      i += Character.charCount(codePoint);
    }
    return columns;
  }

  /** The longest start of {@code text} that fits in {@code width} columns. */
  static String clip(String text, int width) {
    int columns = 0;
    for (int i = 0; i < text.length(); ) {
      int codePoint = text.codePointAt(i);
      int next = columns + Math.max(0, WCWidth.wcwidth(codePoint));
      if (next > width) {
        return text.substring(0, i);
      }
      columns = next;
      i += Character.charCount(codePoint);
    }
    return text;
  }

  private static Terminal terminal() {
    synchronized (LOCK) {
      if (!tried) {
        tried = true;
        Logger.getLogger("org.jline").setLevel(Level.OFF);
        try {
          // JLine's own signal handling would put SIGINT (and SIGQUIT, SIGTSTP) back to the OS default,
          // which ends the JVM at Ctrl-C without its shutdown hooks: no way-on message, no --json
          // object, and a .part file left behind. The width is read afresh each time, so nothing is lost.
          terminal = TerminalBuilder.builder()
              .system(true)
              .systemOutput(TerminalBuilder.SystemOutput.SysErr)
              .nativeSignals(false)
              .dumb(true)
              .build();
        } catch (IOException | RuntimeException | LinkageError e) {
          terminal = null;
        }
      }
      return terminal;
    }
  }
}
