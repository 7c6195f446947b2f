package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the card of a create looked up before it is sent again says, as the look-up starts and once it is sent again. */
class CreateLookUpsTest {
  private static final String NOTE = "unanswered-vg-abc";
  private static final Map<String, Object> SENDING = Map.of("task_id", NOTE, "sending", true,
      "notice", "the provider answered the create with a server error (HTTP 500); a take answered with a server error"
          + " may have made a billed task; sending it again at 10:00:01 UTC (in about 1 s)");

  private final List<Map<String, Object>> published = new ArrayList<>();
  private final CreateLookUps lookUps = new CreateLookUps(
      Clock.fixed(Instant.parse("2026-12-06T10:00:01Z"), ZoneOffset.UTC), published::add);

  @Test
  void theCardSaysTheLookUpAsItStartsAndTheResendOnceNoTaskWasListed() {
    lookUps.shown(SENDING);

    lookUps.onCreateLookUp("vg-abc", Duration.ofSeconds(72));

    assertThat(published).as("shown again as the look-up starts").hasSize(1);
    assertThat(lookUps.shown(published.get(0)).get("notice")).isEqualTo("looking the task up by its client reference"
        + " vg-abc before sending it again (up to 72 s, until 10:01:13 UTC): the create answered with a server error"
        + " or not at all may have made it, so nothing is sent meanwhile");
    assertThat(lookUps.shown(SENDING).get("notice")).as("also in GET /api/history").asString()
        .startsWith("looking the task up");

    lookUps.onCreateResent("vg-abc");
    assertThat(lookUps.shown(SENDING).get("notice")).isEqualTo("no task of client reference vg-abc was listed, so the"
        + " create was sent again at 10:00:01 UTC with that reference; waiting for its answer");

    // Another job's create retried: this card keeps saying its own create's state.
    lookUps.onCreateRetry("vg-other", null, 1, Duration.ofSeconds(1), false);
    assertThat(lookUps.shown(SENDING).get("notice")).asString().startsWith("no task of client reference vg-abc");

    // That take answered with a server error too: the retry's own notice (why, when) is the true one again.
    lookUps.onCreateRetry("vg-abc", null, 1, Duration.ofSeconds(1), true);
    assertThat(lookUps.shown(SENDING).get("notice")).isEqualTo(SENDING.get("notice"));
  }

  @Test
  void aNoteWhoseCreateWasAnsweredSaysNothingOfItsLookUp() {
    lookUps.shown(SENDING);
    lookUps.onCreateLookUp("vg-abc", Duration.ofSeconds(72));

    Map<String, Object> answered = Map.of("task_id", NOTE, "sending", false, "status", "found");
    assertThat(lookUps.shown(answered)).isEqualTo(answered);
    assertThat(lookUps.shown(SENDING).get("notice")).isEqualTo(SENDING.get("notice"));
    assertThat(lookUps.shown(Map.of("task_id", "unanswered-vg-other", "sending", true)))
        .as("another note's card").doesNotContainKey("notice");
  }
}
