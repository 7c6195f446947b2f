package dev.vidgen.provider.toapis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireRecordsTest {
  /** Moshi as it reads records on its own, the behaviour WireRecords keeps. */
  private static final Moshi PLAIN = new Moshi.Builder().build();

  static Stream<String> answers() {
    return Stream.of(
        "{\"id\":\"video_1\",\"status\":\"queued\",\"progress\":0,\"created_at\":1768380224}",
        "{\"task_id\":\"video_2\",\"status\":\"in_progress\",\"progress\":\"42\",\"metadata\":{\"a\":[1,2]},\"x\":null}",
        "{\"id\":\"video_3\",\"status\":\"completed\",\"progress\":100,\"completed_at\":1768380524,"
            + "\"expires_at\":\"2026-01-15T08:00:00Z\",\"result\":{\"type\":\"video\",\"data\":[{\"url\":"
            + "\"https://files.example/v.mp4\",\"format\":\"mp4\",\"extra\":true}]}}",
        "{\"id\":\"video_4\",\"status\":\"failed\",\"error\":{\"code\":400,\"message\":\"bad prompt\"}}",
        "{\"id\":\"video_5\",\"status\":\"failed\",\"error\":\"just text\",\"result\":null}",
        "{\"code\":200,\"data\":[{\"task_id\":\"video_6\"}]}",
        "{\"id\":null,\"model\":\"grok-video-1.5-preview\",\"client_business_id\":\"job-7\"}",
        "{}",
        "{\"id\":\"video_8\",\"id\":\"video_8\"}");
  }

  @Test
  void refusesAFieldGivenTwiceWithTwoValuesWhereMoshiWouldKeepTheLast() {
    String json = "{\"id\":\"video_8\",\"status\":\"queued\",\"status\":\"failed\",\"id\":\"dup_other\"}";

    assertThat(catchThrowable(() -> Json.moshi().adapter(TaskDto.class).fromJson(json)))
        .isInstanceOf(com.squareup.moshi.JsonDataException.class)
        .hasMessage("the field status appears twice, with two values, at $.status");
  }

  @Test
  void readsAnOptionalFieldOfAnotherShapeAsUnknown() throws Exception {
    TaskDto read = Json.moshi().adapter(TaskDto.class).fromJson("{\"id\":\"video_1\",\"status\":\"completed\","
        + "\"progress\":true,\"expires_at\":[],\"created_at\":{\"x\":1},\"completed_at\":1768380524}");

    assertThat(read.progress()).isNull();
    assertThat(read.expiresAt()).isNull();
    assertThat(read.createdAt()).isNull();
    assertThat(read.completedAt()).isEqualTo("1768380524");
    TaskDto doubled = Json.moshi().adapter(TaskDto.class).fromJson("{\"id\":\"video_1\",\"status\":\"completed\","
        + "\"progress\":100,\"progress\":99}");
    assertThat(doubled.progress()).as("an optional field given twice with two values is unknown").isNull();
  }

  @Test
  void readsANumberBeyondADoublesRangeInAFieldOfAnyValueAsMissingAtAnyDepth() throws Exception {
    TaskDto read = Json.moshi().adapter(TaskDto.class).fromJson("{\"id\":\"video_1\",\"status\":\"completed\","
        + "\"progress\":1e309,\"expires_at\":-1e400,\"created_at\":1E+309,\"completed_at\":41.6,"
        + "\"error\":{\"code\":1e309,\"message\":\"m\"},\"data\":[{\"task_id\":\"t\",\"n\":[-1e309,2]}]}");

    assertThat(read.progress()).isNull();
    assertThat(read.expiresAt()).isNull();
    assertThat(read.createdAt()).isNull();
    assertThat(read.completedAt()).as("a number in range is read as before").isEqualTo("41.6");
    java.util.Map<Object, Object> error = new java.util.HashMap<>((java.util.Map<?, ?>) read.error());
    assertThat(error).containsEntry("code", null).containsEntry("message", "m");
    assertThat(read.data()).isEqualTo(List.of(java.util.Map.of("task_id", "t", "n", java.util.Arrays.asList(null, 2.0))));
    assertThat(Json.moshi().adapter(ModelListDto.class).fromJson("{\"data\":[{\"id\":\"m\",\"created\":1e999}]}")
        .data()).hasSize(1);
  }

  @ParameterizedTest
  @MethodSource("answers")
  void readsATaskExactlyAsMoshisOwnRecordAdapterDoes(String json) throws Exception {
    assertThat(Json.moshi().adapter(TaskDto.class).fromJson(json))
        .isEqualTo(PLAIN.adapter(TaskDto.class).fromJson(json));
  }

  static Stream<String> brokenAnswers() {
    return Stream.of(
        "{\"id\":{\"nested\":1}}",
        "{\"status\":true}",
        "{\"result\":{\"data\":\"not a list\"}}",
        "{\"id\":\"video_1\",\"result\":1e309}",
        "[\"not an object\"]",
        "{\"id\":\"video_1\"");
  }

  @ParameterizedTest
  @MethodSource("brokenAnswers")
  void refusesWhatMoshisOwnRecordAdapterRefusesWithTheSameMessage(String json) {
    Throwable ours = catchThrowable(() -> Json.moshi().adapter(TaskDto.class).fromJson(json));
    Throwable moshis = catchThrowable(() -> PLAIN.adapter(TaskDto.class).fromJson(json));

    assertThat(ours).isNotNull().hasSameClassAs(moshis).hasMessage(moshis.getMessage());
  }

  @Test
  void readsEveryFieldOrderAndWritesAsMoshiDoes() throws Exception {
    String[] fields = {"\"id\":\"video_1\"", "\"status\":\"in_progress\"", "\"progress\":7", "\"model\":\"m\"",
        "\"created_at\":\"1768380224\"", "\"unknown\":{\"deep\":[null,{}]}", "\"error\":null"};
    Random random = new Random(20261130);
    JsonAdapter<TaskDto> ours = Json.moshi().adapter(TaskDto.class);
    for (int round = 0; round < 200; round++) {
      List<String> shuffled = new ArrayList<>(List.of(fields));
      Collections.shuffle(shuffled, random);
      String json = "{" + String.join(",", shuffled.subList(0, 1 + random.nextInt(shuffled.size()))) + "}";
      TaskDto read = ours.fromJson(json);

      assertThat(read).as(json).isEqualTo(PLAIN.adapter(TaskDto.class).fromJson(json));
      assertThat(ours.toJson(read)).isEqualTo(PLAIN.adapter(TaskDto.class).toJson(read));
    }
  }

  @Test
  void takesThisPackagesRecordsAndLeavesOnesWithAPrimitiveToMoshi() {
    assertThat(Json.moshi().adapter(TaskDto.class).toString()).contains("WireRecords(TaskDto)");
    assertThat(Json.moshi().adapter(TaskResultFileDto.class).toString()).contains("WireRecords(TaskResultFileDto)");
    assertThat(Json.moshi().adapter(Counted.class).toString()).as("a primitive component stays Moshi's")
        .doesNotContain("WireRecords");
  }

  /** A record with a primitive, which Moshi reads as required. */
  public record Counted(int count, String name) {}
}
