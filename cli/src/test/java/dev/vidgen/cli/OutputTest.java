package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.json.JsonTrees;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class OutputTest {

  @Test
  void alignsColumnsWithoutPaddingTheLast() {
    List<String> lines = Output.align(List.of(
        List.of("MODEL", "SECONDS", "PRICE"),
        List.of("grok-video-1.5-preview", "10, 15", "$0.10/10 s")), "  ");

    assertThat(lines).containsExactly(
        "MODEL                   SECONDS  PRICE",
        "grok-video-1.5-preview  10, 15   $0.10/10 s");
  }

  @Test
  void alignsByTerminalColumnsSoWideLettersAndEmojiLineUp() {
    List<String> lines = Output.align(List.of(
        List.of("ID", "STATUS"),
        List.of("家族-01", "completed"),
        List.of("e\u0301te\u0301", "failed"),
        List.of("\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67", "queued"),
        List.of("\uD83D\uDC4B\uD83C\uDFFD!", "queued"),
        List.of("ｖｉｄ", "queued")), "  ");

    // Each second column starts at the same terminal column: 7 (the widest id, 家族-01) plus the gap.
    assertThat(lines).containsExactly(
        "ID       STATUS",
        "家族-01  completed",
        "e\u0301te\u0301      failed",
        "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67       queued",
        "\uD83D\uDC4B\uD83C\uDFFD!      queued",
        "ｖｉｄ   queued");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aProviderWithoutACapabilityIsUnsupportedNotAnUnexpectedError() throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Output output = new Output(new PrintWriter(out), new PrintWriter(err), true);

    int exit = Failures.report(new CompletionException(
        new UnsupportedOperationException("acme cannot upload videos")), null, output);

    assertThat(exit).isEqualTo(ExitCodes.OTHER);
    assertThat(err.toString()).contains("vidgen: acme cannot upload videos — choose a provider that offers it")
        .doesNotContain("unexpected");
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>)
        JsonTrees.parse(out.toString())).get("error");
    assertThat(error).containsEntry("kind", "unsupported");

    StringWriter bugOut = new StringWriter();
    Failures.report(new UnsupportedOperationException(), null,
        new Output(new PrintWriter(bugOut), new PrintWriter(new StringWriter()), true));
    assertThat(((Map<String, Object>) ((Map<String, Object>) JsonTrees.parse(bugOut.toString())).get("error")))
        .as("a JDK refusal without words is a fault of vidgen's, not a missing capability")
        .containsEntry("kind", "internal");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aRunOutOfMemoryOnAnotherThreadIsSaidAsSuchWithTheWayOnNotAsAnUnexpectedError() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();

    int exit = Failures.report(new CompletionException(new OutOfMemoryError("Java heap space")), null,
        new Output(new PrintWriter(out), new PrintWriter(err), true));

    assertThat(exit).isEqualTo(ExitCodes.OTHER);
    assertThat(err.toString()).contains("vidgen: the command ran out of memory (Java's heap, at most ")
        .contains("VIDGEN_JAVA_OPTS=-Xmx2g").doesNotContain("unexpected");
    Map<String, Object> error = (Map<String, Object>) ((Map<String, Object>)
        JsonTrees.parse(out.toString())).get("error");
    assertThat(error).containsEntry("kind", "out_of_memory");
    assertThat((String) error.get("next")).contains("split a large jobs file");
  }

  @Test
  void aRateLimitThatOutlastedTheRetriesAsksForAMinuteAtLeast() {
    StringWriter shortErr = new StringWriter();
    StringWriter longErr = new StringWriter();
    ProviderErrorDetails details = ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow down");

    Failures.report(new RateLimitedException(details.withRetryAfter(java.time.Duration.ofSeconds(1)), null), null,
        new Output(new PrintWriter(new StringWriter()), new PrintWriter(shortErr), false));
    Failures.report(new RateLimitedException(details.withRetryAfter(java.time.Duration.ofMinutes(5)), null), null,
        new Output(new PrintWriter(new StringWriter()), new PrintWriter(longErr), false));

    assertThat(shortErr.toString()).contains("wait a minute and run again").doesNotContain("wait 1 s");
    assertThat(longErr.toString()).contains("wait 5 min and run again");
  }

  @Test
  void printsOnlyOneJsonObjectAndNoLinesInJsonMode() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Output output = new Output(new PrintWriter(out), new PrintWriter(err), true);

    output.line("for people");
    output.fields(Map.of("task", "t_1"));
    output.object(Map.of("task_id", "t_1"));
    output.object(Map.of("task_id", "t_2"));
    output.note("a note");

    assertThat(out.toString()).isEqualTo("{\"task_id\":\"t_1\"}" + System.lineSeparator());
    assertThat(err.toString()).contains("vidgen: a note");
  }

  @Test
  void printsNoJsonForPeople() {
    StringWriter out = new StringWriter();
    Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), false);

    output.object(Map.of("task_id", "t_1"));
    output.fields(Map.of("task", "t_1"));

    assertThat(out.toString()).isEqualTo("task  t_1" + System.lineSeparator());
  }
}
