package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.validation.JobValidator;
import org.junit.jupiter.api.Test;

class InvalidJobExceptionTest {
  @Test
  void namesTheModelAndEveryProblemAndSaysWhenNoModelWasGiven() {
    JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

    InvalidJobException named = new InvalidJobException(validator.validate(
        VideoJob.builder("grok-video-1.5-preview").prompt("p").seconds(12).build()));
    InvalidJobException unnamed = new InvalidJobException(validator.validate(VideoJob.builder("").prompt("p").build()));

    assertThat(named).hasMessageStartingWith("invalid job for grok-video-1.5-preview (2 problems): ")
        .hasMessageContaining("seconds: 12 is not offered").hasMessageEndingWith("(see docs/errors.md#invalid-job)");
    assertThat(unnamed).hasMessageStartingWith("invalid job for no model (1 problem): model: no model was given");
  }
}
