package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two images mean first and last frame on veo3.1-fast but references on Veo3.1-fast-official: generate names the mode
 * on its "sending:" line, always, and warns where another route of the family reads the same images otherwise, in
 * words and in {@code --json}; the job is still sent (once).
 */
class ModeChosenByCountCommandTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  @Test
  void twoImagesOnTheOfficialVeoRouteAreSentAsReferencesNamingTheModeAndHowToSendFrames() {
    CliRun.Result sent = cli.vidgen().run("generate", "--model", "Veo3.1-fast-official", "--prompt", "cat turns to dog",
        "--image", "https://img.example/a.png", "--image", "https://img.example/b.png", "--no-wait",
        "--base-url", fake.baseUrl());

    assertThat(sent.exitCode()).as(sent.all()).isZero();
    assertThat(sent.err()).contains("vidgen: sending: Veo3.1-fast-official (reference-to-video), ")
        .contains("warning: mode: 2 images on Veo3.1-fast-official are sent as reference-to-video (references), not"
            + " as image-to-video (the first and last frame) as veo3.1-fast, veo3.1-lite and veo3.1-quality read them")
        .contains("give 1 image (the first frame), and the last frame in params metadata.lastFrame"
            + " (--param metadata.lastFrame=URL)");
    assertThat(fake.creates()).singleElement().satisfies(create -> assertThat(create.body())
        .contains("referenceImages"));
  }

  @Test
  void theJsonOfTheSameJobHoldsTheWarningByItsCode() {
    CliRun.Result sent = cli.vidgen().run("generate", "--model", "Veo3.1-fast-official", "--prompt", "cat turns to dog",
        "--image", "https://img.example/a.png", "--image", "https://img.example/b.png", "--no-wait", "--json",
        "--base-url", fake.baseUrl());

    assertThat(sent.exitCode()).as(sent.all()).isZero();
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> warnings = (List<Map<String, Object>>) sent.json().get("warnings");
    assertThat(warnings).as(sent.all()).anySatisfy(warning -> assertThat(warning)
        .containsEntry("code", "mode.chosen_by_count"));
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void theSendingLineNamesTheModeOfEveryJobWarnedOrNot() {
    CliRun.Result frames = cli.vidgen().run("generate", "--model", "veo3.1-fast", "--prompt", "cat turns to dog",
        "--image", "https://img.example/a.png", "--image", "https://img.example/b.png", "--no-wait",
        "--base-url", fake.baseUrl());
    CliRun.Result one = cli.vidgen().run("generate", "--model", "veo3.1-fast", "--prompt", "a lighthouse",
        "--image", "product.png", "--no-wait", "--base-url", fake.baseUrl());

    assertThat(frames.exitCode()).as(frames.all()).isZero();
    assertThat(frames.err()).contains("vidgen: sending: veo3.1-fast (image-to-video), ")
        .contains("warning: mode: 2 images on veo3.1-fast are sent as image-to-video (the first and last frame)");
    assertThat(one.exitCode()).as(one.all()).isZero();
    assertThat(one.err()).contains("vidgen: sending: veo3.1-fast (image-to-video), ")
        .doesNotContain("mode.chosen_by_count", "warning: mode:");
    assertThat(fake.creates()).hasSize(2);
  }
}
