package dev.vidgen.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The top command, {@code vidgen}. It holds the options every subcommand shares and the {@link
 * CliContext}; subcommands reach both through {@code @ParentCommand}. A new subcommand is one
 * more class in {@code subcommands} below (extend {@link ClientCommand} to get {@code --json},
 * the client and the exit codes).
 */
@Command(
    name = "vidgen",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Validated, priced, budgeted AI video generation: check a job against its model's rules,"
        + " see the price, then submit, wait and download, through ToAPIs or the offline mock.",
    subcommands = {
      ModelsCommand.class,
      ValidateCommand.class,
      QuoteCommand.class,
      GenerateCommand.class,
      StatusCommand.class,
      WaitCommand.class,
      DownloadCommand.class,
      BalanceCommand.class,
      BatchCommand.class,
      FollowOnCommand.Extend.class,
      FollowOnCommand.Remix.class,
      CompletionCommand.class,
      ServeCommand.class,
      HistoryCommand.class,
      HelpCommand.class
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  TOAPIS_API_KEY   the ToAPIs key (never a flag); when set, toapis is used",
      "  TOAPIS_BASE_URL  toapis's base URL without --base-url (https://toapis.com)",
      "  <ID>_API_KEY     the key of another provider, such as ACME_API_KEY for acme",
      "  VIDGEN_PROVIDER  the provider without --provider (an id --provider lists)",
      "  VIDGEN_HOME      where vidgen keeps its history and the playground's files;",
      "                   a batch with an SQLite journal unpacks SQLite's native",
      "                   library under VIDGEN_HOME/sqlite-native (unless",
      "                   -Dorg.sqlite.tmpdir names another folder; docs/batch.md)",
      "  VIDGEN_REQUIRE_HISTORY",
      "                   1: a paid run that cannot use the history sends nothing",
      "  VIDGEN_ROUTES    route files read before --routes, separated by the path",
      "                   separator (: on Linux and macOS, ; on Windows)",
      "  HTTPS_PROXY, HTTP_PROXY, NO_PROXY (or lowercase)",
      "                   a proxy as curl reads them, http://USER:PASSWORD@HOST:PORT;",
      "                   Java's -Dhttps.proxyHost wins; docs/cli.md, Networks",
      "  VIDGEN_JAVA_OPTS options for Java (bin/vidgen), such as a company CA's",
      "                   -Djavax.net.ssl.trustStore=FILE",
      "",
      "Exit codes: 0 done, 1 anything else, 2 invalid job, command line or setting,",
      "or a request the provider refused as invalid (nothing made), 3 authentication,",
      "4 still rate limited, 5 provider or network error,",
      "6 task failed, 7 deadline reached (the task id is printed), 8 over",
      "--max-credits or more than the account has left (no task made), 9 a batch",
      "with some job's outcome unknown, 130 stopped by Ctrl-C, 143 stopped by SIGTERM.",
      "docs/cli.md shows every command with examples."
    })
final class VidgenCommand implements Callable<Integer> {
  private final CliContext context;

  @Spec CommandSpec spec;

  @Option(
      names = "--provider",
      paramLabel = "ID",
      scope = ScopeType.INHERIT,
      completionCandidates = ProviderIds.class,
      description = "The provider, one on the class path: ${COMPLETION-CANDIDATES}" + ProviderIds.LOAD_FAILURES
          + " (default: VIDGEN_PROVIDER, else"
          + " toapis when TOAPIS_API_KEY is set, else mock).")
  String provider;

  @Option(
      names = "--base-url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "The chosen provider's base URL (default for toapis: TOAPIS_BASE_URL, else"
          + " https://toapis.com; another provider uses its own).")
  String baseUrl;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print exactly one JSON object on stdout and nothing else there.")
  boolean json;

  @Option(
      names = "--routes",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Repeatable: a route file (docs/routes.md) layered over the built-in models, after"
          + " those of VIDGEN_ROUTES; it may add, replace, patch or remove models.")
  List<Path> routes = new ArrayList<>();

  @Option(
      names = "--allow-retired",
      scope = ScopeType.INHERIT,
      description = "Send jobs on a retired model (with a warning) instead of refusing them; for a provider"
          + " that still serves it.")
  boolean allowRetired;

  @Option(
      names = "--allow-unknown-prices",
      scope = ScopeType.INHERIT,
      description = "For the commands that take --max-credits, when it is given: send a job whose price is"
          + " unknown instead of refusing it (a route file patch with a price is the better fix: docs/routes.md)."
          + " Without a budget (and in serve, which has none) such a job is sent, its price told as unknown.")
  boolean allowUnknownPrices;

  @Option(
      names = "--no-model-check",
      scope = ScopeType.INHERIT,
      description = "Do not check the model against the provider's live model list before a create.")
  boolean noModelCheck;

  @Option(
      names = "--verbose",
      scope = ScopeType.INHERIT,
      description = "Tell on stderr which provider is used, each retry and each status read.")
  boolean verbose;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      scope = ScopeType.INHERIT,
      converter = SetOption.class,
      description = "Advanced, repeatable: a provider setting, or max_video_size (the largest video saved, 2GB"
          + " unless set; see docs/cli.md); the base URL is --base-url's.")
  List<KeyValue> settingEntries = new ArrayList<>();

  @Option(
      names = "--no-blind-resend",
      scope = ScopeType.INHERIT,
      description = "Never send again a create answered with a server error (HTTP 500) on a model that takes no"
          + " client reference (it may have made a paid task): the job ends unknown instead.")
  boolean noBlindResend;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      hidden = true,
      converter = DurationConverter.class,
      description = "Advanced: poll a task's status at this fixed interval instead of the default schedule.")
  Duration pollInterval;

  @Option(
      names = "--retry-delay",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      hidden = true,
      converter = DurationConverter.class,
      description = "Advanced: wait this long before each retry (a server's Retry-After still counts, with no"
          + " extra jitter).")
  Duration retryDelay;

  VidgenCommand(CliContext context) {
    this.context = Objects.requireNonNull(context, "context == null");
  }

  CliContext context() {
    return context;
  }

  /**
   * The provider's {@code --set} settings by name, in their order; a name given twice keeps its last value.
   * {@code max_video_size}, vidgen's own, is not among them ({@link #videoSizeSetting()}).
   */
  Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settingEntries.stream().filter(entry -> !entry.key().equals(VideoSizeSetting.NAME))
        .forEach(entry -> settings.put(entry.key(), entry.value()));
    return settings;
  }

  /** The last {@code --set max_video_size} given, if any: the largest video the command saves. */
  java.util.Optional<String> videoSizeSetting() {
    return settingEntries.stream().filter(entry -> entry.key().equals(VideoSizeSetting.NAME))
        .reduce((first, last) -> last).map(KeyValue::value);
  }

  /** Without a subcommand: the usage help on stderr, and exit 2 (a command is needed); with --json, its error object too. */
  @Override
  public Integer call() {
    spec.commandLine().usage(context.err());
    if (json) {
      return Failures.report(CliException.usage("no command was given",
          "give one of the commands listed on stderr, such as vidgen generate (vidgen --help tells more)"), null,
          new Output(context.out(), context.err(), true));
    }
    return ExitCodes.INVALID_JOB;
  }
}
