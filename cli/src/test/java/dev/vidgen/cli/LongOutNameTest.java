package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code --out} (or a batch line's {@code out}) whose name the file system takes but which leaves no room for
 * the temporary {@code .NAME.<16 hex>.part} name, 23 bytes longer, is refused with exit 2 before anything is sent.
 */
@EnabledOnOs(OS.LINUX)
class LongOutNameTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @BeforeEach
  void nameLimit() throws IOException {
    // As on ext4, xfs, btrfs and tmpfs: a name of 255 bytes can be made, one of 256 cannot.
    Path longest = dir.resolve(named(255));
    Files.createFile(longest);
    Files.delete(longest);
    assumeTrue(!canMake(dir.resolve(named(256))), "a file system whose names stop at 255 bytes");
  }

  private static boolean canMake(Path file) {
    try {
      Files.createFile(file);
      Files.delete(file);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A file name of {@code bytes} bytes ending in {@code .mp4}. */
  private static String named(int bytes) {
    return "n".repeat(bytes - 4) + ".mp4";
  }

  private CliRun.Result vidgen(String... args) {
    return cli.withoutHome().run(Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new));
  }

  @Test
  void generateWithANameThatLeavesNoRoomForItsPartNameIsRefusedBeforeAnythingIsSent() {
    CliRun.Result refused = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", named(240));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("cannot save the video to " + dir.resolve(named(240)) + ": its name is 240"
        + " bytes", "a temporary name 23 bytes longer", "give a file name of at most 232 bytes", "nothing was sent",
        "choose a shorter --out");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
  }

  @Test
  void generateWithANameOverTheLimitItselfIsRefusedBeforeAnythingIsSent() {
    CliRun.Result refused = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", named(256));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("its name is 256 bytes, more than the 255 bytes", "nothing was sent");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aNameWithRoomForItsPartNameIsSaved() {
    CliRun.Result saved = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", named(232));

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve(named(232))).isNotEmptyFile();
  }

  @Test
  void downloadToANameWithNoRoomForItsPartNameIsRefusedBeforeTheVideoIsFetched() {
    CliRun.Result paid = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    assertThat(paid.exitCode()).as(paid.all()).isZero();
    String taskId = fake.taskIds().get(0);
    int fetched = fake.requests(Endpoint.FILE).size();

    CliRun.Result refused = vidgen("download", taskId, "--out", named(240));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("give a file name of at most 232 bytes", "nothing was written");
    assertThat(fake.requests(Endpoint.FILE)).as("the video was not fetched").hasSize(fetched);
  }

  @Test
  void aBatchLineWhoseOutLeavesNoRoomForItsPartNameIsRefusedBeforeAnythingIsSent() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"long\", \"model\": \"seedance-2\","
        + " \"prompt\": \"waves\", \"seconds\": 5, \"out\": \"" + named(240) + "\"}\n", StandardCharsets.UTF_8);

    CliRun.Result refused = cli.withoutHome().run("batch", jobs.toString(),
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("line 1: out ", "give a file name of at most 232 bytes")
        .doesNotContain("such as sub/clip.mp4");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(dir.resolve("jobs.journal")).doesNotExist();
  }
}
