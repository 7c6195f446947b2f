package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.KeyInJob;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A job whose text holds the API key is refused before anything (an upload, a create) is sent. */
class KeyInJobTest {
  private static final String CAT = "https://images.example/cat.png";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().client().start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();
  private final String key = toapis.apiKey();

  @Test
  void aKeyPastedIntoThePromptIsRefusedWithoutShowingItAndNothingIsSent() {
    Path local = Path.of("..", "docs", "examples", "product.png").toAbsolutePath().normalize();
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in. export KEY=" + key)
        .image(local).build();

    ValidationReport report = client.validate(job);

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).singleElement().satisfies(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.TEXT_HOLDS_API_KEY);
      assertThat(v.field()).isEqualTo("prompt");
      assertThat(v.message()).contains("prompt holds the API key", "remove it");
      assertThat(v.given()).contains("export KEY=sk-…");
    });
    assertThat(report.violations().toString()).doesNotContain(key.substring(3));
    assertThatThrownBy(() -> client.submit(job)).isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("prompt holds the API key").doesNotContain(key.substring(3)));
    assertThat(toapis.requests()).as("no upload, no create, no read").isEmpty();
  }

  @Test
  void aTaskIdHoldingTheKeyInAnyFormIsRefusedByResumeAndNoStatusIsRead() {
    for (String given : List.of(key, "video_" + key, URLEncoder.encode(key, StandardCharsets.UTF_8).replace("-", "%2D"),
        key.substring(3))) {
      assertThatThrownBy(() -> client.resume(given)).as(given).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("the task id holds the API key (shown sk-…)")
          .hasMessageContaining("nothing was sent").hasMessageNotContaining(key.substring(3));
    }
    assertThat(client.resume("video_abc123").taskId().value()).isEqualTo("video_abc123");
    assertThat(toapis.requests()).as("no status read").isEmpty();
  }

  @Test
  void aJobHoldingTheKeyIsRefusedBySubmitAsyncAndGenerateUnvalidatedAfterACleanJobWasValidatedAndNothingIsSent(
      @TempDir Path folder) {
    VideoJob clean = VideoJob.builder("grok-video-1.5-preview").prompt("a kite").image(CAT).build();
    assertThat(client.validate(clean).isValid()).isTrue();
    VideoJob holding = clean.toBuilder().prompt("a kite, key " + key).build();

    assertThatThrownBy(() -> client.submitAsync(holding).join()).cause().isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("prompt holds the API key").hasMessageNotContaining(key.substring(3));
    assertThatThrownBy(() -> client.generate(holding, folder.resolve("kite.mp4"), AwaitOptions.defaults()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("prompt holds the API key");
    assertThat(toapis.requests()).as("no read, no upload, no create").isEmpty();
  }

  @Test
  void theKeyIsFoundEncodedInALinkAndInsideParametersEachPlaceNamed() {
    String encoded = URLEncoder.encode(key, StandardCharsets.UTF_8).replace("-", "%2D");
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p")
        .image(CAT + "?token=" + encoded)
        .param("metadata", Map.of("note", List.of("ok", "Bearer " + key)))
        .build();

    assertThat(client.validate(job).errors()).extracting(Violation::field)
        .containsExactly("images[0]", "params.metadata.note[1]");
    assertThat(client.validate(job).errors()).filteredOn(v -> v.code().equals(ViolationCodes.TEXT_HOLDS_API_KEY))
        .hasSize(2);
  }

  @Test
  void aProviderCalledDirectlyRefusesTheCreateToo() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p " + key).image(CAT).build();
    try (ToApisVideoProvider provider = ToApisTesting.provider(toapis)) {
      var route = dev.vidgen.core.domain.RouteCatalog.builtIn().require("grok-video-1.5-preview");

      assertThatThrownBy(() -> provider.create(new dev.vidgen.core.port.SubmitRequest(job, route, null)).join())
          .hasRootCauseInstanceOf(InvalidJobException.class);
    }
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void anExtendOrRemixWhosePromptOrParameterHoldsTheKeyIsNotSent() {
    try (ToApisVideoProvider provider = ToApisTesting.provider(toapis)) {
      var extend = new dev.vidgen.core.port.FollowOnRequest(dev.vidgen.core.domain.FollowOnKind.EXTEND,
          dev.vidgen.core.domain.TaskId.of("video_1"), "grok-video-1.0", "the kite rises " + key, null, Map.of());
      var remix = new dev.vidgen.core.port.FollowOnRequest(dev.vidgen.core.domain.FollowOnKind.REMIX,
          dev.vidgen.core.domain.TaskId.of("video_1"), "grok-video-1.0", "in winter", null, Map.of("note", key));

      assertThatThrownBy(() -> provider.createFollowOn(extend).join())
          .hasRootCauseInstanceOf(InvalidJobException.class)
          .rootCause().hasMessageContaining("prompt holds the API key").hasMessageNotContaining(key.substring(3));
      assertThatThrownBy(() -> provider.createFollowOn(remix).join())
          .rootCause().hasMessageContaining("params.note holds the API key");
    }
    assertThat(toapis.requests()).isEmpty();
  }

  @Test
  void theKeysSecretPartWithoutItsPrefixIsFoundTooInThePromptAndInACallbackLink() {
    String part = key.substring(3);
    VideoJob job = VideoJob.builder("grok-video-1.5-preview")
        .prompt("token " + part.substring(0, 20) + "\u200b" + part.substring(20)).image(CAT)
        .param("callback_url", "https://hooks.example.com/x?token=" + part.toUpperCase(java.util.Locale.ROOT))
        .build();

    assertThat(client.validate(job).errors()).extracting(Violation::field)
        .containsExactly("prompt", "params.callback_url");
    assertThat(client.validate(job).errors().toString()).doesNotContain(part)
        .doesNotContain(part.toUpperCase(java.util.Locale.ROOT));
  }

  @Test
  void aJobWithoutTheKeyAndAShortKeyFindNothing() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("sk-fake and other words").image(CAT)
        .param("seed", 7).build();

    assertThat(client.validate(job).isValid()).isTrue();
    assertThat(KeyInJob.find(VideoJob.builder("m").prompt("a cathedral, com.example.cat.Factory").build(),
        ApiKey.of("cat"))).as("a key of three characters is looked for only as a whole word, as it is masked").isEmpty();
    assertThat(KeyInJob.find(VideoJob.builder("m").prompt("a cat in a hat").build(), ApiKey.of("cat"))).hasSize(1);
    assertThat(KeyInJob.find(VideoJob.builder("m").prompt("one sk-trial-secret").build(),
        ApiKey.of("sk-trial-secret"))).hasSize(1);
  }
}
