package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command is in {@link DataFolderUse}'s one list, which says what a data folder out of reach does to it. */
class DataFolderUseTest {
  @Test
  void everyCommandSaysWhatItDoesWithTheDataFolder() {
    Map<String, DataFolderUse> uses = new TreeMap<>();
    Map<String, Boolean> follows = new TreeMap<>();
    PrintWriter quiet = new PrintWriter(new StringWriter(), true);
    CommandLine line = Main.commandLine(new CliContext(Map.of(), quiet, quiet, () -> false, Path.of(".")));
    line.getSubcommands().forEach((name, sub) -> {
      if (sub.getCommand() instanceof ClientCommand command) {
        uses.put(name, DataFolderUse.of(command));
        follows.put(name, command.followsTasks());
      }
    });

    assertThat(uses).containsOnly(
        Map.entry("models", DataFolderUse.NONE),
        Map.entry("validate", DataFolderUse.NONE),
        Map.entry("quote", DataFolderUse.NONE),
        Map.entry("balance", DataFolderUse.NONE),
        Map.entry("status", DataFolderUse.FOLLOWS_TASKS),
        Map.entry("wait", DataFolderUse.FOLLOWS_TASKS),
        Map.entry("download", DataFolderUse.FOLLOWS_TASKS),
        Map.entry("generate", DataFolderUse.NEEDS_HISTORY),
        Map.entry("batch", DataFolderUse.NEEDS_HISTORY),
        Map.entry("extend", DataFolderUse.NEEDS_HISTORY),
        Map.entry("remix", DataFolderUse.NEEDS_HISTORY),
        Map.entry("serve", DataFolderUse.NEEDS_HISTORY),
        Map.entry("history", DataFolderUse.NEEDS_HISTORY));
    assertThat(follows).containsOnlyKeys(uses.keySet()).allSatisfy((name, follow) ->
        assertThat(follow).as(name).isEqualTo(uses.get(name) == DataFolderUse.FOLLOWS_TASKS));
  }
}
