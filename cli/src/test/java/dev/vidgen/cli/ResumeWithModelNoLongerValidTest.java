package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.testkit.time.ShiftedClock;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch run again after its lines' model stopped being valid: what it says of the tasks earlier runs made, and
 * whether it follows them while other lines are invalid.
 */
class ResumeWithModelNoLongerValidTest {
  private static final String[] FAST_MOCK = {"--provider", "mock", "--set", "mock.duration=100ms",
      "--poll-interval", "20ms"};

  @TempDir Path dir;

  @Test
  void aRunThatInvalidLinesStopSaysItFollowsNoneOfThePaidTasksAndHowToFollowThem() throws Exception {
    Path jobs = write(job("a", 10));
    try (FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(10)).start()) {
      CliRun.Result timed = againstFake(fake, jobs, "--timeout", "300ms");
      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      String task = taskOf("a");
      int pollsBefore = fake.pollsOf(task);
      fake.videoModels(Set.of("seedance-2")); // the model left the key's list
      write(job("a", 10), job("b", 10));

      CliRun.Result refused = againstFake(fake, jobs);

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).as(refused.all())
          .contains("line 1 (a): its model grok-video-1.5-preview is no longer valid (")
          .contains("; its task " + task + " is not followed by this run, which the invalid lines below stop: fix"
              + " them, or add --skip-invalid to follow and download it")
          .contains("1 of 2 lines is invalid; nothing was sent, and 1 task earlier runs made was not followed ("
              + task + ")")
          .contains("either run follows and downloads that task, whose video link lasts about 24 hours")
          .contains("(turn this check off with --no-model-check)")
          .doesNotContain("followed and downloaded all the same")
          .doesNotContain("checkModelAvailability(false) in Java")
          .doesNotContain("vidgen serve --no-model-check");
      assertThat(fake.pollsOf(task)).as("the task was not followed, as said").isEqualTo(pollsBefore);
      assertThat(fake.creates()).as("no create was sent for b").hasSize(1);
    }
  }

  @Test
  void aPaidTaskWhoseOwnLineWasEditedInvalidIsNamedAndSkipInvalidFollowsTheOthers() throws Exception {
    Path jobs = write(job("c1", 10), job("c2", 10), job("c3", 10));
    ShiftedClock clock = new ShiftedClock();
    try (FakeToApisServer fake = FakeToApisServer.builder().clock(clock)
        .lifecycle(Duration.ZERO, Duration.ofMinutes(10)).start()) {
      CliRun.Result timed = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run("batch",
          jobs.toString(), "--concurrency", "3", "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--timeout",
          "500ms");
      assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
      String c1 = taskOf("c1");
      String c2 = taskOf("c2");
      String c3 = taskOf("c3");
      write(job("c1", 10), job("c2", 99), job("c3", 10)); // the paid line 2 edited into an invalid one

      CliRun.Result refused = againstFake(fake, jobs, "--json");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).as(refused.all())
          .contains("line 2 (c2) is invalid, and its job has task " + c2 + ", made and paid for by an earlier run")
          .contains("3 tasks earlier runs made were not followed (")
          .contains("either run follows and downloads the other 2 tasks")
          .contains("line 2's own task " + c2 + " is followed by neither: put the line back as it was sent")
          .contains("vidgen wait " + c2);
      assertThat(refused.out()).as("tasks_not_followed names every paid task")
          .contains("\"tasks_not_followed\"").contains(c1).contains(c2).contains(c3);
      int c2Polls = fake.pollsOf(c2);
      clock.shift(Duration.ofMinutes(11)); // every task is done at the provider

      CliRun.Result skipped = againstFake(fake, jobs, "--skip-invalid");

      assertThat(skipped.exitCode()).as(skipped.all()).isZero();
      assertThat(skipped.err()).as(skipped.all())
          .contains("line 2 (c2) is invalid, and its job has task " + c2)
          .doesNotContain("does not have (c2");
      assertThat(skipped.out()).as(skipped.all())
          .contains("line 2's task " + c2 + " (paid in an earlier run) not followed");
      assertThat(dir.resolve("jobs-videos/c1.mp4")).as(skipped.all()).isRegularFile();
      assertThat(dir.resolve("jobs-videos/c3.mp4")).as(skipped.all()).isRegularFile();
      assertThat(dir.resolve("jobs-videos/c2.mp4")).doesNotExist();
      assertThat(fake.pollsOf(c2)).as("line 2's task is left as said").isEqualTo(c2Polls);
      assertThat(fake.creates()).as("nothing was sent again").hasSize(3);
    }
  }

  @Test
  void aFinishedJobOnAModelNoLongerValidGetsNoLineOfItsOwn() throws Exception {
    Path jobs = write(job("a", 10), job("c", 15));
    CliRun.Result made = CliRun.in(dir).run(args(jobs));
    assertThat(made.exitCode()).as(made.all()).isZero();
    Files.writeString(dir.resolve("routes.json"), "{\"remove\": [\"grok-video-1.5-preview\"]}");

    CliRun.Result again = CliRun.in(dir).run(args(jobs, "--routes", "routes.json"));

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).as(again.all()).doesNotContain("line 1 (a)").doesNotContain("line 2 (c)")
        .doesNotContain("followed and downloaded");
  }

  @Test
  void aDurationTheRouteNoLongerTakesIsSaidOfTheLineNotOfItsModel() throws Exception {
    Path jobs = write(job("a", 10));
    CliRun.Result timed = CliRun.in(dir).run("batch", jobs.toString(), "--provider", "mock", "--set",
        "mock.duration=2s", "--poll-interval", "50ms", "--timeout", "300ms");
    assertThat(timed.exitCode()).as(timed.all()).isEqualTo(ExitCodes.DEADLINE);
    Files.writeString(dir.resolve("routes.json"),
        "{\"patch\": {\"grok-video-1.5-preview\": {\"seconds\": {\"one_of\": [15], \"default\": 15},"
            + " \"price\": {\"per_request_usd\": {\"15\": \"0.15\"}}}}}");

    CliRun.Result run = CliRun.in(dir).run(args(jobs, "--routes", "routes.json"));

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).as(run.all())
        .contains("line 1 (a): the line is no longer valid on its model grok-video-1.5-preview (")
        .contains("is followed and downloaded all the same, no create is sent for it")
        .doesNotContain("its model grok-video-1.5-preview is no longer valid");
    assertThat(dir.resolve("jobs-videos/a.mp4")).isRegularFile();
  }

  private String taskOf(String key) {
    try (JobStore journal = Journals.open(dir.resolve("jobs.journal").toString())) {
      Entry entry = journal.entries("jobs.jsonl").stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
      assertThat(entry.state()).isEqualTo(JobStore.State.SUBMITTED);
      assertThat(entry.taskId()).as("the paid task id is in the journal").isNotNull();
      return entry.taskId();
    }
  }

  private CliRun.Result againstFake(FakeToApisServer fake, Path jobs, String... more) {
    List<String> all = new ArrayList<>(List.of("batch", jobs.toString(), "--concurrency", "1", "--base-url",
        fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"));
    all.addAll(List.of(more));
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).run(all.toArray(String[]::new));
  }

  private String[] args(Path jobs, String... more) {
    List<String> all = new ArrayList<>(List.of("batch", jobs.toString()));
    all.addAll(List.of(FAST_MOCK));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String job(String id, int seconds) {
    return "{\"id\": \"" + id + "\", \"prompt\": \"" + id + " turns\", \"images\": [\"https://img.example/" + id
        + ".png\"], \"seconds\": " + seconds + "}";
  }

  private Path write(String... lines) throws Exception {
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of(lines));
    return jobs;
  }
}
