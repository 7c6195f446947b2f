package dev.vidgen.serve;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import okhttp3.Response;
import okio.BufferedSource;

/** Reads a live-update stream as a page would, on a thread of its own, for the tests that watch what it is sent. */
final class StreamLines {
  private StreamLines() {}

  /** Adds each of {@code stream}'s lines, as {@code kept} keeps it, to {@code lines}, and marks {@code ended} at its end. */
  static void readInto(Response stream, UnaryOperator<String> kept, List<String> lines, AtomicBoolean ended) {
    Thread reader = new Thread(() -> {
      BufferedSource source = stream.body().source();
      try {
        for (String line = source.readUtf8Line(); line != null; line = source.readUtf8Line()) {
          lines.add(kept.apply(line));
        }
      } catch (IOException closed) {
        // The stream was cut: ended as well.
      }
      ended.set(true);
    }, "events-reader");
    reader.setDaemon(true);
    reader.start();
  }
}
