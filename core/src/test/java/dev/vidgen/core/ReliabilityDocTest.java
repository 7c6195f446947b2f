package dev.vidgen.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md promises a test for every fault; this checks that each {@code Class#method}
 * it names is a method in that class somewhere in the repository's sources, and that every row
 * names one (or is marked {@code TBD(helper)} until its work is merged).
 */
class ReliabilityDocTest {
  private static final Pattern TEST = Pattern.compile("`([A-Z][A-Za-z0-9]*)#([a-z][A-Za-z0-9]*)`");
  private static final Pattern TBD = Pattern.compile("TBD\\([a-z]+\\)");

  @Test
  void everyRowNamesATestAndEveryNamedTestExists() throws IOException {
    Path root = repositoryRoot();
    List<String> rows = tableRows(root.resolve("docs/reliability.md"));
    Map<String, List<Path>> sources = javaSources(root);

    assertThat(rows).as("fault rows in docs/reliability.md").hasSizeGreaterThanOrEqualTo(30);
    List<String> problems = new ArrayList<>();
    for (String row : rows) {
      String[] cells = row.split("\\|");
      String tests = cells[cells.length - 1];
      Matcher named = TEST.matcher(tests);
      boolean any = false;
      while (named.find()) {
        any = true;
        String type = named.group(1);
        String method = named.group(2);
        if (!declares(sources.getOrDefault(type, List.of()), method)) {
          problems.add(type + "#" + method + " (no such test) in: " + cells[1].strip());
        }
      }
      if (!any) {
        problems.add("no test named for: " + cells[1].strip());
      }
    }
    assertThat(problems).as("rows of docs/reliability.md whose test is missing").isEmpty();
  }

  /** The rows of every table, without headers and separators. */
  private static List<String> tableRows(Path markdown) throws IOException {
    List<String> lines = Files.readAllLines(markdown);
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      boolean header = i + 1 < lines.size() && lines.get(i + 1).startsWith("|---");
      if (line.startsWith("| ") && !header) {
        rows.add(line);
      }
    }
    return rows;
  }

  private static boolean declares(List<Path> files, String method) {
    Pattern declaration = Pattern.compile("\\bvoid\\s+" + Pattern.quote(method) + "\\s*\\(");
    return files.stream().anyMatch(file -> {
      try {
        return declaration.matcher(Files.readString(file)).find();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** Every Java source file under a {@code src} folder, by simple class name. */
  private static Map<String, List<Path>> javaSources(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(file -> file.toString().endsWith(".java"))
          .filter(file -> root.relativize(file).toString().contains("src/"))
          .filter(file -> !root.relativize(file).toString().contains("target/"))
          .collect(Collectors.groupingBy(file -> file.getFileName().toString().replace(".java", "")));
    }
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docs/reliability.md"))) {
        return dir;
      }
    }
    throw new AssertionError("docs/reliability.md not found above " + Path.of("").toAbsolutePath());
  }
}
