package dev.vidgen.serve;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.JobIdentity;
import dev.vidgen.serve.history.TaskHistory;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.MethodNotAllowedResponse;
import io.javalin.http.sse.SseClient;
import io.javalin.router.EndpointNotFound;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The local playground: one web page and a small JSON API over a {@link VidgenClient} (models,
 * checks with prices and the exact request, uploads, jobs with live progress, history, videos),
 * served by Javalin. Safe by default: requests without its token ({@link #url} holds it), for another
 * host or from another site are refused,
 * uploads are checked, only the playground's own files are served, the key never leaves the
 * server. Start one with {@link #start}; {@link #close} stops it.
 */
public final class Playground implements AutoCloseable {
  /** The longest command or request body a check shows: a shell's one argument holds at most 128 KiB. */
  private static final int LONGEST_COMMAND_SHOWN = 100_000;
  private static final Pattern VIDEO_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+=@-]{0,220}");
  private static final Map<String, String> ASSETS = Map.of(
      "/", "index.html", "/app.js", "app.js", "/app.css", "app.css", "/favicon.svg", "favicon.svg");
  /** How advice's curl commands send the token, never written there: its place is named instead. */
  private static final String TOKEN_HEADER = "-H '" + PlaygroundToken.HEADER + ": TOKEN'";
  private static final String TOKEN_WORDS = " (TOKEN: the token in the address vidgen serve printed)";
  private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' blob: data:;"
      + " media-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self';"
      + " frame-ancestors 'none'";

  /**
   * How long stopping waits, once {@link Jobs#close} has answered every Generate, for the answers still
   * being written before the server closes its connections.
   */
  static final java.time.Duration ANSWERS_WRITTEN_WITHIN = java.time.Duration.ofSeconds(2);

  private final PlaygroundSettings settings;
  private final VidgenClient client;
  private final Uploads uploads;
  private final Path videos;
  private final Jobs jobs;
  /** What the card of a create looked up by its client reference before it is sent again says meanwhile. */
  private final CreateLookUps lookUps;
  /** Removes {@link #lookUps} from each client it hears, on {@link #close}. */
  private final List<Runnable> stopHearingLookUps = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** The client checks, model lists and Generates use: on the route files as they are now. */
  private final RouteFollower routes;
  /** What advice names of the provider: its key variable, its addresses. */
  private final ProviderTerms terms;
  private volatile List<String> stoppingNotes = List.of();
  /** The pages' live-update connections, kept alive and bounded in number. */
  private final EventClients listeners;
  /**
   * Where a check's or a Generate's answer is written once the client's future ends (it reads the history and
   * previews earlier jobs): off the client's threads, and never on the JVM's default async pool, which from Java
   * 25 is a single thread on a 2-core machine that anything else blocking there would hold up. At most 4 threads.
   */
  private final ExecutorService answers = answerThreads();
  private final Javalin app;
  private volatile HostGuard guard;
  /** Refuses every request without the playground's token (another user of the machine). */
  private final TokenGate tokenGate;
  private final AnswersInFlight generates = new AnswersInFlight("/api/generate");
  /**
   * The balance the page was last told ({@code GET /api/balance}), which the {@code price.unknown} note names; null
   * before a read, and after one that failed (the page then shows none).
   */
  private volatile Balances shownBalance;
  /** Whether the page's last {@code GET /api/balance} could not read the balance (the page shows "unavailable"). */
  private volatile boolean balanceUnread;

  private Playground(PlaygroundSettings settings, EventClients.Limits eventLimits) {
    this.settings = settings;
    this.tokenGate = new TokenGate(settings.token());
    this.listeners = new EventClients(eventLimits);
    this.client = settings.client();
    this.uploads = new Uploads(settings.folder().resolve("uploads"));
    this.videos = settings.folder().resolve("videos");
    this.terms = new ProviderTerms(client.provider().id(), settings.keyVariable(),
        dev.vidgen.core.text.KeptResults.of(client.provider().keepsResultsFor()));
    this.jobs = new Jobs(client, settings.history(), videos, Clock.systemUTC(), this::push, Jobs.FOLLOW_AGAIN_AFTER,
        settings.commandOptions(), terms, settings.apiKey() == null ? null : settings.apiKey().tag());
    this.lookUps = new CreateLookUps(Clock.systemUTC(), this::push);
    stopHearingLookUps.add(client.addListener(lookUps));
    this.routes = new RouteFollower(client, settings.routeFiles(), Clock.systemUTC(), other -> {
      jobs.listenTo(other);
      stopHearingLookUps.add(other.addListener(lookUps));
    });
    this.app = Javalin.create(config -> {
      config.showJavalinBanner = false;
      config.startupWatcherEnabled = false;
      config.http.maxRequestSize = Uploads.MAX_BYTES + 1024 * 1024;
      config.http.disableCompression();
      // Counts the Generates not yet answered, so that stopping waits (bounded) until each has its answer written.
      config.jetty.modifyServer(server -> {
        server.setHandler(generates);
        server.setErrorHandler(new JsonErrorPages()); // Jetty's own refusals (an encoded "..") in JSON, not HTML
      });
      config.http.prefer405over404 = true; // a known path asked with another method: 405 with Allow, not 404
    });
    routes();
  }

  /**
   * Starts a playground and picks up the unfinished tasks its history shows.
   *
   * @throws UncheckedIOException when its folders cannot be made or its history cannot be read
   * @throws IllegalStateException when the port cannot be bound
   */
  public static Playground start(PlaygroundSettings settings) {
    return start(settings, EventClients.Limits.DEFAULT);
  }

  /** As {@link #start(PlaygroundSettings)}, its live-update connections kept alive and bounded by {@code limits}. */
  static Playground start(PlaygroundSettings settings, EventClients.Limits limits) {
    Objects.requireNonNull(settings, "settings == null");
    try {
      Path dataFolder = settings.history().file().getParent();
      if (settings.folder().toAbsolutePath().normalize().startsWith(dataFolder)) {
        // vidgen's own, on the way: its owner's alone, the playground's folder too, which every command that uses the
        // data folder refuses when others (or, under umask 002, the user's group) may write it.
        dev.vidgen.core.files.OwnerOnly.folders(dataFolder);
        dev.vidgen.core.files.OwnerOnly.folders(settings.folder());
      }
      // The videos are the user's: as the umask makes them. The uploads, as kept, are the owner's alone.
      Files.createDirectories(settings.folder().resolve("videos"));
      dev.vidgen.core.files.OwnerOnly.folders(settings.folder().resolve("uploads"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the playground folder " + settings.folder() + ": "
          + dev.vidgen.core.text.IoReasons.of(e), e); // the fix is the caller's to say: vidgen serve names its options
    }
    Playground playground = new Playground(settings, limits);
    StaleUploads.sweep(playground.uploads, settings.history(), Instant.now());
    try {
      playground.app.start(settings.bindAddress(), settings.port());
    } catch (RuntimeException e) {
      playground.listeners.close();
      playground.answers.shutdownNow();
      throw new IllegalStateException("cannot listen on " + settings.bindAddress() + ":" + settings.port()
          + " (" + rootMessage(e) + ")", e);
    }
    playground.guard = HostGuard.forBinding(settings.bindAddress(), playground.port());
    try {
      playground.jobs.pickUp();
    } catch (RuntimeException unreadable) {
      // A history that cannot be read: no page is left listening, as if it had started.
      playground.close();
      throw unreadable;
    }
    return playground;
  }

  /** What stopping left behind, for the person who stopped it (tasks made meanwhile, creates unanswered, tasks running); empty before {@link #close}. */
  public List<String> stoppingNotes() {
    return stoppingNotes;
  }

  /** The port the server listens on. */
  public int port() {
    return app.port();
  }

  /**
   * The page's address with its token, such as {@code http://127.0.0.1:8787/?token=T}: opening it sets the cookie
   * every request needs. A secret as the key is: print it to its user only.
   */
  public URI url() {
    return URI.create(address() + "?token=" + settings.token().reveal());
  }

  /** The token every request must carry (its cookie or the {@code X-Vidgen-Token} header). */
  PlaygroundToken token() {
    return settings.token();
  }

  /** The page's address without its token, such as {@code http://127.0.0.1:8787/}, for advice. */
  private URI address() {
    String host = settings.bindAddress();
    if (!HostGuard.isLoopback(host)) {
      host = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + port() + "/");
  }

  /** The folder the videos are saved in. */
  public Path videosFolder() {
    return videos;
  }

  /**
   * Why no video can be saved in the videos folder now, in words that follow "the folder": it takes no new file
   * (read-only, not this user's) or its disk has no room for one; empty when it can. Each Generate is refused so.
   */
  public Optional<String> videosFolderProblem() {
    return jobs.videosFolderProblem();
  }

  /** Reads the videos folder's free space with {@code space}, so that a test can tell a full disk. */
  void freeSpace(SaveTargets.FreeSpace space) {
    jobs.freeSpace(space);
  }

  /**
   * Stops listening and closes the pages' live connections; tasks still running stay in the history and are
   * picked up next time. Every Generate taken before or during the stop has its answer written first.
   */
  @Override
  public void close() {
    stoppingNotes = jobs.close(); // from now on each Generate is answered at once, most with 503
    try {
      generates.awaitNone(ANSWERS_WRITTEN_WITHIN);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    listeners.close();
    app.stop();
    routes.close();
    stopHearingLookUps.forEach(Runnable::run);
    answers.shutdownNow();
  }

  /** How many live-update connections ({@code GET /api/events}) are open now. */
  int eventClientsOpen() {
    return listeners.open();
  }

  /** How many connections the server holds open now, of any kind. */
  int connectionsOpen() {
    return Arrays.stream(app.jettyServer().server().getConnectors())
        .mapToInt(connector -> connector.getConnectedEndPoints().size()).sum();
  }

  private static ExecutorService answerThreads() {
    java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(4, 4, 30,
        java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(),
        DaemonThreads.named("vidgen-serve-answer"));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private void routes() {
    app.before(this::guard);
    ASSETS.forEach((path, resource) -> app.get(path, ctx -> asset(ctx, resource)));
    // A provider's own Error in any of these is answered in JSON, as an unexpected failure, not as a bare 500.
    app.get("/api/models", answering(this::models));
    app.post("/api/check", answering(this::check));
    app.get("/api/balance", answering(this::balance));
    app.post("/api/uploads", answering(this::upload));
    app.get("/uploads/{id}", answering(this::uploadedImage));
    app.head("/uploads/{id}", answering(this::uploadedImage)); // as GET, without the body (else Javalin says 200, empty)
    app.post("/api/generate", answering(this::generate));
    app.get("/api/history", answering(this::history));
    app.get("/videos/{name}", answering(this::video));
    app.head("/videos/{name}", answering(this::video));
    app.before("/api/events", ctx -> {
      String accept = ctx.header("Accept");
      // Javalin streams for this exact header alone and answers any other with an empty 200: refused here instead.
      if (ctx.method() == HandlerType.GET && !"text/event-stream".equals(accept)) {
        throw new Refusal(406, null, "/api/events is a stream of server-sent events; ask for it with exactly"
            + " Accept: text/event-stream (no parameters, no other types)" + (accept == null ? ""
            : "; this request asked for " + SafeText.clip(SafeText.clean(accept), 100)),
            "curl -N -H 'Accept: text/event-stream' " + TOKEN_HEADER + " " + address().resolve("/api/events")
                + TOKEN_WORDS);
      }
      if (ctx.method() == HandlerType.GET && listeners.full()) {
        // Each stream holds a connection (a file handle) for as long as it is open: a flood must not use them all.
        throw new Refusal(503, null, "the playground already has " + listeners.mostOpen() + " live-update"
            + " connections open (GET /api/events), the most it keeps at once, so this page gets no live progress",
            "close the playground tabs you no longer use; a closed tab's connection is let go within about "
            + listeners.letGoWithin().toSeconds() + " s, and a page left open tries again by itself every few seconds",
            "too_many_event_streams", Map.of());
      }
    });
    // HEAD is answered where it has a route (videos, uploads); elsewhere Javalin would say 200 with no body.
    app.before(ctx -> {
      if (ctx.method() != HandlerType.HEAD) {
        return;
      }
      String allow = Set.of("/api/check", "/api/uploads", "/api/generate").contains(ctx.path()) ? "POST"
          : ASSETS.containsKey(ctx.path()) || Set.of("/api/models", "/api/balance", "/api/history", "/api/events")
              .contains(ctx.path()) ? "GET" : null;
      if (allow != null) {
        ctx.header("Allow", allow);
        throw new Refusal(405, null, "HEAD is answered for videos and uploads only (/videos/NAME, /uploads/ID); "
            + ctx.path() + " takes " + allow, "send " + allow + " " + ctx.path() + ", as docs/playground.md shows");
      }
    });
    app.sse("/api/events", this::events);
    app.exception(EndpointNotFound.class, (unknown, ctx) -> refuse(Unrouted.notFound(ctx), ctx));
    app.exception(MethodNotAllowedResponse.class,
        (wrongMethod, ctx) -> refuse(Unrouted.methodNotAllowed(ctx, wrongMethod.getDetails().values()), ctx));
    app.exception(Refusal.class, this::refuse);
    // Javalin's own refusals (a body over maxRequestSize is a plain HttpResponseException of 413), in JSON.
    app.exception(HttpResponseException.class, (refused, ctx) -> refuse(refused.getStatus() == 413
        ? new Refusal(413, null, "the request's body is over the " + (Uploads.MAX_BYTES + 1024 * 1024) / (1024 * 1024)
            + " MB the playground reads (a form is a few KB; an image is uploaded on its own, at most "
            + Uploads.MAX_BYTES / (1024 * 1024) + " MB)", "send a smaller body: the form as one JSON object, its"
            + " images as uploads (POST /api/uploads)")
        : new Refusal(refused.getStatus(), null, "the web server refused the request: HTTP " + refused.getStatus()
            + " (" + SafeText.clip(SafeText.clean(String.valueOf(refused.getMessage())), 120) + ")", null), ctx));
    app.exception(Exception.class, (failure, ctx) -> {
      // Unexpected; on a Generate, after its create may have gone out.
      boolean generating = ctx.path().equals("/api/generate");
      // An Error a handler's future failed with reaches here inside a CompletionException.
      Map<String, Object> error = Hints.of(said(failure), generating, terms);
      if (generating) {
        error.put("sent", "maybe");
      }
      json(ctx, 500, Map.of("error", error));
    });
  }

  /** Answers {@code refusal} in JSON: its error (what was wrong, the field, what to do) and what it holds beside. */
  private void refuse(Refusal refusal, Context ctx) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", refusal.getMessage());
    error.put("field", refusal.field());
    error.put("next", refusal.next());
    if (refusal.code() != null) {
      error.put("code", refusal.code());
    }
    if (ctx.path().equals("/api/generate")) {
      error.put("sent", "no"); // refused before the job was read whole, or its route files unusable: nothing went out
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("error", error);
    answer.putAll(refusal.beside());
    json(ctx, refusal.status(), answer);
  }

  private io.javalin.http.Handler answering(io.javalin.http.Handler handler) {
    return ErrorsAnswered.by(handler, settings::withoutKey);
  }

  /** {@code failure} as the page is told it: an {@link Error} a provider's code let out as the handlers' are. */
  private Throwable said(Throwable failure) {
    return AsyncFailures.unwrap(failure) instanceof Error thrown
        ? new ErrorsAnswered.UnexpectedError(thrown, settings::withoutKey) : failure;
  }

  private void guard(Context ctx) {
    HostGuard current = guard;
    if (current == null) {
      throw new Refusal(503, null, "the playground is starting", "reload in a moment");
    }
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Cache-Control", "no-store");
    boolean openingThePage = ctx.method() == HandlerType.GET && ctx.path().equals("/")
        && "navigate".equalsIgnoreCase(ctx.header("Sec-Fetch-Mode"))
        && "document".equalsIgnoreCase(ctx.header("Sec-Fetch-Dest"));
    current.check(ctx.header("Host"), ctx.header("Origin"), ctx.header("Sec-Fetch-Site"), openingThePage);
    tokenGate.check(ctx, port());
  }

  private void asset(Context ctx, String resource) throws IOException {
    try (InputStream in = Playground.class.getResourceAsStream("web/" + resource)) {
      if (in == null) {
        throw new Refusal(404, null, "missing page resource " + resource, null);
      }
      byte[] bytes = in.readAllBytes();
      String type = resource.endsWith(".html") ? "text/html; charset=utf-8"
          : resource.endsWith(".js") ? "text/javascript; charset=utf-8"
          : resource.endsWith(".css") ? "text/css; charset=utf-8" : "image/svg+xml";
      ctx.contentType(type).result(bytes);
    }
  }

  private void models(Context ctx) {
    VidgenClient client = routes.client();
    List<Map<String, Object>> models = new ArrayList<>();
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC); // as the client's validation
    for (ModelRoute route : client.catalog().routes()) {
      models.add(ModelsJson.of(route, today, client.catalog(), client.provider().paramsItFills(route)));
    }
    String defaultModel = client.catalog().find(settings.defaultModel()).map(ModelRoute::id)
        .orElse(models.isEmpty() ? null : (String) models.get(0).get("id"));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("provider", client.provider().id());
    json.put("default_model", defaultModel);
    json.put("max_upload_bytes", Uploads.MAX_BYTES);
    json.put("models", models);
    json(ctx, 200, json);
  }

  private void check(Context ctx) {
    VidgenClient client = routes.client();
    JobForm.Read form = JobForm.read(ctx.body(), uploads);
    VideoJob job = form.job();
    ValidationReport report = form.withShape(client.validate(job));
    if (readsLiveList(report)) {
      // A retired route the key's live list still offers is usable, and a model the catalog lacks that it offers has
      // no route (not a misspelling): that list (read if not kept) decides.
      ctx.future(() -> client.validateAsync(job).thenComposeAsync(
          validated -> checkListed(ctx, job, form.withShape(validated), client), answers));
      return;
    }
    if (!report.isValid()) {
      json(ctx, 200, checked(job, report, client));
      return;
    }
    ctx.future(() -> checkListed(ctx, job, report, client));
  }

  /** Answers the check of {@code job}: {@code report}, and for a valid job the live model check's refusal too. */
  private CompletableFuture<?> checkListed(Context ctx, VideoJob job, ValidationReport report, VidgenClient client) {
    if (!report.isValid()) {
      json(ctx, 200, checked(job, report, client));
      return CompletableFuture.completedFuture(null);
    }
    // A valid job is also checked against the models the key may use (a list the client keeps for minutes),
    // so that the page shows that refusal before Generate, like every other.
    // Answered off the client's threads: the answer reads the history and previews earlier jobs.
    long unreadBefore = jobs.liveListUnread().count();
    // The job itself, not only its model: a refusal names instead only a model that can take this job, as Generate's.
    return client.checkModelAvailableAsync(job).handleAsync((available, failure) -> {
      Throwable cause = failure == null ? null : AsyncFailures.unwrap(failure);
      ValidationReport seen = report;
      if (cause instanceof InvalidJobException notListed) {
        List<Violation> all = new ArrayList<>(report.violations());
        all.addAll(notListed.report().violations());
        seen = new ValidationReport(report.model(), report.mode(), all);
      } else if (cause instanceof dev.vidgen.core.error.AuthenticationException refused) {
        // The key itself was refused: the form is fine, but a Generate would be refused too, which the page says now.
        List<Violation> all = new ArrayList<>(report.violations());
        all.add(Violation.warning("model", "key.refused", job.model(), null, "the provider refused the key when its"
            + " model list was read (" + refused.getMessage() + "); a Generate would be refused too, nothing sent:"
            + " start vidgen serve again with a working key"));
        seen = new ValidationReport(report.model(), report.mode(), all);
      } else if (failure == null && jobs.liveListUnread().count() != unreadBefore) {
        // The list could not be read: the job passed unchecked, and the page says so rather than showing it as fine.
        List<Violation> all = new ArrayList<>(report.violations());
        all.add(Violation.warning("model", "live_models.unreadable", job.model(), null,
            jobs.liveListUnread().last()));
        seen = new ValidationReport(report.model(), report.mode(), all);
      }
      json(ctx, 200, checked(job, withUnknownPrice(seen, job, client), client));
      return null;
    }, answers);
  }

  /**
   * {@code report} with the note that a video made now may be paid for and not saved in the videos folder: the last
   * save there failed in a way that repeats (a file-size limit), or the file-size limit is below the largest video.
   */
  private ValidationReport withSavesWarning(ValidationReport report) {
    Optional<String> note = jobs.savesWarning();
    if (note.isEmpty()) {
      return report;
    }
    List<Violation> all = new ArrayList<>(report.violations());
    all.add(Violation.warning("videos", FailingSaves.CODE, null, null, note.get()));
    return new ValidationReport(report.model(), report.mode(), all);
  }

  /**
   * {@code report} with the {@code price.unknown} note when the job's price is unknown and the balance the page shows
   * is limited: such a job is sent without the balance check, which the page says before Generate, at the price.
   */
  private ValidationReport withUnknownPrice(ValidationReport report, VideoJob job, VidgenClient client) {
    Optional<String> note = unknownPriceNote(job, client, Optional.empty(), shownBalance == null && balanceUnread);
    if (note.isEmpty()) {
      return report;
    }
    List<Violation> all = new ArrayList<>(report.violations());
    all.add(Violation.warning("price", UnknownPrice.CODE, job.model(), null, note.get()));
    return new ValidationReport(report.model(), report.mode(), all);
  }

  /**
   * The {@code price.unknown} note of {@code job}, on the balance the page shows, else on {@code counted}; saying
   * that the balance could not be read when {@code unreadable}.
   */
  private Optional<String> unknownPriceNote(VideoJob job, VidgenClient client, Optional<java.math.BigDecimal> counted,
      boolean unreadable) {
    try {
      return UnknownPrice.note(client.quote(job), shownBalance, counted, unreadable);
    } catch (InvalidJobException unknownModel) {
      return Optional.empty(); // the violations say why
    }
  }

  /** The check's answer: violations, mode, price, request preview, the same job from the history and the commands. */
  private Map<String, Object> checked(VideoJob job, ValidationReport report, VidgenClient client) {
    report = withSavesWarning(report);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("valid", report.isValid());
    // A job that lacks only its images on a model with one mode is of that mode, not of one the model lacks.
    json.put("mode", OneModeWords.lackingImages(job, client.catalog()).map(OneModeWords::onlyMode)
        .or(report::resolvedMode).map(mode -> mode.id()).orElse(null));
    json.put("violations", violations(OneModeWords.forThePage(report, job, client.catalog()).violations()));
    PriceQuote quote = null;
    try {
      quote = client.quote(job);
    } catch (InvalidJobException unknownModel) {
      // The violations say why.
    }
    quote = ForbiddenPrice.of(quote, report, job, client.catalog(), client::quote);
    json.put("quote", quote == null ? null : quote(quote));
    RequestPreview preview = null;
    if (report.isValid()) {
      try {
        preview = client.preview(asSent(job, client));
      } catch (InvalidJobException e) {
        json.put("violations", violations(e.report().violations()));
        json.put("valid", false);
      }
    }
    // A provider's preview is meant to mask its key; one that does not is masked here, so the key never reaches the page.
    BasicCredentials basic = BasicCredentials.of(preview, settings.apiKey());
    KeyPlaces keyPlaces = KeyPlaces.of(preview, settings.apiKey()); // where the copy puts the key's variable
    preview = preview == null ? null : new RequestPreview(preview.method(), settings.withoutKey(preview.url()),
        maskedHeaders(preview.headers()), settings.withoutKey(preview.body()));
    json.put("preview", preview == null ? null : preview(preview));
    json.put("same_job", report.isValid() ? sameJob(job, client) : null);
    // What the form refused is kept in the command (a parameter that is not JSON) or said beside it as left out.
    CommandGaps gaps = CommandGaps.of(report.violations());
    // A broken character would reach the shell as "?": no command at all, rather than one that pays for another text.
    Optional<String> unwritable = gaps.unwritable();
    String command = unwritable.isPresent() ? null : Commands.vidgen(job, settings.commandOptions(), gaps.asTyped());
    String curl = preview == null || command == null ? null
        : Commands.curl(preview, job, settings.keyVariable(), basic, keyPlaces);
    boolean tooLong = command != null && (command.length() > LONGEST_COMMAND_SHOWN
        || curl != null && curl.length() > LONGEST_COMMAND_SHOWN);
    // A command longer than a shell takes (a pasted file as the prompt, say) is not echoed on every check.
    json.put("command", tooLong ? null : command);
    json.put("command_note", unwritable.isPresent() ? unwritable.get() : tooLong ? "the command would be "
        + Math.max(command.length(), curl == null ? 0 : curl.length())
        + " characters long, more than a shell takes in one line; shorten the job's text first"
        : gaps.note().orElse(null));
    json.put("curl", tooLong ? null : curl);
    return json;
  }

  /**
   * {@code job} under the model name its create sends: another name of the model when the key's live
   * list holds only that one. A list refused (the key) or unreadable leaves the name as given: the
   * preview is still shown, and generating says what the provider refuses.
   */
  private static VideoJob asSent(VideoJob job, VidgenClient client) {
    if (job.model() == null) {
      return job;
    }
    try {
      return job.withModel(client.modelNameToSend(job.model()));
    } catch (InvalidJobException notListed) {
      throw notListed;
    } catch (RuntimeException unreadable) {
      return job;
    }
  }

  /**
   * The task the history holds for exactly this job, submitted within the day and not failed, so
   * that the page can say that generating again pays for another take; null when there is none.
   */
  private Map<String, Object> sameJob(VideoJob job, VidgenClient client) {
    jobs.settleAbandoned(); // a note left by a run that sent nothing names no take
    try {
      Instant now = Instant.now();
      Instant since = now.minus(TaskHistory.SAME_JOB_WINDOW);
      // A create still on its way is named before a newer take of the same job: it is what holds a Generate back.
      Function<VideoJob, Object> identity = JobIdentity.remembered(JobIdentity.asSent(client));
      return settings.history().sameJob(client.provider().id(), job, since, identity,
              entry -> jobs.onThisServer(entry) && jobs.mayStillBeAnswered(entry, now), jobs.digests())
          .or(() -> settings.history().sameJob(client.provider().id(), job, since, identity,
              jobs::onThisServer, jobs.digests()))
          .map(entry -> {
            // A task whose own line cannot be read stands in as "queued", the note's guess, not where it stands.
            Optional<String> readFromNote = TasksReadFromNotes.in(settings.history()).noteOf(entry);
            Map<String, Object> same = new LinkedHashMap<>();
            same.put("task_id", entry.taskId());
            same.put("status", readFromNote.isPresent() ? TasksReadFromNotes.STATUS : entry.status());
            readFromNote.ifPresent(note -> same.put("read_from_note", note));
            same.put("submitted_at", entry.submittedAt().toString());
            // Sent from here, or moments ago from another vidgen process that may still wait for its answer.
            same.put("sending", jobs.mayStillBeAnswered(entry, Instant.now()));
            return same;
          })
          .orElse(null);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  private void balance(Context ctx) {
    ctx.future(() -> client.balancesAsync().handle((balance, failure) -> {
      Throwable cause = failure == null ? null : AsyncFailures.unwrap(failure);
      if (cause instanceof UnsupportedOperationException) {
        shownBalance = null;
        balanceUnread = false;
        // Not a failure to try again: this provider reports no balance at all.
        json(ctx, 501, Map.of("error", Map.of("message", client.provider().id() + " does not report a balance",
            "code", "balance_not_reported", "next", "nothing to try again: the page shows each job's price before"
                + " Generate, and the provider's own dashboard shows what the account has left")));
      } else if (cause != null) {
        shownBalance = null; // the page shows none now
        balanceUnread = true;
        int status = cause instanceof AuthenticationException ? 401 : 502;
        json(ctx, status, Map.of("error", Hints.of(said(failure), false, terms)));
      } else {
        shownBalance = balance;
        balanceUnread = false;
        json(ctx, 200, balance(balance));
      }
      return null;
    }));
  }

  /** The curl that uploads the image named {@code name} (its base name, as a shell word) to this playground. */
  private String uploadCommand(String name) {
    String file = Commands.quote(name);
    return "curl --data-binary @" + file + " -H " + Commands.quote("X-File-Name: " + name) + " " + TOKEN_HEADER + " "
        + address().resolve("/api/uploads") + TOKEN_WORDS;
  }

  /** The name of the one file a multipart upload carries (its base name), else a stand-in to replace. */
  private static String multipartFileName(Context ctx) {
    try {
      List<io.javalin.http.UploadedFile> files = ctx.uploadedFiles();
      if (files.size() == 1 && files.get(0).filename() != null) {
        String base = files.get(0).filename().replaceAll(".*[/\\\\]", "");
        if (!base.isBlank() && base.length() <= 200 && base.codePoints().noneMatch(Character::isISOControl)) {
          return base;
        }
      }
    } catch (RuntimeException unreadable) {
      // A form that cannot be read names no file: the stand-in says what to put there.
    }
    return "IMAGE.png";
  }

  private void upload(Context ctx) throws IOException {
    String type = ctx.contentType();
    if (type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/")) {
      // A browser form's upload (curl -F): its bytes are the form's, not the image's, so it is refused by its shape.
      throw new Refusal(415, "images", "the upload came as a multipart form; the playground takes the image's"
          + " own bytes as the body, its name in the X-File-Name header",
          "send the file itself: " + uploadCommand(multipartFileName(ctx)));
    }
    long declared = ctx.contentLength();
    if (declared > Uploads.MAX_BYTES) {
      throw Uploads.tooLarge(declared);
    }
    byte[] data;
    try (InputStream in = ctx.bodyInputStream()) {
      data = in.readNBytes((int) Uploads.MAX_BYTES + 1);
    }
    if (data.length > Uploads.MAX_BYTES) {
      // Read no further than one byte past the limit: how large it is, is not known.
      throw Uploads.tooLarge();
    }
    Uploads.Upload upload = uploads.store(data, fileName(ctx.header("X-File-Name")));
    json(ctx, 201, uploadJson(upload));
  }

  private void uploadedImage(Context ctx) throws IOException {
    Uploads.Upload upload = uploads.find(ctx.pathParam("id"))
        .orElseThrow(() -> new Refusal(404, null, "no such upload", "upload the image again"));
    ctx.contentType(upload.kind().mediaType());
    if (ctx.method() == HandlerType.HEAD) {
      ctx.header("Content-Length", Long.toString(Files.size(upload.file()))); // as GET says it, without the bytes
      return;
    }
    ctx.result(Files.readAllBytes(upload.file()));
  }

  private void generate(Context ctx) {
    VidgenClient client = routes.client(); // route files unusable: refused here, nothing sent
    JobForm.Read form = JobForm.read(ctx.body(), uploads);
    VideoJob job = form.job();
    // An upload a Generate sends is in use: kept for StaleUploads.KEEP_FOR from now.
    job.images().stream().filter(ImageInput.Local.class::isInstance)
        .forEach(image -> uploads.ofPath(((ImageInput.Local) image).path()).ifPresent(uploads::used));
    ValidationReport report = form.withShape(client.validate(job));
    if (readsLiveList(report)) {
      // As the check: the key's live list decides a retired route, and words a model the catalog lacks.
      ctx.future(() -> client.validateAsync(job).thenComposeAsync(
          validated -> generate(ctx, job, form.withShape(validated), form, client), answers));
      return;
    }
    CompletableFuture<?> answered = generate(ctx, job, report, form, client);
    if (!answered.isDone() || answered.isCompletedExceptionally()) {
      ctx.future(() -> answered); // a failure already there still gets its answer
    }
  }

  /**
   * The job's price now, when the form names another ({@code quoted}, null when the form sent none): a route
   * file edited since the page's last check, or a caller's own wrong figure. Null when the prices agree or none was sent.
   */
  private static PriceQuote priceChangedFrom(JobForm.Quoted quoted, VideoJob job, VidgenClient client) {
    if (quoted == null) {
      return null;
    }
    PriceQuote now = client.quote(job);
    return quoted.differsFrom(now) ? now : null;
  }

  /** The 409 of a Generate whose price is not the one the form names: nothing sent, the price now told. */
  private Map<String, Object> priceChanged(JobForm.Quoted quoted, PriceQuote now) {
    String was = quoted.credits() == null ? "unknown" : PriceQuote.creditsInWords(quoted.credits());
    String is = now.isKnown() ? PriceQuote.creditsInWords(now.credits()) + " (" + Dollars.words(now.usd()) + ")"
        : "unknown (" + now.basis() + ")";
    Map<String, Object> error = new LinkedHashMap<>();
    // True whether the caller's own quoted_credits was wrong or a route file changed the price since the page showed it.
    error.put("message", "the price the form names, " + was + ", is not this job's price now, " + is + "; nothing was"
        + " sent (a route file edited since the page showed the price changes a job's price too)");
    error.put("next", "look at the new price, then press Generate again to pay it (a script sends it as"
        + " quoted_credits)");
    error.put("code", "price_changed");
    error.put("sent", "no");
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("error", error);
    json.put("quote", quote(now));
    return json;
  }

  /**
   * Whether {@code report} is one the key's live model list may change: its errors are all the route's retirement,
   * which the list may lift, or it refuses a model the catalog lacks, which the list tells from a misspelling.
   */
  private static boolean readsLiveList(ValidationReport report) {
    return onlyRetirement(report) || report.errors().stream()
        .anyMatch(error -> error.code().equals(dev.vidgen.core.validation.ViolationCodes.MODEL_UNKNOWN));
  }

  /** Whether {@code report}'s errors are all the route's retirement, which the key's live model list may lift. */
  private static boolean onlyRetirement(ValidationReport report) {
    return !report.isValid() && report.errors().stream()
        .allMatch(error -> error.code().equals(dev.vidgen.core.validation.ViolationCodes.MODEL_RETIRED));
  }

  /**
   * Refuses {@code job} when {@code report} has errors, else submits it (the form's {@code again}:
   * another take of a recent same job is meant, after the take {@code again_after} names); completes
   * once the answer is written.
   */
  private CompletableFuture<?> generate(Context ctx, VideoJob job, ValidationReport report, JobForm.Read form,
      VidgenClient client) {
    if (!report.isValid()) {
      json(ctx, 422, Map.of("error", Map.of("message", "the job breaks the model's rules; nothing was sent",
          "next", "fix the fields marked and generate again", "sent", "no"), "violations",
          violations(OneModeWords.forThePage(report, job, client.catalog()).violations())));
      return CompletableFuture.completedFuture(null);
    }
    PriceQuote now = priceChangedFrom(form.quoted(), job, client);
    if (now != null) {
      json(ctx, 409, priceChanged(form.quoted(), now));
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<HistoryEntry> submitted = jobs.submit(job, form.again(), form.againAfter(), client);
    return submitted.handle((entry, failure) -> {
      if (failure != null) {
        Throwable unwrapped = AsyncFailures.unwrap(failure);
        // Failed in its checks or uploads: told as the failure it was, and as nothing sent.
        boolean sentNothing = unwrapped instanceof SentNothing;
        Throwable cause = sentNothing ? unwrapped.getCause() : unwrapped;
        if (cause instanceof GenerateFailure ended) { // the playground's own: the same job on its way, or stopped
          json(ctx, ended.status(), ended.answer());
          return null;
        }
        int status = cause instanceof InvalidJobException || cause instanceof RequestRejectedException ? 422
            : cause instanceof BudgetExceededException || cause instanceof InsufficientQuotaException ? 402
            : cause instanceof AuthenticationException ? 401
            : cause instanceof dev.vidgen.core.client.SubmitNotSentException ? 503 : 502; // 503: the playground is stopping
        Map<String, Object> json = new LinkedHashMap<>();
        // Whether the create may have gone out: the page words "not sent" and "maybe sent" by it.
        boolean maybe = !sentNothing && (cause instanceof AmbiguousSubmitException
            || !(cause instanceof dev.vidgen.core.client.SubmitNotSentException)
            && dev.vidgen.core.client.FailureCases.rowOf(cause).jobBeforeTask()
                == dev.vidgen.core.policy.FailureTable.JobStep.MARK_UNKNOWN);
        Map<String, Object> error = Hints.of(cause, maybe, terms);
        // A failed upload names its file by the name it was uploaded under, not where the playground keeps it.
        error.computeIfPresent("message", (key, message) -> uploads.withNames((String) message));
        if (cause instanceof dev.vidgen.core.client.SubmitNotSentException) {
          error.put("message", "the playground is stopping, so this job was not sent: nothing was created or billed");
          error.put("code", "playground_stopping");
        }
        if (cause instanceof AmbiguousSubmitException unanswered) {
          // What the last take got, from the failure carried, not the wording; the advice is said once, in next.
          error.put("message", PageWords.of(jobs.unansweredMessage(unanswered)));
          error.put("next", jobs.lookUpAdvice(unanswered));
        }
        error.put("sent", maybe ? "maybe" : "no");
        json.put("error", error);
        if (cause instanceof InvalidJobException invalid) {
          json.put("violations", violations(invalid.report().violations()));
        }
        json(ctx, status, json);
      } else {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("task", withImages(jobs.view(jobs.find(entry.taskId()).orElse(new Jobs.Live(entry, null, null)))));
        // What the job's check warned of (a field the model ignores, so not sent), as vidgen generate says it; and a
        // create sent again after a server error: the first take may be a billed task of its own.
        List<Object> warnings = new ArrayList<>(violations(report.warnings()));
        jobs.resentNote(entry.taskId()).ifPresent(note -> warnings.add(Map.of("code", "create.resent",
            "message", note)));
        jobs.uncheckedBalance(entry.taskId()).ifPresent(why -> warnings.add(Map.of("code", "balance.unreadable",
            "message", why)));
        // A job of unknown price went out without the balance check, as vidgen generate warns; on the balance the page
        // shows (else the client's count, for a caller that never read it), not on a count minutes old.
        // A balance that could not be read (by this Generate, or by the page's last read) is said as such, not as a count.
        boolean unreadable = jobs.uncheckedBalance(entry.taskId()).isPresent()
            || shownBalance == null && balanceUnread;
        unknownPriceNote(job, client, client.remainingCredits(), unreadable).ifPresent(note -> warnings.add(Map.of(
            "code", UnknownPrice.CODE, "message", note)));
        // Its check said it too: this video may be paid for and not saved here, as the last one as large was not.
        jobs.savesWarning().ifPresent(note -> warnings.add(Map.of("code", FailingSaves.CODE, "message", note)));
        json.put("warnings", warnings);
        json(ctx, 201, json);
      }
      return null;
    });
  }

  private void history(Context ctx) {
    // The page reads the history when it opens and on a reload: each create noted as unanswered that can be looked up
    // by its client reference is looked up again (a few tries each, one at a time), so a paid task is never stranded.
    jobs.settleAbandoned(); // a note whose run ended before its create went out is shown as nothing sent
    jobs.lookUpNotes();
    List<Map<String, Object>> tasks = new ArrayList<>();
    java.util.Set<String> shown = new java.util.HashSet<>();
    // A task whose own line cannot be read is listed from the readable note of the create that made it, as vidgen
    // history lists it: the page is not left without a take the same-job check holds the job back for.
    TasksReadFromNotes readFromNotes = TasksReadFromNotes.in(settings.history());
    List<HistoryEntry> entries = new ArrayList<>(settings.history().entries());
    entries.addAll(readFromNotes.tasks());
    entries.sort(java.util.Comparator.comparing(HistoryEntry::submittedAt).reversed());
    for (HistoryEntry entry : entries) {
      if (tasks.size() >= 100) {
        break;
      }
      // Newest first: a task id given out again names the newest task, which may be live; an earlier one is as recorded.
      boolean newest = shown.add(entry.provider() + "/" + entry.taskId());
      tasks.add(withImages((newest ? jobs.find(entry.taskId()) : java.util.Optional.<Jobs.Live>empty())
          .map(jobs::view).orElseGet(() -> readFromNotes.noteOf(entry)
              .map(note -> jobs.viewReadFromNote(entry, note)).orElseGet(() -> jobs.view(entry)))));
    }
    json(ctx, 200, Map.of("tasks", tasks));
  }

  private void video(Context ctx) throws IOException {
    String name = ctx.pathParam("name");
    if (!VIDEO_NAME.matcher(name).matches()) {
      throw new Refusal(404, null, "no such video", null);
    }
    Path file = videos.resolve(name).normalize();
    if (!file.startsWith(videos) || !Files.isRegularFile(file)) {
      // A video the history says was saved here, its file moved or deleted since: how to save it again.
      throw new Refusal(404, null, "no such video", file.startsWith(videos) && !Files.exists(file,
          LinkOption.NOFOLLOW_LINKS) ? jobs.goneVideoAdvice(name).orElse(null) : null);
    }
    if (!file.toRealPath().startsWith(videos.toRealPath())) {
      throw new Refusal(404, null, "no such video", null);
    }
    String type = name.endsWith(".webm") ? "video/webm" : name.endsWith(".mov") ? "video/quicktime" : "video/mp4";
    ctx.header("Content-Disposition", "inline; filename=\"" + name + "\"");
    RangedFileAnswer.send(ctx, file, type);
  }

  private void events(SseClient listener) {
    if (!listeners.admit(listener)) {
      return;
    }
    for (Jobs.Live live : jobs.running()) {
      listeners.send(listener, "task", settings.withoutKey(JsonTrees.write(withImages(jobs.view(live)))));
    }
  }

  private void push(Map<String, Object> task) {
    listeners.sendToAll("task", settings.withoutKey(JsonTrees.write(withImages(task))));
  }

  /**
   * A task's view with {@code image_urls}, its images as the page shows them and sends them again
   * (an upload, an address), in every answer and event, so that "Use these settings" has them however
   * the page learnt of the task; a note whose create is looked up before it is sent again says so.
   */
  private Map<String, Object> withImages(Map<String, Object> view) {
    Map<String, Object> json = new LinkedHashMap<>(lookUps.shown(view));
    List<String> images = new ArrayList<>();
    List<?> digests = List.of();
    if (view.get("settings") instanceof Map<?, ?> taskSettings && taskSettings.get("images") instanceof List<?> list) {
      list.forEach(image -> images.add(String.valueOf(image)));
      if (taskSettings.get(dev.vidgen.serve.history.InputDigests.KEY) instanceof Map<?, ?> kept
          && kept.get("images") instanceof List<?> held) {
        digests = held;
      }
    }
    json.put("image_urls", imageUrls(images, digests));
    return json;
  }

  /**
   * The images as the page takes them again: an upload, an address, or a local file by its name only
   * (the page never reads a path); a local file whose bytes (by the digest the history keeps, {@code
   * digests}) an upload holds is that upload, with {@code replaces} naming the file.
   */
  private List<Object> imageUrls(List<String> images, List<?> digests) {
    List<Object> urls = new ArrayList<>();
    for (int i = 0; i < images.size(); i++) {
      String image = images.get(i);
      String digest = i < digests.size() && digests.get(i) instanceof String text ? text : null;
      Map<String, Object> item = new LinkedHashMap<>();
      Optional<Path> path = nameable(image);
      path.flatMap(uploads::ofPath).ifPresentOrElse(upload -> {
        item.put("upload", upload.id());
        item.put("name", upload.name());
        item.put("url", "/uploads/" + upload.id());
      }, () -> {
        if (image.startsWith("http://") || image.startsWith("https://")) {
          item.put("url", image);
        } else {
          String name = path.map(Path::getFileName).map(Path::toString).orElseGet(() -> lastName(image));
          uploads.withDigest(digest).ifPresentOrElse(upload -> {
            item.put("upload", upload.id());
            item.put("name", upload.name());
            item.put("url", "/uploads/" + upload.id());
            item.put("replaces", name);
          }, () -> item.put("name", name));
        }
      });
      urls.add(item);
    }
    return urls;
  }

  /**
   * {@code image}, a file name the history holds, as a path; empty where this system cannot name it (a C locale,
   * where Java 17 names files in US-ASCII): such a file is shown by its name, never looked at.
   */
  private static Optional<Path> nameable(String image) {
    try {
      return Optional.of(Path.of(image));
    } catch (java.nio.file.InvalidPathException unnameable) {
      return Optional.empty();
    }
  }

  /** The last name of {@code file}, a path written as text. */
  private static String lastName(String file) {
    return file.substring(Math.max(file.lastIndexOf('/'), file.lastIndexOf(java.io.File.separatorChar)) + 1);
  }

  /**
   * The name an upload's {@code X-File-Name} header gives: percent-encoded UTF-8, as the page sends it, or the
   * name's raw UTF-8 bytes, as {@code curl -H 'X-File-Name: café.png'} sends it (the server reads a header's bytes
   * as ISO-8859-1, so those are read again as UTF-8 when they are valid UTF-8).
   */
  static String fileName(String header) {
    if (header == null) {
      return null;
    }
    String name = asUtf8(header);
    try {
      return URLDecoder.decode(name, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException malformed) {
      return name;
    }
  }

  /** {@code header} read again as UTF-8 when its characters are bytes (ISO-8859-1) that are valid UTF-8; else as is. */
  private static String asUtf8(String header) {
    boolean beyondAscii = false;
    for (int i = 0; i < header.length(); i++) {
      char c = header.charAt(i);
      if (c > 0xFF) {
        return header; // already decoded as more than bytes
      }
      beyondAscii |= c > 0x7F;
    }
    if (!beyondAscii) {
      return header;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
          .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(header.getBytes(StandardCharsets.ISO_8859_1))).toString();
    } catch (java.nio.charset.CharacterCodingException notUtf8) {
      return header; // Latin-1 letters sent as such
    }
  }

  private static Map<String, Object> uploadJson(Uploads.Upload upload) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("upload", upload.id());
    json.put("name", upload.name());
    json.put("format", upload.kind().name());
    json.put("bytes", upload.bytes());
    json.put("url", "/uploads/" + upload.id());
    return json;
  }

  private List<Object> violations(List<Violation> violations) {
    List<Object> list = new ArrayList<>();
    for (Violation violation : violations) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("severity", violation.severity().name().toLowerCase(Locale.ROOT));
      json.put("field", violation.field());
      json.put("code", violation.code());
      json.put("allowed", violation.allowed());
      json.put("message", PageWords.of(uploads.withNames(violation.message())));
      list.add(json);
    }
    return list;
  }

  private static Map<String, Object> quote(PriceQuote quote) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("known", quote.isKnown());
    json.put("credits", dev.vidgen.core.json.PriceJson.amount(quote.credits()));
    json.put("usd", dev.vidgen.core.json.PriceJson.amount(quote.usd()));
    json.put("basis", quote.basis());
    return json;
  }

  /** {@code headers} with the key masked in their names as in their values ({@code X-Key-<key>} too). */
  private Map<String, String> maskedHeaders(Map<String, String> headers) {
    Map<String, String> masked = new LinkedHashMap<>();
    headers.forEach((name, value) -> masked.put(settings.withoutKey(name), settings.withoutKey(value)));
    return masked;
  }

  private static Map<String, Object> preview(RequestPreview preview) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("method", preview.method());
    json.put("url", preview.url());
    json.put("headers", new TreeMap<>(preview.headers()));
    // Direction and control characters escaped: a prompt holding them reads in the preview as it is sent.
    json.put("body", preview.body() == null ? null
        : SafeText.clip(VisibleJson.of(preview.body()), LONGEST_COMMAND_SHOWN));
    return json;
  }

  /** What a job may still spend: the smaller of the key's quota and the account's balance, as {@code vidgen balance} tells it. */
  private Map<String, Object> balance(Balances balances) {
    String limitedBy = balances.limitedBy();
    Balance limiting = "account".equals(limitedBy) || balances.key() == null ? balances.account() : balances.key();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("unlimited", "unlimited".equals(limitedBy));
    json.put("remaining_credits", balances.effectiveRemaining().orElse(null));
    json.put("used_credits", limiting.usedCredits());
    json.put("limited_by", limitedBy);
    // Its dollars exactly, at the provider's own rate when it reports one, as vidgen balance shows them.
    BigDecimal rate = balances.reportedCreditsPerUsd().orElse(PriceQuote.CREDITS_PER_USD);
    BigDecimal dollars = balances.effectiveRemaining().map(credits -> Dollars.ofCredits(credits, rate)).orElse(null);
    json.put("usd", dollars);
    json.put("usd_words", dollars == null ? null : Dollars.words(dollars));
    json.put("credits_per_usd", dev.vidgen.core.json.PriceJson.amount(rate));
    json.put("rate_note", balances.unusableCreditsPerUsd().map(Dollars::unusableRateNote)
        .orElseGet(() -> Dollars.rateNote(rate).orElse(null)));
    // What to do when a job costs more than this: worded by what is short (the key's quota or the account's credits).
    json.put("short_advice", "unlimited".equals(limitedBy) ? null : FundsCheck.advice(limitedBy, terms));
    return json;
  }

  /**
   * Answers {@code body} as JSON with the key masked wherever it stands: a job's own text (a prompt, an
   * image link, a parameter, the command that repeats it) may hold it, and no answer shows it.
   */
  private void json(Context ctx, int status, Map<String, ?> body) {
    ctx.status(status).contentType("application/json; charset=utf-8")
        .result(settings.withoutKey(JsonTrees.write(body)));
  }

  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
