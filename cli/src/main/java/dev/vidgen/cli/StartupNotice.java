package dev.vidgen.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The first word on a Ctrl-C (or a SIGTERM): a shutdown hook armed as {@code main} starts, which says that
 * the command was interrupted before anything was sent, while no command's own notice has taken over (the
 * JVM, the command line, the catalog and the provider still starting). Once a {@link ShutdownNotice} is armed,
 * or the command has ended, it says nothing; nor once anything went to stdout.
 */
final class StartupNotice {
  /** What it says on stderr, after {@code vidgen: }. */
  static final String SAID = "interrupted before anything was sent; nothing was made or billed. Run the same"
      + " command again";
  /** The {@code next} of its JSON object. */
  static final String NEXT = "nothing was sent; run the same command again";

  private static final Object LOCK = new Object();
  /** Whether a command's own notice took over, or the command ended: this one then stays silent; under LOCK. */
  private static boolean handedOver;

  private StartupNotice() {}

  /**
   * Arms the notice for this process: on {@code stdout} (with {@code json}; to {@code err} when {@code
   * jsonToErr}, as for {@code --out -}) its one JSON object, on {@code err} its line.
   */
  static void arm(StdoutStream stdout, PrintWriter err, boolean json, boolean jsonToErr) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> tell(stdout, err, json, jsonToErr),
        "vidgen-interrupted-start"));
  }

  /**
   * Runs {@code adding}, which arms a command's own shutdown notice, so that this one stands down once it is
   * armed: of the two, only that one speaks. One that could not be armed (the JVM already stopping) leaves this one
   * to speak.
   */
  static void handOver(Runnable adding) {
    synchronized (LOCK) {
      adding.run();
      handedOver = true;
    }
  }

  /** The command ended (or {@code main} is about to exit): from now on this notice says nothing. */
  static void standDown() {
    synchronized (LOCK) {
      handedOver = true;
    }
  }

  private static void tell(StdoutStream stdout, PrintWriter err, boolean json, boolean jsonToErr) {
    synchronized (LOCK) {
      if (handedOver) {
        return;
      }
      handedOver = true;
    }
    if (stdout.written() || !ShutdownNotice.Hooks.JVM.claim()) {
      return; // the command's own answer has begun on stdout, or another notice speaks
    }
    if (json) {
      Map<String, Object> object = new LinkedHashMap<>();
      object.put("task_id", null);
      object.put("status", "interrupted");
      object.put("model", null);
      object.put("next", NEXT);
      if (jsonToErr) {
        new Output(err, err, true).object(object);
      } else {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintWriter text = new PrintWriter(new OutputStreamWriter(bytes, StandardCharsets.US_ASCII));
        new Output(text, err, true).object(object);
        if (!stdout.writeLast(bytes.toByteArray())) {
          return; // the command's answer came first
        }
      }
    }
    err.println("vidgen: " + SAID);
    err.flush();
  }
}
