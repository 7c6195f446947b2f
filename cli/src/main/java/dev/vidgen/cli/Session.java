package dev.vidgen.cli;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.catalog.RouteFiles;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviders;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.core.text.Plural;
import dev.vidgen.core.text.ZeroPrices;
import dev.vidgen.serve.history.HistoryEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * One command's connection to a provider: chooses the provider, builds the {@link VidgenClient}
 * on first use, remembers the job being worked on (so that every error can name its task) and
 * closes the client at the end.
 */
final class Session implements AutoCloseable {
  /** Stands in for a missing key in commands that send nothing (models, validate, quote, dry runs). */
  private static final ApiKey OFFLINE_KEY = ApiKey.of("sk-offline-placeholder");
  /** The stand-in of any other provider: not shaped like a ToAPIs key, and shown as absent in a dry run's request. */
  private static final ApiKey OFFLINE_KEY_OF_OTHERS = ApiKey.of("none-stand-in-key-never-sent");

  private final VidgenCommand root;
  private final Output output;
  private Budget budget = Budget.unlimited();
  private VidgenClient client;
  private ProviderChoice choice;
  private JobHandle handle;
  private Path savedFile;
  /** When an earlier run saved the video this one found in {@link #savedFile} (nothing downloaded); else null. */
  private volatile Instant savedEarlierAt;
  private Runnable onTaskCompleted = () -> { };
  private java.util.function.Consumer<dev.vidgen.core.domain.TaskSnapshot> onStatusSeen = snapshot -> { };
  private boolean standInKey;
  private ApiKey apiKey;
  private UnaryOperator<VideoProvider> providerDecorator;
  private ScheduledExecutorService sharedScheduler;
  private VideoProvider decoratedProvider;
  private final java.util.Map<String, String> providerSettings = new java.util.LinkedHashMap<>();
  /** How many of a route file's problems are listed, one a line. */
  private static final int LISTED_ROUTE_PROBLEMS = 50;

  private RouteCatalog catalog;
  /** The route files the catalog was read from, each once, in their order (VIDGEN_ROUTES, then --routes). */
  private List<Path> routeFiles = List.of();
  /** How the client was built, to build another on changed route files ({@link #clientOn}). */
  private VidgenClient.Builder clientBuilder;
  /** The client {@link #lowerBudget} replaced, whose provider the client shares: closed after it. */
  private VidgenClient replacedClient;
  /** The route files could not be used and were left out (a task was followed anyway): printed commands skip them. */
  private boolean routesLeftOut;
  /** Why a route file that cannot be used changes nothing, for a command that prices nothing by it; else null. */
  private String routesUnused;
  /** Whether this command never sends a job ({@code vidgen models}), so that no refusal says "nothing was sent". */
  private boolean sendsNothing;
  /** Whether the client's route durations were seeded from the task history ({@link #learnDurations}). */
  private boolean durationsLearned;
  /** What keeps the data folder from holding the task history ({@link #historyTrouble}); null until looked at. */
  private Optional<DataFolderTrouble> historyTrouble;
  private volatile boolean savedToStdout;
  /** The price of the create this command sent (told as "sending: …"), or null before one. */
  private volatile dev.vidgen.core.pricing.PriceQuote quoteSent;
  private final CommandEvents events;
  private ShutdownNotice heldNotice;
  private final AtomicBoolean submittedTold = new AtomicBoolean();
  private final java.util.List<String> extraResumeOptions = new java.util.ArrayList<>();
  private String unansweredOut;
  private String unansweredNext;
  /** What to do about a task "not found" that the history says another API key made; null otherwise. */
  private volatile String notFoundNext;
  private String unansweredName;
  private String dryRunAdvice = "check the request with vidgen generate --dry-run";
  /** The follow-on this command makes ({@code extend}, {@code remix}); null for any other command. */
  private FollowOnKind followOn;
  private java.time.Duration statusTimeout = dev.vidgen.core.client.VidgenClient.DEFAULT_STATUS_TIMEOUT;
  private String statusTimeoutOption;
  private java.time.Duration balanceTimeout;
  private String balanceTimeoutOption;
  /** Whether this command's balance reads only inform, and so wait {@link FreeReads#TIMEOUT} at most. */
  private boolean freeBalanceReads;
  private final boolean followsTasks;
  /** What this run's local images and videos hold, each file read once (the same-job check, then the history). */
  private final dev.vidgen.serve.history.InputDigests inputDigests = dev.vidgen.serve.history.InputDigests.reading();

  /**
   * @param followsTasks whether the command follows tasks already paid for, so that a route file that cannot be
   *     read does not keep a video from being saved
   */
  Session(VidgenCommand root, Output output, boolean followsTasks) {
    this.root = Objects.requireNonNull(root, "root == null");
    this.output = Objects.requireNonNull(output, "output == null");
    this.followsTasks = followsTasks;
    this.events = new CommandEvents(output, root.verbose);
  }

  /**
   * Keeps {@code notice} armed until the wait's own notice is ({@link #releaseHeldNotice}), so that a
   * Ctrl-C between the create's answer and the wait still says where the task is.
   */
  void holdUntilWaiting(ShutdownNotice notice) {
    heldNotice = notice;
  }

  /**
   * True the first time only: whoever tells the task's "submitted" line (the command, or a Ctrl-C that
   * waited for the create's answer) claims it, so that it is told once.
   */
  boolean claimSubmittedLine() {
    return submittedTold.compareAndSet(false, true);
  }

  /** Disarms the notice held by {@link #holdUntilWaiting}, if any. */
  void releaseHeldNotice() {
    ShutdownNotice held = heldNotice;
    heldNotice = null;
    if (held != null) {
      held.close();
    }
  }

  /** How many creates of this command were sent again blind after a server error, and what those takes may have cost. */
  int resentBlind() {
    return events.resentBlind();
  }

  java.math.BigDecimal resentCredits() {
    return events.resentCredits();
  }

  /** How many of the blind resends' earlier takes have no known price. */
  int resentUnpriced() {
    return events.resentUnpriced();
  }

  /** Has {@code hook} run just before each create of this command goes out (see {@link CommandEvents#beforeEachCreate}). */
  void beforeEachCreate(Runnable hook) {
    events.beforeEachCreate(hook);
  }

  /** When the first create of this command's client went out (the first of its takes), if one did. */
  java.util.Optional<java.time.Instant> firstCreateSent() {
    return events.firstCreateSent();
  }

  /** When the last create of this command's client went out, if one did. */
  java.util.Optional<java.time.Instant> lastCreateSent() {
    return events.lastCreateSent();
  }

  /** Since when an answer to this command's last create has been awaited (see {@link CommandEvents#createAwaitedSince}). */
  java.util.Optional<java.time.Instant> createAwaitedSince() {
    return events.createAwaitedSince();
  }

  /** The last status this command saw of {@code handle}'s task (the create's answer or a status read), or null. */
  dev.vidgen.core.domain.TaskSnapshot lastSeen(JobHandle handle) {
    return handle == null ? null : events.lastSeen(handle).orElse(null);
  }

  /** Whether a create of this command's client has gone out and not been answered yet. */
  boolean createOnItsWay() {
    return events.createOnItsWay();
  }

  CliContext context() {
    return root.context();
  }

  boolean verbose() {
    return root.verbose;
  }

  /** What a request the provider rejected should be checked with: the command's own dry run. */
  String dryRunAdvice() {
    return dryRunAdvice;
  }

  /** Marks a command that never sends a job ({@code vidgen models}): a route file it cannot use is refused without "nothing was sent". */
  void sendsNothing() {
    this.sendsNothing = true;
  }

  /** Whether retired routes are allowed on this command line ({@code --allow-retired}). */
  boolean allowsRetired() {
    return root.allowRetired;
  }

  /** Names the command whose dry run shows its request, such as {@code extend}, for {@link #dryRunAdvice}. */
  void dryRunOf(String command) {
    this.dryRunAdvice = "check the request: run the same vidgen " + command + " command with --dry-run";
  }

  /** Marks a follow-on command: its refusals for an unavailable model name no other model ({@link #followOn()}). */
  void followOn(FollowOnKind kind) {
    this.followOn = Objects.requireNonNull(kind, "kind == null");
  }

  /** The follow-on this command makes, which goes only to its task's own model; empty for any other command. */
  Optional<FollowOnKind> followOn() {
    return Optional.ofNullable(followOn);
  }

  /** Sets the budget; call before the first {@link #client}. */
  void budget(Budget budget) {
    this.budget = Objects.requireNonNull(budget, "budget == null");
  }

  /**
   * Wraps the provider before the client is built (as {@code batch} does with client-side rate
   * limits), sharing {@code scheduler} with the client; call before the first {@link #client}.
   */
  void decorateProvider(UnaryOperator<VideoProvider> decorator, ScheduledExecutorService scheduler) {
    this.providerDecorator = Objects.requireNonNull(decorator, "decorator == null");
    this.sharedScheduler = Objects.requireNonNull(scheduler, "scheduler == null");
  }

  /** Adds a provider setting (as {@code --set} would; {@code --set} wins); call before the first {@link #client}. */
  void providerSetting(String name, String value) {
    providerSettings.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
  }

  /**
   * The built-in models with the route files of {@code VIDGEN_ROUTES} and then {@code --routes}
   * layered over them, read once.
   *
   * @throws CliException (exit 2) with the loader's message when a route file cannot be used
   */
  RouteCatalog catalog() {
    if (catalog != null) {
      return catalog;
    }
    CliContext context = context();
    List<Path> fromEnvironment;
    try {
      fromEnvironment = RouteFiles.parseList(
          context.variable(RouteFiles.ENVIRONMENT_VARIABLE).orElse(null), context.workingDir());
    } catch (RouteFileException unnameable) {
      // A path this locale cannot name: refused as the same path given to --routes is, with the way out.
      return routeProblems(unnameable, LocalePaths.NEXT + ", or name the file in " + RouteFiles.ENVIRONMENT_VARIABLE
          + " by a path in ASCII letters (a copy or a link: ln -s 'FILE' routes.json)"
          + (sendsNothing ? "" : "; nothing was sent"));
    }
    List<Path> named = new ArrayList<>(fromEnvironment);
    root.routes.forEach(given -> named.add(context.resolve(given)));
    List<Path> files = new ArrayList<>();
    for (int i = 0; i < named.size(); i++) {
      Path file = named.get(i);
      // A file named twice (VIDGEN_ROUTES and --routes, as a command copied from the playground may) is read once:
      // reading it again would remove or add its routes a second time.
      if (files.stream().anyMatch(earlier -> sameFile(earlier, file))) {
        String where = i < fromEnvironment.size() ? RouteFiles.ENVIRONMENT_VARIABLE
            : fromEnvironment.stream().anyMatch(earlier -> sameFile(earlier, file))
                ? RouteFiles.ENVIRONMENT_VARIABLE + " and --routes" : "--routes";
        output.note("warning: the route file " + file + " is named twice (" + where + "); it is read once");
        continue;
      }
      files.add(file);
    }
    // A route file that is a pipe waits for its writer: said once the read takes longer than a moment.
    try (SlowReadNotice waiting = SlowReadNotice.arm(files, "the route file" + (files.size() == 1 ? " " + files.get(0)
        : "s " + files.stream().map(Path::toString).collect(Collectors.joining(", "))),
        output::note, SlowReadNotice.AFTER)) {
      catalog = RouteFiles.load(RouteCatalog.builtIn(), files);
      routeFiles = List.copyOf(files);
    } catch (RouteFileException e) {
      // A wrong path checked, a bad file fixed.
      return routeProblems(e, sendsNothing ? RouteFileAdvice.forCommandThatSendsNothing(e, named, fromEnvironment)
          : RouteFileAdvice.of(e, named, fromEnvironment));
    }
    if (!followsTasks && routesUnused == null) {
      // Once per run, where the routes are read (the client built on them tells the same words, told once).
      ZeroPrices.warnings(catalog).forEach(warning -> warn(ZeroPrices.CODE, warning));
    }
    return catalog;
  }

  /**
   * Reads the route files of a command that prices nothing by them ({@code history}) only to tell one that cannot be
   * used: its problems are warned of, with {@code why} nothing changes, and printed commands leave the files out.
   */
  void warnOfUnusableRouteFiles(String why) {
    routesUnused = Objects.requireNonNull(why, "why == null");
    catalog();
  }

  /**
   * The built-in catalog, with {@code e}'s problems warned of, for a command that follows tasks or uses no route; for
   * any other the refusal with {@code fix}.
   *
   * @throws CliException (exit 2) unless the command follows tasks or uses no route
   */
  private RouteCatalog routeProblems(RouteFileException e, String fix) {
    if (followsTasks || routesUnused != null) {
      // A paid task is followed and saved whatever a route file says: the file's problems are told, not obeyed.
      e.all().forEach(problem -> output.note("warning: " + problem.getMessage()));
      output.note("warning: the route files are left out " + (routesUnused != null ? "(" + routesUnused + ")"
          : "(the built-in models are used), so that the task can still be followed and saved")
          + "; fix them before sending jobs");
      catalog = RouteCatalog.builtIn();
      routesLeftOut = true;
      return catalog;
    }
    // In JSON each problem is an entry of its own (as a job's violations are), the message a count as on a terminal.
    List<Map<String, String>> problems = e.problemEntries();
    if (e.all().size() == 1) {
      throw new CliException(ExitCodes.INVALID_JOB, "invalid_routes", e.getMessage(), fix,
          Map.of("problems", problems));
    }
    // Each on a line of its own, up to a screenful or so: a generated file may hold thousands of the same mistake.
    int shown = Math.min(e.all().size(), LISTED_ROUTE_PROBLEMS);
    e.all().subList(0, shown).forEach(problem -> output.note(problem.getMessage()));
    if (shown < e.all().size()) {
      output.note("… and " + (e.all().size() - shown) + " more problems, not listed: fix these first");
    }
    long badFiles = e.all().stream().map(RouteFileException::file).distinct().count();
    String where = badFiles == 1 ? e.file() : badFiles + " route files";
    throw new CliException(ExitCodes.INVALID_JOB, "invalid_routes",
        e.all().size() + " problems in " + where + (output.json() ? " (each in problems)" : " (listed above)"), fix,
        Map.of("problems", problems));
  }

  private static boolean sameFile(Path one, Path other) {
    if (one.toAbsolutePath().normalize().equals(other.toAbsolutePath().normalize())) {
      return true;
    }
    try {
      return java.nio.file.Files.isSameFile(one, other);
    } catch (java.io.IOException | SecurityException e) {
      return false; // a file that cannot be read is told by the loader
    }
  }

  /** The digests of this run's local inputs, read once for the same-job check and the history entries. */
  dev.vidgen.serve.history.InputDigests inputDigests() {
    return inputDigests;
  }

  /** The warnings this command's client told ({@code code}, {@code message}), for its JSON. */
  java.util.List<java.util.Map<String, String>> warnings() {
    return events.warnings();
  }

  /**
   * Tells {@code message} on stderr as a warning and keeps it with {@code code} for the command's JSON, as the client's
   * are; a warning that the task history cannot be read, locked or written gives way to the one warning of a data
   * folder that cannot hold it ({@link #sayHistoryTrouble}).
   */
  void warn(String code, String message) {
    if (HistoryRequirement.aboutItsUse(code) && sayHistoryTrouble()) {
      return;
    }
    events.onWarning(code, message);
  }

  /** What plainly keeps the data folder from holding the task history, looked at once; empty when nothing does. */
  synchronized Optional<DataFolderTrouble> historyTrouble() {
    if (historyTrouble == null) {
      historyTrouble = HistoryRecord.history(context())
          .flatMap(history -> DataFolderTrouble.of(history.file(), context().env()));
    }
    return historyTrouble;
  }

  /**
   * Tells, once, what keeps the data folder from holding the task history, with the fix; whether anything does (then
   * each failed read or write of the history that follows from it is left unsaid).
   */
  boolean sayHistoryTrouble() {
    Optional<DataFolderTrouble> trouble = historyTrouble();
    trouble.ifPresent(found -> events.onWarning(HistoryRequirement.NONE, found.warning())); // told once: same words
    return trouble.isPresent();
  }

  /**
   * What the provider's balance was before {@code handle}'s job and what this client counts as
   * left after it ({@code credits_left_before}, {@code credits_left_after}); empty where the
   * provider reports no balance or it is unlimited.
   */
  java.util.Map<String, Object> balanceJson(dev.vidgen.core.client.JobHandle handle) {
    java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
    if (client == null) {
      return json;
    }
    client.remainingCredits().ifPresent(left -> {
      // A job of unknown price took nothing from the count: what is left is the "before", and the
      // "after" is not known until the provider is asked again. A create sent again blind after a
      // server error took its price once more (the take answered so may have been paid).
      long takes = 1 + events.resentBlind();
      java.util.Optional<java.math.BigDecimal> price = handle.quote().creditsIfKnown()
          .map(credits -> credits.multiply(java.math.BigDecimal.valueOf(takes)));
      json.put("credits_left_before", price.map(left::add).orElse(left));
      json.put("credits_left_after", price.isPresent() ? left : null);
    });
    return json;
  }

  /** A client for a command that sends nothing (no key needed up front). */
  VidgenClient offlineClient() {
    return client(null, false);
  }

  /** A client for a command that talks to the provider. */
  VidgenClient onlineClient() {
    return client(null, true);
  }

  /**
   * The client, built on the first call.
   *
   * @param providerFromHandle the provider an encoded job handle names, or null
   * @param needsKey whether a missing ToAPIs key is an error right away
   */
  VidgenClient client(String providerFromHandle, boolean needsKey) {
    return client(providerFromHandle, "the job handle", needsKey);
  }

  /**
   * The client, built on the first call.
   *
   * @param providerHint the provider a job handle or the task history names, or null
   * @param hintSource where the hint comes from, as {@code --verbose} tells it
   * @param needsKey whether a missing ToAPIs key is an error right away
   */
  VidgenClient client(String providerHint, String hintSource, boolean needsKey) {
    if (client != null) {
      return client;
    }
    CliContext context = context();
    RouteCatalog routes = catalog();
    choice = ProviderChoice.choose(root.provider, context, providerHint, hintSource);
    choice.requireNoServerNamed(root.baseUrl, context);
    if (choice.fellBackToMock()) {
      output.note("no " + ProviderChoice.KEY_VARIABLE + " is set, so the offline mock provider is used"
          + " (its videos are placeholders); set " + ProviderChoice.KEY_VARIABLE + " for real videos");
    }
    // The ToAPIs address (TOAPIS_BASE_URL, its default) is toapis's alone: any other provider is given only a
    // --base-url named on this command line, else none, so that its key and prompts never go to toapis.com.
    String baseUrl = choice.isToApis() ? ProviderChoice.baseUrl(root.baseUrl, context) : ProviderChoice.flag(root.baseUrl);
    ProviderConfig.Builder config = ProviderConfig.builder();
    if (baseUrl != null) {
      config.baseUrl(baseUrl);
    }
    // Read here, by the command, not by the library: a --set of the same setting wins.
    ProxyVariables proxies = choice.isToApis() ? ProxyVariables.apply(context, config) : null;
    providerSettings.forEach(config::set);
    root.settings().forEach(config::set);
    Optional<ApiKey> key = Optional.empty();
    if (!choice.isMock()) {
      // Each provider's key comes from its own variable (TOAPIS_API_KEY, ACME_API_KEY), never from a flag.
      String variable = choice.keyVariable();
      key = context.variable(variable).map(ApiKey::of);
      if (key.isEmpty() && needsKey && context.isBlankButSet(variable)) {
        throw CliException.usage(variable + " is set but empty, so " + choice.id() + " cannot be used",
            "set it to your key (export " + variable + "=" + (choice.isToApis() ? "sk-...; keys are made at"
                + " https://toapis.com/console/token" : "...") + "), or use --provider mock to try things offline");
      }
      if (key.isEmpty() && needsKey && choice.isToApis()) {
        throw new CliException(ExitCodes.AUTHENTICATION, "authentication",
            ProviderChoice.KEY_VARIABLE + " is not set, so toapis cannot be used",
            "export " + ProviderChoice.KEY_VARIABLE + "=sk-... (keys are made at https://toapis.com/console/token),"
                + " or use --provider mock to try things offline");
      }
      // Commands that send nothing still need a provider; a stand-in key is never sent. A provider of another
      // maker that sends jobs without its variable set is given no key: whether it needs one is its own to say.
      if (key.isPresent() || !needsKey) {
        config.apiKey(key.orElseGet(this::standIn));
      }
      standInKey = key.isEmpty() && !needsKey;
      apiKey = key.orElse(null);
    }
    if (verbose()) {
      List<String> proxiesTold = proxies == null ? List.of() : proxies.told(config.build());
      output.note("provider " + choice.id() + " (" + choice.source() + ")"
          + (choice.isMock() ? "" : ", base URL " + (baseUrl == null ? "none (the provider's own)" : withoutSecrets(baseUrl))
              + ", key " + key.map(ApiKey::masked).orElse("none"))
          + (proxiesTold.isEmpty() ? "" : ", " + String.join(", ", proxiesTold)));
    }
    VidgenClient.Builder builder = VidgenClient.builder().provider(choice.id(), config.build()).budget(budget)
        .catalog(routes).environmentRoutes(false).allowRetired(root.allowRetired)
        .allowUnknownPrices(root.allowUnknownPrices).checkModelAvailability(!root.noModelCheck);
    if (providerDecorator != null) {
      decoratedProvider = providerDecorator.apply(VideoProviders.load(choice.id(), config.build()));
      builder.provider(decoratedProvider).scheduler(sharedScheduler);
    }
    builder.listener(events);
    // A read out of time names what sets its limit: a command's option, never the Java setting a CLI user cannot reach.
    builder.statusTimeout(statusTimeout, statusTimeoutOption);
    if (balanceTimeoutOption != null) {
      builder.balanceTimeout(balanceTimeout, balanceTimeoutOption);
    } else if (freeBalanceReads) {
      builder.balanceTimeout(FreeReads.TIMEOUT, null); // no option sets it: no setting is named
    }
    ClientTuning.apply(builder, root, choice);
    clientBuilder = builder;
    try {
      client = builder.build();
    } catch (dev.vidgen.core.catalog.RouteHintsException e) {
      // Following tasks, downloading, the balance and jobs on other routes need no broken route's hints: a job on
      // one of those routes is refused by validation (model.hints_unusable), before anything is sent.
      output.note("warning: " + e.getMessage() + hintOrigins(routes, e) + "; jobs on those routes are refused"
          + " until the route file is fixed (" + (choice.isToApis() ? "docs/providers/toapis.md lists the hints"
              : "the provider's documentation lists its hints") + "); other models are not affected");
      client = builder.checkRouteHints(false).build();
    }
    // The task durations are learned only by a command that waits (learnDurations): reading them means
    // reading the whole history, which a command that sends nothing or only reads one status does not need.
    return client;
  }

  /** The route files the catalog was read from, each once, in order; empty when none, or when they were left out. */
  List<Path> routeFiles() {
    catalog();
    return routeFiles;
  }

  /**
   * A client like this command's on {@code routes} (the route files read again, for a playground): {@code previous}'s
   * provider, shared, and what its budget has left; the same options otherwise. Call after {@link #client}.
   */
  VidgenClient clientOn(RouteCatalog routes, VidgenClient previous) {
    VidgenClient.Builder builder = clientBuilder.catalog(routes).provider(previous.provider())
        .budget(previous.remainingBudget()).routeDurations(previous.routeDurations()).checkRouteHints(true);
    try {
      return builder.build();
    } catch (dev.vidgen.core.catalog.RouteHintsException e) {
      // As when the command started: jobs on those routes are refused by validation, before anything is sent.
      output.note("warning: " + e.getMessage() + hintOrigins(routes, e) + "; jobs on those routes are refused"
          + " until the route file is fixed; other models are not affected");
      return builder.checkRouteHints(false).build();
    }
  }

  /**
   * This command's client with its budget lowered to {@code lowered}, for a run that finds part of {@code --max-credits}
   * spoken for (earlier takes of unknown outcome) only once the client is built: a client like it, on its provider
   * (shared), which this session uses from then on. Call after {@link #client}, before anything is sent.
   */
  VidgenClient lowerBudget(Budget lowered) {
    if (client == null || replacedClient != null) {
      throw new IllegalStateException("the budget is lowered once, after the client was built");
    }
    budget = lowered;
    replacedClient = client;
    client = clientBuilder.provider(replacedClient.provider()).budget(lowered)
        .routeDurations(replacedClient.routeDurations()).build();
    return client;
  }

  /** Where the routes whose hints were refused come from, " (from acme.json)"; empty when not named. */
  private static String hintOrigins(dev.vidgen.core.domain.RouteCatalog routes,
      dev.vidgen.core.catalog.RouteHintsException refused) {
    java.util.Set<String> origins = new java.util.LinkedHashSet<>();
    for (String id : refused.routeIds()) {
      origins.add(routes.origin(id).orElse(dev.vidgen.core.domain.RouteCatalog.BUILT_IN));
    }
    return origins.isEmpty() ? "" : " (from " + String.join("; ", origins) + ")";
  }

  /**
   * Seeds the client's route durations from the task history's finished tasks, once, so that waits start informed;
   * called by the commands that wait for tasks, before their first wait, after the client was built.
   */
  void learnDurations() {
    if (client == null || durationsLearned) {
      return;
    }
    durationsLearned = true;
    learnFromHistory(client);
  }

  private void learnFromHistory(VidgenClient built) {
    try {
      HistoryRecord.history(context()).ifPresent(history -> {
        int seeded = history.seed(built.routeDurations(), built.provider().id());
        if (verbose() && seeded > 0) {
          output.note("learned task durations from " + Plural.count(seeded, "finished task") + " in " + history.file());
        }
      });
    } catch (RuntimeException e) {
      if (!sayHistoryTrouble()) {
        output.note("warning: could not read task durations from the history (" + e.getMessage() + ")");
      }
    }
  }

  /** How long the provider keeps results, as advice says it: no figure before a client was built. */
  dev.vidgen.core.text.KeptResults keptResults() {
    return client == null ? dev.vidgen.core.text.KeptResults.unstated()
        : dev.vidgen.core.text.KeptResults.of(client.provider().keepsResultsFor());
  }

  /** The provider chosen, once a client was built. */
  Optional<ProviderChoice> choice() {
    return Optional.ofNullable(choice);
  }

  /**
   * Whether a job is checked against a key's live model list before it is sent: the check is on, a key is set,
   * the provider is not the mock, which has no key and lists no models, and the provider offers such a list.
   */
  boolean checksKeysModelList() {
    return checksModels() && !usesStandInKey() && !(choice != null && choice.isMock())
        && (client == null || LiveListOffer.of(client.provider()));
  }

  /** Whether no key was set and a stand-in (never sent) took its place. */
  boolean usesStandInKey() {
    return standInKey;
  }

  /** The key given to the chosen provider when none is set, never sent: ToAPIs-shaped only for toapis. */
  ApiKey standIn() {
    return choice == null || choice.isToApis() ? OFFLINE_KEY : OFFLINE_KEY_OF_OTHERS;
  }

  /** Records the job being worked on. */
  void remember(JobHandle handle) {
    this.handle = handle;
  }

  /** Records {@code handle} as the job being worked on and {@code snapshot} as its last status seen. */
  void remember(JobHandle handle, dev.vidgen.core.domain.TaskSnapshot snapshot) {
    remember(handle);
    events.seen(handle, snapshot);
  }

  /** Keeps the price of the create about to be sent, for a refusal of it to name. */
  void quoteSent(dev.vidgen.core.pricing.PriceQuote quote) {
    quoteSent = quote;
  }

  /** The price of the create this command sent, once it was told. */
  java.util.Optional<dev.vidgen.core.pricing.PriceQuote> quoteSent() {
    return java.util.Optional.ofNullable(quoteSent);
  }

  /** The job being worked on, or null. */
  JobHandle handle() {
    return handle;
  }

  /**
   * The most one status read may take ({@code timeout}, or the client's default when null), and the
   * command's option that sets it, which a read out of time names; before the client is built.
   */
  void statusTimeout(java.time.Duration timeout, String option) {
    this.statusTimeout = timeout == null ? dev.vidgen.core.client.VidgenClient.DEFAULT_STATUS_TIMEOUT : timeout;
    this.statusTimeoutOption = option;
  }

  /**
   * As {@link #statusTimeout} for balance reads: {@code vidgen balance}'s {@code --timeout} (the
   * client's default when null), named by a read out of time; before the client is built.
   */
  /** The limit of the balance read, when the command sets one with an option of its own. */
  java.util.Optional<java.time.Duration> balanceTimeoutGiven() {
    return balanceTimeoutOption == null ? java.util.Optional.empty() : java.util.Optional.of(balanceTimeout);
  }

  void balanceTimeout(java.time.Duration timeout, String option) {
    this.balanceTimeout = timeout == null ? dev.vidgen.core.client.VidgenClient.DEFAULT_BALANCE_TIMEOUT : timeout;
    this.balanceTimeoutOption = option;
  }

  /**
   * Balance reads that only inform (a batch's first look, a dry run's) wait {@link FreeReads#TIMEOUT} at most, as the
   * check before a create does, and a read out of time names no Java setting; before the client is built.
   */
  void freeBalanceReads() {
    this.freeBalanceReads = true;
  }

  /**
   * Records where to look for the task of a create that got no answer (for {@code error.next}) and
   * the name the history gives it (for {@code unanswered}).
   */
  void rememberUnanswered(String next, String name) {
    this.unansweredNext = next;
    this.unansweredName = name;
  }

  /** The history's name for this command's create that got no answer, once one was recorded. */
  java.util.Optional<String> unansweredName() {
    return java.util.Optional.ofNullable(unansweredName);
  }

  /** Where to look for the task of this command's unanswered create, once one was recorded. */
  java.util.Optional<String> unansweredNext() {
    return java.util.Optional.ofNullable(unansweredNext);
  }

  /** Says what to do when the task is "not found" for a reason known here (another key made it), for the error's next. */
  void notFoundNext(String next) {
    this.notFoundNext = next;
  }

  /** What to do about this command's task "not found", when known better than the general advice. */
  java.util.Optional<String> notFoundNext() {
    return java.util.Optional.ofNullable(notFoundNext);
  }

  /** Runs {@code action} when the task is seen completed, before its video is saved (replacing any earlier one). */
  void onTaskCompleted(Runnable action) {
    this.onTaskCompleted = action;
  }

  /** Runs {@code action} with each status the command's wait reads. */
  void onStatusSeen(java.util.function.Consumer<dev.vidgen.core.domain.TaskSnapshot> action) {
    this.onStatusSeen = java.util.Objects.requireNonNull(action, "action == null");
  }

  /** The command's wait read {@code snapshot}. */
  void statusSeen(dev.vidgen.core.domain.TaskSnapshot snapshot) {
    onStatusSeen.accept(snapshot);
  }

  /** The task was seen completed; its video is about to be saved. */
  void taskCompleted() {
    onTaskCompleted.run();
  }

  /** Whether the command's wait told how long its task ran ({@link #ran(Duration)}). */
  private volatile boolean runTold;
  private volatile Duration ran;

  /**
   * The command's wait saw the task completed and told how long it ran: {@code took}, or null when that is not known
   * (the task was seen ended after a pause of this process, such as a laptop's sleep).
   */
  void ran(Duration took) {
    this.ran = took;
    this.runTold = true;
  }

  /** {@code done}, the task's line as its wait saw it complete, with the run that wait told, when it told one. */
  HistoryEntry withRunTold(HistoryEntry done) {
    return runTold ? done.withTook(ran) : done;
  }

  /** Records the file the job's video was saved to. */
  void saved(Path file) {
    this.savedFile = file;
    this.savedEarlierAt = null;
  }

  /**
   * Records that {@code file} already held the job's video, saved there at {@code savedAt} by an earlier run, so that
   * the history keeps that time rather than this run's, which downloaded nothing.
   */
  void foundSaved(Path file, Instant savedAt) {
    this.savedFile = file;
    this.savedEarlierAt = savedAt;
  }

  /** When an earlier run saved the video this one found in place ({@link #foundSaved}); empty when this one saved it. */
  Optional<Instant> savedEarlierAt() {
    return Optional.ofNullable(savedEarlierAt);
  }

  /** The job's video went whole to standard output ({@code --out -}). */
  void savedToStdout() {
    this.savedToStdout = true;
  }

  /** Whether the job's video went whole to standard output. */
  boolean wroteToStdout() {
    return savedToStdout;
  }

  /** The file the job's video was saved to, once it was. */
  Optional<Path> savedFile() {
    return Optional.ofNullable(savedFile);
  }

  /**
   * The options a printed "go on with" command must repeat so that it does what the user asked:
   * those of {@link #setupOptions()} and what the command adds (its {@code --out}).
   */
  java.util.List<String> resumeOptions() {
    java.util.List<String> words = setupOptions();
    words.addAll(extraResumeOptions);
    return words;
  }

  /**
   * The options a printed command must repeat to reach the same provider and models: the base URL,
   * whether from {@code --base-url} or, for toapis, from {@code TOAPIS_BASE_URL} (a command pasted into
   * a shell without that variable would otherwise reach toapis.com; any user info or query in it shown
   * as "…", to be filled in again), the route files of {@code --routes} as absolute paths (a printed command is often run from
   * another folder, or kept in the history for later), {@code --allow-retired} and {@code
   * --no-model-check}. Route files of {@code VIDGEN_ROUTES} are left to the environment.
   */
  java.util.List<String> setupOptions() {
    java.util.List<String> words = new java.util.ArrayList<>();
    // The mock reaches no server: a --base-url given to it is not repeated (nor recorded with its tasks).
    String baseUrl = choice != null && choice.isMock() ? null : ProviderChoice.flag(root.baseUrl);
    if (baseUrl == null && (choice == null || choice.isToApis())) {
      baseUrl = context().variable(ProviderChoice.BASE_URL_VARIABLE).map(String::strip)
          .filter(value -> !value.isEmpty()).orElse(null);
    }
    if (baseUrl != null) {
      // Printed commands land in logs, JSON and the history: a password or key in the URL is shown as "…".
      words.addAll(java.util.List.of("--base-url", withoutSecrets(baseUrl)));
    }
    if (!routesLeftOut) {
      root.routes.forEach(file -> words.addAll(java.util.List.of("--routes", context().resolve(file).toString())));
    }
    if (root.allowRetired) {
      words.add("--allow-retired");
    }
    if (root.noModelCheck) {
      words.add("--no-model-check");
    }
    return words;
  }

  /** Adds options of this command, such as {@code --out FILE}, to {@link #resumeOptions()}. */
  void keepForResume(String... words) {
    extraResumeOptions.addAll(java.util.List.of(words));
  }

  /** Where the command of a create that got no answer, named on this command line, was told to save its video. */
  void unansweredOut(String out) {
    this.unansweredOut = out;
  }

  /** {@link #unansweredOut(String)}, absolute; empty when no such create was named or its command named no file. */
  Optional<String> unansweredOut() {
    return Optional.ofNullable(unansweredOut);
  }

  /** The {@code --out} kept for printed commands ({@link #keepForResume}), as they print it; empty when none. */
  Optional<String> keptOut() {
    int at = extraResumeOptions.indexOf("--out");
    return at >= 0 && at + 1 < extraResumeOptions.size() ? Optional.of(extraResumeOptions.get(at + 1))
        : Optional.empty();
  }

  /**
   * The working folder as an {@code --out} (absolute, ending in a separator), for a printed command that
   * saves a video where no {@code --out} is known: {@code download} then names the file after the task.
   */
  String workingFolderOut() {
    String here = context().resolve(java.nio.file.Path.of("")).toString();
    return here.endsWith(java.io.File.separator) ? here : here + java.io.File.separator;
  }

  /**
   * The base URL the provider is reached at, as printed commands show it (any user info or query as "…"), or
   * null for a provider other than toapis given no {@code --base-url} (it uses its own address).
   */
  String baseUrlShown() {
    boolean toApis = choice == null || choice.isToApis();
    return withoutSecrets(toApis ? ProviderChoice.baseUrl(root.baseUrl, context()) : ProviderChoice.flag(root.baseUrl));
  }

  /** Where the chosen provider's address is set: "--base-url, else TOAPIS_BASE_URL" for toapis, else "--base-url". */
  String baseUrlSources() {
    return choice == null || choice.isToApis() ? "--base-url, else " + ProviderChoice.BASE_URL_VARIABLE : "--base-url";
  }

  /** The environment variable the chosen provider's key is read from ({@code TOAPIS_API_KEY} before a choice). */
  String keyVariable() {
    return choice == null ? ProviderChoice.KEY_VARIABLE : choice.keyVariable();
  }

  /** The key this command was given for its provider, or null when none (the mock, or no variable set). */
  ApiKey apiKey() {
    return apiKey;
  }

  /** {@code text} with the key this command was given shown masked, wherever it stands, in clear or encoded. */
  String withoutKey(String text) {
    return apiKey == null ? text : apiKey.maskIn(text);
  }

  /** {@code url} with any user info ({@code user:secret@}) and query hidden: either may hold a password or a key. */
  private static String withoutSecrets(String url) {
    return dev.vidgen.core.text.SafeText.withoutUrlSecrets(url);
  }

  /** Whether jobs are checked against the key's live model list (no {@code --no-model-check}). */
  boolean checksModels() {
    return !root.noModelCheck;
  }

  /** Whether the provider was named with {@code --provider}, so that follow-up commands must name it too. */
  boolean providerFlagGiven() {
    return root.provider != null && !root.provider.isBlank();
  }

  /** The provider named with {@code --provider}, if one was. */
  java.util.Optional<String> providerFlag() {
    return providerFlagGiven() ? java.util.Optional.of(root.provider.strip()) : java.util.Optional.empty();
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (replacedClient != null) {
      replacedClient.close(); // last: it owns the provider the client shared
    }
    if (decoratedProvider != null) {
      decoratedProvider.close();
    }
  }
}
