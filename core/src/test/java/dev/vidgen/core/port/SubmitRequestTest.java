package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.Pricing;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A provider reads the length, ratio and resolution the quote used from the request, defaults filled in. */
class SubmitRequestTest {
  private final ModelRoute route = ModelRoute.builder("kite-video-1").mode(GenerationMode.TEXT_TO_VIDEO)
      .durations(DurationRule.oneOf(4, 8)).aspectRatios("16:9", "9:16").resolutions("720p", "1080p")
      .price(new PriceTable.ByResolution(Map.of(
          "720p", new PriceTable.PerSecond(new BigDecimal("0.02")),
          "1080p", new PriceTable.PerSecond(new BigDecimal("0.05")))))
      .build();

  @Test
  void aJobThatGivesNoLengthRatioOrResolutionIsSentWithTheRoutesDefaultsTheQuotePriced() {
    VideoJob job = VideoJob.builder(route.id()).prompt("a kite").mode(GenerationMode.TEXT_TO_VIDEO).build();

    SubmitRequest request = new SubmitRequest(job, route, null);

    assertThat(job.seconds()).as("the job keeps what was given").isNull();
    assertThat(request.seconds()).isEqualTo(4);
    assertThat(request.aspectRatio()).contains("16:9");
    assertThat(request.resolution()).contains("720p");
    assertThat(Pricing.quote(route, job).basis()).contains("× 4 s (the route's default), 720p");
  }

  @Test
  void givenValuesAreSentInTheRoutesSpelling() {
    VideoJob job = VideoJob.builder(route.id()).prompt("a kite").seconds(8).aspectRatio(" 9:16 ")
        .resolution("1080P").build();

    SubmitRequest request = new SubmitRequest(job, route, null);

    assertThat(request.seconds()).isEqualTo(8);
    assertThat(request.aspectRatio()).contains("9:16");
    assertThat(request.resolution()).contains("1080p");
  }

  @Test
  void aRouteWithoutResolutionsGivesNone() {
    ModelRoute plain = ModelRoute.builder("plain-video-1").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(DurationRule.oneOf(5)).aspectRatios("16:9").build();

    SubmitRequest request = new SubmitRequest(VideoJob.builder(plain.id()).prompt("a boat").build(), plain, null);

    assertThat(request.resolution()).isEmpty();
    assertThat(request.seconds()).isEqualTo(5);
  }
}
