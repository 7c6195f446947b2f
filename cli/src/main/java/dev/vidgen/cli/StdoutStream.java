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
  /** Whether anything was written: set before a write takes this stream's lock, read without it. */
  private volatile boolean written;
  /** Whether {@link #writeLast} wrote the last bytes: later writes are dropped; under this stream's lock. */
  private boolean sealed;

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

  /** Whether anything was written to this stream (or dropped after {@link #writeLast}). */
  boolean written() {
    return written; // not under the lock, which a write blocked on a full pipe may hold
  }

  /**
   * Writes {@code bytes} as the only thing this stream carries, when nothing was written before, and drops every
   * write after them; says whether it wrote them. For the one JSON object of a command stopped while starting.
   */
  synchronized boolean writeLast(byte[] bytes) {
    if (written) {
      return false;
    }
    super.write(bytes, 0, bytes.length);
    flush();
    written = true;
    sealed = true;
    return true;
  }

  @Override
  public void write(int b) {
    written = true;
    synchronized (this) {
      if (!sealed) {
        super.write(b);
      }
    }
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    if (length > 0) {
      written = true;
    }
    synchronized (this) {
      if (!sealed) {
        super.write(bytes, offset, length);
      }
    }
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
