package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite unpacks its native library (about 1 MB) each time a process starts using it, and a process killed outright
 * leaves that copy behind: vidgen has it unpacked into a folder of its own, where a later run removes copies an hour
 * old, and leaves a folder the user named alone. Each run is a process of its own: the library loads once per JVM.
 */
class NativeLibraryFolderTest {
  private static final Duration PROCESS_WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void aJournalOpensWithTheLibraryUnpackedInVidgenHomeAndNothingIsLeftAfterANormalEnd() throws Exception {
    Path home = dir.resolve("vidgen-home");
    Path own = home.resolve("sqlite-native");

    Run run = run(Map.of("VIDGEN_HOME", home.toString()), List.of(), dir.resolve("a.journal").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("tmpdir=" + own, "opened").containsPattern("library=sqlite-[^,]*libsqlitejdbc");
    assertThat(sqliteFiles(own)).as("the process's copy is removed when it ends").isEmpty();
  }

  @Test
  void aCopyLeftByARunKilledOutrightIsRemovedByALaterRunOnceAnHourOldAndAFreshOneIsKept() throws Exception {
    Path userHome = Files.createDirectory(dir.resolve("home"));
    Path own = userHome.resolve(".cache").resolve("vidgen").resolve("sqlite-native");
    Path journal = dir.resolve("k.journal");
    Path out = dir.resolve("killed.out");
    Process killed = start(Map.of("HOME", userHome.toString()), List.of(), out, journal.toString(), "hold");
    try {
      Awaitility.await().atMost(PROCESS_WAIT).until(() -> Files.readString(out).contains("opened"));
      assertThat(Files.readString(out)).contains("tmpdir=" + own);
      killed.destroyForcibly().waitFor(PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS);
    } finally {
      killed.destroy();
      killed.waitFor(PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS);
    }
    List<Path> left = sqliteFiles(own);
    assertThat(left).as("the killed run's library and its .lck").hasSize(2);
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    for (Path file : left) {
      Files.setLastModifiedTime(file, FileTime.from(twoHoursAgo));
    }
    Path fresh = Files.write(own.resolve("sqlite-3.53.4.0-fresh-libsqlitejdbc.so"), new byte[16]);
    Path freshLock = Files.write(own.resolve("sqlite-3.53.4.0-fresh-libsqlitejdbc.so.lck"), new byte[0]);
    Files.setLastModifiedTime(fresh, FileTime.from(Instant.now().minus(Duration.ofMinutes(10))));
    Path orphanLock = Files.write(own.resolve("sqlite-3.40.0.0-gone-libsqlitejdbc.so.lck"), new byte[0]);
    Files.setLastModifiedTime(orphanLock, FileTime.from(twoHoursAgo));
    Path notALibrary = Files.write(own.resolve("notes.txt"), new byte[0]);
    Files.setLastModifiedTime(notALibrary, FileTime.from(twoHoursAgo));

    Run later = run(Map.of("HOME", userHome.toString()), List.of(), journal.toString());

    assertThat(later.exitCode()).as(later.out()).isZero();
    assertThat(later.out()).contains("opened");
    assertThat(left).as("the killed run's copy is gone").allSatisfy(file -> assertThat(file).doesNotExist());
    assertThat(orphanLock).as("an old .lck whose library is gone").doesNotExist();
    assertThat(sqliteFiles(own)).as("a copy younger than an hour may be another run's").containsExactlyInAnyOrder(
        fresh, freshLock);
    assertThat(notALibrary).exists();
  }

  @Test
  void aRunOverAnExistingJournalAsAResumeUnpacksTheLibraryInVidgensFolderToo() throws Exception {
    Path home = dir.resolve("vidgen-home");
    Path own = home.resolve("sqlite-native");
    Path journal = dir.resolve("r.journal");
    Run first = run(Map.of("VIDGEN_HOME", home.toString()), List.of(), journal.toString());
    assertThat(first.exitCode()).as(first.out()).isZero();
    Assumptions.assumeTrue(first.out().contains("loaded="), "the system tells where a library was loaded from");

    Run resumed = run(Map.of("VIDGEN_HOME", home.toString()), List.of(), journal.toString());

    assertThat(resumed.exitCode()).as(resumed.out()).isZero();
    assertThat(resumed.out()).as("the look at the existing journal loads the driver too")
        .containsPattern("loaded=" + Pattern.quote(own.toString()) + "/sqlite-[^\\n]*libsqlitejdbc");
  }

  @Test
  void aFolderTheUserNamedIsUsedAndLeftAsItIs() throws Exception {
    Path userHome = Files.createDirectory(dir.resolve("home"));
    Path mine = Files.createDirectory(dir.resolve("mine"));
    Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2));
    Path old = Files.write(mine.resolve("sqlite-3.40.0.0-old-libsqlitejdbc.so"), new byte[16]);
    Path oldLock = Files.write(mine.resolve("sqlite-3.40.0.0-old-libsqlitejdbc.so.lck"), new byte[0]);
    Files.setLastModifiedTime(old, FileTime.from(twoHoursAgo));
    Files.setLastModifiedTime(oldLock, FileTime.from(twoHoursAgo));

    Run run = run(Map.of("HOME", userHome.toString()), List.of("-Dorg.sqlite.tmpdir=" + mine),
        dir.resolve("m.journal").toString());

    assertThat(run.exitCode()).as(run.out()).isZero();
    assertThat(run.out()).contains("tmpdir=" + mine, "opened").containsPattern("library=.*sqlite-3\\.53[^,]*");
    assertThat(old).as("the user's folder is the user's to tidy").exists();
    assertThat(oldLock).exists();
    assertThat(userHome.resolve(".cache")).as("no folder of vidgen's made").doesNotExist();
  }

  @Test
  void aLibraryThatAFileSizeLimitKeepsFromBeingUnpackedNamesThatFolderAndTheLimitNotAnotherFolder() throws Exception {
    Path home = dir.resolve("vidgen-home");
    Path journal = dir.resolve("f.journal");

    Run run = run(Map.of("VIDGEN_HOME", home.toString()), List.of(), journal.toString(), "ulimit -f 256");

    assertThat(run.exitCode()).as(run.out()).isEqualTo(3);
    assertThat(run.out()).contains("failed: SQLite journal " + journal + ": SQLite's native library could not be"
        + " unpacked into vidgen's folder for it " + home.resolve("sqlite-native") + " (File too large)",
        "a file-size limit stops it, most often the shell's (ulimit -f), which applies in every folder, so room there"
            + " or another folder does not help: run vidgen from a shell whose ulimit -f is unlimited, or at least"
            + " above 2 MB", "nothing was sent")
        .as("another folder, under the same limit, fails the same way").doesNotContain("folder with room")
        .doesNotContain("java.io.tmpdir");
  }

  private record Run(int exitCode, String out) {}

  private Run run(Map<String, String> env, List<String> options, String journal) throws Exception {
    return run(env, options, journal, null);
  }

  /** Runs {@link OpenJournalMain} on {@code journal}, first running {@code shellLimit} in a shell when given. */
  private Run run(Map<String, String> env, List<String> options, String journal, String shellLimit) throws Exception {
    Path out = Files.createTempFile(dir, "run", ".out");
    Process process = shellLimit == null ? start(env, options, out, journal)
        : startLimited(env, options, out, shellLimit, journal);
    if (!process.waitFor(PROCESS_WAIT.toSeconds(), TimeUnit.SECONDS)) {
      process.destroy();
      throw new AssertionError("the journal process did not end: " + Files.readString(out));
    }
    return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
  }

  private Process start(Map<String, String> env, List<String> options, Path out, String... args) throws IOException {
    return builder(env, command(options, args), out).start();
  }

  private Process startLimited(Map<String, String> env, List<String> options, Path out, String limit, String... args)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("sh", "-c", limit + " && exec \"$0\" \"$@\""));
    command.addAll(command(options, args));
    return builder(env, command, out).start();
  }

  private static List<String> command(List<String> options, String... args) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1"));
    command.addAll(options);
    command.add(OpenJournalMain.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  private ProcessBuilder builder(Map<String, String> env, List<String> command, Path out) {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(out.toFile()).directory(dir.toFile());
    builder.environment().keySet().removeAll(List.of("VIDGEN_HOME", "XDG_CACHE_HOME", "HOME", "JAVA_TOOL_OPTIONS"));
    builder.environment().putAll(env);
    return builder;
  }

  private static List<Path> sqliteFiles(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().startsWith("sqlite-")).collect(Collectors.toList());
    }
  }
}
