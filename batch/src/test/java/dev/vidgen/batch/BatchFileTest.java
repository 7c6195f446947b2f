package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ImageInput;
import dev.vidgen.core.validation.Violation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchFileTest {
  private static final Path BASE = Path.of("/work/jobs");

  @Test
  void aJobsIdInAnyScriptNamesItsDefaultFileWithItsLettersKept() {
    assertThat(BatchPlanner.fileName("家族-01")).isEqualTo("家族-01");
    assertThat(BatchPlanner.fileName("商品-01")).as("another id, another file").isEqualTo("商品-01");
    assertThat(BatchPlanner.fileName("Café_é")).isEqualTo("Café_é");
    assertThat(BatchPlanner.fileName("../a/b c")).as("no separator, no climbing").isEqualTo("_._a_b_c");
  }

  @Test
  void readsEveryJobFieldInSnakeCase() {
    BatchLine line = BatchFile.parse(List.of("{\"id\": \"p-1\", \"out\": \"a/p1.mp4\", \"model\": \"seedance-2\","
        + " \"prompt\": \"slow pan\", \"images\": [\"https://x.example/a.png\", \"stills/b.png\"], \"seconds\": 5,"
        + " \"aspect_ratio\": \"16:9\", \"resolution\": \"720p\", \"mode\": \"i2v\", \"params\": {\"seed\": 7}}"), BASE)
        .get(0);

    assertThat(line.isValid()).isTrue();
    assertThat(line.id()).isEqualTo("p-1");
    assertThat(line.out()).isEqualTo("a/p1.mp4");
    assertThat(line.job().model()).isEqualTo("seedance-2");
    assertThat(line.job().mode()).isEqualTo(GenerationMode.IMAGE_TO_VIDEO);
    assertThat(line.job().images()).containsExactly(ImageInput.url("https://x.example/a.png"),
        ImageInput.file(BASE.resolve("stills/b.png")));
    assertThat(line.job().seconds()).isEqualTo(5);
    assertThat(line.job().aspectRatio()).isEqualTo("16:9");
    assertThat(line.job().resolution()).isEqualTo("720p");
    assertThat(line.job().params()).containsEntry("seed", 7L);
  }

  @Test
  void readsInputVideosAsUrlsOrFilesFromTheJobsFileFolderAndRefusesOtherValues() {
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"model\": \"seedance-2-5\", \"mode\": \"edit\", \"prompt\": \"snow\","
            + " \"videos\": [\"https://x.example/v.mp4\", \"clips/c.mp4\"]}",
        "{\"model\": \"seedance-2-5\", \"prompt\": \"snow\", \"videos\": \"clips/one.mp4\"}",
        "{\"model\": \"seedance-2-5\", \"prompt\": \"snow\", \"videos\": [7]}"), BASE);

    assertThat(lines.get(0).job().videos()).containsExactly(java.net.URI.create("https://x.example/v.mp4"),
        BASE.resolve("clips/c.mp4").toUri());
    assertThat(lines.get(1).job().videos()).as("one text is a list of one")
        .containsExactly(BASE.resolve("clips/one.mp4").toUri());
    assertThat(lines.get(2).errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("videos[0]");
      assertThat(error.message()).startsWith("line 3: videos[0] must be a URL or a file path");
    });
  }

  @Test
  void keepsParameterNumbersExactlyAsWritten() {
    BatchLine line = BatchFile.parse(List.of(
        "{\"prompt\": \"a\", \"params\": {\"metadata\": {\"x\": 1, \"cfg\": 0.05}, \"big\": 12345678901234567890}}"), BASE)
        .get(0);

    assertThat(line.job().params().get("metadata")).isEqualTo(java.util.Map.of("x", 1L, "cfg", new java.math.BigDecimal("0.05")));
    assertThat(dev.vidgen.core.json.JsonTrees.write(line.job().params()))
        .isEqualTo("{\"metadata\":{\"x\":1,\"cfg\":0.05},\"big\":12345678901234567890}");
  }

  @Test
  void skipsBlankLinesAndCountsLinesFromOne() {
    List<BatchLine> lines = BatchFile.parse(List.of("", "{\"prompt\": \"a\"}", "  ", "{\"prompt\": \"b\"}"), BASE);

    assertThat(lines).extracting(BatchLine::number).containsExactly(2, 4);
    assertThat(lines.get(0).job().model()).isEqualTo(BatchFile.DEFAULT_MODEL);
  }

  @Test
  void reportsEveryProblemOfALineWithItsNumber() {
    BatchLine line = BatchFile.parse(List.of("{\"prompt\": 3, \"seconds\": \"ten\", \"colour\": \"red\","
        + " \"mode\": \"dance\"}"), BASE).get(0);

    assertThat(line.isValid()).isFalse();
    assertThat(line.errors()).extracting(Violation::code)
        .containsExactlyInAnyOrder("line.unknown_field", "line.type", "line.type", "line.bad_mode");
    assertThat(line.errors()).allMatch(v -> v.message().startsWith("line 1: "));
  }

  @Test
  void readsSecondsInAsciiDigitsOnlyAsTheCommandLineDoes() {
    List<BatchLine> lines = BatchFile.parse(List.of("{\"prompt\": \"a\", \"seconds\": \" 10 \"}",
        "{\"prompt\": \"a\", \"seconds\": \"\uFF11\uFF10\"}", "{\"prompt\": \"a\", \"seconds\": \"\u0661\u0660\"}",
        "{\"prompt\": \"a\", \"seconds\": \"1e1\"}"), BASE);

    assertThat(lines.get(0).job().seconds()).isEqualTo(10);
    for (BatchLine line : lines.subList(1, 4)) {
      assertThat(line.isValid()).as(line.errors().toString()).isFalse();
      assertThat(line.errors()).extracting(Violation::message)
          .anyMatch(message -> message.contains("seconds must be a whole number; give digits only, such as 10"));
    }
  }

  @Test
  void saysWhereALineIsNotJson() {
    BatchLine line = BatchFile.parse(List.of("{\"prompt\": \"a\",}"), BASE).get(0);

    assertThat(line.job()).isNull();
    assertThat(line.errors().get(0).code()).isEqualTo("line.not_json");
    assertThat(line.errors().get(0).message()).contains("line 1", "not valid JSON", "column");
  }

  @Test
  void givesTheSameFingerprintToTheSameJobWrittenDifferently() {
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"prompt\": \"a\", \"seconds\": 10}", "{ \"seconds\" : 10.0 ,\"prompt\":\"a\" }", "{\"prompt\": \"b\"}"), BASE);

    assertThat(lines.get(0).fingerprint()).isEqualTo(lines.get(1).fingerprint());
    assertThat(lines.get(2).fingerprint()).isNotEqualTo(lines.get(0).fingerprint());
  }

  @Test
  void plansKeysFilesAndRefusesDuplicateIdsAndTargets() {
    InMemoryJobStore store = new InMemoryJobStore();
    ScriptedBackend backend = new ScriptedBackend(store, "b");
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"id\": \"x\", \"prompt\": \"a\"}",
        "{\"id\": \"x\", \"prompt\": \"b\"}",
        "{\"prompt\": \"c\"}",
        "{\"prompt\": \"c\"}",
        "{\"prompt\": \"d\", \"out\": \"x.mp4\"}"), BASE);

    BatchPlan plan = new BatchPlanner(backend).plan("b", lines, BASE.resolve("out"));

    assertThat(plan.jobs()).extracting(PlannedJob::key)
        .containsExactly("x", "job-" + lines.get(2).fingerprint().substring(0, 12),
            "job-" + lines.get(2).fingerprint().substring(0, 12) + "-2");
    assertThat(plan.jobs().get(0).out()).isEqualTo(BASE.resolve("out/x.mp4"));
    assertThat(plan.invalid()).extracting(BatchLine::number).containsExactly(2, 5);
    assertThat(plan.invalid().get(0).errors().get(0).code()).isEqualTo("line.duplicate_id");
    assertThat(plan.invalid().get(1).errors().get(0).code()).isEqualTo("line.duplicate_out");
    assertThat(plan.knownCredits()).isEqualByComparingTo("60");
    assertThat(plan.exceeds(new java.math.BigDecimal("59"), false)).isTrue();
    assertThat(plan.exceeds(new java.math.BigDecimal("60"), false)).isFalse();
    assertThat(JobStore.State.PENDING.isFinal()).isFalse();
  }

  @Test
  void refusesAnOutThatLeavesTheOutputFolderNamingTheLine() {
    ScriptedBackend backend = new ScriptedBackend(new InMemoryJobStore(), "b");
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"id\": \"a\", \"prompt\": \"a\", \"out\": \"../../x.mp4\"}",
        "{\"id\": \"b\", \"prompt\": \"b\", \"out\": \"/etc/x.mp4\"}",
        "{\"id\": \"c\", \"prompt\": \"c\", \"out\": \"sub/../c.mp4\"}",
        "{\"id\": \"d\", \"prompt\": \"d\", \"out\": \".\"}"), BASE);

    BatchPlan plan = new BatchPlanner(backend).plan("b", lines, BASE.resolve("out"));

    assertThat(plan.jobs()).extracting(PlannedJob::key).containsExactly("c");
    assertThat(plan.jobs().get(0).out()).isEqualTo(BASE.resolve("out/c.mp4"));
    assertThat(plan.invalid()).extracting(BatchLine::number).containsExactly(1, 2, 4);
    assertThat(plan.invalid()).allSatisfy(line -> assertThat(line.errors().get(0).code()).isEqualTo("line.out_outside"));
    assertThat(plan.invalid().get(0).errors().get(0).message()).startsWith("line 1: out ../../x.mp4 is not a file inside");
  }
}
