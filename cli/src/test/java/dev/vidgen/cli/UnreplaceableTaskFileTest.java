package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.SaveTargets;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code --out DIR/ --force} names the video after its task, known only once the task is made: a file of that name
 * this user may not replace (another user's, in a shared folder) is found before the download, kept, and the failure
 * gives the command that saves the paid video beside it.
 */
class UnreplaceableTaskFileTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final FakeToApisServer fake = cli.fake();

  @AfterEach
  void realReplaceCheck() {
    OutTarget.whyNotReplaceable = SaveTargets::whyNotReplaceable;
  }

  private CliRun.Result vidgen(String... args) {
    return cli.withoutHome().run(Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new));
  }

  @Test
  void aFileNamedAfterTheTaskThatThisUserMayNotReplaceIsKeptAndTheFailureSaysHowToSaveTheVideoBesideIt()
      throws IOException {
    Path out = Files.createDirectories(dir.resolve("shared"));
    // The fake names its first task video_000001: another user's file of that name stands in the shared folder.
    Path theirs = Files.writeString(out.resolve("video_000001.mp4"), "another user's video");
    OutTarget.whyNotReplaceable = file -> file.equals(theirs) ? Optional.of(file + " belongs to another user (uid"
        + " 1001) and its folder " + out + " is shared (sticky bit, mode 1777), where only a file's owner (or the"
        + " folder's) may replace it; this user (uid 1000) cannot") : Optional.empty();

    CliRun.Result unsaved = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", out + "/", "--force");

    assertThat(fake.taskIds()).containsExactly("video_000001");
    Path beside = out.resolve("video_000001-video_000001.mp4");
    assertThat(unsaved.exitCode()).as(unsaved.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(unsaved.err()).contains("could not save the video of task video_000001 to " + theirs + ": --force"
        + " cannot replace the file named after the task: " + theirs + " belongs to another user (uid 1001)",
        "it was kept and nothing was downloaded",
        "the task is done, but saving it to the same place fails the same way; save its video under another name"
            + " beside it, with: vidgen download video_000001 --out " + beside);
    assertThat(Files.readString(theirs)).isEqualTo("another user's video");
    assertThat(fake.requests(Endpoint.FILE)).as("no video fetched that could not be saved").isEmpty();

    CliRun.Result saved = vidgen("download", "video_000001", "--out", beside.toString());

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(beside).isNotEmptyFile();
    assertThat(fake.creates()).as("paid once").hasSize(1);
  }

  @Test
  void aFileNamedAfterTheTaskThatThisUserMayReplaceIsReplacedWithForce() throws IOException {
    Path out = Files.createDirectories(dir.resolve("own"));
    Path mine = Files.writeString(out.resolve("video_000001.mp4"), "an older video");

    CliRun.Result saved = vidgen("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", out + "/", "--force");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Files.readAllBytes(mine)).isNotEqualTo("an older video".getBytes(StandardCharsets.UTF_8));
  }
}
