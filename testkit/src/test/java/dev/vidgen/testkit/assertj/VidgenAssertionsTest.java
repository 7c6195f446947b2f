package dev.vidgen.testkit.assertj;

import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;
import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThatThrownBy;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VidgenAssertionsTest {
  private static final TaskId TASK = TaskId.of("video_1");
  private static final VideoAsset VIDEO = new VideoAsset(URI.create("https://files.example.com/v.mp4"), "mp4", null);

  @Test
  void priceQuoteComparesAmountsByValue() {
    PriceQuote quote = PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s");

    assertThat(quote).isKnown().hasUsd("0.1").hasCredits("20").hasModel("grok-video-1.5-preview")
        .hasBasisContaining("10 s");
    assertThatThrownBy(() -> assertThat(quote).hasCredits("30"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected 30 credits but got 20");
    assertThatThrownBy(() -> assertThat(PriceQuote.unknown("m", "no price")).isKnown())
        .hasMessageContaining("unknown: no price");
  }

  @Test
  void taskSnapshotAssertionsNameWhatWasSeen() {
    assertThat(TaskSnapshot.completed(TASK, VIDEO)).isCompleted().isTerminal().hasVideoFormat("mp4")
        .hasTaskId("video_1").hasProgress(100);
    assertThat(TaskSnapshot.inProgress(TASK, 40)).isInProgress().isNotTerminal().hasProgress(40);
    assertThat(TaskSnapshot.failed(TASK, new TaskFailure("generation_failed", "blocked by policy")))
        .isFailed()
        .hasFailure("generation_failed", "policy");

    assertThatThrownBy(
            () -> assertThat(TaskSnapshot.failed(TASK, new TaskFailure("x", "boom"))).isCompleted())
        .hasMessageContaining("expected task video_1 to be completed but it is failed (x: boom)");
    assertThatThrownBy(() -> assertThat(TaskSnapshot.queued(TASK)).isTerminal())
        .hasMessageContaining("to be finished but it is queued");
  }

  @Test
  void jobHandleAssertionsCheckFieldsAndEncoding() {
    JobHandle handle = new JobHandle("mock", TASK, "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request"),
        Instant.parse("2030-01-01T00:00:00Z"), "ref-1");

    assertThat(handle).hasProvider("mock").hasTaskId("video_1").hasModel("grok-video-1.5-preview")
        .hasClientReference("ref-1").survivesEncoding();
    assertThatThrownBy(() -> assertThat(handle).hasProvider("toapis"))
        .hasMessageContaining("expected provider toapis but got mock");
  }

  @Test
  void theDocumentedReportAssertionHoldsOnWhatTheValidatorReallyReports() {
    VideoJob sixSeconds = VideoJob.builder("grok-video-1.5-preview")
        .prompt("Slow push-in").image("https://example.com/a.png").seconds(6).build();
    ValidationReport report = JobValidator.of(RouteCatalog.builtIn()).validate(sixSeconds);

    // As docs/testing-with-the-mock.md writes it.
    assertThat(report).isInvalid().hasError("seconds", "seconds.not_offered").hasErrorCount(1);
  }

  @Test
  void validationReportAssertionsFindViolationsByFieldAndCode() {
    ValidationReport report = new ValidationReport("grok-video-1.5-preview", GenerationMode.IMAGE_TO_VIDEO,
        List.of(
            Violation.error("seconds", "seconds.not_offered", "6", "10 or 15", "seconds: 6 is not offered"),
            Violation.warning("params.foo", "param.unknown", "1", "", "params.foo is unknown")));

    assertThat(report).isInvalid().hasError("seconds", "seconds.not_offered")
        .hasWarning("params.foo", "param.unknown").hasErrorCount(1)
        .hasErrorMessageContaining("not offered").resolvesTo(GenerationMode.IMAGE_TO_VIDEO);
    assertThatThrownBy(() -> assertThat(report).isValid())
        .hasMessageContaining("seconds [seconds.not_offered] seconds: 6 is not offered");
    assertThatThrownBy(() -> assertThat(report).hasError("images", "images.too_few"))
        .hasMessageContaining("expected an error on images with code images.too_few");
    assertThatThrownBy(() -> assertThat(report).hasNoWarnings()).hasMessageContaining("params.foo");
  }
}
