package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteRangeTest {

  @Test
  void noHeaderIsTheWholeFile() {
    assertThat(ByteRange.of(null, 100)).isEqualTo(new ByteRange(0, 99, false, false));
  }

  @Test
  void aRangeInsideTheFileIsServedAndOneRunningPastItsEndIsCut() {
    assertThat(ByteRange.of("bytes=10-19", 100)).isEqualTo(new ByteRange(10, 19, true, false));
    assertThat(ByteRange.of("bytes=90-", 100)).isEqualTo(new ByteRange(90, 99, true, false));
    assertThat(ByteRange.of("bytes=90-5000", 100)).isEqualTo(new ByteRange(90, 99, true, false));
    assertThat(ByteRange.of("bytes=90-5000", 100).contentRange(100)).isEqualTo("bytes 90-99/100");
  }

  @Test
  void aSuffixRangeIsTheFilesLastBytes() {
    assertThat(ByteRange.of("bytes=-4", 100)).isEqualTo(new ByteRange(96, 99, true, false));
    assertThat(ByteRange.of("bytes=-400", 100)).isEqualTo(new ByteRange(0, 99, true, false));
  }

  @Test
  void aRangeThatStartsAtOrPastTheEndIsUnsatisfiable() {
    assertThat(ByteRange.of("bytes=100-", 100).unsatisfiable()).isTrue();
    assertThat(ByteRange.of("bytes=999999999-", 100).unsatisfiable()).isTrue();
    assertThat(ByteRange.of("bytes=-0", 100).unsatisfiable()).isTrue();
    assertThat(ByteRange.of("bytes=0-", 0).unsatisfiable()).isTrue();
    assertThat(ByteRange.of("bytes=100-", 100).contentRange(100)).isEqualTo("bytes */100");
  }

  @Test
  void whatThePlaygroundDoesNotServeAsARangeGetsTheWholeFile() {
    for (String header : new String[] {"bytes=0-1,5-6", "items=0-5", "bytes=abc-", "bytes=-", "bytes=20-10",
        "bytes=99999999999999999999-", ""}) {
      assertThat(ByteRange.of(header, 100)).as(header).isEqualTo(new ByteRange(0, 99, false, false));
    }
  }
}
