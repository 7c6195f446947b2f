package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Endpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data folder another local user could have planted (a folder anyone may write, such as one made with {@code mkdir
 * -m 1777} under /tmp; a history that is a link to one of this user's files; a history of another user's or that
 * anyone may write) is refused before anything is sent, exit 2, naming the path, what is wrong and the fix: no create
 * is paid, and the file a link leads to keeps its lines. A command that follows a paid task warns and leaves the
 * history alone.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class PlantedDataFolderTest {
  private static final String KEY = FakeToApisServer.DEFAULT_KEY;

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();
  @TempDir Path tmp;

  private CliRun vidgen(Path home) {
    return CliRun.in(cli.dir()).env("TOAPIS_API_KEY", KEY).env("VIDGEN_HOME", home.toString());
  }

  private CliRun.Result generate(Path home, String... more) {
    String[] args = Stream.of(Stream.of("generate", "--image", "https://img.example/a.png", "--prompt",
            "confidential prompt X", "--no-wait", "--base-url", fake.baseUrl(), "--retry-delay", "1ms"),
            Stream.of(more))
        .flatMap(s -> s).toArray(String[]::new);
    return vidgen(home).run(args);
  }

  private Path victim() throws IOException {
    Path victim = Files.writeString(tmp.resolve("notes.txt"), "precious line\n");
    Files.setPosixFilePermissions(victim, PosixFilePermissions.fromString("rw-r--r--"));
    return victim;
  }

  @Test
  void aSharedFolderWithAPlantedLinkIsRefusedBeforeTheCreate() throws IOException {
    Path home = Files.createDirectory(tmp.resolve("shared-home"));
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path victim = victim();
    Files.createSymbolicLink(home.resolve("history.jsonl"), victim);

    CliRun.Result result = generate(home);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("the data folder " + home + " is not yours alone: " + home
            + " is writable by group and others (mode 0777)", "nothing was sent", "chmod 700 " + home,
        "set VIDGEN_HOME to a folder of your own");
    assertThat(Files.readString(victim)).as("the linked file keeps its lines").isEqualTo("precious line\n");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  void aHistoryThatIsALinkIsRefusedByEveryCommandThatKeepsTheHistory() throws IOException {
    Path home = Files.createDirectory(tmp.resolve("home"));
    Path victim = victim();
    Files.createSymbolicLink(home.resolve("history.jsonl"), victim);

    CliRun.Result generated = generate(home, "--json");
    CliRun.Result listed = vidgen(home).run("history");

    for (CliRun.Result result : List.of(generated, listed)) {
      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(result.err()).contains(home.resolve("history.jsonl") + " is a symbolic link to " + victim,
          "remove the link (rm " + home.resolve("history.jsonl") + ")");
      assertThat(result.out()).doesNotContain("precious line");
    }
    assertThat(((Map<?, ?>) generated.json().get("error")).get("kind")).isEqualTo("usage");
    assertThat(Files.readString(victim)).isEqualTo("precious line\n");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid").isEmpty();
  }

  @Test
  void aHistoryAnyoneMayWriteIsRefused() throws IOException {
    Path home = Files.createDirectory(tmp.resolve("home"));
    Path history = Files.writeString(home.resolve("history.jsonl"), "");
    Files.setPosixFilePermissions(history, PosixFilePermissions.fromString("rw-rw-rw-"));

    CliRun.Result result = generate(home);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains(history + " is writable by group and others (mode 0666)",
        "chmod 600 " + history);
    assertThat(Files.size(history)).as("nothing appended").isZero();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aHistoryOfAnotherUserIsRefused() throws IOException {
    assumeTrue(Files.getAttribute(Path.of("/proc/self"), "unix:uid").equals(0), "only root can give a file away");
    Path home = Files.createDirectory(tmp.resolve("home"));
    Path history = Files.writeString(home.resolve("history.jsonl"), "");
    Files.setAttribute(history, "unix:uid", 4242);

    CliRun.Result result = generate(home);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains(history + " is owned by uid 4242, not by this user (uid 0)");
    assertThat(Files.size(history)).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aStatusReadOfAPaidTaskWarnsAndLeavesAPlantedHistoryAlone() throws IOException {
    Path home = Files.createDirectory(tmp.resolve("home"));
    CliRun.Result made = generate(home, "--json");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String task = (String) made.json().get("task_id");
    Path history = home.resolve("history.jsonl");
    Files.delete(history);
    Path victim = victim();
    Files.createSymbolicLink(history, victim);

    CliRun.Result status = vidgen(home).run("status", task, "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.err()).contains(history + " is a symbolic link to " + victim,
        "so its task may go unrecorded (the video is still saved");
    assertThat(Files.readString(victim)).isEqualTo("precious line\n");
  }
}
