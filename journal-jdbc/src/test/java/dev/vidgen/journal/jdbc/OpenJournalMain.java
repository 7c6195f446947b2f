package dev.vidgen.journal.jdbc;

import dev.vidgen.batch.journal.JobStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Opens the journal its first argument names, as a process of its own, and says where SQLite unpacked its native
 * library; with a second argument {@code hold} it keeps the journal open until its input ends (or it is killed).
 */
final class OpenJournalMain {
  private OpenJournalMain() {}

  public static void main(String[] args) throws IOException {
    try (JobStore store = Journals.open(args[0])) {
      String folder = System.getProperty("org.sqlite.tmpdir");
      System.out.println("tmpdir=" + (folder == null ? "none" : folder));
      if (folder != null) {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
          System.out.println("library=" + files.map(file -> file.getFileName().toString()).sorted()
              .collect(Collectors.joining(",")));
        }
      }
      // Where the library was loaded from, as the system maps it (Linux): the property alone does not say it.
      Path maps = Path.of("/proc/self/maps");
      if (Files.isReadable(maps)) {
        try (Stream<String> lines = Files.lines(maps)) {
          lines.filter(line -> line.contains("sqlitejdbc")).map(line -> line.substring(line.indexOf('/')))
              .findFirst().ifPresent(path -> System.out.println("loaded=" + path));
        }
      }
      System.out.println("opened");
      System.out.flush();
      if (args.length > 1 && args[1].equals("hold")) {
        while (System.in.read() >= 0) {
          // held open until the input ends
        }
      }
    } catch (JournalException e) {
      System.out.println("failed: " + e.getMessage());
      System.exit(3);
    }
  }
}
