package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --prompt-file}, {@code --prompt -} and {@code vidgen completion}, run as a person would. */
class PromptAndCompletionTest {
  @TempDir Path dir;

  @BeforeEach
  void image() {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
  }

  @Test
  void readsThePromptFromAFileAndFromStandardInput() throws IOException {
    String prompt = "Slow push-in on the bottle,\nsoft studio light — «lumière»";
    Files.writeString(dir.resolve("prompt.txt"), prompt + "\n", StandardCharsets.UTF_8);

    CliRun.Result fromFile = CliRun.in(dir).run("generate", "--dry-run", "--json", "--provider", "mock",
        "--image", "product.png", "--prompt-file", "prompt.txt");
    CliRun.Result fromStdin = CliRun.in(dir).stdin(prompt + "\n").run("generate", "--dry-run", "--json",
        "--provider", "mock", "--image", "product.png", "--prompt", "-");

    for (CliRun.Result result : List.of(fromFile, fromStdin)) {
      assertThat(result.exitCode()).as(result.all()).isZero();
      assertThat(bodyOf(result)).contains("Slow push-in on the bottle,\\nsoft studio light — «lumière»\"");
    }
  }

  @Test
  void aPromptFileSavedOnWindowsIsReadWithoutItsByteOrderMarkAndCarriageReturns() throws IOException {
    Files.write(dir.resolve("windows.txt"),
        "\uFEFFSlow push-in\r\non the bottle\r\n".getBytes(StandardCharsets.UTF_8));

    CliRun.Result result = CliRun.in(dir).run("generate", "--dry-run", "--json", "--provider", "mock",
        "--image", "product.png", "--prompt-file", "windows.txt");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.out()).contains("Slow push-in\\non the bottle").doesNotContain("\\r", "\\uFEFF", "\uFEFF");
  }

  @Test
  void aPromptFileWithoutASizeIsReadNoFurtherThanTheLimit() {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isReadable(java.nio.file.Path.of("/dev/zero")), "a Unix device");

    CliRun.Result endless = CliRun.in(dir).run("validate", "--provider", "mock", "--image", "product.png",
        "--prompt-file", "/dev/zero");

    assertThat(endless.exitCode()).as(endless.all()).isEqualTo(2);
    assertThat(endless.err()).contains("--prompt-file /dev/zero is larger than 1 MiB");
  }

  @Test
  void refusesTwoPromptsAMissingFileAndTextThatIsNotUtf8() throws IOException {
    Files.write(dir.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9});

    CliRun.Result both = CliRun.in(dir).run("validate", "--provider", "mock", "--image", "product.png",
        "--prompt", "x", "--prompt-file", "prompt.txt");
    CliRun.Result missing = CliRun.in(dir).run("validate", "--provider", "mock", "--image", "product.png",
        "--prompt-file", "nope.txt");
    CliRun.Result latin1 = CliRun.in(dir).run("validate", "--provider", "mock", "--image", "product.png",
        "--prompt-file", "latin1.txt");

    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--prompt and --prompt-file are both given");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--prompt-file nope.txt does not exist");
    assertThat(latin1.exitCode()).isEqualTo(2);
    assertThat(latin1.err()).contains("is not UTF-8 text");
  }

  @Test
  void aPromptWhoseCharactersTheLocaleCouldNotReadIsRefusedNotSentAsReplacementCharacters() {
    // What the JVM makes of "café" on a command line read in a locale that is not UTF-8 (cron, env -i).
    CliRun.Result unreadable = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png",
        "--prompt", "caf\uFFFD\uFFFD by the sea");
    CliRun.Result param = CliRun.in(dir).run("generate", "--provider", "mock", "--image", "product.png",
        "--prompt", "by the sea", "--param", "negative_prompt=caf\uFFFD\uFFFD", "--json");
    CliRun.Result image = CliRun.in(dir).run("generate", "--provider", "mock", "--image",
        "https://img.example/caf\uFFFD.png", "--prompt", "by the sea");

    assertThat(unreadable.exitCode()).as(unreadable.all()).isEqualTo(2);
    assertThat(unreadable.err()).contains("(the value of --prompt) holds characters that could not be read",
        "not UTF-8", "nothing was sent", "--prompt-file");
    // The cause told is the one that holds in this JVM: a locale that is not UTF-8, or bytes that are not.
    boolean utf8Locale = System.getProperty("sun.jnu.encoding", "").replace("-", "").equalsIgnoreCase("UTF8");
    assertThat(unreadable.err()).contains(utf8Locale ? "its bytes are not UTF-8" : "LC_ALL=C.UTF-8");
    assertThat(param.exitCode()).as(param.all()).isEqualTo(2);
    assertThat(param.json().toString()).contains("the value of --param", "usage");
    assertThat(image.exitCode()).as(image.all()).isEqualTo(2);
    assertThat(image.err()).contains("the value of --image");
  }

  @Test
  void printsACompletionScriptThatKnowsCommandsOptionsAndModels() {
    CliRun.Result bash = CliRun.in(dir).run("completion", "bash");
    CliRun.Result zsh = CliRun.in(dir).run("completion", "zsh");
    CliRun.Result fish = CliRun.in(dir).run("completion", "fish");

    assertThat(bash.exitCode()).as(bash.all()).isZero();
    assertThat(bash.out()).contains("complete -F", "generate", "batch", "--prompt-file", "--max-credits",
        "grok-video-1.5-preview", "seedance-2");
    assertThat(zsh.exitCode()).isZero();
    assertThat(zsh.out()).startsWith("autoload -U +X compinit").contains("bashcompinit", "generate");
    assertThat(fish.exitCode()).isEqualTo(2);
    assertThat(fish.err()).contains("use bash or zsh");
  }

  @Test
  void theScriptCompletesCompletionsOwnArgumentWithTheShellsItSupports() throws Exception {
    Files.writeString(dir.resolve("vidgen.bash"), CliRun.in(dir).run("completion", "bash").out());
    // What bash does on "vidgen completion <TAB>" and "vidgen completion z<TAB>", run through the script itself.
    String tab = "source ./vidgen.bash\n"
        + "COMP_WORDS=(vidgen completion \"$1\"); COMP_CWORD=2; COMP_LINE=\"vidgen completion $1\"; COMP_POINT=${#COMP_LINE}\n"
        + "_complete_vidgen vidgen \"$1\" completion 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Files.writeString(dir.resolve("tab.sh"), tab);

    assertThat(offered("")).containsExactlyInAnyOrder("bash", "zsh");
    assertThat(offered("z")).containsExactly("zsh");
  }

  @Test
  void theScriptCompletesAModelByItsAliasesToo() throws Exception {
    Files.writeString(dir.resolve("vidgen.bash"), CliRun.in(dir).run("completion", "bash").out());
    // What bash does on "vidgen generate --model gemini<TAB>": the catalog's alias is a name a job may give.
    String tab = "source ./vidgen.bash\n"
        + "COMP_WORDS=(vidgen generate --model \"$1\"); COMP_CWORD=3; COMP_LINE=\"vidgen generate --model $1\";"
        + " COMP_POINT=${#COMP_LINE}\n"
        + "_complete_vidgen vidgen \"$1\" --model 2>/dev/null\n"
        + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
    Files.writeString(dir.resolve("tab.sh"), tab);

    assertThat(offered("gemini")).contains("gemini-omni-flash", "gemini_omni_flash");
    assertThat(offered("gemini_omni_f")).containsExactly("gemini_omni_flash");
  }

  /** What the completion script offers after "vidgen completion {@code typed}". */
  private List<String> offered(String typed) throws Exception {
    Process bash = new ProcessBuilder("bash", "--norc", "--noprofile", "tab.sh", typed).directory(dir.toFile())
        .redirectErrorStream(true).start();
    String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).as(out).isTrue();
    return out.lines().filter(line -> !line.isBlank()).toList();
  }

  @Test
  void withJsonTheScriptComesAsTheOneJsonObjectEveryCommandGives() {
    CliRun.Result bash = CliRun.in(dir).run("completion", "bash", "--json");

    assertThat(bash.exitCode()).as(bash.all()).isZero();
    assertThat(bash.json()).containsEntry("shell", "bash");
    assertThat((String) bash.json().get("script")).contains("complete -F", "generate");
  }

  @SuppressWarnings("unchecked")
  private static String bodyOf(CliRun.Result result) {
    Map<String, Object> request = (Map<String, Object>) result.json().get("request");
    return dev.vidgen.core.json.JsonTrees.write(Map.of("body", request.get("body")));
  }
}
