package dev.vidgen.core.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-size limit read from a limits file as Linux writes it: the soft limit in bytes, none when unlimited. */
class FileSizeLimitTest {
  @TempDir Path dir;

  @Test
  void aLimitsFileSaysTheSoftFileSizeLimitInBytesAndNothingWhenUnlimited() throws IOException {
    Path limited = Files.writeString(dir.resolve("limited"), "Limit                     Soft Limit           Hard"
        + " Limit           Units     \nMax cpu time              unlimited            unlimited            seconds"
        + "   \nMax file size             4096000              4096000              bytes     \n");
    Path unlimited = Files.writeString(dir.resolve("unlimited"), "Max file size             unlimited           "
        + " unlimited            bytes     \n");

    assertThat(FileSizeLimit.of(limited)).hasValue(4_096_000);
    assertThat(FileSizeLimit.of(unlimited)).isEmpty();
    assertThat(FileSizeLimit.of(dir.resolve("absent"))).isEmpty();
  }
}
