package dev.vidgen.cli;

import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Refuses an option given an empty (or blank) value, such as {@code --provider ""} or {@code --base-url "$UNSET"}, before
 * any command runs: it is a mistake, never the option's default, which could be a paid provider or the real service.
 */
final class EmptyOptionValues {
  /**
   * Options whose command refuses an empty value in its own words, once it runs ({@code --out}'s converter refuses
   * one while the line is read, before this check).
   */
  private static final Set<String> SAID_BY_THEIR_COMMAND = Set.of("--image");

  private EmptyOptionValues() {}

  /** Runs the command {@code parsed} names, as picocli would, unless an option in it was given an empty value. */
  static int refuseThenRun(ParseResult parsed) {
    if (!asksForHelp(parsed)) {
      for (ParseResult each = parsed; each != null; each = each.hasSubcommand() ? each.subcommand() : null) {
        for (OptionSpec option : each.matchedOptions()) {
          if (isEmptied(option)) {
            throw new ParameterException(each.commandSpec().commandLine(), option.longestName() + " is given but"
                + " empty", refusal(option));
          }
        }
      }
    }
    return new CommandLine.RunLast().execute(parsed);
  }

  /** Whether {@code --help} or {@code --version} was asked for anywhere on the line: that is answered as it is. */
  private static boolean asksForHelp(ParseResult parsed) {
    for (ParseResult each = parsed; each != null; each = each.hasSubcommand() ? each.subcommand() : null) {
      if (each.isUsageHelpRequested() || each.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isEmptied(OptionSpec option) {
    return option.arity().max() > 0 && !SAID_BY_THEIR_COMMAND.contains(option.longestName())
        && option.originalStringValues().stream().anyMatch(String::isBlank);
  }

  /** What an empty {@code option} is told: that it was given empty, and what it takes. */
  static CliException refusal(OptionSpec option) {
    String name = option.longestName();
    List<String> examples = option.completionCandidates() == null ? List.of()
        : StreamSupport.stream(option.completionCandidates().spliterator(), false).limit(3).toList();
    String takes = name + " " + option.paramLabel() + (examples.isEmpty() ? ""
        : " (such as " + String.join(" or ", examples) + ")");
    return CliException.usage(name + " is given but empty; an empty value is a mistake, never " + name
        + "'s default, so nothing was sent", "give " + takes + ", or leave " + name + " out (an empty shell"
            + " variable, as in " + name + " \"$VAR\", gives an empty value)");
  }
}
