package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.text.Utf8Text;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jobs file whose bytes are not JSON text: saved in another encoding, or holding a NUL byte. */
class BatchFileBytesTest {
  private static final String JOB = "{\"model\": \"grok-video-1.5-preview\", \"prompt\": \"p\"}";

  @TempDir Path dir;

  @Test
  void aJobsFileInLatin1NamesItsFirstLineThatIsNotUtf8() throws IOException {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, (JOB + "\n" + JOB + "\n" + JOB.replace("\"p\"", "\"caf\u00e9\"") + "\n")
        .getBytes(StandardCharsets.ISO_8859_1));

    assertThatThrownBy(() -> BatchFile.read(jobs)).isInstanceOfSatisfying(Utf8Text.NotUtf8Exception.class,
        notUtf8 -> assertThat(notUtf8.line()).isEqualTo(3));
  }

  @Test
  void aJobsFileInUtf8IsReadLineByLineAsBefore() throws IOException {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.writeString(jobs, JOB + "\r\n\n" + JOB.replace("\"p\"", "\"caf\u00e9\"") + "\n", StandardCharsets.UTF_8);

    List<BatchLine> lines = BatchFile.read(jobs);

    assertThat(lines).extracting(BatchLine::number).containsExactly(1, 3);
    assertThat(lines.get(1).job().prompt()).isEqualTo("caf\u00e9");
  }

  @Test
  void aNulByteInALineIsCalledWhatItIs() {
    BatchLine line = BatchFile.parseLine(1, JOB + "\u0000", dir);

    assertThat(line.violations()).singleElement().satisfies(violation -> assertThat(violation.message())
        .contains("line 1 is not valid JSON: a NUL byte at column 51").doesNotContain("more than one JSON value"));
  }
}
