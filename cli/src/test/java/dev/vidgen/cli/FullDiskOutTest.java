package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code --out} (or {@code --out-dir}) on a disk with no free byte takes no video, though an empty file can still
 * be made there: refused with exit 2 before anything is sent or fetched, and a dry run says the real run would be.
 */
class FullDiskOutTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @AfterEach
  void realFreeSpace() {
    OutTarget.freeSpace = SaveTargets.FreeSpace.OF_FILE_STORE;
  }

  private CliRun.Result vidgen(String... args) {
    return cli.withoutHome().run(Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new));
  }

  @Test
  void generateToAFullDiskIsRefusedSayingTheFreeBytesBeforeAnythingIsSent() {
    OutTarget.freeSpace = folder -> 0;

    CliRun.Result refused = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "clip.mp4");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("cannot save the video to " + dir.resolve("clip.mp4") + ": the folder " + dir
        + " has no free space: 0 bytes free on its file system, and no video fits in less than 1 MiB; nothing was"
        + " sent", "free space on that disk, or choose another --out on a disk with room");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
  }

  @Test
  void aDryRunToAFullDiskSaysTheRealRunWouldBeRefused() {
    OutTarget.freeSpace = folder -> 0;

    CliRun.Result refused = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "clip.mp4", "--dry-run");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("has no free space: 0 bytes free", "nothing was sent (a dry run; the real run"
        + " would refuse it the same way)");
    assertThat(refused.out()).doesNotContain("POST ");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aDryRunWhoseOutCannotBeMadeIsRefusedAsTheRealRunIs() throws IOException {
    Files.writeString(dir.resolve("blocker"), "a file where a folder must be");

    CliRun.Result dry = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "blocker/clip.mp4", "--dry-run");
    CliRun.Result real = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "blocker/clip.mp4");

    assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.err()).contains(dir.resolve("blocker") + " is a file, not a folder",
        "the real run would refuse it the same way");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aDryRunWithAFreeOutStillPreviewsTheRequest() {
    CliRun.Result dry = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "clip.mp4", "--dry-run");

    assertThat(dry.exitCode()).as(dry.all()).isZero();
    assertThat(dry.out()).contains("POST ");
  }

  @Test
  void downloadToAFullDiskIsRefusedBeforeTheVideoIsFetched() {
    CliRun.Result paid = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    assertThat(paid.exitCode()).as(paid.all()).isZero();
    String taskId = fake.taskIds().get(0);
    int fetched = fake.requests(Endpoint.FILE).size();
    OutTarget.freeSpace = folder -> 4096;

    CliRun.Result refused = vidgen("download", taskId, "--out", "clip.mp4");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("has too little free space: 4.0 KB (4096 bytes) free", "nothing was written");
    assertThat(fake.requests(Endpoint.FILE)).as("the video was not fetched").hasSize(fetched);
  }

  @Test
  void aBatchWhoseOutDirIsOnAFullDiskIsRefusedBeforeAnythingIsSent() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"full\", \"model\": \"seedance-2\","
        + " \"prompt\": \"waves\", \"seconds\": 5}\n", StandardCharsets.UTF_8);
    OutTarget.freeSpace = folder -> 0;

    CliRun.Result refused = cli.withoutHome().run("batch", jobs.toString(), "--out-dir", "vids",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("cannot take videos: the folder " + dir
        + " has no free space: 0 bytes free", "nothing was sent");
    assertThat(fake.creates()).as("nothing sent, nothing paid").isEmpty();
  }

  @Test
  void aBatchDryRunWhoseOutDirIsOnAFullDiskSaysTheRealRunWouldBeRefusedAndMakesNoFolder() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"full\", \"model\": \"seedance-2\","
        + " \"prompt\": \"waves\", \"seconds\": 5}\n", StandardCharsets.UTF_8);
    OutTarget.freeSpace = folder -> 0;

    CliRun.Result dry = cli.withoutHome().run("batch", jobs.toString(), "--out-dir", "vids", "--dry-run",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.err()).contains("--out-dir " + dir.resolve("vids") + " cannot take videos: the folder " + dir
        + " has no free space: 0 bytes free", "nothing was sent (a dry run; the real run would refuse it the same way)",
        "free space on that disk, or give --out-dir a folder on a disk with room");
    assertThat(dir.resolve("vids")).as("a dry run makes no folder").doesNotExist();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aBatchDryRunWhoseOutDirCannotBeMadeIsRefusedAsTheRealRunIs() throws IOException {
    Path jobs = Files.writeString(dir.resolve("jobs.jsonl"), "{\"id\": \"blocked\", \"model\": \"seedance-2\","
        + " \"prompt\": \"waves\", \"seconds\": 5}\n", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("blocker"), "a file where a folder must be");

    CliRun.Result dry = cli.withoutHome().run("batch", jobs.toString(), "--out-dir", "blocker/vids", "--dry-run",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");
    CliRun.Result real = cli.withoutHome().run("batch", jobs.toString(), "--out-dir", "blocker/vids",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(real.exitCode()).as(real.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.exitCode()).as(dry.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(dry.err()).contains(dir.resolve("blocker") + " is a file, not a folder",
        "the real run would refuse it the same way");
    assertThat(fake.creates()).isEmpty();
  }
}
