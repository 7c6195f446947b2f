package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A line's {@code out} written the Windows way, or starting with {@code ~}, is refused naming the line. */
class ForeignLineOutTest {
  private static final Path BASE = Path.of("/work/jobs");

  @Test
  void refusesWindowsStyleAndTildeOutsShowingThePathAsMeant() {
    ScriptedBackend backend = new ScriptedBackend(new InMemoryJobStore(), "b");
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"id\": \"a\", \"prompt\": \"a\", \"out\": \"C:\\\\Videos\\\\c.mp4\"}",
        "{\"id\": \"b\", \"prompt\": \"b\", \"out\": \"clips\\\\\"}",
        "{\"id\": \"c\", \"prompt\": \"c\", \"out\": \"~/v/c.mp4\"}",
        "{\"id\": \"d\", \"prompt\": \"d\", \"out\": \"./~/v/d.mp4\"}"), BASE);

    BatchPlan plan = new BatchPlanner(backend).plan("b", lines, BASE.resolve("out"));

    assertThat(plan.jobs()).extracting(PlannedJob::key).containsExactly("d");
    assertThat(plan.jobs().get(0).out()).isEqualTo(BASE.resolve("out/~/v/d.mp4"));
    assertThat(plan.invalid()).extracting(line -> line.errors().get(0).code())
        .containsExactly("line.out_windows_path", "line.out_windows_path", "line.out_home");
    assertThat(plan.invalid().get(0).errors().get(0).message()).startsWith("line 1: out C:\\Videos\\c.mp4 is written"
        + " the Windows way (a drive letter C: and \\ between folders)").endsWith("such as Videos/c.mp4");
    assertThat(plan.invalid().get(1).errors().get(0).message()).endsWith("such as clips/b.mp4");
    assertThat(plan.invalid().get(2).errors().get(0).message()).startsWith("line 3: out ~/v/c.mp4 starts with ~")
        .contains("a folder named ~ in " + BASE.resolve("out"), "./~/v/c.mp4 if you mean a folder named ~");
  }

  @Test
  void aTildeFileNameIsCalledAFileAndADriveWrittenWithSlashesKeepsItsFolderWhenMeant() {
    ScriptedBackend backend = new ScriptedBackend(new InMemoryJobStore(), "b");
    List<BatchLine> lines = BatchFile.parse(List.of(
        "{\"id\": \"a\", \"prompt\": \"a\", \"out\": \"~x.mp4\"}",
        "{\"id\": \"b\", \"prompt\": \"b\", \"out\": \"d:/x.mp4\"}",
        "{\"id\": \"c\", \"prompt\": \"c\", \"out\": \"./d:/x.mp4\"}"), BASE);

    BatchPlan plan = new BatchPlanner(backend).plan("b", lines, BASE.resolve("out"));

    assertThat(plan.jobs()).extracting(PlannedJob::out).containsExactly(BASE.resolve("out/d:/x.mp4"));
    assertThat(plan.invalid().get(0).errors().get(0).message()).contains("it would make a file named ~x.mp4",
        "./~x.mp4 if you mean a file named ~x.mp4").doesNotContain("folder named ~x.mp4");
    assertThat(plan.invalid().get(1).errors().get(0).message()).contains("(a drive letter d:)",
        "no drive letters (d: would be a folder named d: in the output folder)", "without d:, such as"
        + " x.mp4, or ./d:/x.mp4 if you mean a folder named d:").doesNotContain("\\");
  }
}
