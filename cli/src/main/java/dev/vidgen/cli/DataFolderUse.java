package dev.vidgen.cli;

import static java.util.Map.entry;

import java.util.Map;

/**
 * What each command does with the data folder and the task history in it, in one list that every command must be
 * in: this decides whether a data folder the locale cannot name stops the command, is warned of, or does not matter.
 */
enum DataFolderUse {
  /** Reads or writes the task history for its work (the same-job check, the history itself): stops without it. */
  NEEDS_HISTORY,
  /** Follows a task already paid for, using the history when it can: warns and goes on without it. */
  FOLLOWS_TASKS,
  /** Never reads nor writes anything in the data folder: runs as if it were fine. */
  NONE;

  private static final Map<Class<? extends ClientCommand>, DataFolderUse> OF_COMMAND = Map.ofEntries(
      entry(ModelsCommand.class, NONE),
      entry(ValidateCommand.class, NONE),
      entry(QuoteCommand.class, NONE),
      entry(BalanceCommand.class, NONE),
      entry(StatusCommand.class, FOLLOWS_TASKS),
      entry(WaitCommand.class, FOLLOWS_TASKS),
      entry(DownloadCommand.class, FOLLOWS_TASKS),
      entry(GenerateCommand.class, NEEDS_HISTORY),
      entry(BatchCommand.class, NEEDS_HISTORY),
      entry(FollowOnCommand.Extend.class, NEEDS_HISTORY),
      entry(FollowOnCommand.Remix.class, NEEDS_HISTORY),
      entry(ServeCommand.class, NEEDS_HISTORY),
      entry(HistoryCommand.class, NEEDS_HISTORY));

  /**
   * The use of {@code command}'s class.
   *
   * @throws IllegalStateException for a command not in the list, so that a new command is placed in it
   */
  static DataFolderUse of(ClientCommand command) {
    DataFolderUse use = OF_COMMAND.get(command.getClass());
    if (use == null) {
      throw new IllegalStateException(command.getClass().getSimpleName() + " is not in DataFolderUse's list: add it"
          + " there with what it does with the task history");
    }
    return use;
  }
}
