package dev.vidgen.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The process's standard output, which also tells whether a write failed because its reader had
 * gone (a pipe into {@code head} that took what it wanted), as opposed to a full disk: print streams
 * keep the cause of a failed write to themselves.
 */
final class StdoutStream extends PrintStream implements TerminalOutput {
  private final Recorder recorder;

  private StdoutStream(Recorder recorder) {
    super(new BufferedOutputStream(recorder, 8192), true);
    this.recorder = recorder;
  }

  /** Standard output of this process. */
  static StdoutStream open() {
    return new StdoutStream(new Recorder(new FileOutputStream(FileDescriptor.out)));
  }

  @Override
  public boolean isTerminal() {
    return Main.isTerminal(1);
  }

  /** Whether a write failed because the pipe's reader had ended (EPIPE). */
  boolean readerGone() {
    return recorder.readerGone;
  }

  /** Passes bytes on, noting a broken pipe. */
  private static final class Recorder extends FilterOutputStream {
    private volatile boolean readerGone;

    Recorder(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      try {
        out.write(b);
      } catch (IOException e) {
        throw noted(e);
      }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      try {
        out.write(bytes, offset, length);
      } catch (IOException e) {
        throw noted(e);
      }
    }

    @Override
    public void flush() throws IOException {
      try {
        out.flush();
      } catch (IOException e) {
        throw noted(e);
      }
    }

    private IOException noted(IOException e) {
      // The JVM ignores SIGPIPE, so a write to a pipe nobody reads fails with EPIPE, "Broken pipe" in every locale.
      if (String.valueOf(e.getMessage()).contains("Broken pipe")) {
        readerGone = true;
      }
      return e;
    }
  }
}
