package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.RequestRejectedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The advice after a refused upload, shared by the command line and the playground. */
class UploadAdviceTest {
  @TempDir Path dir;

  @Test
  void anUploadAnsweredNotFoundPointsAtTheBaseUrlNotAtTheImage() throws IOException {
    // A wrong base URL made the upload's 404 read as the image's fault, and the advice to give a URL
    // instead only moved the same 404 to the create.
    Path png = Files.write(dir.resolve("product.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    RequestRejectedException noSuchEndpoint = new RequestRejectedException(ProviderErrorDetails.of("toapis", 404,
        "not_found_error", "no such endpoint: is the base URL http://127.0.0.1:1/api/ right?"), null);

    String next = UploadAdvice.next(noSuchEndpoint, new FailedUpload("image", png), "product.png", "run again");

    assertThat(next).contains("no upload there (HTTP 404)", "nothing judged product.png", "check the base URL",
        "run again").doesNotContain("check product.png", "as an http(s) URL instead");
  }
}
