package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.serve.FollowedRouteFiles;
import dev.vidgen.serve.Playground;
import dev.vidgen.serve.PlaygroundSettings;
import dev.vidgen.serve.PlaygroundToken;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vidgen serve}: the playground, a local web page on the same validator, prices, client and
 * history as the command. Runs until Ctrl-C (or, embedded, until its thread is interrupted).
 */
@Command(name = "serve", sortOptions = false,
    description = "Start the playground: a local web page to pick a model, see every problem, the price and the"
        + " exact request live, generate and watch the video. Listens on 127.0.0.1 until Ctrl-C; only the address"
        + " it prints (it holds a token made for this run, or VIDGEN_PLAYGROUND_TOKEN's) opens it.")
final class ServeCommand extends ClientCommand {
  /** The variable a script gives the playground's token in (at least 22 URL-safe characters), so that it knows it. */
  static final String TOKEN_VARIABLE = "VIDGEN_PLAYGROUND_TOKEN";

  @Option(names = "--port", paramLabel = "N", defaultValue = "8787",
      description = "The port (default: ${DEFAULT-VALUE}; 0 for any free port).")
  int port;

  @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "127.0.0.1",
      description = "The interface to listen on (default: ${DEFAULT-VALUE}, this machine only). Another address"
          + " lets other machines spend your credits; vidgen warns.")
  String bind;

  @Option(names = "--open", description = "Open the page in the default browser.")
  boolean open;

  @Option(names = "--out", paramLabel = "DIR",
      description = "Where uploads and videos are kept (default: VIDGEN_HOME/playground).")
  Path out;

  /** What the page's "copy as vidgen command" adds, so that the command reaches the same provider and models. */
  private static List<String> copiedCommandOptions(Session session, String providerId) {
    List<String> words = new ArrayList<>(List.of("--provider", providerId));
    words.addAll(session.setupOptions());
    return words;
  }

  @Override
  int run(Session session, Output output) {
    if (out != null) {
      ForeignOutPaths.refuseFolder("--out", out.toString());
    }
    if (port < 0 || port > 65535) {
      throw CliException.usage("--port " + port + " is not a port", "give 1 to 65535, or 0 for any free port");
    }
    InetAddress address;
    try {
      address = InetAddress.getByName(bind.strip());
    } catch (UnknownHostException e) {
      throw CliException.usage("--bind " + bind + " is not an address of this machine",
          "give an interface address such as 127.0.0.1 (the default) or 0.0.0.0 for every interface");
    }
    CliContext context = session.context();
    PlaygroundToken token = givenToken(context.env().get(TOKEN_VARIABLE));
    Path dataFolder = TaskHistory.dataFolder(context.env()).orElseThrow(() -> new CliException(ExitCodes.OTHER,
        "history", "no folder for the playground: " + TaskHistory.whyNoDataFolder(context.env()),
        "set VIDGEN_HOME to a folder: the history is kept there (--out moves only the uploads and videos)"));
    Path folder = out != null ? context.resolve(out) : dataFolder.resolve("playground");
    // The page's balance reads only inform (a Generate goes on with a warning when one fails): 20 s at most, as the
    // command line's, naming no Java setting.
    session.freeBalanceReads();
    VidgenClient client = session.onlineClient();
    String providerId = client.provider().id();
    if (!address.isLoopbackAddress()) {
      output.note("warning: listening on " + bind + ", not only on this machine: its token travels the network in"
          + " clear (plain HTTP), so anyone who can see that traffic can use the playground"
          + (providerId.equals(ProviderChoice.TOAPIS) ? " and spend your ToAPIs credits" : "")
          + "; leave out --bind to stay on 127.0.0.1");
    }
    // The route files are followed while the page runs: an edit applies from the next check on, as on the command line.
    List<Path> routeFiles = session.routeFiles();
    PlaygroundSettings settings = new PlaygroundSettings(client, bind.strip(), port, folder,
        TaskHistory.in(dataFolder), JobOptions.DEFAULT_MODEL, copiedCommandOptions(session, providerId),
        session.keyVariable(), session.apiKey(),
        routeFiles.isEmpty() ? null : new FollowedRouteFiles(routeFiles, session::clientOn), token);
    quietServerLogs();
    Playground playground;
    try {
      playground = Playground.start(settings);
    } catch (IllegalStateException e) {
      throw new CliException(ExitCodes.OTHER, "serve", e.getMessage(),
          "choose another --port (--port 0 takes any free one) or another --bind address");
    } catch (java.io.UncheckedIOException e) {
      // Its folder or its history cannot be made or read: said as it is, not as an unexpected error, with the
      // advice that moves the one at fault (--out moves the uploads and videos, never the history).
      Path history = TaskHistory.in(dataFolder).file();
      throw new CliException(ExitCodes.OTHER, "serve", e.getMessage(), String.valueOf(e.getMessage())
          .contains(history.toString()) ? "make " + history + " a file vidgen may read and write, or set VIDGEN_HOME"
              + " to another folder (the history is kept there; --out moves only the uploads and videos)"
          : "give vidgen serve --out a folder it may write, or set VIDGEN_HOME to one");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread onCtrlC = new Thread(() -> {
      playground.close();
      playground.stoppingNotes().forEach(output::note);
      output.note("the playground stopped");
      stopped.countDown();
    }, "vidgen-serve-stop");
    StartupNotice.handOver(() -> Runtime.getRuntime().addShutdownHook(onCtrlC)); // it alone speaks from here
    URI url = playground.url();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", url.toString());
    json.put("provider", providerId);
    json.put("videos", playground.videosFolder().toString());
    json.put("history_file", TaskHistory.in(dataFolder).file().toString());
    // The server every Generate spends on, said at once: a test server named by TOAPIS_BASE_URL is seen as such.
    String server = providerId.equals(ProviderChoice.MOCK) ? null : session.baseUrlShown();
    json.put("base_url", server);
    output.object(json);
    output.line("vidgen playground on " + url + " (provider " + providerId + (server == null ? "" : " at " + server)
        + "); Ctrl-C stops it");
    output.note("videos are saved in " + playground.videosFolder() + "; the history is in "
        + TaskHistory.in(dataFolder).file());
    // Said at once: every Generate is refused (nothing sent) while the videos folder can take no video.
    playground.videosFolderProblem().ifPresent(why -> output.note("warning: no video can be saved in "
        + playground.videosFolder() + ": the folder " + why + "; each Generate is refused, nothing sent, until that"
        + " changes (or start vidgen serve with --out a folder this user may write, on a disk with room)"));
    if (open) {
      openBrowser(url, dataFolder, output);
    }
    try {
      stopped.await();
    } catch (InterruptedException e) {
      try {
        Runtime.getRuntime().removeShutdownHook(onCtrlC);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs anyway.
      }
      // Closed before the interrupt is restored: Jetty's stop would end early on an interrupted thread.
      playground.close();
      playground.stoppingNotes().forEach(output::note);
      output.note("the playground stopped");
      Thread.currentThread().interrupt();
    }
    return ExitCodes.DONE;
  }

  /** The token a script gave in {@code VIDGEN_PLAYGROUND_TOKEN}; null (a random one) when none. */
  private static PlaygroundToken givenToken(String value) {
    if (value == null || value.isEmpty()) {
      return null;
    }
    try {
      return PlaygroundToken.of(value);
    } catch (IllegalArgumentException unsafe) {
      throw CliException.usage(TOKEN_VARIABLE + " is not a usable playground token: " + unsafe.getMessage(),
          "give at least 22 random characters of A-Z a-z 0-9 _ - (such as the output of: openssl rand -base64 32"
              + " | tr '+/' '-_' | tr -d '='), or unset it for a random token");
    }
  }

  /**
   * Jetty and Javalin tell nothing a user needs; their warnings still show, except Javalin's own
   * "failed to start", which the command says in its own words (a port in use, say).
   */
  private static void quietServerLogs() {
    Map<String, String> levels = Map.of("io.javalin", "warn", "org.eclipse.jetty", "warn", "io.javalin.Javalin", "off");
    levels.forEach((logger, level) -> {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, level);
      }
    });
  }

  /** Opens the page through an owner-only file that leads on to {@code url}: the token stays off the command line. */
  private static void openBrowser(URI url, Path dataFolder, Output output) {
    String target;
    try {
      target = BrowserOpenPage.write(dataFolder, url).toUri().toString();
    } catch (IOException | RuntimeException unwritten) {
      output.note("could not open a browser (the page leading to the playground could not be written in "
          + dataFolder + ": " + unwritten.getMessage() + "); open " + url + " yourself");
      return;
    }
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    List<String> command = os.contains("mac") ? List.of("open", target)
        : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", target)
        : List.of("xdg-open", target);
    try {
      ProcessBuilder browser = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD);
      withoutKeys(browser.environment());
      browser.start();
    } catch (IOException e) {
      output.note("could not open a browser (" + command.get(0) + ": " + e.getMessage() + "); open " + url + " yourself");
    }
  }

  /**
   * Takes the API keys out of the environment a browser is started with: the browser, and every page and helper it
   * runs, has no business with them (a variable named like {@code TOAPIS_API_KEY}, in any case).
   */
  static void withoutKeys(Map<String, String> environment) {
    environment.keySet().removeIf(name -> name.toUpperCase(Locale.ROOT).contains("API_KEY"));
  }
}
