package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.text.SafeText;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a command writes. With {@code --json} stdout gets exactly one JSON object and nothing
 * else; without it, lines and aligned tables for people. Notes and progress always go to stderr.
 * Every text for people passes {@link SafeText#clean}: control characters from a server cannot
 * reach the terminal, and nothing shaped like a key is shown. Every word on either stream, JSON too, has each key
 * of the environment masked ({@link ShownKeys}), whatever provider's words echoed it.
 */
final class Output {
  /** The streams as given: the JSON object goes to {@link #rawOut}, its strings masked before they are escaped. */
  private final PrintWriter rawOut;
  private final PrintWriter rawErr;
  /** The streams text goes to, masking the keys. */
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean json;
  private final ShownKeys keys;
  private boolean printedJson;
  /** Clears a progress line drawn on stderr, so that a note starts on a line of its own. */
  private volatile Runnable beforeNote = () -> {};

  Output(PrintWriter out, PrintWriter err, boolean json) {
    this(out, err, json, ShownKeys.none());
  }

  /** An output that masks {@code keys} in everything it prints. */
  Output(PrintWriter out, PrintWriter err, boolean json, ShownKeys keys) {
    this.rawOut = out;
    this.rawErr = err;
    this.out = keys.writer(out);
    this.err = out == err ? this.out : keys.writer(err);
    this.json = json;
    this.keys = keys;
  }

  boolean json() {
    return json;
  }

  /** The same output with stdout's share sent to stderr, for a command whose stdout carries a video. */
  Output toStderr() {
    return new Output(rawErr, rawErr, json, keys);
  }

  /** stderr, with the keys masked in each piece of text written to it. */
  PrintWriter err() {
    return err;
  }

  /** In JSON mode, prints the command's one JSON object (only the first call prints); else does nothing. */
  synchronized void object(Map<String, ?> object) {
    if (!json || printedJson) {
      return;
    }
    printedJson = true;
    try {
      // Streamed: a batch's document of 200,000 jobs is never held as text. ASCII, with \\uXXXX escapes: the same
      // JSON whatever charset stdout is written in.
      JsonTrees.write(keys.tree(object), new AsciiJsonWriter(rawOut));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e); // a PrintWriter never throws it; it keeps its error
    }
    out.println();
    out.flush();
  }

  /** A line for people on stdout; dropped in JSON mode. */
  void line(String text) {
    if (!json) {
      out.println(SafeText.clean(text));
      out.flush();
    }
  }

  /** Runs {@code clearLine} before each note while a progress line may be on screen; null: no such line. */
  void beforeNotes(Runnable clearLine) {
    beforeNote = clearLine == null ? () -> {} : clearLine;
  }

  /** A note on stderr, shown in both modes. */
  void note(String text) {
    beforeNote.run();
    err.println("vidgen: " + SafeText.clean(text));
    err.flush();
  }

  /** Rows as an aligned table on stdout (the last column is not padded); dropped in JSON mode. */
  void table(List<List<String>> rows) {
    if (json) {
      return;
    }
    // Each cell is cleaned once to measure it and again to print it, line by line: a dry run of a file of
    // 200,000 lines held two more copies of its table before this and ran out of memory.
    int[] widths = widths(rows, SafeText::clean);
    for (List<String> row : rows) {
      out.println(line(row, SafeText::clean, widths, "  "));
    }
    out.flush();
  }

  /** Label-value pairs as two aligned columns on stdout; dropped in JSON mode. */
  void fields(Map<String, String> fields) {
    List<List<String>> rows = new ArrayList<>();
    fields.forEach((label, value) -> {
      if (value != null) {
        rows.add(List.of(label, value));
      }
    });
    table(rows);
  }

  /** Pads every column but the last to its widest cell, measured in terminal columns ({@link DisplayWidth}). */
  static List<String> align(List<List<String>> rows, String gap) {
    int[] widths = widths(rows, cell -> cell);
    List<String> lines = new ArrayList<>();
    for (List<String> row : rows) {
      lines.add(line(row, cell -> cell, widths, gap));
    }
    return lines;
  }

  private static int[] widths(List<List<String>> rows, java.util.function.UnaryOperator<String> shown) {
    int columns = rows.stream().mapToInt(List::size).max().orElse(0);
    int[] widths = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], DisplayWidth.of(shown.apply(row.get(i))));
      }
    }
    return widths;
  }

  private static String line(List<String> row, java.util.function.UnaryOperator<String> shown, int[] widths,
      String gap) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < row.size(); i++) {
      String cell = shown.apply(row.get(i));
      line.append(cell);
      if (i < row.size() - 1) {
        line.append(" ".repeat(widths[i] - DisplayWidth.of(cell))).append(gap);
      }
    }
    return line.toString().stripTrailing();
  }
}
