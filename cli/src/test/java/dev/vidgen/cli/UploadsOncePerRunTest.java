package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.ReceivedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A local file is uploaded once per run, by its bytes: the lines of a batch naming it (through another path or a
 * link) share one upload, its failure as much as its link; an upload answer whose link is no web address is not sent
 * again; and a file goes up under a name whose extension matches its content.
 */
class UploadsOncePerRunTest {
  /** The tries of one upload under the default retry policy: the first and three more after a 500. */
  private static final int ONE_UPLOADS_TRIES = 4;

  @TempDir Path dir;

  @Test
  void linesNamingOneFailingFileShareOneUploadAndEachIsLeftPendingWithItsReason() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("shot.png"));
    Files.createSymbolicLink(dir.resolve("link.png"), dir.resolve("shot.png"));
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      String image = i == 5 ? "./shot.png" : i == 6 ? "link.png" : "shot.png";
      lines.add("{\"id\": \"k" + i + "\", \"prompt\": \"bottle " + i + "\", \"images\": [\"" + image + "\"]}");
    }
    Path jobs = write(lines);
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.UPLOAD, Fault.serverError(), 1000);

      CliRun.Result result = batch(fake, jobs);

      assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(fake.requests(Endpoint.UPLOAD)).as("one upload's tries for six lines: " + result.all())
          .hasSize(ONE_UPLOADS_TRIES);
      assertThat(fake.creates()).isEmpty();
      assertThat(result.err()).as(result.all()).contains("6 jobs are not finished");
    }
  }

  @Test
  void aFileAndALinkToItAreUploadedOnceAndEveryLineIsSentWithThatLink() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("shot.png"));
    Files.createSymbolicLink(dir.resolve("shotlink.png"), dir.resolve("shot.png"));
    Path jobs = write(List.of("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"shot.png\"]}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"./shot.png\"]}",
        "{\"id\": \"c\", \"prompt\": \"c turns\", \"images\": [\"shotlink.png\"]}"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result result = batch(fake, jobs);

      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(fake.requests(Endpoint.UPLOAD)).as("one upload for a file and its link").hasSize(1);
      assertThat(fake.creates()).hasSize(3);
    }
  }

  @Test
  void aJpegNamedHeicGoesUpAsAJpgFromBatchAndGenerate() throws Exception {
    Images.jpeg().writeTo(dir.resolve("IMG_0042.HEIC"));
    Path jobs = write(List.of("{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"IMG_0042.HEIC\"]}"));
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      CliRun.Result batch = batch(fake, jobs);
      CliRun.Result generate = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("generate",
          "--image", "IMG_0042.HEIC", "--prompt", "heic try", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
          "--out", dir.resolve("out.mp4").toString());

      assertThat(batch.exitCode()).as(batch.all()).isZero();
      assertThat(generate.exitCode()).as(generate.all()).isZero();
      assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(2).extracting(ReceivedRequest::body)
          .allSatisfy(body -> assertThat(body).contains("filename=\"IMG_0042.jpg\"", "Content-Type: image/jpeg")
              .doesNotContain("HEIC"));
    }
  }

  @Test
  void anUploadAnsweredWithAnFtpLinkIsSentOnceAndTheWordsDoNotSayTryAgainLater() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("local.png"));
    try (FakeToApisServer fake = FakeToApisServer.builder().uploadUrlBase("ftp://files.example/upload_").start()) {
      CliRun.Result made = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("generate",
          "--image", "local.png", "--prompt", "push 1", "--max-credits", "100", "--base-url", fake.baseUrl(),
          "--retry-delay", "1ms", "--out", dir.resolve("out.mp4").toString());

      assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(fake.requests(Endpoint.UPLOAD)).as(made.all()).hasSize(1);
      assertThat(fake.creates()).isEmpty();
      assertThat(made.err()).contains("not an absolute http(s) URL", "\"ftp://files.example/upload_",
              "trying again later will not help unless the provider changes", "check the base URL")
          .doesNotContain("try again later").doesNotContain("sending it again");
    }
  }

  private CliRun.Result batch(FakeToApisServer fake, Path jobs) {
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch", jobs.toString(),
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms", "--max-credits", "1000");
  }

  private Path write(List<String> lines) throws Exception {
    return Files.write(dir.resolve("jobs.jsonl"), lines);
  }
}
