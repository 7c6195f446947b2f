package dev.vidgen.cli;

/**
 * A next step as {@code --json} gives it: its words for people ({@code next}) and the command in them that a script
 * runs as it is ({@code next_command}), or null when they name none (nothing left to do, a command with a placeholder
 * such as {@code TASK_ID}, or one that needs something changed first).
 */
record NextStep(String words, String command) {
  /** A step with no command to run as it is. */
  static NextStep words(String words) {
    return new NextStep(words, null);
  }

  /** A step that is the command alone. */
  static NextStep command(String command) {
    return new NextStep(command, command);
  }

  /** The command said after {@code lead}, such as "save its video with: ". */
  static NextStep saying(String lead, String command) {
    return new NextStep(lead + command, command);
  }
}
