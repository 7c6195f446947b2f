package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderSelectionException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProviderChoiceTest {
  @TempDir Path dir;

  private static CliContext contextWith(Map<String, String> env) {
    PrintWriter sink = new PrintWriter(new StringWriter());
    return new CliContext(env, sink, sink, () -> false, Path.of("."));
  }

  @Test
  void theFlagWinsOverEverything() {
    CliContext context = contextWith(Map.of("VIDGEN_PROVIDER", "mock", "TOAPIS_API_KEY", "sk-x"));

    ProviderChoice choice = ProviderChoice.choose("ToApis", context, "mock", "the job handle");

    assertThat(choice.id()).isEqualTo("toapis");
    assertThat(choice.source()).isEqualTo("--provider");
  }

  @Test
  void theEnvironmentVariableComesNext() {
    CliContext context = contextWith(Map.of("VIDGEN_PROVIDER", "mock", "TOAPIS_API_KEY", "sk-x"));

    assertThat(ProviderChoice.choose(null, context, "toapis", "the job handle").id()).isEqualTo("mock");
  }

  @Test
  void aJobHandleNamesItsProviderWhenNothingElseDoes() {
    CliContext context = contextWith(Map.of("TOAPIS_API_KEY", "sk-x"));

    assertThat(ProviderChoice.choose(null, context, "mock", "the job handle").id()).isEqualTo("mock");
  }

  @Test
  void aKeyMeansToApis() {
    ProviderChoice choice = ProviderChoice.choose(null, contextWith(Map.of("TOAPIS_API_KEY", "sk-x")), null, "the job handle");

    assertThat(choice.id()).isEqualTo("toapis");
    assertThat(choice.fellBackToMock()).isFalse();
  }

  @Test
  void nothingAtAllMeansTheMock() {
    ProviderChoice choice = ProviderChoice.choose(" ", contextWith(Map.of()), null, "the job handle");

    assertThat(choice.id()).isEqualTo("mock");
    assertThat(choice.fellBackToMock()).isTrue();
  }

  @Test
  void aBaseUrlWithoutAKeyIsRefusedWithExit3InsteadOfFallingBackToTheMock() {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("cat.png"));
    String[] generate = {"generate", "--image", "cat.png", "--prompt", "x", "--out", "nokey.mp4"};
    String server = "http://127.0.0.1:22550";

    CliRun.Result byFlag = CliRun.in(dir).run(withArgs(generate, "--base-url", server));
    CliRun.Result byVariable = CliRun.in(dir).env("TOAPIS_BASE_URL", server).run(generate);
    CliRun.Result balance = CliRun.in(dir).run("balance", "--base-url", server);

    assertThat(byFlag.exitCode()).as(byFlag.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(byFlag.err()).contains("--base-url names a server, but no TOAPIS_API_KEY is set, so nothing was sent",
        "set TOAPIS_API_KEY", "--provider mock to try the offline mock").doesNotContain("mock provider is used");
    assertThat(byVariable.exitCode()).as(byVariable.all()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(byVariable.err()).contains("TOAPIS_BASE_URL names a server, but no TOAPIS_API_KEY is set",
        "unset TOAPIS_BASE_URL");
    assertThat(balance.exitCode()).as("a read answered by the mock would be as false " + balance.all())
        .isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(dir.resolve("nokey.mp4")).as("no placeholder video").doesNotExist();
    assertThat(byFlag.out() + byVariable.out()).doesNotContain("price", "task");
  }

  @Test
  void theMockChosenByNameOrByNoKeyWithoutABaseUrlStillRuns() {
    dev.vidgen.testkit.fixtures.Images.png(640, 360).writeTo(dir.resolve("cat.png"));
    String[] generate = {"generate", "--image", "cat.png", "--prompt", "x", "--set", "mock.duration=300ms",
        "--poll-interval", "50ms"};

    CliRun.Result named = CliRun.in(dir).run(withArgs(generate, "--provider", "mock", "--base-url",
        "http://127.0.0.1:22550", "--out", "named.mp4"));
    CliRun.Result byVariable = CliRun.in(dir).env("VIDGEN_PROVIDER", "mock").env("TOAPIS_BASE_URL",
        "http://127.0.0.1:22550").run(withArgs(generate, "--out", "variable.mp4"));
    CliRun.Result noKey = CliRun.in(dir).run(withArgs(generate, "--out", "readme.mp4"));

    assertThat(named.exitCode()).as(named.all()).isZero();
    assertThat(byVariable.exitCode()).as(byVariable.all()).isZero();
    assertThat(noKey.exitCode()).as("the README's first command " + noKey.all()).isZero();
    assertThat(noKey.err()).contains("no TOAPIS_API_KEY is set, so the offline mock provider is used");
    assertThat(dir.resolve("readme.mp4")).exists();
  }

  private static String[] withArgs(String[] args, String... more) {
    String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
    System.arraycopy(more, 0, all, args.length, more.length);
    return all;
  }

  @Test
  void anEmptyKeyIsAMistakeNotAReasonToUseTheMock() {
    assertThatThrownBy(() -> ProviderChoice.choose(null, contextWith(Map.of("TOAPIS_API_KEY", "  ")), null, "the job handle"))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("TOAPIS_API_KEY is set but empty");
  }

  @Test
  void anUnknownProviderIsRefusedByCoreNamingTheIdsFoundAndTheNearest() {
    CliContext context = contextWith(Map.of());

    assertThatThrownBy(() -> ProviderChoice.choose("toapi", context, null, "the job handle"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("'toapi' (--provider)")
        .hasMessageContaining("mock, toapis")
        .hasMessageContaining("did you mean toapis?");
    assertThatThrownBy(() -> ProviderChoice.choose(null, contextWith(Map.of("VIDGEN_PROVIDER", "mok")), null, "the job handle"))
        .isInstanceOf(ProviderSelectionException.class)
        .hasMessageContaining("VIDGEN_PROVIDER")
        .hasMessageContaining("did you mean mock?");
  }

  @Test
  void theBaseUrlComesFromTheFlagThenTheEnvironmentThenTheDefault() {
    CliContext withVariable = contextWith(Map.of("TOAPIS_BASE_URL", "https://toapis.cn"));

    assertThat(ProviderChoice.baseUrl("http://127.0.0.1:9", withVariable)).isEqualTo("http://127.0.0.1:9");
    assertThat(ProviderChoice.baseUrl(null, withVariable)).isEqualTo("https://toapis.cn");
    assertThat(ProviderChoice.baseUrl(null, contextWith(Map.of()))).isEqualTo("https://toapis.com");
  }

  @Test
  void aBaseUrlVariableSetButEmptyIsAMistakeNotAReasonToUseTheRealService() {
    CliContext empty = contextWith(Map.of("TOAPIS_BASE_URL", ""));

    assertThatThrownBy(() -> ProviderChoice.baseUrl(null, empty))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("TOAPIS_BASE_URL is set but empty; unset it to use https://toapis.com, or give the URL");
    assertThatThrownBy(() -> ProviderChoice.baseUrl(" ", contextWith(Map.of("TOAPIS_BASE_URL", "  "))))
        .isInstanceOf(CliException.class);
    assertThat(ProviderChoice.baseUrl("http://127.0.0.1:9", empty)).as("the flag still wins").isEqualTo("http://127.0.0.1:9");
  }

  /** {@code action} run with a services file on the class path naming a factory class that is not there. */
  private <T> T withBrokenFactory(Supplier<T> action) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try {
      Path services = Files.createDirectories(dir.resolve("broken/META-INF/services"));
      Files.writeString(services.resolve("dev.vidgen.core.port.VideoProviderFactory"), "com.example.zephyr.Missing\n");
      try (URLClassLoader broken = new URLClassLoader(new URL[] {dir.resolve("broken").toUri().toURL()}, before)) {
        thread.setContextClassLoader(broken);
        return action.get();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void aFactoryThatFailedToLoadIsNeverPassedOverForTheMockOrToApisWhenNothingNamesAProvider() {
    assertThatThrownBy(() -> withBrokenFactory(() -> ProviderChoice.choose(null, contextWith(Map.of()), null, "h")))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.exitCode()).isEqualTo(2))
        .hasMessageContaining("a provider factory on the class path failed to load, so vidgen does not fall back to"
            + " mock")
        .hasMessageContaining("com.example.zephyr.Missing");
    String key = "sk-abcdefghijklmnopqrstuvwxyz0123";
    assertThatThrownBy(() -> withBrokenFactory(
        () -> ProviderChoice.choose(null, contextWith(Map.of("TOAPIS_API_KEY", key)), null, "h")))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("does not fall back to toapis")
        .hasMessageNotContaining(key);
    // Named, the provider is found beside the broken factory, as core's selection finds it.
    assertThat(withBrokenFactory(() -> ProviderChoice.choose("mock", contextWith(Map.of()), null, "h")).id())
        .isEqualTo("mock");
    assertThat(withBrokenFactory(() -> ProviderChoice.choose(null, contextWith(Map.of()), "acme", "h")).id())
        .as("a job handle names its provider").isEqualTo("acme");
  }

  @Test
  void theHelpsProviderListNamesAFactoryThatFailedToLoadAfterTheIdsButCompletionOffersOnlyIds() {
    CliRun.Result help = withBrokenFactory(() -> CliRun.in(dir).run("generate", "--help"));
    CliRun.Result completion = withBrokenFactory(() -> CliRun.in(dir).run("completion", "bash"));
    CliRun.Result plain = CliRun.in(dir).run("generate", "--help");

    assertThat(help.exitCode()).as(help.all()).isZero();
    assertThat(help.out().replaceAll("\\s+", "")).as("the help wraps long names at their dots").contains(
        "Theprovider,oneontheclasspath:acme,mock,toapis;failedtoload:Providercom.example.zephyr.Missingnotfound"
            + "(default:VIDGEN_PROVIDER");
    assertThat(completion.out()).contains("(\"acme\" \"mock\" \"toapis\") # --provider values")
        .doesNotContain("failed to load")
        .doesNotContain("zephyr");
    assertThat(plain.out().replaceAll("\\s+", " "))
        .contains("one on the class path: acme, mock, toapis (default: VIDGEN_PROVIDER").doesNotContain("failed to");
  }

  @Test
  void theCommandLineRefusesWithExit2AndNamesTheFactoryAndHowToChoose() {
    CliRun.Result result = withBrokenFactory(() -> CliRun.in(dir)
        .run("generate", "--model", "seedance-2", "--prompt", "x", "--dry-run"));
    CliRun.Result named = withBrokenFactory(() -> CliRun.in(dir)
        .run("generate", "--provider", "mock", "--model", "seedance-2", "--prompt", "x", "--dry-run"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
    assertThat(result.err()).contains("com.example.zephyr.Missing", "--provider mock")
        .doesNotContain("the offline mock provider is used");
    assertThat(named.exitCode()).as(named.all()).isZero();
  }

  @Test
  void anUnknownProviderWithVidgenClasspathSetButNotReadSaysTheVariableWasIgnored() {
    String jar = dir.resolve("zeta-vidgen-1.0.jar").toString();

    CliRun.Result ignored = CliRun.in(dir).env("VIDGEN_CLASSPATH", jar).run("models", "--provider", "zeta");
    CliRun.Result unset = CliRun.in(dir).run("models", "--provider", "zeta");

    assertThat(ignored.exitCode()).as(ignored.all()).isEqualTo(2);
    assertThat(ignored.err()).contains("no video provider with id 'zeta' (--provider)",
        "VIDGEN_CLASSPATH is set, but none of its jars is on this java's class path: only bin/vidgen reads it"
            + " (java -jar ignores any class path)", "java -cp vidgen-cli-<version>-all.jar:$VIDGEN_CLASSPATH"
            + " dev.vidgen.cli.Main");
    assertThat(ignored.err().split("docs/errors.md#provider-selection", -1)).as("the pointer is given once").hasSize(2);
    assertThat(unset.exitCode()).isEqualTo(2);
    assertThat(unset.err()).contains("no video provider with id 'zeta'").doesNotContain("VIDGEN_CLASSPATH is set");
  }

  @Test
  void vidgenClasspathOnTheClassPathAsBinVidgenPutsItThereGetsNoNote() {
    Optional<String> variable = Optional.of("lib/acme.jar:/opt/extra.jar");

    assertThat(ClassPathVariable.ignoredNote(variable, "/opt/vidgen-cli-all.jar:lib/acme.jar:/opt/extra.jar")).isEmpty();
    assertThat(ClassPathVariable.ignoredNote(variable, "/opt/vidgen-cli-all.jar")).isPresent();
    assertThat(ClassPathVariable.ignoredNote(Optional.of(" "), "/opt/vidgen-cli-all.jar")).isEmpty();
    assertThat(ClassPathVariable.ignoredNote(Optional.empty(), "/opt/vidgen-cli-all.jar")).isEmpty();
  }
}
