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
  void keepsTheKindOfAProvidersUnexpectedFailureBySimpleNameBecauseThatIsWhatWentWrong() {
    assertThat(PageWords.of("probe-y failed the create of a grok-video-1.5-preview task with an unexpected"
        + " java.lang.NoClassDefFoundError: com/acme/Json, a fault of the provider"))
        .isEqualTo("probe-y failed the create of a grok-video-1.5-preview task with an unexpected"
            + " NoClassDefFoundError: com/acme/Json, a fault of the provider");
    assertThat(PageWords.of("acme failed its status read with an unexpected java.lang.IllegalStateException: boom"))
        .isEqualTo("acme failed its status read with an unexpected IllegalStateException: boom");
    assertThat(PageWords.of("acme failed the upload with an unexpected com.acme.Client$BrokenError"))
        .isEqualTo("acme failed the upload with an unexpected Client$BrokenError");
  }

  @Test
  void leavesOtherWordsAsTheyAre() {
    assertThat(PageWords.of("Errors: none; the Exception: word in a prompt")).isEqualTo(
        "Errors: none; the Exception: word in a prompt");
    assertThat(PageWords.of(null)).isNull();
  }
}
