package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The look-ups of notes of creates left unanswered, on the fake ToAPIs server (loopback) and in
 * virtual time: the page's readings of the history before a note's task would be listed never use
 * up the look-up that can close it.
 */
class NoteLookupsTest {
  private static final String NOTE = "unanswered-vg-fox-1";
  private static final String STAGING = "https://staging.example.test";

  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.start();
  private final VirtualTime time = new VirtualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
  private final List<HistoryEntry> changed = new CopyOnWriteArrayList<>();
  private VidgenClient client;
  private TaskHistory history;
  private NoteLookups lookups;

  @BeforeEach
  void start() {
    client = VidgenClient.builder().provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(fake.apiKey()))
        .baseUrl(fake.baseUrl()).build()).build();
    history = TaskHistory.in(folder.resolve("home"));
    lookups = new NoteLookups(client, history, null, time, time::later, entry -> false, (handle, entry) -> { },
        changed::add);
    // A seedance-2 create that went out just now from a playground that stopped before its answer came.
    VideoJob fox = VideoJob.builder("seedance-2").prompt("a fox in snow, close up").seconds(5).build();
    history.record(HistoryEntry.unanswered("vg-fox-1", true, "toapis", fox, null, time.instant(), time.instant(),
        "its create went out from the playground and " + HistoryEntry.SENDING_MARK, "serve"));
  }

  @AfterEach
  void stop() {
    lookups.close();
    client.close();
    fake.close();
  }

  @Test
  void readingsBeforeTheTaskWouldBeListedDoNotStarveTheLookUpThatClosesANoteOfNothingMade() throws Exception {
    time.move(Duration.ofSeconds(20)); // the playground starts again
    assertThat(lookups.lookUpAll()).isEqualTo(1);
    settle();
    Instant window = time.instant().minusSeconds(20).plus(HistoryEntry.CREATE_MAY_STILL_ANSWER).plusSeconds(1);
    assertThat(lookups.lookUpAt(NOTE)).as("put off until its task would be listed").contains(window);

    for (int reload = 0; reload < 5; reload++) { // the page reloaded, and the history read, every half minute
      time.move(Duration.ofSeconds(30));
      assertThat(lookups.lookUpAll()).as("reload %s", reload).isZero();
      settle();
    }
    assertThat(fake.requests(Endpoint.STATUS)).as("none early (its create may still be on its way from a process"
        + " that runs), none for the reloads").isEmpty();
    assertThat(history.note(NOTE).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);

    time.moveTo(window);
    settle();

    assertThat(fake.requests(Endpoint.STATUS)).hasSize(1);
    HistoryEntry closed = history.note(NOTE).orElseThrow();
    assertThat(closed.status()).isEqualTo("failed");
    assertThat(closed.error()).contains("nothing was made", "no task answers to it");
    assertThat(changed).as("the page is told").extracting(HistoryEntry::status).containsExactly("failed");
    assertThat(lookups.lookUpAt(NOTE)).isEmpty();
  }

  @Test
  void aNoteOfACreateAnsweredWithAServerErrorIsClosedAsMadeNoneNotAsNeverArrived() throws Exception {
    // As the playground notes a create answered 500 whose look-up failed then.
    VideoJob owl = VideoJob.builder("seedance-2").prompt("an owl at dusk").seconds(5).build();
    history.record(HistoryEntry.unanswered("vg-owl-1", true, "toapis", owl, null, time.instant(), time.instant(),
        "its create was answered with a server error (toapis: HTTP 500 internal_error: Internal server error) and no"
            + " task id, so a task may exist; look the task up with vidgen status unanswered-vg-owl-1", "serve"));
    time.move(HistoryEntry.CREATE_MAY_STILL_ANSWER.plusSeconds(1));

    lookups.lookUpAll();
    settle();

    HistoryEntry closed = history.note("unanswered-vg-owl-1").orElseThrow();
    assertThat(closed.status()).isEqualTo("failed");
    assertThat(closed.error()).contains("nothing was made", "its create was answered with a server error and no task"
        + " answers to its client reference, so it made none (nothing billed").doesNotContain("never arrived");
  }

  @Test
  void aTaskWhoseCreateMayStillBeAnsweredToAProcessThatRunsIsLeftToItUntilItWouldBeListed() throws Exception {
    // The create reached the provider; its answer is on its way to the process that sent it (a generate, a playground).
    VideoJob fox = VideoJob.builder("seedance-2").prompt("a fox in snow, close up").seconds(5).build();
    String task = client.submitAsync(fox, "vg-fox-1").get(10, TimeUnit.SECONDS).taskId().value();
    int reads = fake.requests(Endpoint.STATUS).size();
    time.move(Duration.ofSeconds(3)); // another playground's page reads the history

    lookups.lookUpAll();
    settle();

    assertThat(fake.requests(Endpoint.STATUS)).as("not looked up: not taken from the process it answers")
        .hasSize(reads);
    assertThat(history.note(NOTE).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);
    assertThat(history.find("toapis", task)).as("no entry made here for it").isEmpty();
  }

  @Test
  void aLookUpAtTheWindowThatFailsIsTriedAFewTimesThenGivenUp() throws Exception {
    fake.inject(Endpoint.STATUS, Fault.status(400), NoteLookups.MAX_TRIES);
    time.move(Duration.ofSeconds(20));
    lookups.lookUpAll();
    settle();
    assertThat(lookups.lookUpAt(NOTE)).as("put off until its task would be listed").isPresent();
    assertThat(lookups.gaveUp(NOTE)).isFalse();
    lookups.lookUpAll(); // a reload meanwhile
    settle();

    time.moveTo(lookups.lookUpAt(NOTE).orElseThrow());
    settle();
    for (int retry = 1; retry < NoteLookups.MAX_TRIES; retry++) {
      assertThat(lookups.lookUpAt(NOTE)).as("try %s failed: tried again later", retry).isPresent();
      time.move(NoteLookups.RETRY_AFTER);
      settle();
    }

    assertThat(fake.requests(Endpoint.STATUS)).hasSize(NoteLookups.MAX_TRIES);
    assertThat(lookups.gaveUp(NOTE)).isTrue();
    assertThat(lookups.lookUpAt(NOTE)).isEmpty();
    assertThat(lookups.lookUpAll()).as("given up until the playground starts again").isZero();
    assertThat(history.note(NOTE).orElseThrow().status()).as("left open: nothing known").isEqualTo(
        HistoryEntry.UNKNOWN);
  }

  @Test
  void aNoteOfACreateSentToAnotherServerIsNotLookedUpHereNorClosedByThisServersNotFound() throws Exception {
    VideoJob elk = VideoJob.builder("seedance-2").prompt("an elk at dusk").seconds(5).build();
    history.record(HistoryEntry.unanswered("vg-elk-1", true, "toapis", elk, null, time.instant(), time.instant(),
        "no answer", "generate").withBaseUrl(STAGING));
    List<HistoryEntry> followed = new CopyOnWriteArrayList<>();
    NoteLookups here = onFake(followed);
    try {
      time.move(HistoryEntry.CREATE_MAY_STILL_ANSWER.plusMinutes(1)); // its task would be listed by now

      assertThat(here.lookUpAll()).as("the notes of other servers (the default's, staging's) are not this one's")
          .isZero();
      here.idle().get(20, TimeUnit.SECONDS);

      assertThat(fake.requests(Endpoint.STATUS)).isEmpty();
      assertThat(history.note("unanswered-vg-elk-1").orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);
      assertThat(history.note(NOTE).orElseThrow().status()).isEqualTo(HistoryEntry.UNKNOWN);
    } finally {
      here.close();
    }
  }

  @Test
  void aNoteFoundAsATaskWhoseIdAnotherServerGaveOutTooGetsAnEntryOfItsOwnServer() throws Exception {
    VideoJob owl = VideoJob.builder("seedance-2").prompt("an owl turns its head").seconds(5).build();
    history.record(HistoryEntry.unanswered("vg-owl-1", true, "toapis", owl, null, time.instant(), time.instant(),
        "no answer", "serve").withBaseUrl(fake.baseUrl()));
    String task = client.submitAsync(owl, "vg-owl-1").get(10, TimeUnit.SECONDS).taskId().value();
    // The staging server gave the same id out to another job of this machine, recorded later.
    JobHandle other = new JobHandle("toapis", TaskId.of(task), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "not known"), time.instant().plusSeconds(5), null);
    history.record(HistoryEntry.submitted(other, VideoJob.builder("grok-video-1.0").prompt("a kite").build(),
        "generate").withBaseUrl(STAGING));
    List<HistoryEntry> followed = new CopyOnWriteArrayList<>();
    NoteLookups here = onFake(followed);
    try {
      time.move(HistoryEntry.CREATE_MAY_STILL_ANSWER.plusMinutes(1));
      assertThat(here.lookUpAll()).isEqualTo(1);
      here.idle().get(20, TimeUnit.SECONDS);

      HistoryEntry own = history.find("toapis", fake.baseUrl(), task).orElseThrow();
      assertThat(own.baseUrl()).isEqualTo(fake.baseUrl());
      assertThat(own.model()).as("the owl's task, not the kite's").isEqualTo("seedance-2");
      assertThat(followed).extracting(HistoryEntry::model).containsExactly("seedance-2");
      HistoryEntry staging = history.find("toapis", STAGING, task).orElseThrow();
      assertThat(staging.model()).as("the other server's entry is left as it was").isEqualTo("grok-video-1.0");
      assertThat(staging.status()).isEqualTo("queued");
    } finally {
      here.close();
    }
  }

  /** Look-ups of a playground that sends to the fake server, named by its base URL; what they follow goes to {@code followed}. */
  private NoteLookups onFake(List<HistoryEntry> followed) {
    return new NoteLookups(client, history, fake.baseUrl(), time, time::later, entry -> false,
        (handle, entry) -> followed.add(entry), changed::add);
  }

  /** Waits (bounded) for the look-ups queued to end; they go to the fake server on loopback. */
  private void settle() throws Exception {
    lookups.idle().get(20, TimeUnit.SECONDS);
  }

  /** A clock that moves only when told, running what was put off until then. */
  private static final class VirtualTime extends Clock {
    private record Due(Instant at, Runnable task) {}

    private final List<Due> due = new ArrayList<>();
    private Instant now;

    VirtualTime(Instant start) {
      this.now = start;
    }

    synchronized void later(Duration delay, Runnable task) {
      due.add(new Due(now.plus(delay), task));
    }

    void move(Duration by) {
      moveTo(now.plus(by));
    }

    void moveTo(Instant to) {
      List<Due> ready = new ArrayList<>();
      synchronized (this) {
        now = to;
        due.removeIf(next -> !next.at().isAfter(now) && ready.add(next));
      }
      ready.forEach(next -> next.task().run());
    }

    @Override
    public synchronized Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
