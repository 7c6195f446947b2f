package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A history an older vidgen wrote (the release of 2026-11-30: no {@code base_url}, {@code out} nor {@code key_tag},
 * no notes of creates), read after the upgrade by a user whose {@code TOAPIS_BASE_URL} names a server other than
 * the provider's own address: those tasks keep their same-job protection, and a wait says where it saves a video
 * whose {@code --out} the line does not keep.
 */
class OlderVidgenHistoryTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  /** A run with the fake in TOAPIS_BASE_URL, as the user had it set for both releases, and no terminal. */
  private CliRun.Result run(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    return cli.vidgen().env("TOAPIS_BASE_URL", fake.baseUrl()).run(all);
  }

  /**
   * Rewrites the history as the older release wrote its lines: without the fields it did not know, and without the
   * notes it never wrote; {@code more} changes each task line further.
   */
  private void asAnOlderVidgenWroteIt(UnaryOperator<Map<String, Object>> more) throws IOException {
    Path file = home.resolve("history.jsonl");
    String lines = Files.readString(file).lines()
        .map(line -> olderLine(line, more)).filter(line -> !line.isEmpty())
        .collect(Collectors.joining("\n", "", "\n"));
    Files.writeString(file, lines);
  }

  @SuppressWarnings("unchecked")
  private static String olderLine(String line, UnaryOperator<Map<String, Object>> more) {
    Map<String, Object> entry = new LinkedHashMap<>((Map<String, Object>) JsonTrees.parse(line));
    if (((String) entry.get("task_id")).startsWith("unanswered-")) {
      return "";
    }
    for (String newer : List.of("base_url", "out", "key_tag", "last_take_at", "possible_tasks", "claimed_tasks")) {
      entry.remove(newer);
    }
    Map<String, Object> settings = new LinkedHashMap<>((Map<String, Object>) entry.get("settings"));
    settings.remove("input_sha256");
    entry.put("settings", settings);
    return JsonTrees.write(more.apply(entry));
  }

  @Test
  void aJobTheOlderVidgenMadeOnThisTestServerIsRefusedNotPaidAgainAfterTheUpgrade() throws IOException {
    CliRun.Result older = run("generate", "--image", "product.png", "--prompt", "g1 finished", "--out",
        "clips/g1.mp4", "--json");
    assertThat(older.exitCode()).as(older.all()).isZero();
    String taskId = (String) older.json().get("task_id");
    asAnOlderVidgenWroteIt(UnaryOperator.identity());

    CliRun.Result again = run("generate", "--image", "product.png", "--prompt", "g1 finished", "--out",
        "clips/g1b.mp4");

    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(again.err()).contains("the same job was submitted just now as task " + taskId,
        "that take was recorded without its server by an older vidgen, so it counts as a take on any server, this one"
            + " too; nothing was sent", "or add --again to pay 20 credits ($0.10) for another take");
    assertThat(fake.requests(Endpoint.CREATE)).as("paid once, by the older release").hasSize(1);
    assertThat(dir.resolve("clips/g1b.mp4")).doesNotExist();

    CliRun.Result paidAgain = run("generate", "--image", "product.png", "--prompt", "g1 finished", "--out",
        "clips/g1b.mp4", "--again");
    assertThat(paidAgain.exitCode()).as("the documented way to pay again: " + paidAgain.all()).isZero();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(2);
  }

  @Test
  void aWaitForATaskWhoseOlderLineKeepsNoOutSaysSoAndWhereItSaves() throws IOException {
    CliRun.Result older = run("generate", "--image", "product.png", "--prompt", "g3 interrupted", "--out",
        "clips/g3.mp4", "--no-wait", "--json");
    assertThat(older.exitCode()).as(older.all()).isZero();
    String taskId = (String) older.json().get("task_id");
    asAnOlderVidgenWroteIt(UnaryOperator.identity());

    CliRun.Result waited = run("wait", taskId);

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    Path here = dir.resolve(taskId + ".mp4").toAbsolutePath().normalize();
    assertThat(here).exists();
    assertThat(waited.err()).contains("task " + taskId + "'s line in the task history keeps no --out (an older vidgen"
        + " wrote it, before the history kept it), so where it was made to go is not known; saving the video to "
        + here + " in the working folder; give --out to save it elsewhere");
  }

  @Test
  void theHistorysAdviceForAnOlderPlaygroundTaskNamesThePlaygroundsVideosFolderAsTheServeDoes() throws IOException {
    CliRun.Result first = run("generate", "--image", "product.png", "--prompt", "pg2 saved", "--out",
        "pg/videos/", "--json");
    CliRun.Result second = run("generate", "--image", "product.png", "--prompt", "pg1 left running", "--out",
        "x.mp4", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    assertThat(second.exitCode()).as(second.all()).isZero();
    String unsaved = (String) second.json().get("task_id");
    // Both made by the older playground: one saved in its videos folder, one completed without its video.
    asAnOlderVidgenWroteIt(entry -> {
      entry.put("source", "serve");
      if (unsaved.equals(entry.get("task_id"))) {
        entry.put("file", null);
      }
      return entry;
    });

    CliRun.Result history = run("history");

    String videos = dir.resolve("pg").resolve("videos").toAbsolutePath().normalize() + java.io.File.separator;
    assertThat(history.exitCode()).as(history.all()).isZero();
    assertThat(history.out()).contains("Task " + unsaved + " is done but its video was not saved; save it with:"
        + " vidgen download " + unsaved + " --provider toapis --out " + videos);
  }
}
