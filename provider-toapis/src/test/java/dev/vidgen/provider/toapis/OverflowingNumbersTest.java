package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Answers holding a JSON number beyond a double's range ({@code 1e309}, {@code -1e400}), or beyond a long where a
 * time is read: valid JSON, read as missing in an optional field as a value of another shape is (trial finding F3).
 */
class OverflowingNumbersTest {
  private static final String VIDEO = "\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"https://files.example/f3.mp4\","
      + "\"format\":\"mp4\"}]}";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"progress\":1e309",
      "\"expires_at\":1e309",
      "\"created_at\":-1e400",
      "\"completed_at\":1E400",
      "\"progress\":-1e309,\"progress\":-1e309,\"expires_at\":1e999999999",
      "\"error\":{\"code\":1e309,\"message\":\"none\"},\"metadata\":{\"n\":[1e309]}"})
  void aCompletedTaskWithANumberBeyondADoublesRangeInAnOptionalFieldIsReadWithItsVideo(String field) {
    answerStatus("{\"id\":\"video_f3\",\"status\":\"completed\"," + field + "," + VIDEO + "}");

    TaskSnapshot done = await(provider.status(TaskId.of("video_f3")));

    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(done.video().url()).isEqualTo(URI.create("https://files.example/f3.mp4"));
    assertThat(done.video().expiry()).isEmpty();
    assertThat(done.reportedCreatedAt()).isEmpty();
  }

  @Test
  void aProgressBeyondADoublesRangeOrOfNoFiniteNumberIsUnknownNotTheWholeAnswerNorAnEnd() {
    for (String progress : List.of("1e309", "-1e400", "\"1e309\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity%\"")) {
      answerStatus("{\"id\":\"video_p\",\"status\":\"in_progress\",\"progress\":" + progress + "}");

      TaskSnapshot running = await(provider.status(TaskId.of("video_p")));

      assertThat(running.status()).as(progress).isEqualTo(TaskStatus.IN_PROGRESS);
      assertThat(running.percent()).as(progress + ": not 100, nor 0").isEmpty();
    }
  }

  @Test
  void anExpiryOrCreationTimeBeyondALongIsMissingNotTheDateItsLowBitsSpell() {
    // 2^64 + 1000 and 2^64 + 1780308000: read into a long they would be 1970 (a link long gone) and 2026-06-01.
    for (String time : List.of("18446744073709552616", "\"18446744075489859616\"",
        "123456789012345678901234567890", "\"-123456789012345678901234567890\"", "\"1e999999999\"")) {
      answerStatus("{\"id\":\"video_t\",\"status\":\"completed\",\"created_at\":" + time + ",\"expires_at\":" + time
          + "," + VIDEO + "}");

      TaskSnapshot done = await(provider.status(TaskId.of("video_t")));

      assertThat(done.video().expiry()).as(time).isEmpty();
      assertThat(done.reportedCreatedAt()).as(time).isEmpty();
    }
  }

  @Test
  void aCreateAnswerWithANumberBeyondADoublesRangeInAnOptionalFieldNamesItsTaskNotAnAmbiguousSubmit() {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"id\":\"video_c\",\"status\":\"queued\",\"progress\":1e309,\"created_at\":-1e400}"));
    toapis.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"code\":200,\"data\":[{\"task_id\":\"task_legacy2\",\"status\":\"submitted\",\"created_at\":1e309}]}"));

    TaskSnapshot created = await(provider.create(grokRequest()));
    TaskSnapshot legacy = await(provider.create(grokRequest()));

    assertThat(created.taskId()).isEqualTo(TaskId.of("video_c"));
    assertThat(created.status()).isEqualTo(TaskStatus.QUEUED);
    assertThat(created.percent()).isEmpty();
    assertThat(legacy.taskId()).isEqualTo(TaskId.of("task_legacy2"));
  }

  @Test
  void aModelListEntryWithANumberBeyondADoublesRangeIsReadForItsId() {
    toapis.inject(Endpoint.MODELS, Fault.answer(200, "application/json", "{\"success\":true,\"object\":\"list\","
        + "\"data\":[{\"id\":\"seedance-2\",\"created\":1e309},{\"id\":\"kling-v3\",\"pricing\":{\"per_s\":[-1e400]}}]}"));

    assertThat(await(provider.liveModels())).containsExactly("seedance-2", "kling-v3");
  }

  @Test
  void aBalanceReadsAnOptionalAmountBeyondADoublesRangeAsMissingAndSaysARequiredOneIsUnreadable() {
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":12.5,\"used_credits\":1e309,\"remain_balance\":-1e400}"));
    Balance balance = await(provider.balance());
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "application/json",
        "{\"success\":true,\"remain_credits\":1e309,\"used_credits\":1}"));

    assertThat(balance.remaining()).contains(new BigDecimal("12.5"));
    assertThat(balance.usedCredits()).isEqualByComparingTo("0");
    assertThat(failure(provider.balance())).isInstanceOf(ProviderException.class)
        .hasMessageContaining("remain_credits is no count of credits vidgen can read: 1e309");
  }

  private void answerStatus(String json) {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json", json));
  }

  private static SubmitRequest grokRequest() {
    return request(VideoJob.builder("grok-video-1.5-preview")
        .prompt("p").image("https://images.example/cat.png").build(), null);
  }
}
