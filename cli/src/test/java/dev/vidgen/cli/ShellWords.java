package dev.vidgen.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell does for the forms our docs and pages write:
 * bare words, 'single-quoted' and "double-quoted" parts, and a backslash before one character.
 * No expansions; enough to run a printed command again in a test.
 */
final class ShellWords {
  private ShellWords() {}

  static List<String> split(String command) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '\'' || c == '"') {
        int end = command.indexOf(c, i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("unclosed " + c + " in: " + command);
        }
        word.append(command, i + 1, end);
        i = end;
        inWord = true;
      } else if (c == '\\' && i + 1 < command.length()) {
        word.append(command.charAt(++i));
        inWord = true;
      } else if (c == ' ') {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }
}
