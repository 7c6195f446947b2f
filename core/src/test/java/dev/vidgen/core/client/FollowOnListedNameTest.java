package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.FollowOn;
import dev.vidgen.core.domain.FollowOnKind;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An extend or remix is checked against the key's live model list and sent under the name that list gives its model,
 * as a job is: a route file's alias for a renamed model, or the model's name in another case, with the
 * {@code live_models.alias} warning; the handle keeps the route's id.
 */
class FollowOnListedNameTest {
  private static final String RENAMED = "grok-video-1.0-20261201";

  @TempDir Path dir;

  @Test
  void aModelTheListHoldsUnderARouteFileAliasIsSentUnderThatAlias() throws IOException {
    Path routes = Files.writeString(dir.resolve("alias.json"),
        "{\"patch\": {\"grok-video-1.0\": {\"aliases\": [\"" + RENAMED + "\"]}}}");
    try (ClientFixture fixture = fixture(Set.of(RENAMED, "seedance-2"), builder -> builder.routes(routes))) {
      String source = grokTask(fixture);
      FollowOn extend = FollowOn.prompt("the kite climbs higher");

      assertThat(fixture.client.checkFollowOn(FollowOnKind.EXTEND, source, extend).isValid()).isTrue();
      JobHandle extended = done(fixture, fixture.client.extendAsync(source, extend));
      JobHandle remixed = done(fixture, fixture.client.remixAsync(source, FollowOn.prompt("the same kite at night")));

      assertThat(fixture.provider.followOns()).extracting(FollowOnRequest::model).containsExactly(RENAMED, RENAMED);
      assertThat(extended.model()).as("the handle keeps the route's id").isEqualTo("grok-video-1.0");
      assertThat(remixed.model()).isEqualTo("grok-video-1.0");
      assertThat(fixture.listener.warnings()).filteredOn(warning -> warning.startsWith("live_models.alias"))
          .containsExactly("live_models.alias: grok-video-1.0 is listed for this key as " + RENAMED
              + ", another name of the same model; " + RENAMED + " is sent");
    }
  }

  @Test
  void aModelTheListSpellsInAnotherCaseIsSentAsTheListSpellsIt() {
    try (ClientFixture fixture = fixture(Set.of("Grok-Video-1.0", "seedance-2"), builder -> { })) {
      String source = grokTask(fixture);

      done(fixture, fixture.client.extendAsync(source, FollowOn.prompt("the kite climbs higher")));

      assertThat(fixture.provider.followOns()).extracting(FollowOnRequest::model).containsExactly("Grok-Video-1.0");
      assertThat(fixture.listener.warnings()).anySatisfy(warning -> assertThat(warning).startsWith(
          "live_models.alias: grok-video-1.0 is listed for this key as Grok-Video-1.0, the same name in another case"));
    }
  }

  private static ClientFixture fixture(Set<String> listed, java.util.function.Consumer<VidgenClient.Builder> more) {
    ScriptedProvider provider = new ScriptedProvider().liveModels(listed)
        .followOnAnswers(TaskSnapshot.queued(TaskId.of("task-2")));
    return new ClientFixture(provider, builder -> more.accept(builder.readFollowOnSources(false)));
  }

  /** The handle of a grok-video-1.0 task made before the list changed. */
  private static String grokTask(ClientFixture fixture) {
    return new JobHandle(ScriptedProvider.ID, TaskId.of("task-1"), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "test"), fixture.time.now(), null).encode();
  }

  private static JobHandle done(ClientFixture fixture, CompletableFuture<JobHandle> future) {
    for (int minute = 0; minute < 30 && !future.isDone(); minute++) {
      fixture.advance(Duration.ofMinutes(1));
    }
    return future.join();
  }
}
