package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A wait's status read that does not answer is mentioned at 15, 45 and 90 s, once each per read; answered ones are not. */
class SlowStatusNoticeTest {
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
  private static final TaskId TASK = TaskId.of("video_1");
  private static final JobHandle HANDLE = new JobHandle("toapis", TASK, "seedance-2",
      PriceQuote.unknown("seedance-2", "test"), START, null);

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final Output output = new Output(new PrintWriter(out), new PrintWriter(err), true);
  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final SlowStatusNotice notice = new SlowStatusNotice(TASK, "vidgen wait video_1", SlowStatusNotice.SAY_AFTER,
      now::get, output);

  private void at(long seconds) {
    now.set(START.plusSeconds(seconds));
    notice.check();
  }

  private long notes() {
    return err.toString().lines().filter(line -> line.contains("its status read has had no answer")).count();
  }

  @Test
  void aCheckThatComesLateSaysTheMarkPassedNotTheSecondItSawIt() {
    at(0);
    notice.onStatusReading(HANDLE);
    at(16); // the check each second came late, as on a busy machine
    at(47);
    assertThat(err.toString()).contains("no answer for 15 s;").contains("no answer for 45 s;")
        .doesNotContain("for 16 s").doesNotContain("for 47 s");
  }

  @Test
  void aReadThatHangsIsMentionedAt15And45And90SecondsOnStderrWithTheWayOn() {
    at(0);
    notice.onStatusReading(HANDLE);
    at(14);
    assertThat(notes()).isZero();
    at(15);
    assertThat(err.toString()).isEqualTo("vidgen: task video_1: its status read has had no answer for 15 s; still"
        + " waiting for it (the task is made and paid for, and goes on at the provider; stopped with Ctrl-C, it is"
        + " waited for again with: vidgen wait video_1)" + System.lineSeparator());
    at(30);
    at(45);
    at(90);
    at(119);
    assertThat(notes()).isEqualTo(3);
    assertThat(err.toString()).contains("no answer for 45 s").contains("no answer for 90 s");
    assertThat(out.toString()).as("--json keeps stdout for its one object").isEmpty();

    notice.onStatusReading(HANDLE); // the read's next try, after the call timeout
    at(135);
    assertThat(notes()).as("a try sent again is a read of its own").isEqualTo(4);
  }

  @Test
  void readsThatAnswerInTimeSayNothing() {
    for (int poll = 0; poll < 20; poll++) {
      at(poll * 20L);
      notice.onStatusReading(HANDLE);
      at(poll * 20L + 10);
      notice.onPolled(HANDLE, TaskSnapshot.inProgress(TASK, poll));
      at(poll * 20L + 19);
    }
    assertThat(err.toString()).isEmpty();
  }

  @Test
  void aWaitPausedBetweenTheReadsOfAnOutageAnsweredAtOnceSaysNoReadWentUnanswered() {
    VirtualTime time = VirtualTime.create();
    MockVideoProvider mock = MockVideoProvider.builder().clock(time.clock()).seed(7).build();
    try (VidgenClient client = VidgenClient.builder().clock(time.clock()).scheduler(time.scheduler())
        .ioExecutor(time.scheduler()).random(new SplittableRandom(11)).provider(mock).build()) {
      CompletableFuture<JobHandle> submitted = client.submitAsync(VideoJobs.valid());
      time.advance(Duration.ofSeconds(1));
      JobHandle handle = submitted.join();
      mock.script().serverErrors(Operation.READ, 12, 502); // three reads of four tries, each answered at once
      List<String> warnings = new CopyOnWriteArrayList<>();
      client.addListener(new VidgenListener() {
        @Override
        public void onWarning(String code, String message) {
          warnings.add(message);
        }
      });
      SlowStatusNotice outage = new SlowStatusNotice(handle.taskId(), "vidgen wait " + handle.taskId().value(),
          SlowStatusNotice.SAY_AFTER, time::now, output);
      client.addListener(outage);
      CompletableFuture<TaskSnapshot> waited = client.awaitAsync(handle, AwaitOptions.defaults());

      for (int second = 0; second < 120 && !waited.isDone(); second++) {
        time.advance(Duration.ofSeconds(1));
        outage.check();
      }

      assertThat(waited).as("the outage was ridden out").isCompleted();
      assertThat(mock.calls(MockCall.Method.STATUS)).as("every read of the outage was made").hasSizeGreaterThan(12);
      assertThat(warnings).as("the wait paused between reads, as it says").anyMatch(warning -> warning.contains(
          "its status could not be read (") && warning.contains("read again in 20 s"));
      assertThat(err.toString()).as("each read was answered at once: the pauses are no read left unanswered")
          .doesNotContain("no answer");
    }
  }

  @Test
  void anotherTasksReadsAreNotThisWaitsConcern() {
    notice.onStatusReading(new JobHandle("toapis", TaskId.of("video_2"), "seedance-2",
        PriceQuote.unknown("seedance-2", "test"), START, null));
    at(100);
    assertThat(err.toString()).isEmpty();
  }
}
