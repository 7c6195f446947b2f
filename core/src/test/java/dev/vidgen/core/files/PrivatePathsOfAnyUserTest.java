package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own private folder is never refused as another user's, whoever the user is: CI runs as root, so the case
 * of an ordinary user is also run in a child JVM as uid 65534 (where {@code setpriv} can start one).
 */
@EnabledOnOs(OS.LINUX)
class PrivatePathsOfAnyUserTest {
  private static final int NOBODY = 65534;

  @Test
  void aFolderOfThisUsersOwnWithMode700IsAccepted(@TempDir Path dir) throws IOException {
    Path home = Files.createDirectory(dir.resolve("home"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));

    assertThat(PrivatePaths.problem(home)).isEmpty();
    assertThat(PrivatePaths.folderProblem(home)).isEmpty();
  }

  @Test
  void anOrdinaryUsersOwnFolderIsAcceptedAndAnotherUsersRefused() throws Exception {
    assumeTrue(isRoot(), "runs as root, where a child JVM can be an ordinary user");
    Path setpriv = Stream.of("/usr/bin/setpriv", "/bin/setpriv").map(Path::of).filter(Files::isExecutable)
        .findFirst().orElse(null);
    assumeTrue(setpriv != null, "setpriv (util-linux) starts a child as another user");
    Path base = Files.createTempDirectory("vidgen-any-user");
    try {
      Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx--x--x"));
      Path own = Files.createDirectory(base.resolve("own"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setAttribute(own, "unix:uid", NOBODY);
      Path others = Files.createDirectory(base.resolve("others"),
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.setAttribute(others, "unix:uid", 1234);

      List<String> lines = asNobody(setpriv, base, own, others);

      assertThat(lines).as("what the child saw").containsExactly(
          "own: accepted",
          "others: " + others + " is owned by uid 1234, not by this user (uid " + NOBODY + ")");
    } finally {
      try (Stream<Path> paths = Files.walk(base)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  private static List<String> asNobody(Path setpriv, Path base, Path own, Path others) throws Exception {
    String classes = Path.of(PrivatePaths.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + ":"
        + Path.of(ChildSays.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path out = base.resolve("child.out");
    Process child = new ProcessBuilder(setpriv.toString(), "--reuid=" + NOBODY, "--regid=" + NOBODY,
        "--clear-groups", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Djava.io.tmpdir=" + base, "-cp", classes, ChildSays.class.getName(), own.toString(), others.toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ended").isTrue();
    String said = Files.readString(out, StandardCharsets.UTF_8);
    assumeTrue(!said.contains("ClassNotFoundException") && !said.contains("Could not find or load main class"),
        "uid " + NOBODY + " may not read the build's classes here: " + said.strip());
    assertThat(child.exitValue()).as(said).isZero();
    return said.lines().toList();
  }

  private static boolean isRoot() throws IOException {
    Path probe = Files.createTempFile("vidgen-who", ".tmp");
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(probe, "unix:uid"));
    } finally {
      Files.deleteIfExists(probe);
    }
  }

  /** Run as another user: says what {@link PrivatePaths} finds in each folder named. */
  static final class ChildSays {
    public static void main(String[] args) {
      for (String name : args) {
        Path folder = Path.of(name);
        System.out.println(folder.getFileName() + ": " + PrivatePaths.folderProblem(folder)
            .map(PrivatePaths.Problem::what).orElse("accepted"));
      }
    }
  }
}
