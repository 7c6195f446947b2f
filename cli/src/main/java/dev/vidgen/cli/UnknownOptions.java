package dev.vidgen.cli;

import dev.vidgen.core.files.SystemPaths;
import dev.vidgen.core.text.EditDistance;
import dev.vidgen.core.text.SafeText;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Words for options a command does not take: the command that takes one placed before it, the name a command
 * gives an option that another spells differently, else the nearest option. A value is never called an option.
 */
final class UnknownOptions {
  private UnknownOptions() {}

  /** Options that commands spell differently, by a spelling another command takes (generate's, extend's, batch's). */
  private static final Map<String, List<String>> OTHER_NAMES = Map.ofEntries(
      Map.entry("--aspect-ratio", List.of("--size")),
      Map.entry("--size", List.of("--aspect-ratio")),
      Map.entry("--ratio", List.of("--aspect-ratio", "--size")),
      Map.entry("--duration", List.of("--seconds")),
      Map.entry("--length", List.of("--seconds")),
      Map.entry("--output", List.of("--out", "--out-dir")),
      Map.entry("-o", List.of("--out", "--out-dir")),
      Map.entry("--out", List.of("--out-dir")),
      Map.entry("--out-dir", List.of("--out")));

  /** The endings of an image's name, by which a word given without an option is told as {@code --image}. */
  private static final List<String> IMAGE_ENDINGS = List.of(".png", ".jpg", ".jpeg", ".webp");

  /** Options a user may try for the key, which no command takes: it is read from the environment only. */
  private static final Set<String> KEY_OPTIONS = Set.of(
      "--api-key", "--apikey", "--api_key", "--key", "--token", "-k");

  /** Options a user may try for a budget in money, which vidgen counts in credits ({@code --max-credits}). */
  private static final Set<String> MONEY_OPTIONS = Set.of(
      "--max-usd", "--usd", "--max-dollars", "--dollars", "--max-dollar", "--budget", "--max-budget", "--max-cost",
      "--cost", "--max-price", "--price", "--max-spend", "--spend", "--max-money");

  /**
   * What is wrong with {@code unmatched}, the words {@code line} could not match in {@code args}; empty when none of
   * them looks like an option (a stray value is picocli's to tell).
   */
  static Optional<CliException> explain(CommandLine line, List<String> unmatched, String[] args, Path workingDir) {
    List<String> options = unmatched.stream().filter(UnknownOptions::looksLikeOption).toList();
    if (options.isEmpty()) {
      return strayWords(line, unmatched, workingDir);
    }
    if (line.getParent() == null) {
      Optional<CliException> misplaced = misplaced(line, options.get(0), unmatched, args);
      if (misplaced.isPresent()) {
        return misplaced;
      }
    }
    CommandSpec spec = line.getCommandSpec();
    Optional<CliException> afterEnd = afterEndOfOptions(spec, options, args);
    if (afterEnd.isPresent()) {
      return afterEnd;
    }
    List<String> quoted = options.stream().map(word -> "'" + nameOf(word) + "'").toList();
    String message = options.size() == 1 ? quoted.get(0) + " is not an option of " + spec.qualifiedName()
        : and(quoted) + " are not options of " + spec.qualifiedName();
    List<String> hints = new ArrayList<>();
    Optional<String> dashedId = options.stream().filter(word -> !word.startsWith("--")).findFirst()
        .filter(word -> takesATask(spec) && !OTHER_NAMES.containsKey(word)
            && !KEY_OPTIONS.contains(word.toLowerCase(Locale.ROOT)));
    dashedId.ifPresent(word -> hints.add("a task id that starts with - goes last, after --, which ends the options: "
        + withTaskIdLast(spec, args, word)));
    options.stream().filter(word -> dashedId.map(id -> !id.equals(word)).orElse(true))
        .forEach(word -> hint(line, nameOf(word)).ifPresent(hints::add));
    String lists = spec.qualifiedName() + " --help lists its options";
    return Optional.of(CliException.usage(message + "; nothing was sent",
        hints.isEmpty() ? lists : joined(hints) + " (" + lists + ")"));
  }

  /**
   * Options written after {@code --}, which ends the options ({@code vidgen status -- -abc --json}): every word after it
   * is a value, so they are said as such, with the command that puts them before it; empty when none of them is.
   */
  private static Optional<CliException> afterEndOfOptions(CommandSpec spec, List<String> options, String[] args) {
    List<String> words = Arrays.asList(args);
    int command = words.indexOf(spec.name());
    int end = words.subList(Math.max(command, 0), words.size()).indexOf("--");
    if (command < 0 || end < 0) {
      return Optional.empty();
    }
    end += command;
    List<String> after = words.subList(end + 1, words.size());
    if (after.isEmpty() || !after.containsAll(options)
        || !options.stream().allMatch(word -> spec.findOption(nameOf(word)) != null)) {
      return Optional.empty(); // a word no option's name is told as such, wherever it stands
    }
    // What the user wrote, the words after the first value moved before the --.
    List<String> example = new ArrayList<>(List.of(spec.qualifiedName()));
    example.addAll(words.subList(command + 1, end));
    example.addAll(after.subList(1, after.size()));
    example.add("--");
    example.add(after.get(0));
    List<String> quoted = options.stream().map(word -> "'" + nameOf(word) + "'").toList();
    String shown = example.stream().map(word -> word.equals(spec.qualifiedName()) ? word
        : SafeText.shellQuote(word)).collect(Collectors.joining(" "));
    return Optional.of(CliException.usage(and(quoted) + (options.size() == 1 ? " comes" : " come")
        + " after --, which ends the options, so " + (options.size() == 1 ? "it was read as a value, not as an option"
        : "they were read as values, not as options") + "; nothing was sent", "put the options before -- and only the"
        + " task id after it: " + shown));
  }

  /**
   * The command as written, with {@code dashed} (a task id that starts with {@code -}) moved last, after {@code --},
   * keeping only what the command takes ({@code vidgen status --json -- -abc}): an option it does not take, with the
   * value written after it, and a value it has no room for are left out, and named, so that the command runs as shown.
   */
  static String withTaskIdLast(CommandSpec spec, String[] args, String dashed) {
    List<String> words = Arrays.asList(args);
    int command = words.indexOf(spec.name());
    List<String> kept = new ArrayList<>();
    List<String> values = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    // The values the command takes besides the task id.
    int room = spec.positionalParameters().stream().mapToInt(value -> Math.min(value.arity().max(), args.length))
        .sum() - 1;
    boolean moved = false;
    boolean ended = false;
    for (int at = command + 1; at < words.size(); at++) {
      String word = words.get(at);
      OptionSpec option = ended || !looksLikeOption(word) ? null : spec.findOption(nameOf(word));
      boolean withValue = !word.contains("=") && at + 1 < words.size();
      if (ended && room-- > 0) {
        values.add(word); // after --, a value, as it stays after the id
      } else if (ended) {
        dropped.add(SafeText.shellQuote(word));
      } else if (word.equals("--")) {
        ended = true;
      } else if (!moved && word.equals(dashed)) {
        moved = true;
      } else if (option != null) {
        kept.add(word);
        if (withValue && option.arity().max() > 0) {
          kept.add(words.get(++at));
        }
      } else if (looksLikeOption(word)) {
        // An option the command does not take, and the value written after it, which it would be given as a task.
        String next = withValue ? words.get(at + 1) : null;
        dropped.add(next != null && !next.equals("--") && !looksLikeOption(next)
            ? SafeText.shellQuote(word) + " " + SafeText.shellQuote(words.get(++at)) : SafeText.shellQuote(word));
      } else if (room-- > 0) {
        kept.add(word);
      } else {
        dropped.add(SafeText.shellQuote(word));
      }
    }
    StringBuilder text = new StringBuilder(spec.qualifiedName());
    kept.forEach(word -> text.append(' ').append(SafeText.shellQuote(word)));
    text.append(" -- ").append(SafeText.shellQuote(dashed));
    values.forEach(word -> text.append(' ').append(SafeText.shellQuote(word)));
    if (!dropped.isEmpty()) {
      text.append(" (without ").append(and(dropped)).append(", which ").append(spec.qualifiedName())
          .append(" does not take)");
    }
    return text.toString();
  }

  /** Whether {@code spec}'s command takes a task as its first value ({@code status}, {@code wait}, …). */
  private static boolean takesATask(CommandSpec spec) {
    return spec.positionalParameters().stream().anyMatch(value -> value.paramLabel().startsWith("TASK"));
  }

  /**
   * The first word after {@code line}'s command, before any {@code --}, that looks like an option it does not take:
   * one with a single {@code -}, as a task id is, before one with two ({@code --frobnicate} is a mistyped option).
   */
  static Optional<String> unknownOptionWord(CommandLine line, String[] args) {
    CommandSpec spec = line.getCommandSpec();
    List<String> words = Arrays.asList(args);
    int command = words.indexOf(spec.name());
    String first = null;
    for (int at = command + 1; command >= 0 && at < words.size() && !words.get(at).equals("--"); at++) {
      String word = words.get(at);
      OptionSpec option = spec.findOption(nameOf(word));
      if (option != null) {
        at += !word.contains("=") && option.arity().max() > 0 ? 1 : 0;
      } else if (looksLikeOption(word) && !word.startsWith("--")) {
        return Optional.of(word);
      } else if (looksLikeOption(word) && first == null) {
        first = word;
      }
    }
    return Optional.ofNullable(first);
  }

  /** The nearest of {@code candidates} to {@code word} by its letters (case folded), if near enough to be meant. */
  static Optional<String> nearest(String word, Collection<String> candidates) {
    String typed = word.toLowerCase(Locale.ROOT);
    int allowed = Math.max(2, typed.replaceFirst("^-+", "").length() / 3);
    return candidates.stream()
        .filter(candidate -> EditDistance.between(typed, candidate.toLowerCase(Locale.ROOT)) <= allowed)
        .min(Comparator.comparingInt(candidate -> EditDistance.between(typed, candidate.toLowerCase(Locale.ROOT))));
  }

  /**
   * An option of a command placed before it ({@code vidgen --max-credits 1 generate}): said as belonging after the
   * command, with the command form; empty when no command takes it.
   */
  private static Optional<CliException> misplaced(CommandLine root, String word, List<String> unmatched,
      String[] args) {
    String name = nameOf(word);
    Map<String, CommandLine> commands = root.getSubcommands();
    List<String> takers = commands.entrySet().stream().filter(command -> !command.getKey().equals("help"))
        .filter(command -> command.getValue().getCommandSpec().findOption(name) != null)
        .map(Map.Entry::getKey).toList();
    if (takers.isEmpty()) {
      return Optional.empty();
    }
    String given = Arrays.stream(args).filter(commands::containsKey).filter(arg -> !arg.equals("help"))
        .findFirst().orElse(null);
    String command = given != null && takers.contains(given) ? given : takers.get(0);
    OptionSpec option = commands.get(command).getCommandSpec().findOption(name);
    int at = unmatched.indexOf(word);
    boolean takesValue = !word.contains("=") && option.arity().max() > 0 && at + 1 < unmatched.size();
    String example = "vidgen " + command + " " + word + (takesValue ? " " + unmatched.get(at + 1) : "") + " …";
    String whose = given != null && !takers.contains(given)
        ? "an option of " + and(takers) + ", not of " + given + " or of vidgen itself"
        : "an option of vidgen " + command + ", not of vidgen itself";
    return Optional.of(CliException.usage("'" + name + "' is " + whose + ": it belongs after the command; nothing was"
        + " sent", "write it like " + example + " (only the common options, listed by vidgen --help, go before or"
        + " after the command)"));
  }

  /**
   * Words without an option given to a command that takes none but has {@code --image} and {@code --prompt} ({@code
   * vidgen generate cat.png "the cat walks"}): said as the command they were likely meant for, the first word that
   * names a file that exists or looks like an image's name as {@code --image}, the other words joined as the one
   * {@code --prompt} the command takes. Empty for any other command (picocli's words stand).
   */
  private static Optional<CliException> strayWords(CommandLine line, List<String> unmatched, Path workingDir) {
    CommandSpec spec = line.getCommandSpec();
    if (unmatched.isEmpty() || !spec.positionalParameters().isEmpty() || spec.findOption("--image") == null
        || spec.findOption("--prompt") == null) {
      return Optional.empty();
    }
    String image = null;
    List<String> promptWords = new ArrayList<>();
    for (String word : unmatched) {
      if (image == null && (isFile(word, workingDir) || looksLikeImage(word))) {
        image = word;
      } else {
        promptWords.add(word);
      }
    }
    List<String> written = new ArrayList<>();
    if (image != null) {
      written.add("--image " + SafeText.shellQuote(image));
    }
    if (!promptWords.isEmpty()) {
      written.add("--prompt " + SafeText.shellQuote(String.join(" ", promptWords)));
    }
    String missing = image != null && !isFile(image, workingDir) && !image.contains("://")
        ? "; there is no file " + SafeText.clip(SafeText.clean(image), 60) + " in " + SafeText.clean(
            workingDir.toString()) + ", so give the image's path"
        : "";
    List<String> shown = unmatched.stream().map(word -> "'" + SafeText.clip(
        SafeText.clean(word), 60) + "'").toList();
    String command = spec.qualifiedName();
    return Optional.of(CliException.usage(command + " takes each value after its option (--image FILE, --prompt TEXT);"
        + " " + and(shown) + (shown.size() == 1 ? " was" : " were") + " given without one; nothing was sent",
        "write it like " + command + " " + String.join(" ", written) + missing + " (" + command
            + " --help lists its options)"));
  }

  /** Whether {@code word} reads like an image rather than a prompt: one word ending in an image file's extension. */
  private static boolean looksLikeImage(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return !lower.isBlank() && lower.chars().noneMatch(Character::isWhitespace)
        && IMAGE_ENDINGS.stream().anyMatch(lower::endsWith);
  }

  /** Whether {@code word} names a file that exists, read against {@code workingDir}. */
  private static boolean isFile(String word, Path workingDir) {
    try {
      return Files.isRegularFile(SystemPaths.resolve(workingDir, Path.of(word)));
    } catch (InvalidPathException | SecurityException e) {
      return false;
    }
  }

  /** What {@code name} was likely meant as in {@code line}'s command, if anything is near. */
  private static Optional<String> hint(CommandLine line, String name) {
    CommandSpec spec = line.getCommandSpec();
    String command = spec.qualifiedName();
    if (KEY_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of("the key is read from " + ProviderChoice.KEY_VARIABLE + " (never an option, so that it stays"
          + " out of the shell history): export " + ProviderChoice.KEY_VARIABLE + "=sk-...");
    }
    if (MONEY_OPTIONS.contains(name.toLowerCase(Locale.ROOT))) {
      return Optional.of(budgetHint(line));
    }
    if (name.equals("--timeout") && spec.name().equals("download")) {
      return Optional.of(command + " does not wait, so it takes no --timeout: vidgen wait TASK_ID --timeout DURATION"
          + " waits for a task, and a slow server is given longer with --set timeout.read=DURATION");
    }
    for (String other : OTHER_NAMES.getOrDefault(name, List.of())) {
      if (spec.findOption(other) != null) {
        return Optional.of("did you mean " + other + ", " + command + "'s name for it?");
      }
    }
    List<String> names = spec.options().stream().filter(option -> !option.hidden())
        .flatMap(option -> Arrays.stream(option.names())).filter(each -> each.startsWith("--")).toList();
    Optional<String> near = nearest(name, names);
    if (near.isPresent()) {
      return Optional.of("did you mean " + near.get() + "?");
    }
    CommandLine root = line;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    List<String> takers = root.getSubcommands().entrySet().stream()
        .filter(entry -> entry.getValue().getCommandSpec().findOption(name) != null)
        .map(entry -> "vidgen " + entry.getKey()).toList();
    return takers.isEmpty() ? Optional.empty() : Optional.of(name + " is an option of " + and(takers));
  }

  /**
   * Where a budget in money goes: {@code --max-credits N}, in the provider's credits, with the rate and the commands
   * that show it; the commands that take it when {@code line}'s does not.
   */
  private static String budgetHint(CommandLine line) {
    String rate = "a budget is counted in credits: --max-credits N, where 1 USD is the provider's credits per USD (200"
        + " for toapis, so $0.15 is --max-credits 30); vidgen quote shows a job's price in credits and dollars, and"
        + " vidgen balance --json the key's rate (credits_per_usd)";
    if (line.getCommandSpec().findOption("--max-credits") != null) {
      return rate;
    }
    CommandLine root = line;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    List<String> takers = root.getSubcommands().entrySet().stream()
        .filter(entry -> !entry.getKey().equals("help"))
        .filter(entry -> entry.getValue().getCommandSpec().findOption("--max-credits") != null)
        .map(entry -> "vidgen " + entry.getKey()).toList();
    return rate + "; --max-credits is an option of " + and(takers);
  }

  /** The hints in one sentence: after a question a space, else a semicolon. */
  private static String joined(List<String> hints) {
    StringBuilder text = new StringBuilder(hints.get(0));
    for (String hint : hints.subList(1, hints.size())) {
      text.append(text.charAt(text.length() - 1) == '?' ? " " : "; ").append(hint);
    }
    return text.toString();
  }

  /** "a", "a and b", "a, b and c". */
  private static String and(List<String> words) {
    return words.size() == 1 ? words.get(0)
        : String.join(", ", words.subList(0, words.size() - 1)) + " and " + words.get(words.size() - 1);
  }

  /** The option's name in {@code word}: {@code --out} of {@code --out=x}. */
  private static String nameOf(String word) {
    int eq = word.indexOf('=');
    return word.startsWith("--") && eq > 0 ? word.substring(0, eq) : word;
  }

  /** An option, not a value: starts with {@code -}, is not {@code -} alone (stdin, stdout) and is not a number. */
  private static boolean looksLikeOption(String word) {
    return word.startsWith("-") && word.length() > 1 && !word.matches("-[0-9.].*");
  }
}
