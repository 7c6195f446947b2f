package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.fixtures.Videos;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code generate} with local images and videos whose upload fails, against the fake ToAPIs: the
 * error names the upload and the file, says that no task was made, and gives a next step that fits.
 */
class UploadCommandsTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    CliRun.Result result = cli.vidgen().run(all);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY.substring(3));
    return result;
  }

  private CliRun.Result generate(String image) {
    return vidgen("generate", "--no-wait", "--json", "--image", image, "--prompt", "slow push-in");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(CliRun.Result result) {
    return (Map<String, Object>) result.json().get("error");
  }

  @Test
  void aRefusedImageTypeOfAPngNamesTheUploadAndTheFileAndSaysWhatToCheckNotToGiveAPngInstead() {
    Images.png().writeTo(dir.resolve("img.png"));
    fake.inject(Endpoint.UPLOAD, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Unsupported image type\"}"));

    CliRun.Result result = generate("img.png");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    Map<String, Object> error = error(result);
    assertThat(error).containsEntry("kind", "request_rejected").containsEntry("http_status", 400.0);
    assertThat((String) error.get("message")).startsWith("the upload of image img.png (" + dir.resolve("img.png"))
        .contains("was refused", "Unsupported image type", "no video task was created and nothing was charged");
    assertThat((String) error.get("next")).isEqualTo("img.png is a PNG image by its content, a type the provider takes,"
        + " yet it refused the file: check that it is at most 10 MB and that its width and height suit the model (vidgen models"
        + " shows its rules), re-encode it (save it again as PNG or JPEG), or give it as an http(s) URL instead, and"
        + " run again");
    assertThat(result.err()).contains("the upload of image img.png").doesNotContain("--dry-run");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anUploadAnswered413WithAPageSaysTheFileIsTooLargeAndTheLimit() {
    Images.png().writeTo(dir.resolve("big.png"));
    fake.inject(Endpoint.UPLOAD, Fault.html(413));

    CliRun.Result result = generate("big.png");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    Map<String, Object> error = error(result);
    assertThat(error).containsEntry("kind", "request_rejected").containsEntry("http_status", 413.0);
    assertThat((String) error.get("message")).startsWith("the upload of image big.png (")
        .contains("too large to upload", "no video task was created");
    assertThat((String) error.get("next")).contains("10 MB", "big.png").doesNotContain("--dry-run")
        .as("a small file refused as too large: something on the way, not the file")
        .contains("big.png is only ", " KB, well under ToAPIs' 10 MB", "a proxy on the way may limit uploads")
        .doesNotContain("shrink");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aRefusedVideoTypeOfAnMp4SaysWhatToCheckNotToGiveAnMp4Instead() {
    Videos.mp4(dir, "clip.mp4");
    fake.inject(Endpoint.VIDEO_UPLOAD, Fault.answer(400, "application/json",
        "{\"success\":false,\"message\":\"Unsupported video type\"}"));

    CliRun.Result result = vidgen("generate", "--no-wait", "--json", "--model", "wan2.6", "--mode",
        "reference-to-video", "--video", "clip.mp4", "--prompt", "the same dancer");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat((String) error(result).get("message")).startsWith("the upload of video clip.mp4 (");
    assertThat((String) error(result).get("next")).startsWith("clip.mp4 is an MP4 video by its content, a type the"
        + " provider takes, yet it refused the file: check that it is at most 50 MB and that its length, width and"
        + " height suit the model").contains("re-encode it")
        .doesNotContain("instead of clip.mp4");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anUploadedUrlThatIsNotAWebUrlFailsTheUploadAndNothingIsCreated() {
    fake = cli.restartFake(settings -> settings.uploadUrlBase("ftp://x/"));
    Images.png().writeTo(dir.resolve("img.png"));

    CliRun.Result result = generate("img.png");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(error(result)).containsEntry("kind", "server_error");
    assertThat((String) error(result).get("message")).startsWith("the upload of image img.png (")
        .contains("not an absolute http(s) URL", "ftp://x/");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anImageDeletedAfterValidationIsAnInputErrorNotVidgensFault() throws Exception {
    Path image = Images.png().writeTo(dir.resolve("vanish.png"));
    fake.inject(Endpoint.MODELS, Fault.slow(Duration.ofSeconds(5)));

    CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> generate("vanish.png"));
    // The live model list is read after validation and before the upload: the file goes while its answer is slow.
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> !fake.requests(Endpoint.MODELS).isEmpty());
    Files.delete(image);
    CliRun.Result result = run.get(60, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(error(result)).containsEntry("kind", "invalid_job").containsEntry("code", "image.missing");
    assertThat((String) error(result).get("message")).contains(image.toString(), "does not exist",
        "checked again before its upload");
    assertThat(error(result).get("next")).isNotNull();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aClipOverwrittenWhileItUploadsCreatesNothingAndItsNewBytesAreAnotherJob() throws Exception {
    Path clip = Videos.mp4(dir, "edit.mp4");
    // The fake reads the whole upload, logs it, and answers only once the file is rewritten while its upload is out.
    CountDownLatch rewritten = new CountDownLatch(1);
    fake.inject(Endpoint.VIDEO_UPLOAD, Fault.answerHeldUntil(rewritten, Duration.ofSeconds(60)));
    String[] job = {"generate", "--no-wait", "--json", "--model", "wan2.6", "--mode", "reference-to-video", "--video",
        "edit.mp4", "--prompt", "editor v1 v2"};

    CompletableFuture<CliRun.Result> run = CompletableFuture.supplyAsync(() -> vidgen(job));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !fake.requests(Endpoint.VIDEO_UPLOAD).isEmpty() || run.isDone());
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(clip,
        java.nio.file.StandardOpenOption.WRITE)) { // an editor exports v2 over v1: the same size, other bytes
      channel.write(java.nio.ByteBuffer.wrap("VERSION2".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
          Files.size(clip) - 8);
    }
    rewritten.countDown();
    CliRun.Result result = run.get(60, TimeUnit.SECONDS);

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(error(result)).containsEntry("kind", "invalid_job").containsEntry("code", "video.changed");
    assertThat((String) error(result).get("message")).contains(clip.toString(), "changed after the job was validated",
        "no task was created");
    assertThat(fake.requests(Endpoint.VIDEO_UPLOAD)).hasSize(1);
    assertThat(fake.creates()).as("nothing paid for bytes the file no longer holds").isEmpty();

    CliRun.Result v2 = vidgen(job);

    assertThat(v2.exitCode()).as("v2 is not taken for a job already sent: " + v2.all()).isZero();
    assertThat(fake.requests(Endpoint.VIDEO_UPLOAD)).hasSize(2);
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDryRunTellsApartTwoStillsOfOneNameAndShowsNamesAsTheyRead() throws Exception {
    Images.png().writeTo(dir.resolve("still.png"));
    Files.createDirectories(dir.resolve("sub"));
    Images.png(800, 450).writeTo(dir.resolve("sub/still.png"));
    Images.png().writeTo(dir.resolve("my product shot.png"));
    Images.png().writeTo(dir.resolve("bouteille_été_日本.png"));

    CliRun.Result two = vidgen("generate", "--dry-run", "--json", "--model", "veo3.1-fast", "--prompt", "p",
        "--image", "sub/still.png", "--image", "still.png");
    CliRun.Result named = vidgen("generate", "--dry-run", "--json", "--model", "veo3.1-fast", "--prompt", "p",
        "--image", "my product shot.png", "--image", "bouteille_été_日本.png");

    assertThat(two.exitCode()).as(two.all()).isZero();
    assertThat(((Map<String, Object>) ((Map<String, Object>) two.json().get("request")).get("body")).get("image_urls"))
        .isEqualTo(java.util.List.of("upload://sub/still.png", "upload://" + dir.getFileName() + "/still.png"));
    assertThat(named.exitCode()).as(named.all()).isZero();
    assertThat(((Map<String, Object>) ((Map<String, Object>) named.json().get("request")).get("body")).get("image_urls"))
        .isEqualTo(java.util.List.of("upload://my product shot.png", "upload://bouteille_été_日本.png"));
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void theSameImageGivenTwiceIsUploadedOnce() {
    Images.png().writeTo(dir.resolve("kite.png"));

    CliRun.Result result = vidgen("generate", "--no-wait", "--json", "--model", "veo3.1-fast", "--image", "kite.png",
        "--image", "./kite.png", "--prompt", "the kite lands");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(1);
    assertThat(fake.creates()).hasSize(1);
  }
}
