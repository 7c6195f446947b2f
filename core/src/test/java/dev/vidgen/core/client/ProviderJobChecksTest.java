package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a provider says of itself is kept to by the client for every provider, not only by the built-in ones: a job
 * whose text holds the provider's key, or that sets a parameter the provider fills, is refused and nothing is sent.
 */
class ProviderJobChecksTest {
  /** A key of a provider of one's own, not shaped like any built-in provider's. */
  private static final String KEY = "zk_live_0123456789abcdefABCDEF";

  private ClientFixture fixture = new ClientFixture();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  private void useProvider(ScriptedProvider provider) {
    fixture.close();
    fixture = new ClientFixture(provider, builder -> {});
  }

  @Test
  void aJobHoldingTheKeyAProviderNamesIsRefusedEachPlaceNamedTheKeyNeverShownAndNothingSent() {
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    VideoJob job = Jobs.valid().toBuilder().prompt("use token " + KEY + " please").images(List.of())
        .image("https://images.test/kite.png?t=" + URLEncoder.encode(URLEncoder.encode(KEY, StandardCharsets.UTF_8)
            .replace("_", "%5F"), StandardCharsets.UTF_8))
        .param("metadata", Map.of("auth", "Bearer " + KEY)).build();

    ValidationReport report = fixture.client.validate(job);

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).extracting(Violation::field).containsExactly("prompt", "images[0]", "params.metadata.auth");
    assertThat(report.errors()).allSatisfy(v -> {
      assertThat(v.code()).isEqualTo(ViolationCodes.TEXT_HOLDS_API_KEY);
      assertThat(v.message()).contains("holds the API key", "remove it");
    });
    assertThat(report.errors().get(0).given()).isEqualTo("use token … please");
    assertThat(report.toString()).doesNotContain(KEY).doesNotContain(KEY.substring(8));
    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(e.getMessage()).contains("prompt holds the API key").doesNotContain(KEY));
    assertThat(fixture.provider.calls()).as("no upload, no create").isEmpty();
  }

  @Test
  void aParameterNamedByTheKeyIsRefusedWithTheKeyMaskedInEveryViolationAndTheException() {
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    VideoJob job = Jobs.valid().toBuilder().param(KEY, "x").build();

    ValidationReport report = fixture.client.validate(job);

    assertThat(report.isValid()).isFalse();
    assertThat(report.violations()).extracting(Violation::code).contains(ViolationCodes.TEXT_HOLDS_API_KEY);
    assertThat(report.violations()).allSatisfy(v -> assertThat(String.join(" ", String.valueOf(v.field()),
        String.valueOf(v.given()), String.valueOf(v.allowed()), v.message())).doesNotContain(KEY)
        .doesNotContain(KEY.substring(8)));
    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOf(InvalidJobException.class)
        .satisfies(e -> assertThat(e.getMessage() + e).doesNotContain(KEY).doesNotContain(KEY.substring(8)));
    assertThat(fixture.provider.calls()).isEmpty();
  }

  @Test
  void anExtendWhosePromptHoldsTheKeyIsRefusedBeforeItIsSent() {
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    JobHandle earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null);

    CompletableFuture<JobHandle> extended =
        fixture.client.extendAsync(earlier.encode(), FollowOn.prompt("the kite flies on " + KEY));

    assertThat(failureOf(extended)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("prompt holds the API key").hasMessageNotContaining(KEY);
    assertThat(fixture.provider.calls()).isEmpty();
  }

  @Test
  void aProviderThatNamesNoKeyAndAJobWithoutTheKeyPass() {
    VideoJob holding = Jobs.valid().toBuilder().prompt("use token " + KEY).build();
    assertThat(fixture.client.validate(holding).isValid()).as("the default names no key").isTrue();

    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    assertThat(fixture.client.validate(Jobs.valid()).violations()).isEmpty();
  }

  @Test
  void aJobSettingAParameterTheProviderFillsIsRefusedAndNothingIsSent() {
    useProvider(ScriptedProvider.takingClientReferences().filling("ref"));
    VideoJob job = Jobs.valid().toBuilder().param("ref", "mine").param("style", "noir").build();

    ValidationReport report = fixture.client.validate(job);

    assertThat(report.errors()).singleElement().satisfies(v -> {
      assertThat(v.field()).isEqualTo("params.ref");
      assertThat(v.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(v.message()).contains("provider scripted fills ref itself", "paying for it twice",
          "remove the parameter");
    });
    assertThat(report.warnings()).extracting(Violation::field).as("refused, so not also \"sent unchanged\"")
        .doesNotContain("params.ref");
    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOf(InvalidJobException.class);
    assertThat(fixture.provider.creates()).isEmpty();
    Consumer<VideoJob> valid = other -> assertThat(fixture.client.validate(other).isValid()).isTrue();
    valid.accept(Jobs.valid().toBuilder().param("style", "noir").build());
  }

  @Test
  void aJobValidatedCleanIsNotScannedForTheKeyAgainWhenThatSameJobIsSubmitted() {
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    VideoJob job = Jobs.valid();

    assertThat(fixture.client.validate(job).isValid()).isTrue();
    assertThat(fixture.client.keyScans()).as("validate scans the job's text").isEqualTo(1);
    fixture.client.submit(job);

    assertThat(fixture.client.keyScans()).as("the submit of the job just validated does not scan it again")
        .isEqualTo(1);
    assertThat(fixture.provider.calls()).containsExactly("create");
    fixture.client.submit(Jobs.valid());
    assertThat(fixture.client.keyScans()).as("an equal job never validated is scanned").isEqualTo(2);
  }

  @Test
  void aJobHoldingTheKeyIsRefusedOnEveryPathAfterAnotherJobWasValidatedCleanAndNothingIsSent(
      @TempDir Path folder) {
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    VideoJob clean = Jobs.valid();
    assertThat(fixture.client.validate(clean).isValid()).isTrue();
    VideoJob holding = clean.toBuilder().prompt("a red kite, token " + KEY).build();

    assertThat(fixture.client.validate(holding).errors()).extracting(Violation::code)
        .containsExactly(ViolationCodes.TEXT_HOLDS_API_KEY);
    assertThat(failureOf(fixture.client.submitAsync(holding))).as("submitAsync without validate")
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("prompt holds the API key")
        .hasMessageNotContaining(KEY);
    assertThatThrownBy(() -> fixture.client.generate(holding, folder.resolve("kite.mp4"), AwaitOptions.defaults()))
        .isInstanceOf(InvalidJobException.class).hasMessageContaining("prompt holds the API key");
    assertThat(fixture.provider.calls()).as("no upload, no create").isEmpty();
  }

  @Test
  void aJobValidatedCleanIsScannedAgainOnSubmitWhenTheProviderNowNamesAnotherKey() {
    String other = "zk_live_9876543210fedcbaFEDCBA";
    useProvider(new ScriptedProvider().keysJobsMayNotHold(ApiKey.of(KEY)));
    VideoJob job = Jobs.valid().toBuilder().prompt("a red kite, token " + other).build();
    assertThat(fixture.client.validate(job).isValid()).as("clean against the first key").isTrue();

    fixture.provider.keysJobsMayNotHold(ApiKey.of(other));

    assertThatThrownBy(() -> fixture.client.submit(job)).isInstanceOf(InvalidJobException.class)
        .hasMessageContaining("prompt holds the API key").hasMessageNotContaining(other);
    assertThat(fixture.provider.calls()).isEmpty();
  }
}
