package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's "other commands" run as written from the repository root, on the mock (no key),
 * in order: TASK_ID stands for the id that {@code generate --no-wait} printed, as the README says.
 */
class ReadmeCommandsTest {
  @org.junit.jupiter.api.io.TempDir Path home;

  @Test
  void everyExampleCommandRunsAsWrittenFromTheRepositoryRoot() throws IOException {
    Path root = repositoryRoot();
    cleanTargets(root);
    List<String> lines = exampleLines(Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(10);

    String taskId = null;
    for (String line : lines) {
      String command = line.contains("#") ? line.substring(0, line.indexOf('#')).strip() : line.strip();
      if (command.contains(">")) {
        command = command.substring(0, command.indexOf('>')).strip();
      }
      assertThat(command).as("a README example starts with bin/vidgen").startsWith("bin/vidgen ");
      List<String> args = ShellWords.split(command.substring("bin/vidgen ".length()));
      if (args.contains("TASK_ID")) {
        assertThat(taskId).as("a --no-wait line comes before " + line).isNotNull();
        String id = taskId;
        args.replaceAll(word -> word.equals("TASK_ID") ? id : word);
      }
      CliRun.Result result = CliRun.in(root).env("HOME", home.toString()).run(args.toArray(String[]::new));
      int expected = line.contains("exit 2") ? 2 : 0;
      assertThat(result.exitCode()).as(line + "\n" + result.all()).isEqualTo(expected);
      if (args.contains("--no-wait")) {
        taskId = result.out().lines().filter(l -> l.startsWith("task")).findFirst()
            .map(l -> l.replaceFirst("^task\\s+", "").strip()).orElseThrow(() -> new AssertionError(result.all()));
      }
    }
    assertThat(root.resolve("target/wait/" + taskId + ".mp4")).isRegularFile();
    assertThat(root.resolve("target/download/" + taskId + ".mp4")).isRegularFile();
    try (Stream<Path> videos = Files.list(root.resolve("target/jobs"))) {
      assertThat(videos.filter(p -> p.toString().endsWith(".mp4")).count()).isEqualTo(3);
    }
  }

  static List<String> exampleLines(String readme) {
    int section = readme.indexOf("## The other commands");
    int open = readme.indexOf("```", section);
    int close = readme.indexOf("```", open + 3);
    return readme.substring(readme.indexOf('\n', open) + 1, close).lines().filter(l -> !l.isBlank()).toList();
  }

  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("README.md")) && Files.exists(dir.resolve("docs/examples/product.png"))) {
        return dir;
      }
    }
    throw new AssertionError("no repository root above " + Path.of("").toAbsolutePath());
  }

  private static void cleanTargets(Path root) throws IOException {
    for (String folder : List.of("target/wait", "target/download", "target/jobs")) {
      Path dir = root.resolve(folder);
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(file);
          }
        }
      }
    }
    Files.deleteIfExists(root.resolve("target/jobs.journal"));
    Files.deleteIfExists(root.resolve("target/jobs.journal-wal"));
    Files.deleteIfExists(root.resolve("target/jobs.journal-shm"));
  }
}
