package dev.vidgen.testkit.toapis;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The command line of {@link FakeToApisServer#main}. */
final class FakeServerMain {
  private static final Logger MOCK_WEB_SERVER_LOG = Logger.getLogger("mockwebserver3.MockWebServer");

  private FakeServerMain() {}

  static void run(String[] args) throws IOException, InterruptedException {
    FakeToApisServer.Builder builder = FakeToApisServer.builder();
    List<String> keys = new ArrayList<>();
    Duration queued = null;
    Duration running = null;
    Path portFile = null;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--port" -> builder.port(Integer.parseInt(value(args, ++i, option)));
        case "--key" -> keys.add(value(args, ++i, option));
        case "--polls" -> {
          String[] counts = value(args, ++i, option).split(",");
          builder.lifecycle(Lifecycle.byPolls(Integer.parseInt(counts[0].strip()),
              Integer.parseInt(counts[counts.length - 1].strip())));
        }
        case "--queued" -> queued = duration(value(args, ++i, option));
        case "--running" -> running = duration(value(args, ++i, option));
        case "--credits" -> builder.credits(new BigDecimal(value(args, ++i, option)));
        case "--unlimited" -> builder.unlimitedBalance();
        case "--key-credits" -> builder.keyCredits(new BigDecimal(value(args, ++i, option)));
        case "--video-models" -> builder.videoModels(java.util.Arrays.stream(value(args, ++i, option).split(","))
            .map(String::strip).filter(id -> !id.isEmpty()).collect(java.util.stream.Collectors.toSet()));
        case "--port-file" -> portFile = Path.of(value(args, ++i, option));
        case "--help", "-h" -> {
          System.out.println(usage());
          return;
        }
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + usage());
      }
    }
    if (queued != null || running != null) {
      builder.lifecycle(queued == null ? Duration.ZERO : queued, running == null ? Duration.ZERO : running);
    }
    if (!keys.isEmpty()) {
      builder.apiKeys(keys.toArray(String[]::new));
    }
    MOCK_WEB_SERVER_LOG.setLevel(Level.WARNING);
    FakeToApisServer server = builder.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "fake-toapis-shutdown"));
    if (portFile != null) {
      Files.writeString(portFile, Integer.toString(server.port()), StandardCharsets.UTF_8);
    }
    System.out.println("FakeToApisServer listening on " + server.baseUrl()
        + " (admin: " + server.baseUrl() + "/_fake/creates)");
    System.out.flush();
    stopped.await();
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value\n" + usage());
    }
    return args[index];
  }

  private static Duration duration(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    if (t.endsWith("m")) {
      return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
    }
    return Duration.ofSeconds(Long.parseLong(t));
  }

  static String usage() {
    return "usage: FakeToApisServer [--port N] [--key K]... [--polls Q,R | --queued 2s --running 5s]"
        + " [--credits N | --unlimited] [--key-credits N] [--video-models ID,ID...] [--port-file PATH]\n"
        + "admin routes: " + String.join(", ", FakeAdmin.routes());
  }
}
