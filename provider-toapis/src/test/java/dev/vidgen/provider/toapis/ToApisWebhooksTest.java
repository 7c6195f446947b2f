package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.provider.toapis.ToApisWebhooks.Outcome;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.TaskScript;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class ToApisWebhooksTest {
  private static final String SECRET = "whsec_current_0123456789";
  private static final String OLD_SECRET = "whsec_previous_9876543210";
  private static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  private static final String TIMESTAMP = Long.toString(NOW.getEpochSecond());

  private final ToApisWebhooks webhooks =
      ToApisWebhooks.builder(SECRET).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

  @Test
  void acceptsAGenuineDelivery() {
    byte[] body = completedEvent("evt_1", "video_1", "https://files.example/v.mp4");

    ToApisWebhooks.Verification verification =
        webhooks.verify(headers("evt_1", TIMESTAMP, "v1=" + sign(SECRET, "evt_1", TIMESTAMP, body)), body);

    assertThat(verification.outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(verification.accepted()).isTrue();
    assertThat(verification.eventId()).isEqualTo("evt_1");
  }

  @Test
  void acceptsEitherSignatureDuringARotation() {
    byte[] body = completedEvent("evt_2", "video_2", "https://files.example/v.mp4");
    String header = "v1=" + sign(OLD_SECRET, "evt_2", TIMESTAMP, body) + ",v1=" + sign(SECRET, "evt_2", TIMESTAMP, body);

    assertThat(webhooks.verify(headers("evt_2", TIMESTAMP, header), body).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void acceptsTheOldSecretWhenTheReceiverStillKnowsIt() {
    ToApisWebhooks both = ToApisWebhooks.builder(SECRET).addSecret(OLD_SECRET)
        .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    byte[] body = completedEvent("evt_3", "video_3", "https://files.example/v.mp4");

    String header = "v1=" + sign(OLD_SECRET, "evt_3", TIMESTAMP, body);

    assertThat(both.verify(headers("evt_3", TIMESTAMP, header), body).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(webhooks.verify(headers("evt_3", TIMESTAMP, header), body).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void rejectsATamperedBodyIdOrTimestamp() {
    byte[] body = completedEvent("evt_4", "video_4", "https://files.example/v.mp4");
    String signature = "v1=" + sign(SECRET, "evt_4", TIMESTAMP, body);
    byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("v.mp4", "w.mp4").getBytes(StandardCharsets.UTF_8);

    assertThat(webhooks.verify(headers("evt_4", TIMESTAMP, signature), tampered).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(webhooks.verify(headers("evt_5", TIMESTAMP, signature), body).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    String otherTime = Long.toString(NOW.getEpochSecond() - 1);
    assertThat(webhooks.verify(headers("evt_4", otherTime, signature), body).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
    assertThat(webhooks.verify(headers("evt_4", TIMESTAMP, "v1=zz-not-hex"), body).outcome()).isEqualTo(Outcome.BAD_SIGNATURE);
  }

  @Test
  void rejectsTimestampsMoreThanFiveMinutesOffEitherWay() {
    byte[] body = completedEvent("evt_6", "video_6", "https://files.example/v.mp4");
    String late = Long.toString(NOW.getEpochSecond() - 301);
    String early = Long.toString(NOW.getEpochSecond() + 301);
    String edge = Long.toString(NOW.getEpochSecond() - 300);

    assertThat(webhooks.verify(headers("evt_6", late, "v1=" + sign(SECRET, "evt_6", late, body)), body).outcome())
        .isEqualTo(Outcome.STALE);
    assertThat(webhooks.verify(headers("evt_6", early, "v1=" + sign(SECRET, "evt_6", early, body)), body).outcome())
        .isEqualTo(Outcome.STALE);
    assertThat(webhooks.verify(headers("evt_6", edge, "v1=" + sign(SECRET, "evt_6", edge, body)), body).outcome())
        .isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void recognisesADuplicateDeliveryAndCanForgetIt() {
    byte[] body = completedEvent("evt_7", "video_7", "https://files.example/v.mp4");
    Map<String, String> headers = headers("evt_7", TIMESTAMP, "v1=" + sign(SECRET, "evt_7", TIMESTAMP, body));

    assertThat(webhooks.verify(headers, body).outcome()).isEqualTo(Outcome.ACCEPTED);
    assertThat(webhooks.verify(headers, body).outcome()).isEqualTo(Outcome.DUPLICATE);
    assertThat(webhooks.forget("evt_7")).isTrue();
    assertThat(webhooks.verify(headers, body).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void aForgedDeliveryDoesNotMarkItsIdAsSeen() {
    byte[] body = completedEvent("evt_8", "video_8", "https://files.example/v.mp4");

    webhooks.verify(headers("evt_8", TIMESTAMP, "v1=" + "00".repeat(32)), body);

    assertThat(webhooks.verify(headers("evt_8", TIMESTAMP, "v1=" + sign(SECRET, "evt_8", TIMESTAMP, body)), body)
        .outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void remembersOnlyTheMostRecentIds() {
    ToApisWebhooks small = ToApisWebhooks.builder(SECRET).rememberedIds(2).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    for (String id : List.of("evt_a", "evt_b", "evt_c")) {
      byte[] body = completedEvent(id, "video", "https://files.example/v.mp4");
      small.verify(headers(id, TIMESTAMP, "v1=" + sign(SECRET, id, TIMESTAMP, body)), body);
    }

    assertThat(verifyAgain(small, "evt_c")).isEqualTo(Outcome.DUPLICATE);
    assertThat(verifyAgain(small, "evt_a")).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void missingOrUnreadableHeadersAreRejected() {
    byte[] body = completedEvent("evt_9", "video_9", "https://files.example/v.mp4");

    assertThat(webhooks.verify(Map.of(), body).outcome()).isEqualTo(Outcome.MISSING_HEADERS);
    assertThat(webhooks.verify(headers("evt_9", "yesterday", "v1=ab"), body).outcome()).isEqualTo(Outcome.BAD_TIMESTAMP);
  }

  @Test
  void headerNamesMatchInAnyCaseAndListValuesAreRead() {
    byte[] body = completedEvent("evt_10", "video_10", "https://files.example/v.mp4");
    Map<String, List<String>> headers = Map.of(
        "x-toapis-webhook-id", List.of("evt_10"),
        "X-TOAPIS-WEBHOOK-TIMESTAMP", List.of(TIMESTAMP),
        "x-toapis-webhook-signature", List.of("v1=" + sign(OLD_SECRET, "evt_10", TIMESTAMP, body),
            "v1=" + sign(SECRET, "evt_10", TIMESTAMP, body)));

    assertThat(webhooks.verify(headers, body).outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void aCompletedEventGivesTheSameSnapshotAsPolling() {
    TaskSnapshot polled;
    try (FakeToApisServer toapis = FakeToApisServer.start()) {
      toapis.nextTask(TaskScript.completes().sparse());
      ToApisVideoProvider provider = ToApisTesting.provider(toapis);
      TaskSnapshot created = await(provider.create(request(VideoJob.builder("grok-video-1.5-preview")
          .prompt("p").image("https://images.example/cat.png").build(), null)));
      polled = ToApisTesting.pollToEnd(provider, created.taskId());
      provider.close();
    }

    ToApisWebhooks.Event event = ToApisWebhooks.parse(
        completedEvent("evt_11", polled.taskId().value(), polled.video().url().toString()));

    assertThat(event.type()).isEqualTo("generation.completed");
    // The same, the creation time being the event's submitted_at (the fake's task was made at another time).
    assertThat(event.snapshot()).contains(polled.withOrigin(polled.model(), NOW.truncatedTo(
        java.time.temporal.ChronoUnit.SECONDS)));
    assertThat(polled.reportedModel()).contains("grok-video-1.5-preview");
    assertThat(event.clientReference()).isEqualTo("job-11");
    assertThat(event.model()).isEqualTo("grok-video-1.5-preview");
  }

  @Test
  void aFailedEventCarriesTheCodeAndMessage() {
    byte[] body = ("{\"id\":\"evt_12\",\"type\":\"generation.failed\",\"data\":{\"task_id\":\"video_12\","
        + "\"status\":\"FAILURE\",\"progress\":\"100%\",\"error\":{\"code\":\"generation_failed\","
        + "\"message\":\"refused by the content policy\"}}}").getBytes(StandardCharsets.UTF_8);

    TaskSnapshot snapshot = ToApisWebhooks.parse(body).snapshot().orElseThrow();

    assertThat(snapshot.status()).isEqualTo(TaskStatus.FAILED);
    assertThat(snapshot.failure().code()).isEqualTo("generation_failed");
    assertThat(snapshot.failure().message()).isEqualTo("refused by the content policy");
    assertThat(snapshot.progress()).isEqualTo(100);
  }

  @Test
  void aTestEventHasNoTask() {
    ToApisWebhooks.Event event = ToApisWebhooks.parse(
        "{\"id\":\"evt_13\",\"type\":\"endpoint.test\",\"data\":{}}".getBytes(StandardCharsets.UTF_8));

    assertThat(event.type()).isEqualTo("endpoint.test");
    assertThat(event.snapshot()).isEmpty();
  }

  @Test
  void aBodyThatIsNoEventIsRefusedClearly() {
    assertThatThrownBy(() -> ToApisWebhooks.parse("[1,2]".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a ToAPIs webhook event");
    assertThatThrownBy(() -> ToApisWebhooks.parse("{\"type\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs an id and a type");
  }

  @Test
  void receiveVerifiesThenParsesAndSkipsDuplicates() {
    byte[] body = completedEvent("evt_14", "video_14", "https://files.example/v.mp4");
    Map<String, String> good = headers("evt_14", TIMESTAMP, "v1=" + sign(SECRET, "evt_14", TIMESTAMP, body));

    assertThat(webhooks.receive(good, body)).hasValueSatisfying(event -> assertThat(event.id()).isEqualTo("evt_14"));
    assertThat(webhooks.receive(good, body)).isEmpty();
    assertThatThrownBy(() -> webhooks.receive(headers("evt_15", TIMESTAMP, "v1=00"), body))
        .isInstanceOf(ToApisWebhooks.RejectedDeliveryException.class)
        .hasMessageContaining("BAD_SIGNATURE")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void textOfADeliveryNotVerifiedIsCleanedAndCutShortWhereverItIsShown() {
    String forged = "evt_x\r\nINFO forged line \u001b[31mred\u202eevil";
    byte[] body = completedEvent("evt_16", "video_16", "https://files.example/v.mp4");

    ToApisWebhooks.Verification badTime = webhooks.verify(headers(forged, "1\u001b[2J" + "9".repeat(5000), "v1=00"), body);
    ToApisWebhooks.Verification badSignature = webhooks.verify(headers(forged, TIMESTAMP, "v1=00"), body);

    assertThat(badTime.outcome()).isEqualTo(Outcome.BAD_TIMESTAMP);
    assertThat(badTime.reason()).doesNotContain("\u001b").hasSizeLessThan(300);
    assertThat(badSignature.eventId()).doesNotContain("\r", "\n", "\u001b", "\u202e").contains("\\r\\nINFO");
    assertThatThrownBy(() -> webhooks.receive(headers(forged, TIMESTAMP, "v1=00"), body))
        .isInstanceOf(ToApisWebhooks.RejectedDeliveryException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\r", "\n", "\u001b", "\u202e"));
  }

  @Test
  void anEventWhoseTaskCannotBeFollowedSafelyIsRefusedNotPassedOnOrDropped() {
    String key = "sk-" + "Ab3d".repeat(12);
    byte[] noTask = "{\"id\":\"evt_17\",\"type\":\"generation.completed\",\"data\":{\"status\":\"SUCCESS\"}}"
        .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> ToApisWebhooks.parse(noTask)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("names no data.task_id");
    for (String taskId : java.util.List.of("..", ".", "video_" + key)) {
      assertThatThrownBy(() -> ToApisWebhooks.parse(completedEvent("evt_18", taskId, "https://files.example/v.mp4")))
          .as(taskId).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(key);
    }
    ToApisWebhooks.Event keyInLink = ToApisWebhooks.parse(
        completedEvent("evt_19", "video_19", "https://cdn.example/v.mp4?key=" + key));
    assertThat(keyInLink.snapshot().orElseThrow().result()).as("never fetched").isEmpty();
    assertThat(keyInLink.snapshot().orElseThrow().resultProblem()).isPresent();
    assertThat(keyInLink.toString()).doesNotContain(key);
  }

  @Test
  void aSecretReadWithALineBreakStillVerifies() {
    ToApisWebhooks fromFile = ToApisWebhooks.builder(SECRET + "\n").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();
    byte[] body = completedEvent("evt_20", "video_20", "https://files.example/v.mp4");

    assertThat(fromFile.verify(headers("evt_20", TIMESTAMP, "v1=" + sign(SECRET, "evt_20", TIMESTAMP, body)), body)
        .outcome()).isEqualTo(Outcome.ACCEPTED);
  }

  @Test
  void aFinalEventWhoseTypeAndStatusDisagreeIsRefusedNotGuessed() {
    String completed = new String(completedEvent("evt_21", "video_21", "https://files.example/v.mp4"),
        StandardCharsets.UTF_8);
    java.util.Map<String, String> contradictions = java.util.Map.of(
        "failed, yet SUCCESS", completed.replace("generation.completed", "generation.failed"),
        "completed, yet FAILURE", completed.replace("\"SUCCESS\"", "\"FAILURE\""),
        "completed, yet a word not known", completed.replace("\"SUCCESS\"", "\"ARCHIVED\""),
        "completed, no status", completed.replace("\"status\":\"SUCCESS\",", ""));

    contradictions.forEach((what, body) -> assertThatThrownBy(
        () -> ToApisWebhooks.parse(body.getBytes(StandardCharsets.UTF_8))).as(what)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("evt_21").hasMessageContaining("needs status"));
  }

  @Test
  void aCosmeticFieldOfAnotherShapeOrAByteOrderMarkDoesNotMakeAFinalEventUnreadable() {
    String completed = new String(completedEvent("evt_22", "video_22", "https://files.example/v.mp4"),
        StandardCharsets.UTF_8);

    for (String progress : java.util.List.of("true", "100", "{\"done\":1}", "null")) {
      TaskSnapshot snapshot = ToApisWebhooks.parse(completed.replace("\"100%\"", progress)
          .getBytes(StandardCharsets.UTF_8)).snapshot().orElseThrow();
      assertThat(snapshot.status()).as(progress).isEqualTo(TaskStatus.COMPLETED);
      assertThat(snapshot.result()).as(progress).isPresent();
    }
    byte[] withMark = ("\uFEFF" + completed).getBytes(StandardCharsets.UTF_8);
    assertThat(ToApisWebhooks.parse(withMark).snapshot().orElseThrow().taskId().value()).isEqualTo("video_22");
  }

  @Test
  void aProgressBeyondADoublesRangeOrATimeBeyondALongDoesNotMakeAFinalEventUnreadable() {
    String completed = new String(completedEvent("evt_23", "video_23", "https://files.example/v.mp4"),
        StandardCharsets.UTF_8).replace("\"submitted_at\":" + TIMESTAMP, "\"submitted_at\":\"18446744075489859616\"");

    for (String progress : List.of("1e309", "-1e400", "\"1e309\"", "\"NaN\"")) {
      TaskSnapshot snapshot = ToApisWebhooks.parse(completed.replace("\"100%\"", progress)
          .getBytes(StandardCharsets.UTF_8)).snapshot().orElseThrow();
      assertThat(snapshot.status()).as(progress).isEqualTo(TaskStatus.COMPLETED);
      assertThat(snapshot.result()).as(progress).isPresent();
      assertThat(snapshot.reportedCreatedAt()).as("2^64 + a 2026 time is no time").isEmpty();
    }
  }

  private Outcome verifyAgain(ToApisWebhooks verifier, String id) {
    byte[] body = completedEvent(id, "video", "https://files.example/v.mp4");
    return verifier.verify(headers(id, TIMESTAMP, "v1=" + sign(SECRET, id, TIMESTAMP, body)), body).outcome();
  }

  private static byte[] completedEvent(String eventId, String taskId, String url) {
    return ("{\"id\":\"" + eventId + "\",\"type\":\"generation.completed\",\"created_at\":" + TIMESTAMP
        + ",\"data\":{\"task_id\":\"" + taskId + "\",\"client_business_id\":\"job-11\",\"task_type\":\"video\","
        + "\"model\":\"grok-video-1.5-preview\",\"status\":\"SUCCESS\",\"progress\":\"100%\","
        + "\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"" + url + "\",\"format\":\"mp4\"}]},"
        + "\"submitted_at\":" + TIMESTAMP + ",\"finished_at\":" + TIMESTAMP + "}}").getBytes(StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(String id, String timestamp, String signature) {
    return Map.of(ToApisWebhooks.ID_HEADER, id, ToApisWebhooks.TIMESTAMP_HEADER, timestamp,
        ToApisWebhooks.SIGNATURE_HEADER, signature);
  }

  /** The signature as the ToAPIs docs define it, computed independently of the verifier. */
  private static String sign(String secret, String id, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
