package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --set max_video_size}: a video its server announces larger than the command saves is refused before
 * anything is written, and the advice raises the limit, so that the command it gives saves the video.
 */
class MaxVideoSizeTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    CliRun.Result result = cli.vidgen().run(args);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  void aVideoLargerThanTheLimitIsRefusedUnwrittenAndTheAdvisedCommandWithAHigherLimitSavesIt() {
    CliRun.Result made = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p",
        "--base-url", fake.baseUrl());
    String taskId = (String) made.json().get("task_id");
    vidgen("status", taskId, "--base-url", fake.baseUrl());
    vidgen("status", taskId, "--base-url", fake.baseUrl());

    CliRun.Result refused = vidgen("download", taskId, "--out", "clip.mp4", "--set", "max_video_size=16",
        "--base-url", fake.baseUrl());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(refused.err()).contains("bytes for this video, more than the 16 bytes this client saves"
            + " (--set max_video_size sets it); nothing was read or saved",
        "its video is larger than this command saves; save it with a higher limit: vidgen download --set"
            + " max_video_size=1MB " + taskId);
    assertThat(refused.err()).as("the command line's setting, not a Java one").doesNotContain("VidgenClient.Builder");
    assertThat(dir.toFile().list()).as("neither the video nor a part of it").containsExactly("product.png");
    assertThat(fake.requests(Endpoint.FILE)).hasSize(1);

    Matcher advised = Pattern.compile("save it with a higher limit: vidgen (download [^\\n]+)").matcher(refused.err());
    assertThat(advised.find()).isTrue();
    CliRun.Result saved = vidgen(advised.group(1).split(" "));

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve("clip.mp4")).isNotEmptyFile();
  }

  @Test
  void aLimitThatIsNoSizeIsRefusedBeforeAnythingIsSent() {
    CliRun.Result refused = vidgen("download", "task_1", "--set", "max_video_size=lots", "--base-url", fake.baseUrl());

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(2);
    assertThat(refused.err()).contains("--set max_video_size must be a size of at least one byte such as 4GB, 512MB or"
        + " 1048576 (bytes), not 'lots'; nothing was sent");
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void theLimitIsVidgensOwnAndNeverReachesTheProvidersSettings() {
    assertThat(Arrays.asList(VideoSizeSetting.bytes("4GB"), VideoSizeSetting.bytes("512mb"),
        VideoSizeSetting.bytes("1048576"))).containsExactly(4L << 30, 512L << 20, 1L << 20);
    CliRun.Result read = vidgen("status", "task_1", "--set", "max_video_size=4GB", "--base-url", fake.baseUrl());

    assertThat(read.err()).doesNotContain("unknown toapis setting");
    assertThat(Stream.of(read.exitCode())).doesNotContain(2);
  }
}
