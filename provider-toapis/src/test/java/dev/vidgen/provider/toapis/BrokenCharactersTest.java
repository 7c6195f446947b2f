package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.ViolationCodes;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Half of an emoji (an unpaired UTF-16 surrogate, as cutting text by UTF-16 index leaves) would reach ToAPIs as "?":
 * the job is refused before anything is sent, by validation and by the provider's own request body.
 */
class BrokenCharactersTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String CAT = "https://images.example/cat.png";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client().start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void aPromptCutThroughAnEmojiIsInvalidAndValidateSubmitAndGenerateSendNothing(@TempDir Path folder) {
    VideoJob job = VideoJob.builder(MODEL).prompt("Kamerafahrt \u00fcber Gr\u00fc\u00dfe \uD83C\uDFAC" + "\uD83C"
        + " Ende one").image(CAT).build();

    ValidationReport report = client.validate(job);

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.TEXT_BROKEN_CHARACTER);
      assertThat(error.message()).startsWith("prompt: a broken character at position 25");
    });
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("prompt: a broken character at position 25");
    assertThatThrownBy(() -> client.generate(job, folder.resolve("one.mp4"), AwaitOptions.defaults()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("a broken character");
    assertThat(toapis.requests()).as("no create with \"?\" in its place").isEmpty();
  }

  @Test
  void theProviderRefusesABodyHoldingOneForACallerThatSkippedValidation() {
    VideoJob job = VideoJob.builder(MODEL).prompt("a kite").image(CAT)
        .param("metadata", Map.of("note", "cut \uDC8E here")).build();
    SubmitRequest request = new SubmitRequest(job, RouteCatalog.builtIn().require(MODEL), null);

    assertThatThrownBy(() -> http.provider().create(request, null).join()).cause()
        .isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("body.metadata.note: a broken character at position 5")
        .hasMessageContaining("nothing was sent");
    assertThat(toapis.creates()).as("the body is never encoded with \"?\"").isEmpty();
  }
}
