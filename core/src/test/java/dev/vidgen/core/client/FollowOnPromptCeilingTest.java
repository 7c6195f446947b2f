package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ViolationCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An extend's or remix's prompt, which no route limits, is held to the ceiling a job's undocumented limit is. */
class FollowOnPromptCeilingTest {
  private final ScriptedProvider provider = new ScriptedProvider();
  private final ClientFixture fixture = new ClientFixture(provider, builder -> builder.checkModelAvailability(false));
  private final String earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
      PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null).encode();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aHugeRemixPromptIsRefusedBeforeAnythingIsSentAndOneAtTheCeilingIsTaken() {
    FollowOn atCeiling = FollowOn.prompt("a".repeat(20_000));
    FollowOn huge = FollowOn.prompt("a".repeat(500_000));

    assertThat(fixture.client.checkFollowOn(FollowOnKind.REMIX, earlier, atCeiling).isValid()).isTrue();
    assertThatThrownBy(() -> fixture.client.checkFollowOn(FollowOnKind.REMIX, earlier, huge))
        .isInstanceOfSatisfying(InvalidJobException.class, e -> assertThat(e.report().errors()).singleElement()
            .satisfies(error -> {
              assertThat(error.field()).isEqualTo("prompt");
              assertThat(error.code()).isEqualTo(ViolationCodes.PROMPT_TOO_LONG);
              assertThat(error.message()).isEqualTo("prompt: 500000 characters is over the 20000 characters vidgen"
                  + " accepts for a model that documents no prompt limit (no extend or remix of grok-video-1.0"
                  + " documents one; no model vidgen ships documents more than 7000); shorten it");
            }));
    assertThatThrownBy(() -> fixture.client.extend(earlier, huge)).isInstanceOf(InvalidJobException.class);
    assertThat(provider.calls()).as("nothing sent").isEmpty();
  }
}
