package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A task left by {@code generate --no-wait} whose video's link expired before {@code wait} or {@code download} could
 * save it, against a fake ToAPIs whose clock is two days behind and whose file host has let the video go: {@code vidgen
 * history}'s table marks it expired as its {@code --json} does, and neither it nor {@code status} offers a download.
 */
class ExpiredLinkHistoryTest {
  private static final Clock TWO_DAYS_AGO = Clock.offset(Clock.systemUTC(), Duration.ofDays(-2));

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY)
      .server(settings -> settings.clock(TWO_DAYS_AGO)).start();

  @ParameterizedTest
  @ValueSource(strings = {"wait", "download"})
  @SuppressWarnings("unchecked")
  void aTaskWhoseLinkExpiredBeforeItWasSavedIsMarkedExpiredInTheTableAsInJson(String command) {
    CliRun.Result made = run("generate", "--json", "--no-wait", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    if (command.equals("download")) {
      CliRun.Result read = run("status", taskId);
      for (int reads = 1; reads < 5 && !read.out().contains("completed"); reads++) {
        read = run("status", taskId);
      }
    }
    cli.fake().inject(Endpoint.FILE, Fault.status(404)); // the file host has let it go

    CliRun.Result saved = command.equals("wait") ? run("wait", taskId, "--poll-interval", "20ms")
        : run("download", taskId);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) run("history", "--json").json().get("tasks");
    Map<String, Object> row = tasks.stream().filter(task -> taskId.equals(task.get("task_id"))).findFirst()
        .orElseThrow();
    CliRun.Result text = run("history");
    CliRun.Result status = run("status", taskId, "--json");

    assertThat(saved.exitCode()).as(saved.all()).isEqualTo(1);
    assertThat(row).containsEntry("status", "completed").containsEntry("result", "expired").containsEntry("next", null);
    String expiredAt = (String) row.get("result_expired_at");
    assertThat(text.out()).as(text.all()).contains("- (result expired " + expiredAt + ")",
            "can no longer be saved: generate the job again")
        .doesNotContain("(not saved)", "save it with", "vidgen download");
    assertThat(status.json()).as(status.all()).containsEntry("result", "expired");
    assertThat((String) status.json().get("next")).doesNotContain("vidgen download");
  }

  private CliRun.Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--base-url", cli.fake().baseUrl()));
    return cli.vidgen().run(all.toArray(String[]::new));
  }
}
