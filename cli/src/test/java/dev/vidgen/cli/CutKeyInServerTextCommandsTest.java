package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server's text that shows the key's start cut off, in hex, before an ASCII {@code ...} (as gateways and loggers
 * cut) or as a word followed by a space, a comma or {@code ***}, shows it masked wherever vidgen prints or keeps it:
 * on stderr, in {@code --json} and in the task history.
 */
class CutKeyInServerTextCommandsTest {
  /** Shaped as the trial's key: no run of 20 letters and digits, so only the key's own mask can hide its start. */
  private static final String KEY = "sk-trialGJ-cFj75sMg8oUS0Xft6yo-Qw3rTy7uI9oP1aS2dF4g";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void aGatewayPageEndingInTheKeysStartInHexShowsItMaskedOnAStatusRead() {
    fake.inject(Endpoint.STATUS, Fault.answer(502, "text/html",
        "<html><body>Bad gateway for token " + hex(KEY.substring(0, 20)) + "</body></html>"), 50);

    for (List<String> mode : List.of(List.<String>of(), List.of("--json"))) {
      CliRun.Result read = cli.vidgen().run(args(mode, "status", "video_gj0006"));

      assertThat(read.exitCode()).as(read.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(read.all()).contains("Bad gateway for token sk-…");
      assertNoPieceOfTheKeyIn(read.all());
    }
  }

  @Test
  void aFailedTasksMessageCuttingTheKeyInHexOrBeforeThreeDotsIsShownAndKeptMasked() throws IOException {
    fake.nextTask(TaskScript.fails("generation_failed", "bad token " + hex(KEY.substring(0, 45)) + "… and token "
        + KEY.substring(0, 30) + "..."));

    CliRun.Result failed = cli.vidgen().run(args(List.of(), "generate", "--image", "product.png", "--prompt",
        "slow push-in", "--poll-interval", "20ms"));

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(failed.err()).contains("bad token sk-… and token sk-…");
    assertNoPieceOfTheKeyIn(failed.all());
    assertNoPieceOfTheKeyIn(Files.readString(cli.home().resolve("history.jsonl")));
    CliRun.Result history = cli.vidgen().run("history", "--json");
    assertThat(history.exitCode()).as(history.all()).isZero();
    assertNoPieceOfTheKeyIn(history.all());
  }

  @Test
  void aPieceOfTheKeysStartAsAWordInAGatewayPageOrATasksMessageIsShownAndKeptMasked() throws IOException {
    fake.inject(Endpoint.STATUS, Fault.answer(502, "text/html", "bad token " + KEY.substring(0, 30) + " (revoked), then "
        + KEY.substring(0, 20) + "*** and " + hex(KEY.substring(0, 16)) + " end"), 50);
    for (List<String> mode : List.of(List.<String>of(), List.of("--json"))) {
      CliRun.Result read = cli.vidgen().run(args(mode, "status", "video_go0001"));

      assertThat(read.exitCode()).as(read.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
      assertThat(read.all()).contains("bad token sk-… (revoked), then sk-…*** and sk-… end");
      assertNoPieceOfTheKeyIn(read.all());
    }

    fake.nextTask(TaskScript.fails("generation_failed", "upstream rejected token " + KEY.substring(0, 30)
        + " (revoked); ask support"));
    CliRun.Result failed = cli.vidgen().run(args(List.of(), "generate", "--image", "product.png", "--prompt",
        "slow push-in", "--poll-interval", "20ms"));

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(failed.err()).contains("upstream rejected token sk-… (revoked); ask support");
    assertNoPieceOfTheKeyIn(failed.all());
    assertNoPieceOfTheKeyIn(Files.readString(cli.home().resolve("history.jsonl")));
  }

  private String[] args(List<String> mode, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", fake.baseUrl(), "--retry-delay", "1ms"));
    all.addAll(mode);
    return all.toArray(String[]::new);
  }

  /** No 12 characters of the key's secret part in a row stand in {@code text}, in clear or in hex. */
  private static void assertNoPieceOfTheKeyIn(String text) {
    for (int at = 3; at + 12 <= KEY.length(); at++) {
      String piece = KEY.substring(at, at + 12);
      assertThat(text).doesNotContain(piece).doesNotContainIgnoringCase(hex(piece));
    }
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }
}
