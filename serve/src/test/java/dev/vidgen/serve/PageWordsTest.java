package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PageWordsTest {
  @Test
  void leavesAJavaExceptionsNameOutOfWhatItSays() {
    assertThat(PageWords.of("the create request was sent but no answer came: IOException: unexpected end of stream"
        + " on http://127.0.0.1:9/..., so a task may exist"))
        .isEqualTo("the create request was sent but no answer came: unexpected end of stream on"
            + " http://127.0.0.1:9/..., so a task may exist");
    assertThat(PageWords.of("failed: java.net.SocketTimeoutException: timeout")).isEqualTo("failed: timeout");
  }

  @Test
  void namesThePlaygroundsOptionForARetiredRouteInsteadOfTheJavaSwitch() {
    assertThat(PageWords.of("sora-2 was retired; choose veo3.1-fast instead, or allow retired routes"
        + " (allowRetired(true) in Java, --allow-retired on the command line) if your provider still serves it"))
        .isEqualTo("sora-2 was retired; choose veo3.1-fast instead, or allow retired routes (start the playground"
            + " with vidgen serve --allow-retired) if your provider still serves it");
  }

  @Test
  void leavesOtherWordsAsTheyAre() {
    assertThat(PageWords.of("Errors: none; the Exception: word in a prompt")).isEqualTo(
        "Errors: none; the Exception: word in a prompt");
    assertThat(PageWords.of(null)).isNull();
  }
}
