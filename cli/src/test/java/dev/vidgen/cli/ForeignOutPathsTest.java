package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Output paths the shell left with an unexpanded {@code ~}, or written the Windows way, are refused (exit 2) before
 * anything is sent, with the path as meant; a folder named {@code ~} given as {@code ./~/} is shown as such, and a
 * dry run says where the video would go.
 */
@EnabledOnOs(OS.LINUX)
class ForeignOutPathsTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    return cli.withoutHome().run(Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new));
  }

  private CliRun.Result generate(String... more) {
    return vidgen(Stream.concat(Stream.of("generate", "--image", "product.png", "--prompt", "slow push-in"),
        Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void anUnexpandedTildeInOutIsRefusedBeforeAnythingIsSentWithTheWayOut() {
    CliRun.Result refused = generate("--out=~/clips/");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out ~/clips/ starts with ~, which the shell did not expand",
        "not a home folder; nothing was sent", "write $HOME/clips/ or --out ~/clips/ with a space",
        "./~/clips/ if you mean a folder named ~");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(dir.resolve("~")).doesNotExist();
  }

  @Test
  void anUnexpandedTildeUserInOutIsRefusedToo() {
    CliRun.Result refused = generate("--out", "~bob/clips/");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("starts with ~bob, which the shell did not expand",
        "./~bob/clips/ if you mean a folder named ~bob");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aFolderNamedTildeGivenWithDotSlashIsSavedAndItsFileLineSaysSo() {
    CliRun.Result saved = generate("--out", "./~/clips/");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    String taskId = fake.taskIds().get(0);
    assertThat(dir.resolve("~/clips/" + taskId + ".mp4")).isNotEmptyFile();
    assertThat(saved.out()).as("never read as the home folder").contains("file      ./~/clips/" + taskId + ".mp4")
        .doesNotContain("file      ~/");
  }

  @Test
  void aDryRunSaysWhereTheVideoWouldBeSaved() {
    CliRun.Result folder = generate("--dry-run", "--out", "clips/");
    CliRun.Result file = generate("--dry-run", "--out", "clip.mp4", "--json");

    assertThat(folder.exitCode()).as(folder.all()).isZero();
    assertThat(folder.out()).contains("file   " + dir.resolve("clips") + "/<task-id>.mp4");
    assertThat(file.exitCode()).as(file.all()).isZero();
    assertThat(file.out()).contains("\"file\":\"" + dir.resolve("clip.mp4") + "\"");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aTrailingBackslashInOutIsRefusedShowingTheFolderWrittenWithASlash() {
    CliRun.Result refused = generate("--out", "clips\\");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out clips\\ is written the Windows way (\\ between folders)",
        "a system whose folders are separated by /", "nothing was sent", "write it with /, such as --out clips/");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(dir.resolve("clips\\")).doesNotExist();
  }

  @Test
  void aWindowsPathWithADriveIsRefusedShowingItWrittenWithSlashes() {
    CliRun.Result refused = generate("--out", "C:\\Users\\me\\Videos\\clip.mp4");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("(a drive letter C: and \\ between folders)", "nothing was sent",
        "--out /mnt/c/Users/me/Videos/clip.mp4 (the C: drive under WSL)", "--out Users/me/Videos/clip.mp4");
    assertThat(fake.creates()).isEmpty();
    assertThat(dir.resolve("C:\\Users\\me\\Videos\\clip.mp4")).doesNotExist();
  }

  @Test
  void aBareDriveInOutGetsOnlyExamplesThatNameAPath() {
    for (String drive : new String[] {"C:", "C:/", "C:\\"}) {
      CliRun.Result refused = generate("--out", drive, "--dry-run");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).as(drive).contains("nothing was sent", "--out /mnt/c/ (the C: drive under WSL)")
          .doesNotContain("a path in this folder");
      assertThat(refused.err().lines()).as("no example without a value").noneMatch(line -> line.endsWith("--out "));
    }
    assertThat(generate("--out", "C:", "--dry-run").err()).contains("./C:/ if you mean a folder named C:");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aDriveWrittenWithSlashesIsRefusedForItsDriveOnlyAndTheFolderNamedSoCanBeMeant() {
    CliRun.Result refused = generate("--out", "d:/x.mp4", "--dry-run");
    CliRun.Result literal = generate("--out", "./d:/x.mp4", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out d:/x.mp4 is written the Windows way (a drive letter d:)",
        "a system that has no drive letters (d: would be a folder named d: in the working folder)",
        "--out /mnt/d/x.mp4 (the d: drive under WSL)", "a path in this folder such as --out x.mp4",
        "./d:/x.mp4 if you mean a folder named d:").doesNotContain("\\", "write it with /");
    assertThat(literal.exitCode()).as(literal.all()).isZero();
    assertThat(literal.out()).contains("file   " + dir.resolve("d:/x.mp4"));
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aFileNameStartingWithTildeIsCalledAFileAndOnlyItsWorkingWayOutIsGiven() {
    CliRun.Result refused = generate("--out", "~x.mp4", "--dry-run");
    CliRun.Result literal = generate("--out", "./~x.mp4", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out ~x.mp4 starts with ~", "it would name a file called ~x.mp4 in the"
        + " working folder", "nothing was sent", "write ./~x.mp4 if you mean a file named ~x.mp4")
        .doesNotContain("folder called ~x.mp4", "with a space", "full path");
    assertThat(literal.exitCode()).as(literal.all()).isZero();
    assertThat(literal.out()).contains("file   " + dir.resolve("~x.mp4"));
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aTildeUserIsOfferedItsHomeFolderInFullNotAShellExpansionThatNeedsTheUser() {
    CliRun.Result refused = generate("--out", "~bob/clips/");
    CliRun.Result outDir = vidgen("batch", "jobs.jsonl", "--out-dir", "~v");

    assertThat(refused.err()).contains("nor for a user this system does not know",
        "write the full path of user bob's home folder followed by /clips/;").doesNotContain("with a space");
    assertThat(outDir.exitCode()).as(outDir.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(outDir.err()).contains("--out-dir ~v starts with ~v", "it would name a folder called ~v",
        "user v's home folder;", "./~v if you mean a folder named ~v");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void waitAndDownloadRefuseSuchAnOutBeforeTheVideoIsFetched() {
    CliRun.Result paid = generate("--no-wait");
    assertThat(paid.exitCode()).as(paid.all()).isZero();
    String taskId = fake.taskIds().get(0);

    CliRun.Result waited = vidgen("wait", taskId, "--out=~/clips/");
    CliRun.Result downloaded = vidgen("download", taskId, "--out", "clips\\clip.mp4");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(waited.err()).contains("--out ~/clips/ starts with ~, which the shell did not expand");
    assertThat(downloaded.exitCode()).as(downloaded.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(downloaded.err()).contains("is written the Windows way", "--out clips/clip.mp4");
    assertThat(fake.requests(Endpoint.FILE)).as("the video was not fetched").isEmpty();
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void serveRefusesATildeOut() {
    CliRun.Result refused = vidgen("serve", "--out", "~/playground", "--port", "0");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out ~/playground starts with ~, which the shell did not expand");
    assertThat(dir.resolve("~")).doesNotExist();
  }

  @Test
  void batchRefusesATildeOutDirAndWindowsStyleLineOutsBeforeAnythingIsSent() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"w\", \"model\": \"seedance-2\","
        + " \"prompt\": \"waves\", \"seconds\": 5, \"out\": \"C:\\\\Videos\\\\c.mp4\"}\n"
        + "{\"id\": \"h\", \"model\": \"seedance-2\", \"prompt\": \"hills\", \"seconds\": 5, \"out\": \"~/v/h.mp4\"}\n",
        StandardCharsets.UTF_8);

    CliRun.Result outDir = vidgen("batch", jobs.toString(), "--out-dir", "~/v");
    CliRun.Result lines = vidgen("batch", jobs.toString());

    assertThat(outDir.exitCode()).as(outDir.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(outDir.err()).contains("--out-dir ~/v starts with ~, which the shell did not expand",
        "$HOME/v or --out-dir ~/v with a space");
    assertThat(lines.exitCode()).as(lines.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(lines.all()).contains("line 1: out C:\\Videos\\c.mp4 is written the Windows way", "such as Videos/c.mp4",
        "line 2: out ~/v/h.mp4 starts with ~, which is no home folder here", "./~/v/h.mp4 if you mean a folder named ~");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(dir.resolve("jobs.journal")).doesNotExist();
    assertThat(dir.resolve("~")).doesNotExist();
  }

  @Test
  void anImageWhoseFileNameHoldsABackslashIsStillRead() throws IOException {
    Files.copy(dir.resolve("product.png"), dir.resolve("still\\1.png"));

    CliRun.Result saved = vidgen("generate", "--image", "still\\1.png", "--prompt", "slow push-in", "--out", "a.mp4");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve("a.mp4")).isNotEmptyFile();
  }
}
