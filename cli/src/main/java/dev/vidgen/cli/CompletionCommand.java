package dev.vidgen.cli;

import java.util.Locale;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vidgen completion bash|zsh}: prints a completion script that knows every command, every
 * option and the model ids; picocli writes it from the command tree itself, so it never drifts.
 */
@Command(name = "completion", sortOptions = false, mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class, usageHelpAutoWidth = true,
    description = {"Print a shell completion script (commands, options, model ids).",
        "bash: source <(vidgen completion bash)",
        "zsh:  source <(vidgen completion zsh)"})
final class CompletionCommand implements java.util.concurrent.Callable<Integer> {
  @ParentCommand VidgenCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", description = "bash or zsh.",
      completionCandidates = Shells.class)
  String shell;

  /** The shells vidgen writes completion for, offered by completion for {@code vidgen completion <TAB>}. */
  static final class Shells implements Iterable<String> {
    static final java.util.List<String> NAMES = java.util.List.of("bash", "zsh");

    @Override
    public java.util.Iterator<String> iterator() {
      return NAMES.iterator();
    }
  }

  @Override
  public Integer call() {
    if (shell == null) {
      // Said as an unknown shell is, not as picocli's "Missing required parameter: 'SHELL'".
      throw CliException.usage("vidgen completion needs the shell to write completion for: bash or zsh",
          "source <(vidgen completion bash), or source <(vidgen completion zsh)");
    }
    String wanted = shell.strip().toLowerCase(Locale.ROOT);
    if (!Shells.NAMES.contains(wanted)) {
      throw CliException.usage("'" + shell + "' is not a shell vidgen writes completion for", "use bash or zsh");
    }
    CommandLine tree = Main.commandLine(parent.context());
    String script = AutoComplete.bash("vidgen", tree);
    if (wanted.equals("zsh")) {
      script = "autoload -U +X compinit && compinit\nautoload -U +X bashcompinit && bashcompinit\n" + script;
    }
    if (parent.json) {
      // One JSON object, as every command's --json gives: the script is its "script".
      java.util.Map<String, Object> json = new java.util.LinkedHashMap<>();
      json.put("shell", wanted);
      json.put("script", script);
      parent.context().out().println(dev.vidgen.core.json.JsonTrees.write(json));
    } else {
      parent.context().out().print(script);
    }
    parent.context().out().flush();
    return ExitCodes.DONE;
  }
}
