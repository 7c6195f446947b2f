package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.pricing.PriceQuote;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A follow-on's model is found as a job's is: the route's id in any case, priced and sent as the route's id. */
class FollowOnModelNamesTest {
  private final ClientFixture fixture = new ClientFixture(new ScriptedProvider(),
      builder -> builder.checkModelAvailability(false));

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aModelNamedInAnotherCaseIsTheRouteOfThatId() {
    String earlier = new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null).encode();

    for (String spelled : new String[] {"Grok-Video-1.0", "GROK-VIDEO-1.0"}) {
      FollowOn remix = FollowOn.prompt("the same kite at night").withModel(spelled);
      assertThat(fixture.client.checkFollowOn(FollowOnKind.REMIX, earlier, remix).isValid()).as(spelled).isTrue();
      assertThat(fixture.client.quoteFollowOn(FollowOnKind.EXTEND, earlier, remix).model()).as(spelled)
          .isEqualTo("grok-video-1.0");
    }
  }
}
