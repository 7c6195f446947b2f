package dev.vidgen.cli;

import dev.vidgen.core.text.SafeText;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code vidgen} command. Exit codes and output are described in docs/cli.md. */
public final class Main {
  private Main() {}

  /** Runs the command with the real environment and exits with its code. */
  public static void main(String[] args) {
    Thread.setDefaultUncaughtExceptionHandler(uncaughtTo(System.err));
    Charset charset = outputCharset(Charset.defaultCharset());
    StdoutStream stdout = StdoutStream.open();
    System.setOut(stdout);
    PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, charset), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
    // A Ctrl-C or SIGTERM before the command's own notice is armed (the JVM still starting) is said too.
    StartupNotice.arm(stdout, err, Arrays.asList(args).contains("--json"), videoToStdout(args));
    java.util.Optional<CliException> folderProblem = WorkingFolder.problem(System.getProperty("user.dir"),
        System.getProperty("sun.jnu.encoding", "the locale's charset"));
    if (folderProblem.isPresent() && !onlyAsksAboutVidgen(args)) {
      // Before any provider is made: one would fail on that folder's name and blame its own jar.
      StartupNotice.standDown(); // the report below says how it ended
      int exitCode = Failures.report(folderProblem.get(), null, new Output(out, err, Arrays.asList(args).contains("--json")));
      out.flush();
      err.flush();
      System.exit(exitCode);
    }
    CliContext context = new CliContext(System.getenv(), out, err, Main::stderrIsTerminal, Path.of(""),
        System.in, stdout, Main::canAsk);
    int exitCode;
    try {
      exitCode = run(context, args);
    } finally {
      StartupNotice.standDown(); // the command said how it ended: the exit's own shutdown says nothing more
    }
    out.flush();
    err.flush();
    System.exit(exitCode);
  }

  /** Whether {@code args} send the video to stdout ({@code --out -}), where {@code --json} then prints on stderr. */
  static boolean videoToStdout(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--out=-") || args[i].equals("--out") && i + 1 < args.length && args[i + 1].equals("-")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The charset of what the command prints: the platform's, except US-ASCII (what Java 17 takes from a
   * C or POSIX locale, common in CI images), which prints every "…" and "—" of the messages as "?":
   * UTF-8 then, as Java 18 and later use in every locale.
   */
  static Charset outputCharset(Charset platform) {
    return platform.equals(java.nio.charset.StandardCharsets.US_ASCII) ? java.nio.charset.StandardCharsets.UTF_8
        : platform;
  }

  /** Runs the command in {@code context} and returns its exit code; for tests and embedding. */
  static int run(CliContext context, String... args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].indexOf('\uFFFD') >= 0) {
        // The JVM read the command line in a locale that is not UTF-8 (cron, env -i, a slim container): each
        // character it could not read became U+FFFD, which would be sent, and paid for, as part of the job.
        String where = i > 0 && args[i - 1].startsWith("-") ? " (the value of " + args[i - 1] + ")" : "";
        String charset = System.getProperty("sun.jnu.encoding", "the locale's charset");
        boolean utf8 = charset.replace("-", "").equalsIgnoreCase("UTF8");
        // Under a UTF-8 locale the bytes themselves were not UTF-8 (a file name from another system, say).
        Optional<String> missingLocale = utf8 ? Optional.empty() : utf8LocaleNamed(context.env());
        String why = utf8 ? "its bytes are not UTF-8 (a file name made on another system, say)"
            : missingLocale.isPresent() ? "the command line was read as " + charset + ", not UTF-8, though "
                + missingLocale.get() + " names a UTF-8 locale: that locale seems not to be installed on this machine"
                + " (locale -a lists those that are)"
            : "the command line was read as " + charset + ", not UTF-8, as the locale (LANG, LC_ALL) says";
        String next = utf8 ? "rename the file to a UTF-8 name (or copy it to one) and give that; a prompt can come"
            + " from --prompt-file FILE or --prompt - (read as UTF-8)"
            : missingLocale.isPresent() ? "run with a UTF-8 locale this machine has (LC_ALL=C.UTF-8 vidgen ..., which"
                + " nearly every system has; bin/vidgen sets it), or install that one"
                + otherWay(i > 0 ? args[i - 1] : "")
            : LocalePaths.NEXT + otherWay(i > 0 ? args[i - 1] : "");
        CliException unreadable = CliException.usage("argument " + (i + 1) + where + " holds characters that could"
            + " not be read (each became a replacement character): " + why + "; nothing was sent", next);
        return Failures.report(unreadable, null, new Output(context.out(), context.err(),
            Arrays.asList(args).contains("--json")));
      }
    }
    CommandLine commandLine = commandLine(context);
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      // A mistyped command with --help would print the top's help and exit 0, a false yes for a script asking
      // whether the command exists: said as the mistake it is. (Only a request for help is read twice.)
      try {
        CommandLine.ParseResult parsed = commandLine.parseArgs(args);
        if (!parsed.hasSubcommand() && parsed.isUsageHelpRequested() && !parsed.unmatched().isEmpty()) {
          return usageError(new UnmatchedArgumentException(commandLine, parsed.unmatched()), args, context.workingDir());
        }
      } catch (ParameterException e) {
        // Reported by execute, below, as any mistake is.
      }
      commandLine = commandLine(context);
    }
    int exitCode;
    try {
      exitCode = commandLine.execute(args);
    } catch (OutOfMemoryError e) {
      // Its stack has unwound, so there is room to say so: as a failure of the command, in --json too, not a trace.
      return Failures.report(outOfMemory(Runtime.getRuntime().maxMemory()), null,
          new Output(context.out(), context.err(), Arrays.asList(args).contains("--json")));
    }
    CommandLine.ParseResult parsed = commandLine.getParseResult();
    String command = parsed == null || !parsed.hasSubcommand() ? null : parsed.subcommand().commandSpec().name();
    return stdoutChecked(context, exitCode, command == null || LOOKS.contains(command));
  }

  /**
   * The locale variable that rules the charset in {@code env} (LC_ALL, else LC_CTYPE, else LANG, as the C library
   * reads them), as {@code LANG=de_DE.UTF-8}, when it names a UTF-8 locale; empty when none does.
   */
  static Optional<String> utf8LocaleNamed(Map<String, String> env) {
    for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
      String value = env.get(name);
      if (value != null && !value.isEmpty()) {
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("utf-8") || lower.contains("utf8") ? Optional.of(name + "=" + value) : Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** Whether {@code args} only ask for help, the version or a completion script, which read and write no file. */
  static boolean onlyAsksAboutVidgen(String[] args) {
    java.util.List<String> words = Arrays.asList(args);
    return words.contains("--help") || words.contains("-h") || words.contains("--version") || words.contains("-V")
        || (args.length > 0 && (args[0].equals("help") || args[0].equals("completion")));
  }

  /**
   * The way around a locale that cannot read the value of {@code option}, besides a UTF-8 locale: a prompt from a
   * file or stdin, a file to read by an ASCII name (a copy or a link), an output given an ASCII name; nothing for any
   * other value.
   */
  static String otherWay(String option) {
    if (option.equals("--prompt")) {
      return ", or give the prompt with --prompt-file FILE or --prompt - (read as UTF-8)";
    }
    if (option.equals("--out") || option.equals("--out-dir")) {
      // A file or folder still to be made: no copy or link of it can stand in, only another name.
      return ", or give " + option + " a name in ASCII letters (" + (option.equals("--out")
          ? "--out clip.mp4, renamed afterwards if you like" : "--out-dir videos") + ")";
    }
    if (java.util.Set.of("--image", "--video", "--prompt-file", "--journal", "--routes").contains(option)) {
      return ", or give the file by a name in ASCII letters (a copy or a link: ln -s 'FILE' input.png)";
    }
    return "";
  }

  /**
   * What a thread that dies of an uncaught failure prints to {@code err}: as Java would, but a thread that ran
   * out of heap is said in one line, once, since the command then says what stands and how to give it more.
   */
  static Thread.UncaughtExceptionHandler uncaughtTo(java.io.PrintStream err) {
    java.util.concurrent.atomic.AtomicBoolean saidOutOfMemory = new java.util.concurrent.atomic.AtomicBoolean();
    return (thread, failure) -> {
      if (failure instanceof OutOfMemoryError) {
        if (saidOutOfMemory.compareAndSet(false, true)) {
          err.println("vidgen: thread " + thread.getName() + " ran out of memory (Java's heap)");
        }
        return;
      }
      err.print("Exception in thread \"" + thread.getName() + "\" ");
      failure.printStackTrace(err);
    };
  }

  /** The failure of a command that ran out of Java's heap, whose limit was {@code maxHeapBytes}. */
  static CliException outOfMemory(long maxHeapBytes) {
    return new CliException(ExitCodes.OTHER, "out_of_memory", "the command ran out of memory (Java's heap, at most "
        + maxHeapBytes / (1024 * 1024) + " MB in this run) and stopped; what it had sent, made or saved stands"
        + " (vidgen history lists its tasks; a batch's journal keeps its jobs, so running the batch again goes on)",
        "give Java more memory (VIDGEN_JAVA_OPTS=-Xmx2g bin/vidgen …, or java -Xmx2g -jar …), or split a large jobs"
            + " file");
  }

  /**
   * The commands that only look (at the catalog, the history, a price, a task, the balance): none makes a
   * task or saves a video, so a reader of their output that ends early ({@code | head}) loses nothing.
   */
  private static final java.util.Set<String> LOOKS = java.util.Set.of("models", "history", "quote", "validate",
      "balance", "status", "completion");

  /**
   * {@code exitCode}, unless the command ended well but standard output took nothing (a closed
   * pipe, a full disk): what it printed there, such as its {@code --json} object, was lost, so it
   * is not a success. Java's print streams keep such write errors to themselves until asked. A
   * command that only {@code looks}, whose reader ended early (a pipe into {@code head}), ends as it
   * would have: that reader took what it wanted.
   */
  static int stdoutChecked(CliContext context, int exitCode, boolean looks) {
    boolean lost = context.out().checkError()
        || context.videoOut() instanceof java.io.PrintStream print && print.checkError();
    if (exitCode != ExitCodes.DONE || !lost) {
      return exitCode;
    }
    if (looks && context.videoOut() instanceof StdoutStream stdout && stdout.readerGone()) {
      return exitCode;
    }
    context.err().println("vidgen: could not write to standard output (it is closed, such as a pipe whose reader has"
        + " ended, or full), so what this command printed there was lost; anything it made or saved stands"
        + " (vidgen history lists its tasks)");
    context.err().flush();
    return ExitCodes.OTHER;
  }

  /** The command tree, wired to {@code context}. */
  static CommandLine commandLine(CliContext context) {
    CommandLine commandLine = new CommandLine(new VidgenCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setParameterExceptionHandler((e, args) -> usageError(e, args, context.workingDir()));
    commandLine.setExecutionStrategy(EmptyOptionValues::refuseThenRun); // --provider "": refused, not the default
    NumberConverters.register(commandLine);
    commandLine.setResourceBundle(new ProviderIds.HelpTexts(context.env())); // a factory that failed, in --provider's help
    HistoryCommand.hideSendingOptions(commandLine.getSubcommands().get("history").getCommandSpec());
    commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
      Output output = new Output(context.out(), context.err(), parsed.originalArgs().contains("--json"),
          ShownKeys.of(context.env()));
      return Failures.report(e, null, output);
    });
    return commandLine;
  }

  /**
   * Words for a command that are not spelled like it, by the command meant: "price" is nearer
   * "balance" by its letters, but it asks what a job costs.
   */
  private static final java.util.Map<String, String> MEANT = java.util.Map.of(
      "price", "quote", "prices", "quote", "cost", "quote", "estimate", "quote");

  /** A mistake on the command line: one line saying what and where to look, exit 2. */
  private static int usageError(ParameterException e, String[] args, Path workingDir) {
    CommandLine line = e.getCommandLine();
    Output output = new Output(line.getOut(), line.getErr(), Arrays.asList(args).contains("--json"));
    if (e.getCause() instanceof CliException said) {
      // A converter's own words ("--out is empty" and what to give), without picocli's "cannot convert" and class names.
      return Failures.report(said, null, output);
    }
    // The top command takes no positional argument, so the first word it could not match, wherever
    // it stands (common options may come before it), is the command that was meant.
    String word = e instanceof UnmatchedArgumentException unmatched && line.getParent() == null
        && !unmatched.getUnmatched().isEmpty() ? unmatched.getUnmatched().get(0) : "-";
    if (!word.startsWith("-")) {
      return notACommand(word, line, ((UnmatchedArgumentException) e).getSuggestions(), output);
    }
    if (e instanceof UnmatchedArgumentException unmatched) {
      java.util.Optional<CliException> unknown = UnknownOptions.explain(line, unmatched.getUnmatched(), args, workingDir);
      if (unknown.isPresent()) {
        return Failures.report(unknown.get(), null, output);
      }
    }
    if (e instanceof MissingParameterException missing && missing.getMissing().stream()
        .anyMatch(arg -> arg.paramLabel().startsWith("TASK"))) {
      // status, wait, download, extend, remix without a task: where the ids of earlier runs are.
      String name = line.getCommandSpec().qualifiedName();
      java.util.Optional<String> dashed = UnknownOptions.unknownOptionWord(line, args);
      if (dashed.isPresent()) {
        // vidgen status -abc: the id was read as an option, which a word that starts with - is until --.
        return Failures.report(CliException.usage("'" + dev.vidgen.core.text.SafeText.clip(
            dev.vidgen.core.text.SafeText.clean(dashed.get()), 60) + "' was read as an option, which " + name
            + " does not take, so " + name + " was given no task; nothing was sent", "a task id that starts with - goes"
            + " last, after --, which ends the options: " + UnknownOptions.withTaskIdLast(line.getCommandSpec(), args,
                dashed.get())), null, output);
      }
      return Failures.report(CliException.usage(name + " needs a task: the task id (or vg1. handle) that generate"
          + " printed", "vidgen history lists the tasks of earlier runs with their ids; then " + name + " TASK_ID"),
          null, output);
    }
    if (e instanceof MissingParameterException missing && missing.getMissing().stream()
        .anyMatch(arg -> arg.paramLabel().startsWith("JOBS"))) {
      Optional<String> dashed = UnknownOptions.unknownOptionWord(line, args);
      if (dashed.isPresent()) {
        // vidgen batch -jobs.jsonl: the file was read as an option, which a word that starts with - is until --.
        String name = line.getCommandSpec().qualifiedName();
        String file = SafeText.clip(SafeText.clean(dashed.get()), 60);
        return Failures.report(CliException.usage("'" + file + "' was read as an option, which " + name
            + " does not take, so " + name + " was given no jobs file; nothing was sent", "a file whose name starts"
            + " with - goes last, after --, which ends the options: " + UnknownOptions.withTaskIdLast(
                line.getCommandSpec(), args, dashed.get()) + " (or name it "
            + SafeText.shellQuote("./" + dashed.get()) + ")"), null, output);
      }
    }
    java.util.regex.Matcher helpTopic = UNKNOWN_HELP_TOPIC.matcher(String.valueOf(e.getMessage()));
    if (helpTopic.matches()) {
      // vidgen help generte: the same words, and the same nearest command, as vidgen generte.
      CommandLine root = line;
      while (root.getParent() != null) {
        root = root.getParent();
      }
      return notACommand(helpTopic.group(1), root, List.of(), output);
    }
    return Failures.report(e, null, output);
  }

  /** What picocli's {@code help} command says of a topic that is no command. */
  private static final java.util.regex.Pattern UNKNOWN_HELP_TOPIC = java.util.regex.Pattern.compile(
      "Unknown subcommand '(.*)'\\.?", java.util.regex.Pattern.DOTALL);

  /** {@code word}, given where a command goes, is none: the command meant, else the nearest, and the list. */
  private static int notACommand(String word, CommandLine root, List<String> suggestions, Output output) {
    List<String> commands = root.getSubcommands().keySet().stream().filter(name -> !name.equals("help")).toList();
    String meant = MEANT.get(word.toLowerCase(java.util.Locale.ROOT));
    String guess = (meant != null && commands.contains(meant) ? java.util.Optional.of(meant)
        : suggestions.stream().filter(commands::contains).findFirst()
            .or(() -> UnknownOptions.nearest(word, commands)))
        .map(near -> "did you mean " + near + "? ").orElse("");
    return Failures.report(CliException.usage("'" + word + "' is not a vidgen command",
        guess + "use one of " + String.join(", ", commands) + " (vidgen --help tells more)"), null, output);
  }

  /**
   * Whether a person can answer a question: standard input and stderr are a terminal, this process
   * runs in the terminal's foreground (not started with {@code &}) and not under CI (where a
   * terminal may be allocated that nobody types into).
   */
  static boolean canAsk() {
    String ci = System.getenv("CI");
    return (ci == null || ci.isBlank() || ci.equalsIgnoreCase("false")) && isTerminal(0) && stderrIsTerminal()
        && inForeground();
  }

  /**
   * On Linux, whether this process's group is the terminal's foreground group ({@code
   * /proc/self/stat}: pgrp and tpgid), since a background process that reads its terminal is
   * stopped; elsewhere, true.
   */
  private static boolean inForeground() {
    try {
      String stat = Files.readString(Path.of("/proc/self/stat"));
      // After the command name in parentheses: state, ppid, pgrp, session, tty_nr, tpgid, ...
      String[] fields = stat.substring(stat.lastIndexOf(')') + 1).trim().split("\\s+");
      return fields.length > 5 && fields[2].equals(fields[5]);
    } catch (IOException | RuntimeException e) {
      return true;
    }
  }

  /**
   * Whether stderr is a terminal. Java 17 cannot ask about stderr alone, so on Linux the file
   * descriptor's target is read; elsewhere a console on stdin and stdout stands in for it.
   */
  static boolean stderrIsTerminal() {
    String term = System.getenv("TERM");
    if ("dumb".equals(term)) {
      return false;
    }
    return isTerminal(2);
  }

  /** Whether file descriptor {@code fd} is a terminal, read from its target on Linux (elsewhere: a console). */
  static boolean isTerminal(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      if (Files.isSymbolicLink(link)) {
        String target = Files.readSymbolicLink(link).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
      }
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      // Fall through to the console check.
    }
    return System.console() != null;
  }
}
