package dev.vidgen.cli;

/** An output stream that can tell whether a terminal is what reads it. */
interface TerminalOutput {
  /** Whether the stream goes to a terminal (a person's screen, not a file or a pipe). */
  boolean isTerminal();
}
