package dev.vidgen.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * The base of every subcommand: a {@link Session} with the client, the root's shared options
 * (such as {@code --json}, before or after the command), and one place
 * that turns failures into exit codes and messages. A subcommand implements {@link #run}.
 */
@Command(
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    footerHeading = "%n",
    footer = "The common options (those vidgen --help lists: --provider, --base-url, --routes, --json, --verbose, --set"
        + " and the others) go before or after the command;"
        + " exit codes and examples are in docs/cli.md.")
abstract class ClientCommand implements Callable<Integer> {
  @ParentCommand VidgenCommand root;

  @Override
  public final Integer call() {
    CliContext context = root.context();
    // Every word the command prints has the environment's keys masked, whichever provider's text echoed one.
    Output output = new Output(context.out(), context.err(), root.json, ShownKeys.of(context.env()));
    if (writesVideoToStdout()) {
      output = output.toStderr();
    }
    try (Session session = new Session(root, output, followsTasks())) {
      try {
        // Before the command reads or sends anything: the task history it would check may be out of reach.
        Optional<CliException> unnameable = UnnameableDataFolder.check(session, DataFolderUse.of(this));
        if (unnameable.isPresent()) {
          return Failures.report(unnameable.get(), session, output);
        }
        // A data folder another user may write or has planted a link in is never used: before any create.
        Optional<CliException> unsafe = UnsafeDataFolder.check(session, DataFolderUse.of(this));
        if (unsafe.isPresent()) {
          return Failures.report(unsafe.get(), session, output);
        }
        return run(session, output);
      } catch (RuntimeException e) {
        return Failures.report(e, session, output);
      } catch (Error e) {
        // A provider's own Error (a class missing from its jar, a failed assertion) reads as any unexpected
        // failure, in one line; only the JVM itself failing (out of memory, an internal error) goes on as it is.
        if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
          throw e;
        }
        return Failures.report(e, session, output);
      }
    } catch (RuntimeException e) {
      // Closing the client failed; the command's own result has been printed already.
      return Failures.report(e, null, output);
    }
  }

  /**
   * Whether the command follows tasks already made (status, wait, download, as {@link DataFolderUse} lists them): a
   * broken route file only warns.
   */
  final boolean followsTasks() {
    return DataFolderUse.of(this) == DataFolderUse.FOLLOWS_TASKS;
  }

  /** Whether stdout carries the video ({@code --out -}), so that everything else goes to stderr. */
  boolean writesVideoToStdout() {
    return false;
  }

  /** Does the command's work and returns its exit code; throws on failure. */
  abstract int run(Session session, Output output);
}
