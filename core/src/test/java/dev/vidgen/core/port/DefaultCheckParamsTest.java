package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI's own {@code checkParams}: a provider that keeps it still never lets a parameter send another model. */
class DefaultCheckParamsTest {
  private final VideoProvider provider = new TestProvider("plain", ProviderConfig.builder().build());
  private final ModelRoute route = ModelRoute.builder("plain-video-1").mode(GenerationMode.TEXT_TO_VIDEO)
      .durations(DurationRule.oneOf(5)).aspectRatios("16:9").build();

  @Test
  void aModelParameterIsRefusedAndNoOtherParameterIs() {
    VideoJob job = VideoJob.builder(route.id()).prompt("a boat").param("model", "other-video-2").build();

    List<Violation> found = provider.checkParams(job, route);

    assertThat(found).singleElement().satisfies(violation -> {
      assertThat(violation.isError()).isTrue();
      assertThat(violation.field()).isEqualTo("params.model");
      assertThat(violation.code()).isEqualTo(ViolationCodes.PARAM_REPLACES_SETTING);
      assertThat(violation.message()).contains("would replace the model").contains("remove the parameter");
    });
    assertThat(provider.checkParams(VideoJob.builder(route.id()).prompt("a boat").param("style", "noir").build(), route))
        .isEmpty();
    assertThat(provider.checkParams(VideoJob.builder(route.id()).prompt("a boat").build(), route)).isEmpty();
  }
}
