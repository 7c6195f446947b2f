package dev.vidgen.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code {@link ViolationCodes} declares is raised by a check in core: a code no check raises promises users a
 * refusal they never get (as {@code follow_on.source_missing} once did).
 */
class ViolationCodesRaisedTest {
  private static final Path SOURCES = Path.of("src", "main", "java");

  @Test
  void everyDeclaredCodeIsRaisedBySomeCheckInCore() throws IOException {
    assertThat(SOURCES).as("run from the core module's folder").isDirectory();
    StringBuilder checks = new StringBuilder();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java"))
          .filter(f -> !f.endsWith(Path.of("ViolationCodes.java"))).toList()) {
        checks.append(Files.readString(file, StandardCharsets.UTF_8));
      }
    }
    List<String> declared = new ArrayList<>();
    for (Field field : ViolationCodes.class.getFields()) {
      if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
        declared.add(field.getName());
      }
    }

    assertThat(declared).as("ViolationCodes' constants").hasSizeGreaterThan(50);
    assertThat(declared).as("codes that no source of core raises (raise each, or remove it and its doc lines)")
        .filteredOn(name -> !Pattern.compile("\\bViolationCodes\\." + name + "\\b").matcher(checks).find()).isEmpty();
  }
}
