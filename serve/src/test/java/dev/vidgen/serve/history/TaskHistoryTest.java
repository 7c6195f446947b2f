package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.policy.LearnedDurations;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.pricing.PriceQuote;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskHistoryTest {
  @TempDir Path folder;

  @Test
  void listsNewestFirstWithEachTasksLatestState() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry older = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");
    HistoryEntry newer = HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "serve");
    history.record(older);
    history.record(newer);
    history.record(older.completed("/videos/t_1.mp4", Instant.parse("2026-11-29T10:05:00Z")));

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_2", "t_1");
    HistoryEntry first = history.find("t_1").orElseThrow();
    assertThat(first.status()).isEqualTo("completed");
    assertThat(first.file()).isEqualTo("/videos/t_1.mp4");
    assertThat(first.credits()).isEqualByComparingTo("20");
    assertThat(first.settings()).containsEntry("prompt", "Slow push-in").containsEntry("seconds", 10L);
    assertThat(first.jobHandle().orElseThrow().taskId().value()).isEqualTo("t_1");
  }

  @Test
  void aTaskIdGivenOutAgainAfterItsTaskEndedKeepsBothTasks() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry first = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");
    history.record(first);
    history.record(first.completed("/videos/t_1.mp4", Instant.parse("2026-11-29T10:05:00Z")));
    HistoryEntry second = HistoryEntry.submitted(handle("t_1", "2026-11-29T12:00:00Z"), job(), "generate");
    history.record(second);
    assertThat(history.entries()).as("read once with both takes, then read on from there").hasSize(2);
    history.record(first.completed("/videos/first.mp4", Instant.parse("2026-11-29T12:01:00Z"))); // moved later

    assertThat(history.entries()).as("the earlier job's row stays beside the new task's")
        .extracting(HistoryEntry::submittedAt, HistoryEntry::status, HistoryEntry::file)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-29T12:00:00Z"), "queued", null),
            org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-11-29T10:00:00Z"), "completed", "/videos/first.mp4"));
    assertThat(history.find("mock", "t_1").orElseThrow().submittedAt())
        .as("the task id names the newest task").isEqualTo(Instant.parse("2026-11-29T12:00:00Z"));
  }

  @Test
  void aTaskIdTwoServersBothGaveOutIsFoundOnTheServerAskedAndALineWithoutAServerStillMatches() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry production = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");
    HistoryEntry staging = HistoryEntry.submitted(handle("t_1", "2026-11-29T11:00:00Z"), job(), "generate")
        .withBaseUrl("http://127.0.0.1:9/");
    history.record(production.completed("/videos/production.mp4", Instant.parse("2026-11-29T10:05:00Z")));
    history.record(staging);

    assertThat(history.find("mock", null, "t_1")).map(HistoryEntry::file).as("the provider's own address")
        .contains("/videos/production.mp4");
    assertThat(history.find("mock", "HTTP://127.0.0.1:9", "t_1")).map(HistoryEntry::submittedAt)
        .as("the same server, spelled another way").contains(Instant.parse("2026-11-29T11:00:00Z"));
    assertThat(history.find("mock", "http://127.0.0.1:10", "t_1")).map(HistoryEntry::file)
        .as("a third server: only the line that names none matches, as before base URLs were kept")
        .contains("/videos/production.mp4");
    assertThat(history.find("mock", "http://127.0.0.1:9", "t_2")).isEmpty();
  }

  @Test
  void aTaskKnownOnlyOnAnotherServerIsNotFoundOnThisOne() {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T11:00:00Z"), job(), "generate")
        .withBaseUrl("http://127.0.0.1:9"));

    assertThat(history.find("mock", null, "t_1")).isEmpty();
    assertThat(history.find("mock", "http://127.0.0.1:9/", "t_1")).isPresent();
  }

  @Test
  void seedsRouteDurationsFromThisProvidersCompletedTasksOnly() {
    TaskHistory history = TaskHistory.in(folder);
    for (int i = 0; i < 12; i++) {
      HistoryEntry submitted = HistoryEntry.submitted(handle("t_" + i, "2026-11-29T10:00:00Z"), job(), "generate");
      history.record(submitted);
      history.record(submitted.completed("/videos/t_" + i + ".mp4", Instant.parse("2026-11-29T10:01:00Z").plusSeconds(i)));
    }
    HistoryEntry failed = HistoryEntry.submitted(handle("t_failed", "2026-11-29T11:00:00Z"), job(), "generate");
    history.record(failed.failed("no", Instant.parse("2026-11-29T11:00:02Z")));
    history.record(HistoryEntry.submitted(handle("t_running", "2026-11-29T12:00:00Z"), job(), "serve"));
    RouteDurations durations = RouteDurations.create();

    assertThat(history.seed(durations, "mock")).isEqualTo(12);
    assertThat(history.seed(RouteDurations.create(), "toapis")).isZero();
    LearnedDurations learned = durations.learned("grok-video-1.5-preview");
    assertThat(learned.size()).isEqualTo(12);
    assertThat(learned.quantile(0)).isEqualTo(Duration.ofSeconds(60));
    assertThat(learned.quantile(1)).isEqualTo(Duration.ofSeconds(71));
  }

  @Test
  void aTaskFoundFinishedByALaterCommandTeachesNoDurationButKeepsOneAlreadyKnown() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry later = HistoryEntry.submitted(handle("t_later", "2026-11-29T10:00:00Z"), job(), "generate");
    history.record(later.foundCompleted("/videos/late.mp4", Instant.parse("2026-11-30T09:00:00Z")));
    HistoryEntry watched = HistoryEntry.submitted(handle("t_watched", "2026-11-29T10:00:00Z"), job(), "generate")
        .completed("/videos/first.mp4", Instant.parse("2026-11-29T10:01:30Z"));
    history.record(watched);
    history.record(watched.foundCompleted("/videos/again.mp4", Instant.parse("2026-11-30T09:00:00Z")));
    RouteDurations durations = RouteDurations.create();

    assertThat(history.seed(durations, "mock")).as("only the task whose wait saw it finish").isEqualTo(1);
    assertThat(durations.learned("grok-video-1.5-preview").quantile(1)).isEqualTo(Duration.ofSeconds(90));
    assertThat(history.find("mock", "t_later").orElseThrow().took()).isNull();
    HistoryEntry again = history.find("mock", "t_watched").orElseThrow();
    assertThat(again.file()).isEqualTo("/videos/again.mp4");
    assertThat(again.took()).isEqualTo(Duration.ofSeconds(90));
    assertThat(history.find("toapis", "t_watched")).isEmpty();
  }

  @Test
  void aNoteWrittenBeforeTakesWereCountedReadsAsOneTakeAndOneWithSeveralKeepsThemAndItsClaims() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    Files.createDirectories(folder);
    Files.writeString(history.file(), "{\"task_id\":\"unanswered-noref-vg-old\",\"provider\":\"toapis\","
        + "\"model\":\"grok-video-1.5-preview\",\"status\":\"unknown\",\"credits\":20,\"usd\":0.10,"
        + "\"submitted_at\":\"2026-11-29T10:00:00Z\",\"error\":\"its create got no usable answer\"}\n",
        StandardCharsets.UTF_8);

    HistoryEntry old = history.find("unanswered-noref-vg-old").orElseThrow();
    assertThat(old.possibleTasks()).isEqualTo(1);
    assertThat(old.claimed()).isEmpty();
    assertThat(old.worstCase()).containsEntry("possible_tasks", 1).containsEntry("open_tasks", 1);
    assertThat(old.toJson()).as("written as before").doesNotContainKeys("possible_tasks", "claimed_tasks");

    HistoryEntry two = HistoryEntry.unanswered("vg-two", false, "toapis", job(), null,
        Instant.parse("2026-11-29T11:00:00Z"), Instant.parse("2026-11-29T11:00:01Z"), "two 500s", "generate", 2);
    history.record(two.toldAs(handle("t_a", "2026-11-29T11:00:00Z"), Instant.parse("2026-11-29T11:05:00Z")));
    HistoryEntry read = history.find(two.taskId()).orElseThrow();
    assertThat(read.status()).isEqualTo("unknown");
    assertThat(read.possibleTasks()).isEqualTo(2);
    assertThat(read.claimed()).containsExactly("t_a");
    assertThat(read.openTasks()).isEqualTo(1);
    assertThat(read.jobHandle()).as("an open note leads to no task").isEmpty();
    assertThat(read.lastTakeAtMost()).as("kept through the file, and a claim does not move it")
        .isEqualTo(Instant.parse("2026-11-29T11:00:01Z"));
    assertThat(old.lastTakeAtMost()).as("a line from before it was kept: its last update")
        .isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    HistoryEntry closed = read.toldAs(handle("t_b", "2026-11-29T11:00:00Z"), Instant.parse("2026-11-29T11:06:00Z"));
    assertThat(closed.status()).isEqualTo("found");
    assertThat(closed.claimed()).containsExactly("t_a", "t_b");
  }

  @Test
  void anOldUnknownNoteClosedWithNoTaskReadsBackClosedAndIsNoLongerTheSameJob() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    Files.createDirectories(folder);
    // As an older vidgen wrote it: no possible_tasks, no claimed_tasks.
    Files.writeString(history.file(), "{\"task_id\":\"unanswered-noref-vg-old\",\"provider\":\"mock\","
        + "\"model\":\"grok-video-1.5-preview\",\"status\":\"unknown\",\"credits\":20,\"usd\":0.10,"
        + "\"submitted_at\":\"2026-11-29T10:00:00Z\",\"error\":\"its create got no usable answer\","
        + "\"settings\":" + JsonTrees.write(HistoryEntry.settingsOf(job())) + "}\n", StandardCharsets.UTF_8);
    Instant since = Instant.parse("2026-11-29T00:00:00Z");
    HistoryEntry old = history.find("unanswered-noref-vg-old").orElseThrow();
    assertThat(history.sameJob("mock", job(), since)).as("open, it is asked about").contains(old);

    history.record(old.closedWithoutTask(Instant.parse("2026-11-29T12:00:00Z")));

    HistoryEntry closed = history.find("unanswered-noref-vg-old").orElseThrow();
    assertThat(closed.status()).isEqualTo(HistoryEntry.CLOSED);
    assertThat(closed.error()).startsWith("closed with no task found").contains("that task's charge is not tracked");
    assertThat(closed.isFinished()).isTrue();
    assertThat(closed.worstCase()).as("no longer counted as tasks that may cost").isEmpty();
    assertThat(closed.credits()).as("its quote is kept").isEqualByComparingTo("20");
    assertThat(history.sameJob("mock", job(), since)).as("closed, it is not asked about").isEmpty();
    assertThat(history.entries()).as("still listed").extracting(HistoryEntry::taskId)
        .contains("unanswered-noref-vg-old");
  }

  @Test
  void onlyAnUnknownNoteWithNoTaskClaimedClosesWithNoTask() {
    Instant at = Instant.parse("2026-11-29T11:00:00Z");
    HistoryEntry two = HistoryEntry.unanswered("vg-two", false, "toapis", job(), null, at, at, "two 500s", "generate", 2);
    HistoryEntry claimed = two.toldAs(handle("t_a", "2026-11-29T11:00:00Z"), at);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> claimed.closedWithoutTask(at))
        .isInstanceOf(IllegalStateException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> HistoryEntry.submitted(handle("t_b",
        "2026-11-29T11:00:00Z"), job(), "generate").closedWithoutTask(at)).isInstanceOf(IllegalStateException.class);
    assertThat(two.closedWithoutTask(at).claimed()).isEmpty();
  }

  @Test
  void aLineWrittenBeforeTookExistedCountsItsRunUntilItsLastUpdate() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    Files.createDirectories(folder);
    Files.writeString(history.file(), "{\"task_id\":\"t_old\",\"provider\":\"mock\",\"model\":\"grok-video-1.5-preview\","
        + "\"status\":\"completed\",\"submitted_at\":\"2026-11-29T10:00:00Z\",\"updated_at\":\"2026-11-29T10:00:42Z\"}\n",
        StandardCharsets.UTF_8);
    RouteDurations durations = RouteDurations.create();

    assertThat(history.seed(durations, "mock")).isEqualTo(1);
    assertThat(durations.learned("grok-video-1.5-preview").quantile(0)).isEqualTo(Duration.ofSeconds(42));
    HistoryEntry failed = HistoryEntry.submitted(handle("t_f", "2026-11-29T10:00:00Z"), job(), "generate")
        .failed("no", Instant.parse("2026-11-29T10:00:12.345Z"));
    history.record(failed);
    assertThat(history.find("t_f").orElseThrow().took()).isEqualTo(Duration.ofMillis(12_345));
  }

  @Test
  void anUnansweredCreateWithoutAReferenceIsNamedSoAndOlderNamesStillReadThatWay() {
    Instant at = Instant.parse("2026-11-29T10:00:00Z");
    HistoryEntry withReference = HistoryEntry.unanswered("vg-1", true, "toapis", job(), null, at, at, "r", "generate");
    HistoryEntry without = HistoryEntry.unanswered("vg-2", false, "toapis", job(), null, at, at, "r", "generate");
    HistoryEntry olderName = new HistoryEntry("unanswered-unsent-vg-2", without.provider(), without.model(),
        without.status(), null, null, null, at, at, null, null, without.settings(), "r", "generate");

    assertThat(withReference.taskId()).isEqualTo("unanswered-vg-1");
    assertThat(withReference.referenceSent()).isTrue();
    assertThat(without.taskId()).isEqualTo("unanswered-noref-vg-2");
    assertThat(without.referenceSent()).isFalse();
    assertThat(olderName.referenceSent()).as("a name written before the mark was renamed").isFalse();
  }

  @Test
  void skipsATornLastLine() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    Files.writeString(history.file(), "{\"task_id\":\"t_2\",\"prov", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_1");
  }

  @Test
  void aByteThatIsNotUtf8OrAByteOrderMarkCostsOnlyWhatItTouchesAndTheSameJobIsStillFound() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    // A line torn inside a character (a full disk), a stray byte inside another entry, a BOM before a third.
    byte[] torn = "{\"task_id\":\"t_torn\",\"prompt\":\"\u65e5".getBytes(StandardCharsets.UTF_8);
    Files.write(history.file(), java.util.Arrays.copyOf(torn, torn.length - 1), StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));
    String third = JsonTrees.write(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), job(), "generate")
        .toJson());
    java.io.ByteArrayOutputStream odd = new java.io.ByteArrayOutputStream();
    odd.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
    odd.write((third + "\n").getBytes(StandardCharsets.UTF_8));
    odd.write(third.replace("\"generate\"", "\"gen\u00ffrate\"").replace("t_3", "t_4").getBytes(StandardCharsets.ISO_8859_1));
    odd.write('\n');
    Files.write(history.file(), odd.toByteArray(), StandardOpenOption.APPEND);

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactlyInAnyOrder("t_4", "t_3", "t_2", "t_1");
    assertThat(history.sameJob("mock", job(), Instant.parse("2026-11-29T11:30:00Z"))).map(HistoryEntry::taskId)
        .as("the same-job check still sees the history").isPresent().get().isIn("t_3", "t_4");
  }

  @Test
  void aHistoryReadAgainAfterALineIsAddedSeesItEvenWithinTheSameInstant() {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    assertThat(history.entries()).hasSize(1);
    for (int i = 2; i <= 40; i++) {
      history.record(HistoryEntry.submitted(handle("t_" + i, "2026-11-29T10:00:00Z"), job(), "generate"));
      assertThat(TaskHistory.in(folder).entries()).as("read by another instance too").hasSize(i);
    }
  }

  @Test
  void aLineStillBeingWrittenWhenTheHistoryWasReadIsSeenWholeOnceItIsDone() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    String line = JsonTrees.write(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate")
        .toJson());
    int half = line.length() / 2;
    // Another process has written half of its line when this one looks; it ends the line a moment later.
    Files.writeString(history.file(), line.substring(0, half), StandardOpenOption.APPEND);
    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_1");

    Files.writeString(history.file(), line.substring(half) + "\n", StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), job(), "generate"));

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_3", "t_2", "t_1");
  }

  @Test
  void aBusyDaysJobsArePreviewedOnceForAllTheLooksOfOneCheckAndNotAtAllWhenNoneCounts() {
    TaskHistory history = TaskHistory.in(folder);
    for (int i = 0; i < 30; i++) {
      VideoJob take = VideoJob.builder("grok-video-1.5-preview").prompt("shot " + i).image("https://example.com/a.png")
          .build();
      history.record(HistoryEntry.submitted(handle("t_" + i, "2026-11-29T10:00:00Z"), take, "generate"));
    }
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("shot 30").image("https://example.com/a.png")
        .build();
    List<VideoJob> previewed = new ArrayList<>();
    java.util.function.Function<VideoJob, Object> identity = JobIdentity.remembered(each -> {
      previewed.add(each);
      return HistoryEntry.settingsOf(each);
    });
    Instant since = Instant.parse("2026-11-29T00:00:00Z");

    assertThat(history.sameJob("mock", job, since, identity, entry -> false, InputDigests.none())).isEmpty();
    assertThat(previewed).as("no earlier job is previewed when none is of the kind asked for").hasSize(1);
    for (int look = 0; look < 3; look++) {
      assertThat(history.sameJob("mock", job, since, identity, entry -> true, InputDigests.none())).isEmpty();
    }
    assertThat(previewed).as("each earlier job previewed once over three looks").hasSize(31);
    assertThat(history.sameJob("mock", VideoJob.builder("grok-video-1.5-preview").prompt("shot 7")
        .image("https://example.com/a.png").build(), since, identity, entry -> true, InputDigests.none()))
        .map(HistoryEntry::taskId).contains("t_7");
  }

  @Test
  void aHistoryRewrittenInPlaceNotAppendedToIsReadAfresh() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    history.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));
    assertThat(history.entries()).hasSize(2);
    // Someone keeps only one task, written over the same file (same inode), longer than before.
    VideoJob longer = VideoJob.builder("grok-video-1.5-preview").prompt("p".repeat(2_000)).build();
    String kept = JsonTrees.write(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), longer, "generate")
        .toJson());
    Files.writeString(history.file(), kept + "\n", StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_3");
  }

  @Test
  void aHistoryThatIsADeviceIsRefusedAsUnreadableNotReadForever() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")), "a device that never ends");
    Files.createSymbolicLink(folder.resolve("history.jsonl"), Path.of("/dev/zero"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskHistory.in(folder).entries())
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("it is not a regular file");
  }

  @Test
  void aHistoryThatIsANamedPipeIsRefusedAtOnceNotWaitedOnForAWriter() throws Exception {
    int made;
    try {
      made = new ProcessBuilder("mkfifo", folder.resolve("history.jsonl").toString()).start().waitFor();
    } catch (IOException noMkfifo) {
      made = -1;
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(made == 0, "mkfifo (coreutils) makes a named pipe");
    TaskHistory history = TaskHistory.in(folder);

    // Bounded so that the old fault (opening the pipe waits for a writer forever) fails this test rather than hang
    // it; the thread left waiting still holds the append lock, so the tests after it in this class wait too.
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), () -> {
      org.assertj.core.api.Assertions.assertThatThrownBy(history::entries)
          .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("it is not a regular file");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.record(HistoryEntry.submitted(
          handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate")))
          .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("it is not a regular file");
    });
  }

  @Test
  void aLineIsNeverWrittenToADeviceWhereItWouldBeLost() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/null")), "a device that keeps nothing");
    Files.createSymbolicLink(folder.resolve("history.jsonl"), Path.of("/dev/null"));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> TaskHistory.in(folder).record(HistoryEntry.submitted(
        handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate")))
        .isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("it is not a regular file");
  }

  @Test
  void anEditInPlaceThatKeepsTheFilesSizeIsReadAfresh() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    history.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));
    assertThat(history.find("t_1")).map(HistoryEntry::status).contains("queued");
    // Someone marks t_1 failed by hand: "queued" and "failed" are as long, so the file keeps its size.
    String text = Files.readString(history.file());
    int at = text.indexOf("\"status\":\"queued\"");
    Files.writeString(history.file(), text.substring(0, at) + "\"status\":\"failed\""
        + text.substring(at + "\"status\":\"queued\"".length()), StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    Files.setLastModifiedTime(history.file(), java.nio.file.attribute.FileTime.from(
        Files.getLastModifiedTime(history.file()).toInstant().plusSeconds(1)));

    assertThat(history.find("t_1")).map(HistoryEntry::status).contains("failed");
    assertThat(history.find("t_2")).map(HistoryEntry::status).contains("queued");
  }

  @Test
  void anEntryLongerThanOneReadOfTheFileIsReadWhole() {
    TaskHistory history = TaskHistory.in(folder);
    String prompt = "A slow push-in on the bottle. ".repeat(10_000); // 300 KB, several reads of the file
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt(prompt).build();
    history.record(HistoryEntry.submitted(handle("t_long", "2026-11-29T10:00:00Z"), job, "generate"));
    history.record(HistoryEntry.submitted(handle("t_next", "2026-11-29T11:00:00Z"), job(), "generate"));

    assertThat(TaskHistory.in(folder).find("t_long")).flatMap(HistoryEntry::job).map(VideoJob::prompt)
        .contains(prompt);
    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_next", "t_long");
  }

  @Test
  void findsTheSameJobOfTheSameProviderSinceAGivenTimeUnlessItFailed() {
    TaskHistory history = TaskHistory.in(folder);
    VideoJob withParams = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(10)
        .image("https://example.com/a.png").param("seed", 42).param("extra", Map.of("ratio", 1.5)).build();
    history.record(HistoryEntry.submitted(handle("t_old", "2026-11-28T09:00:00Z"), withParams, "generate"));
    history.record(HistoryEntry.submitted(handle("t_same", "2026-11-29T10:00:00Z"), withParams, "generate"));
    history.record(HistoryEntry.submitted(handle("t_failed", "2026-11-29T11:00:00Z"), withParams, "generate")
        .failed("refused", Instant.parse("2026-11-29T11:01:00Z")));
    Instant since = Instant.parse("2026-11-29T00:00:00Z");

    // Numbers and nested params compare as the file holds them.
    assertThat(history.sameJob("mock", withParams, since)).map(HistoryEntry::taskId).contains("t_same");
    assertThat(history.sameJob("mock", withParams, Instant.parse("2026-11-29T10:30:00Z"))).isEmpty();
    assertThat(history.sameJob("toapis", withParams, since)).isEmpty();
    VideoJob longer = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(15)
        .image("https://example.com/a.png").param("seed", 42).param("extra", Map.of("ratio", 1.5)).build();
    assertThat(history.sameJob("mock", longer, since)).isEmpty();
    assertThat(history.sameJob("mock", job(), since)).as("without the params").isEmpty();
  }

  @Test
  void aTakeWhoseVideoWasSavedBeforeTheProviderCalledItFailedIsStillTheSameJob() {
    TaskHistory history = TaskHistory.in(folder);
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("flip").image("https://example.com/a.png").build();
    history.record(HistoryEntry.submitted(handle("t_saved", "2026-11-29T10:00:00Z"), job, "generate")
        .completed("/videos/flip.mp4", Instant.parse("2026-11-29T10:02:00Z"))
        .foundFailed("generation_failed", Instant.parse("2026-11-29T10:05:00Z")));

    assertThat(history.sameJob("mock", job, Instant.parse("2026-11-29T00:00:00Z"))).as("its video is saved: paid for")
        .map(HistoryEntry::taskId).contains("t_saved");
  }

  @Test
  void onlyEntriesWithTheSameInputsReachTheIdentity() {
    TaskHistory history = TaskHistory.in(folder);
    VideoJob mine = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").image("https://example.com/a.png")
        .build();
    VideoJob someoneElses = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in")
        .image(Path.of("/home/someone/private.png")).build();
    history.record(HistoryEntry.submitted(handle("t_other", "2026-11-29T10:00:00Z"), someoneElses, "generate"));
    history.record(HistoryEntry.submitted(handle("t_mine", "2026-11-29T09:00:00Z"), mine, "serve"));
    List<VideoJob> looked = new ArrayList<>();

    Optional<HistoryEntry> same = history.sameJob("mock", mine, Instant.parse("2026-11-29T00:00:00Z"), job -> {
      looked.add(job);
      return job.prompt();
    });

    assertThat(same).map(HistoryEntry::taskId).contains("t_mine");
    // The identity (a dry run, which would read local files) never sees the job with other inputs.
    assertThat(looked).extracting(job -> HistoryEntry.settingsOf(job).get("images"))
        .doesNotContain(List.of("/home/someone/private.png"));
  }

  @Test
  void aLocalInputIsKnownByItsBytesWhenTheEntryKeepsThemAndByItsPathInAnOlderEntry() throws IOException {
    Path image = Files.write(folder.resolve("a.png"), new byte[] {1, 2, 3});
    Path clip = Files.write(folder.resolve("a.mp4"), new byte[] {4, 5, 6});
    Path copy = Files.copy(image, folder.resolve("b.png"));
    Path clipCopy = Files.copy(clip, folder.resolve("b.mp4"));
    Instant since = Instant.parse("2026-11-29T00:00:00Z");
    TaskHistory history = TaskHistory.in(folder.resolve("home"));
    VideoJob first = local(image, clip);
    history.record(InputDigests.reading().recorded(
        HistoryEntry.submitted(handle("t_kept", "2026-11-29T10:00:00Z"), first, "generate"), first));

    assertThat(history.find("t_kept").orElseThrow().settings()).containsKey("input_sha256");
    assertThat(sameJob(history, local(copy, clipCopy), since)).as("copies of both files").contains("t_kept");
    assertThat(sameJob(history, local(copy, clip), since)).contains("t_kept");
    assertThat(sameJob(history, local(clip, clip), since)).as("other bytes for the image").isEmpty();
    assertThat(history.sameJob("mock", local(copy, clipCopy), since)).as("without digests, by path").isEmpty();
    Files.write(image, new byte[] {1, 2, 3, 4});
    assertThat(sameJob(history, first, since)).as("the same path holding other bytes").isEmpty();

    // As an older vidgen wrote it: no input_sha256, so known by the path alone.
    history.record(HistoryEntry.submitted(handle("t_old", "2026-11-29T11:00:00Z"), first, "generate"));
    assertThat(sameJob(history, first, since)).contains("t_old");
    assertThat(sameJob(history, local(copy, clip), since)).as("the newest by content").contains("t_kept");
  }

  private static Optional<String> sameJob(TaskHistory history, VideoJob job, Instant since) {
    return history.sameJob("mock", job, since, HistoryEntry::settingsOf, entry -> true, InputDigests.reading())
        .map(HistoryEntry::taskId);
  }

  private static VideoJob local(Path image, Path video) {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").image(image).video(video.toUri()).build();
  }

  @Test
  void anEntryReadsBackAsTheJobItWasMadeFrom() {
    VideoJob job = VideoJob.builder("seedance-2-5").prompt("snow").mode(GenerationMode.VIDEO_EDIT).seconds(5)
        .aspectRatio("adaptive").resolution("720p").image(Path.of("/data/still.png"))
        .video(URI.create("https://cdn.example.com/clip.mp4")).param("seed", 7).build();
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job, "generate"));

    VideoJob read = history.find("t_1").orElseThrow().job().orElseThrow();

    // Compared as written: a number read back is a Long where the job held an Integer.
    assertThat(JsonTrees.write(HistoryEntry.settingsOf(read))).isEqualTo(JsonTrees.write(HistoryEntry.settingsOf(job)));
  }

  @Test
  void keepsALongInlineImageShortAndKnowsTheSameJobByItEvenInALineWrittenWholeBefore() {
    String inline = "data:image/png;base64," + "iVBO".repeat(1_000);
    VideoJob job = VideoJob.builder("seedance-2").prompt("a dance").image(inline).build();
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry now = HistoryEntry.submitted(handle("t_new", "2026-11-29T10:00:00Z"), job, "generate");
    Map<String, Object> whole = new java.util.LinkedHashMap<>(now.settings());
    whole.put("images", List.of(inline)); // as vidgen wrote it before it shortened inline files
    HistoryEntry before = new HistoryEntry("t_old", "mock", "seedance-2", "queued", null, null, null,
        Instant.parse("2026-11-29T09:00:00Z"), Instant.parse("2026-11-29T09:00:00Z"), null, null, whole, null, "generate");

    assertThat(now.settings().get("images")).asList().singleElement().asString()
        .startsWith("data:image/png;base64,elided-" + inline.length() + "-chars-sha256-").hasSizeLessThan(100);
    history.record(before);
    assertThat(history.sameJob("mock", job, Instant.parse("2026-11-29T00:00:00Z"))).map(HistoryEntry::taskId)
        .contains("t_old");
    history.record(now);
    assertThat(history.sameJob("mock", job, Instant.parse("2026-11-29T00:00:00Z"))).map(HistoryEntry::taskId)
        .contains("t_new");
    VideoJob other = VideoJob.builder("seedance-2").prompt("a dance").image(inline.replace("iVBO", "iVBP")).build();
    assertThat(history.sameJob("mock", other, Instant.parse("2026-11-29T00:00:00Z"))).isEmpty();
  }

  @Test
  void aLineTornByACrashCostsOnlyItselfNotTheNextOne() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    Files.writeString(history.file(), "{\"task_id\":\"t_torn\",\"prov", StandardOpenOption.APPEND);

    history.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_2", "t_1");
  }

  @Test
  void aTornLineEndedByTheNextAppendStaysTornAndIsNotCountedAsALineChangedByHand() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    Files.writeString(history.file(), "{\"task_id\":\"t_torn\",\"prov", StandardOpenOption.APPEND);
    assertThat(history.unreadableLines()).as("torn, still being the last line").isZero();

    history.record(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate"));
    history.record(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), job(), "generate"));

    assertThat(history.unreadableLines()).as("ended by the append, and still torn").isZero();
    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_3", "t_2", "t_1");
    assertThat(Files.readAllLines(history.file()).get(1)).isEqualTo("{\"task_id\":\"t_torn\",\"prov" + TornLine.MARK);
  }

  @Test
  void aLineChangedByHandIsStillCountedAndAWholeEntryWithoutItsNewlineStillReads() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
    // A whole entry but for its newline, then a last line that is no entry's start (changed by hand).
    String whole = JsonTrees.write(HistoryEntry.submitted(handle("t_2", "2026-11-29T11:00:00Z"), job(), "generate")
        .toJson());
    Files.writeString(history.file(), whole, StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_3", "2026-11-29T12:00:00Z"), job(), "generate"));
    Files.writeString(history.file(), "task t_4 done", StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_5", "2026-11-29T13:00:00Z"), job(), "generate"));
    // A whole object that is no entry (another version's, or edited), then one cut short after a nested object.
    Files.writeString(history.file(), "{\"task_id\":\"t_6\"}", StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_7", "2026-11-29T14:00:00Z"), job(), "generate"));
    Files.writeString(history.file(), "{\"task_id\":\"t_8\",\"settings\":{\"seconds\":10}", StandardOpenOption.APPEND);
    history.record(HistoryEntry.submitted(handle("t_9", "2026-11-29T15:00:00Z"), job(), "generate"));

    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_9", "t_7", "t_5", "t_3", "t_2",
        "t_1");
    assertThat(history.unreadableLines()).as("the line without an entry's start and the whole object").isEqualTo(2);
    assertThat(Files.readString(history.file())).contains(whole + "\n", "task t_4 done\n", "{\"task_id\":\"t_6\"}\n",
        "{\"seconds\":10}" + TornLine.MARK + "\n");
  }

  @Test
  void aChangeWhoseLockCannotBeHadRunsWithoutItOnlyWhenAskedSayingWhy() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    Files.createDirectories(folder.resolve("history.jsonl.lock")); // a folder where the lock file goes
    HistoryEntry entry = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> history.changing(() -> {
      history.record(entry);
      return null;
    })).isInstanceOf(java.io.UncheckedIOException.class).hasMessageStartingWith("cannot lock the task history ");
    assertThat(history.entries()).as("not run without the lock").isEmpty();

    List<String> told = new ArrayList<>();
    String result = history.changingOrUnlocked(() -> {
      history.record(entry);
      return "done";
    }, told::add);

    assertThat(result).isEqualTo("done");
    assertThat(history.entries()).extracting(HistoryEntry::taskId).containsExactly("t_1");
    assertThat(told).singleElement().asString().startsWith("cannot lock the task history "
        + folder.toAbsolutePath().normalize().resolve("history.jsonl.lock") + ": ");
  }

  @Test
  void aVideoSavedOverAnotherTasksIsRecordedAlsoWhenTheLockCannotBeHad() throws IOException {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry first = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");
    history.record(first.completed("/videos/clip.mp4", Instant.parse("2026-11-29T10:05:00Z")));
    Files.createDirectories(folder.resolve("history.jsonl.lock"));
    List<String> told = new ArrayList<>();

    history.replacedAt("/videos/clip.mp4", "t_2", told::add);

    assertThat(history.find("t_1").orElseThrow().file()).as("no longer pointing at t_2's video").isNull();
    assertThat(told).singleElement().asString().startsWith("cannot lock the task history ");
  }

  @Test
  void aVideoSavedOverAnotherTasksKeepsWhereThatVideoWasSavedAndWhichTaskReplacedIt() {
    TaskHistory history = TaskHistory.in(folder);
    HistoryEntry first = HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate");
    history.record(first.completed("/videos/clip.mp4", Instant.parse("2026-11-29T10:05:00Z")));

    history.replacedAt("/videos/clip.mp4", "t_2", why -> { });

    HistoryEntry replaced = history.find("t_1").orElseThrow();
    assertThat(replaced.file()).isNull();
    assertThat(ReplacedVideos.of(replaced)).contains(new ReplacedVideos.Replaced("/videos/clip.mp4", "t_2"));
  }

  @Test
  void aChangeThatCanLockRunsOnceUnderTheLockAndIsNotTold() {
    TaskHistory history = TaskHistory.in(folder);
    List<String> told = new ArrayList<>();
    int[] runs = {0};

    history.changingOrUnlocked(() -> {
      runs[0]++;
      history.record(HistoryEntry.submitted(handle("t_1", "2026-11-29T10:00:00Z"), job(), "generate"));
      return null;
    }, told::add);

    assertThat(runs[0]).isEqualTo(1);
    assertThat(told).isEmpty();
    assertThat(history.entries()).hasSize(1);
  }

  @Test
  void findsItsFolderFromTheEnvironment() {
    assertThat(TaskHistory.dataFolder(Map.of("VIDGEN_HOME", "/data/v", "HOME", "/home/a"))).contains(Path.of("/data/v"));
    assertThat(TaskHistory.dataFolder(Map.of("XDG_DATA_HOME", "/xdg", "HOME", "/home/a"))).contains(Path.of("/xdg/vidgen"));
    assertThat(TaskHistory.dataFolder(Map.of("HOME", "/home/a"))).contains(Path.of("/home/a/.local/share/vidgen"));
    assertThat(TaskHistory.dataFolder(Map.of())).isEmpty();
    assertThat(TaskHistory.dataFolder(Map.of("XDG_DATA_HOME", "data", "HOME", "/home/a")))
        .as("a relative XDG_DATA_HOME is ignored, as the XDG rules say").contains(Path.of("/home/a/.local/share/vidgen"));
    assertThat(TaskHistory.dataFolder(Map.of("VIDGEN_HOME", "~/vh", "HOME", "/home/a")))
        .as("a ~ left unexpanded by an env file").contains(Path.of("/home/a/vh"));
    assertThat(TaskHistory.dataFolder(Map.of("VIDGEN_HOME", "~", "HOME", "/home/a"))).contains(Path.of("/home/a"));
  }

  @Test
  void tellsWhetherAnEntryIsATakeOfAJobWhateverItsStateAndAge() {
    TaskHistory history = TaskHistory.in(folder);
    Instant at = Instant.parse("2026-11-29T11:00:00Z");
    HistoryEntry note = HistoryEntry.unanswered("vg-1", true, "mock", job(), null, at, at, "no answer", "serve");
    HistoryEntry found = note.foundAs(handle("t_found", "2026-11-29T11:00:00Z"), at.plusSeconds(180));
    VideoJob longer = VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(15)
        .image("https://example.com/a.png").build();

    assertThat(history.isTakeOf(note, job(), HistoryEntry::settingsOf)).isTrue();
    assertThat(history.isTakeOf(found, job(), HistoryEntry::settingsOf)).as("found later as its task").isTrue();
    assertThat(history.isTakeOf(note, longer, HistoryEntry::settingsOf)).as("another job").isFalse();
  }

  private static JobHandle handle(String id, String at) {
    return new JobHandle("mock", TaskId.of(id), "grok-video-1.5-preview",
        PriceQuote.ofUsd("grok-video-1.5-preview", new BigDecimal("0.10"), "per request, 10 s"), Instant.parse(at), null);
  }

  private static VideoJob job() {
    return VideoJob.builder("grok-video-1.5-preview").prompt("Slow push-in").seconds(10).image("https://example.com/a.png").build();
  }
}
