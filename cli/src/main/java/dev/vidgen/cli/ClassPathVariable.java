package dev.vidgen.cli;

import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code VIDGEN_CLASSPATH}, which only {@code bin/vidgen} reads: a note for when it is set but none of its jars is on
 * the class path this JVM was started with, as under {@code java -jar}, which ignores any class path.
 */
final class ClassPathVariable {
  static final String NAME = "VIDGEN_CLASSPATH";

  private ClassPathVariable() {}

  /**
   * Words saying that {@code variable} (the value of {@value #NAME}, if set) was not read, when none of its entries is
   * on {@code classPath} (this JVM's {@code java.class.path}); empty when it is unset, blank or in use.
   */
  static Optional<String> ignoredNote(Optional<String> variable, String classPath) {
    List<String> named = variable.map(value -> Arrays.stream(value.split(File.pathSeparator))
        .map(String::strip).filter(entry -> !entry.isEmpty()).toList()).orElse(List.of());
    if (named.isEmpty()) {
      return Optional.empty();
    }
    Set<String> onClassPath = Arrays.stream(String.valueOf(classPath).split(File.pathSeparator))
        .map(ClassPathVariable::normalized).collect(Collectors.toSet());
    if (named.stream().map(ClassPathVariable::normalized).anyMatch(onClassPath::contains)) {
      return Optional.empty();
    }
    return Optional.of(NAME + " is set, but none of its jars is on this java's class path: only bin/vidgen reads it"
        + " (java -jar ignores any class path); run bin/vidgen, or java -cp vidgen-cli-<version>-all.jar:$" + NAME
        + " dev.vidgen.cli.Main … (docs/writing-a-provider.md#running-it-under-the-cli)");
  }

  /** {@code entry} as an absolute, normalized path when it is one, else as written. */
  private static String normalized(String entry) {
    try {
      return Path.of(entry.strip()).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException notAPath) {
      return entry.strip();
    }
  }
}
