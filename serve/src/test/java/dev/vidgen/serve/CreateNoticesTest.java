package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** What the card of each create on its way says while it is sent again or looked up: its own create's state only. */
class CreateNoticesTest {
  private static final String LOOKED_UP = "seedance-2"; // its create carries a client reference
  private static final String LIMITED = "grok-video-1.5-preview"; // its create carries none

  @TempDir Path folder;

  private final List<Map<String, Object>> published = new CopyOnWriteArrayList<>();
  private final MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(300)).build();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder);

  @Test
  void aCreateAnsweredWithA500WhoseRouteTakesAReferenceSaysItIsLookedUpAtTheTimeNamedNotSentAgain() throws Exception {
    Jobs jobs = jobs();

    mock.script().serverErrors(Operation.CREATE, 1, 500);
    jobs.submit(lookedUpJob());
    await().atMost(Duration.ofSeconds(10)).until(() -> notice(LOOKED_UP).startsWith("looking the task up by its client"
        + " reference vg-"));

    assertThat(cards(LOOKED_UP)).as("after the 500, its card named when the look-up starts, not a resend then")
        .map(card -> String.valueOf(card.get("notice")))
        .anySatisfy(notice -> assertThat(notice).contains("(HTTP 500)",
            "a take answered with a server error may have made a billed task",
            "; looking the task up by its client reference at ", " UTC (in about 1 s) before sending it again"))
        .noneSatisfy(notice -> assertThat(notice).contains("sending it again at"));
    assertThat(notice(LOOKED_UP)).as("while it is looked up, its card says so")
        .contains("before sending it again (up to ", "so nothing is sent meanwhile");
  }

  @Test
  void twoCreatesAtOnceEachCardSaysItsOwnCreatesStateNotTheOthers() throws Exception {
    Jobs jobs = jobs();

    mock.script().rateLimitCreates(1, Duration.ofSeconds(40));
    jobs.submit(VideoJob.builder(LIMITED).prompt("Slow push-in").image("https://example.com/a.png").build());
    await().atMost(Duration.ofSeconds(10)).until(() -> notice(LIMITED).contains("HTTP 429"));
    mock.script().serverErrors(Operation.CREATE, 1, 500);
    jobs.submit(lookedUpJob());
    await().atMost(Duration.ofSeconds(10)).until(() -> notice(LOOKED_UP).startsWith("looking the task up by its client"
        + " reference vg-"));

    assertThat(cards(LIMITED)).as("the other job's 500 is not told on the card of the create refused with a 429")
        .allSatisfy(card -> assertThat(String.valueOf(card.get("notice"))).doesNotContain("server error", "HTTP 500"));
    Map<String, Object> limited = cards(LIMITED).get(cards(LIMITED).size() - 1);
    assertThat(String.valueOf(limited.get("notice"))).contains("the provider is limiting requests (HTTP 429)",
        "nothing was made or paid for yet", "sending it again at ");
    assertThat(limited).as("a 429 took nothing: no charge in doubt").doesNotContainKey("charge");
    assertThat(cards(LOOKED_UP)).as("the 429 is not told on the card of the create answered with a 500")
        .allSatisfy(card -> assertThat(String.valueOf(card.get("notice"))).doesNotContain("HTTP 429"));
  }

  /**
   * Jobs on the mock, wired as the playground wires them: the look-ups' listener after the jobs', every view
   * shown through it; no jitter, a 429 waited out long after the test, and a look-up that lasts while it looks.
   */
  private Jobs jobs() throws Exception {
    on.client(VidgenClient.builder().provider(mock)
        .retryPolicy(RetryPolicy.builder().rateLimitRetries(2).rateLimitBackoff(Duration.ofSeconds(40),
                Duration.ofSeconds(40)).transientRetries(2).transientBackoff(Duration.ofMillis(500),
                Duration.ofMillis(500)).notFoundRetries(20).notFoundBackoff(Duration.ofSeconds(3), Duration.ofSeconds(3))
            .retryAfterJitter(Duration.ZERO).jitter(0).build())
        .build());
    AtomicReference<CreateLookUps> lookUps = new AtomicReference<>();
    Consumer<Map<String, Object>> push = view -> published.add(lookUps.get().shown(view));
    lookUps.set(new CreateLookUps(Clock.systemUTC(), push));
    Jobs jobs = new Jobs(on.client(), on.history(),
        Files.createDirectories(folder.resolve("videos")), Clock.systemUTC(), push, Duration.ofMillis(200),
        List.of("--provider", "mock"));
    on.client().addListener(lookUps.get());
    return jobs;
  }

  private static VideoJob lookedUpJob() {
    return VideoJob.builder(LOOKED_UP).prompt("A slow push-in on the product on a marble counter.").build();
  }

  /** The cards of the create of {@code model} still on its way, as published, in order. */
  private List<Map<String, Object>> cards(String model) {
    return published.stream().filter(card -> model.equals(card.get("model")) && Boolean.TRUE.equals(card.get("sending"))
        && card.get("notice") != null).toList();
  }

  /** What the last card of {@code model}'s create on its way says; "" before any notice. */
  private String notice(String model) {
    List<Map<String, Object>> cards = cards(model);
    return cards.isEmpty() ? "" : String.valueOf(cards.get(cards.size() - 1).get("notice"));
  }
}
