package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command offered for words given without an option runs when pasted back. */
class StrayWordsAdviceTest {
  private static final Pattern ADVICE = Pattern.compile("write it like vidgen (generate .*?)(?:; there is| \\(vidgen)");

  @TempDir Path dir;

  @Test
  void anImageNameThatIsNotHereIsOfferedAsTheImageAndTheAdviceParses() {
    CliRun.Result stray = CliRun.in(dir).run("generate", "cat.png", "the cat walks");

    assertThat(stray.exitCode()).as(stray.all()).isEqualTo(2);
    assertThat(stray.err()).as(stray.all())
        .contains("write it like vidgen generate --image cat.png --prompt 'the cat walks'; there is no file cat.png in "
            + dir + ", so give the image's path");
    List<String> advice = advised(stray.err());

    CliRun.Result pastedTooSoon = CliRun.in(dir).run(withMockDryRun(advice));
    assertThat(pastedTooSoon.err()).as(pastedTooSoon.all()).doesNotContain("should be specified only once")
        .doesNotContain("given without one").contains("cat.png");
    Images.png(640, 360).writeTo(dir.resolve("cat.png"));
    CliRun.Result pasted = CliRun.in(dir).run(withMockDryRun(advice));
    assertThat(pasted.exitCode()).as(pasted.all()).isZero();
  }

  @Test
  void manyWordsWithoutAnOptionAreOfferedAsOnePrompt() {
    Images.png(640, 360).writeTo(dir.resolve("cat.png"));
    CliRun.Result stray = CliRun.in(dir).run("generate", "cat.png", "the", "cat", "walks");

    assertThat(stray.err()).as(stray.all())
        .contains("write it like vidgen generate --image cat.png --prompt 'the cat walks' (vidgen generate --help");
    CliRun.Result pasted = CliRun.in(dir).run(withMockDryRun(advised(stray.err())));
    assertThat(pasted.exitCode()).as(pasted.all()).isZero();
  }

  /** The advised command's words after {@code vidgen}, read as a POSIX shell reads single quotes. */
  private static List<String> advised(String err) {
    Matcher matcher = ADVICE.matcher(err);
    assertThat(matcher.find()).as(err).isTrue();
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : matcher.group(1).toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
        any = true;
      } else if (c == ' ' && !quoted) {
        if (any) {
          words.add(word.toString());
        }
        word.setLength(0);
        any = false;
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      words.add(word.toString());
    }
    return words;
  }

  private static String[] withMockDryRun(List<String> advice) {
    List<String> args = new ArrayList<>(advice);
    args.addAll(List.of("--provider", "mock", "--dry-run"));
    return args.toArray(String[]::new);
  }
}
