package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check's words on the fake ToAPIs server point at what the page shows: a one-mode model's missing image at the
 * image field, not at a Mode field the page hides; and the check and Generate give one piece of advice for a model
 * the key may not use, worded for a browser.
 */
class CheckSaysWhatThePageShowsTest {
  private static final String PREVIEW = "grok-video-1.5-preview";

  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);

  @Test
  @SuppressWarnings("unchecked")
  void aOneModeJobWithoutItsImageShowsThePriceOnceTheImageIsAddedAndThatModelsOnlyMode() {
    on.startOnFake(PREVIEW);

    Map<String, Object> checked = json(on.post("/api/check", withoutImage(PREVIEW, 10)));

    assertThat(checked).containsEntry("valid", false).as("the model's only mode, not one it lacks")
        .containsEntry("mode", "image-to-video");
    assertThat((List<Map<String, Object>>) checked.get("violations")).extracting(v -> v.get("message"))
        .contains("add 1 image: " + PREVIEW + " makes video from exactly 1 image");
    assertThat((Map<String, Object>) checked.get("quote")).as("the product page's price, once the image is there")
        .containsEntry("known", true).containsEntry("credits", 20L)
        .containsEntry("basis", "per request, 10 s, once you add the image");
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aOneModeJobTheModelCannotPriceNamesThePagesImageFieldNotAModeField() {
    on.startOnFake(PREVIEW);

    // 4:3 is not offered by grok-video-1.5-preview: no price, whatever the image.
    Map<String, Object> checked = json(on.post("/api/check", withoutImage(PREVIEW, 10).replace("16:9", "4:3")));

    assertThat(checked).containsEntry("mode", "image-to-video");
    assertThat((Map<String, Object>) checked.get("quote")).containsEntry("known", false)
        .hasEntrySatisfying("basis", basis -> assertThat((String) basis).isEqualTo("no price is known: " + PREVIEW
            + " does not offer this job as given (see the problems marked on the Reference image and Aspect"
            + " ratio fields); fix them to see its price"));
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aModelRefusedForTheKeyGetsTheSameAdviceFromCheckAndGenerateNamingNoModelThatCannotTakeTheJob()
      throws IOException {
    fake.videoModels(Set.of("grok-video-1.5", PREVIEW, "seedance-2"));
    fake.inject(Endpoint.CREATE, Fault.answer(400, "application/json", "{\"error\": {\"code\": \"model_not_found\","
        + " \"message\": \"model grok-video-1.5 not found or not available for this key\"}}"), 1);
    on.startOnFake(PREVIEW);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // 8 s: grok-video-1.5 offers it, grok-video-1.5-preview (10 or 15 s) does not.
    String job = "{\"model\":\"grok-video-1.5\",\"prompt\":\"A red sneaker on marble.\",\"seconds\":8,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"upload\":\"" + upload + "\"}]}";
    Answer refused = on.answer("/api/generate", job);
    assertThat(refused.status()).as(refused.body()).isEqualTo(422);
    fake.videoModels(Set.of(PREVIEW, "seedance-2"));

    Map<String, Object> checked = json(on.post("/api/check", job));
    Answer generated = on.answer("/api/generate", job);

    String checkSays = ((List<Map<String, Object>>) checked.get("violations")).stream()
        .filter(v -> "model".equals(v.get("field")) && "error".equals(v.get("severity")))
        .map(v -> (String) v.get("message")).findFirst().orElseThrow();
    String generateSays = (String) ((Map<String, Object>) json(generated.body()).get("error")).get("message");
    String advice = "no model listed near its name can take this job (" + PREVIEW + " cannot; choose another model"
        + " in the Model list)";
    assertThat(checkSays).as("the check").contains(advice).doesNotContain("the closest listed")
        .doesNotContain("vidgen models");
    assertThat(generated.status()).as(generated.body()).isEqualTo(422);
    assertThat(generateSays).as("Generate, on the same form").contains(advice).doesNotContain("vidgen models");
    assertThat(fake.creates()).as("only the create the provider refused").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aModelRefusedForTheKeyIsAdvisedTheClosestListedModelThatCanTakeTheJob() throws IOException {
    fake.videoModels(Set.of("grok-video-1.5", PREVIEW, "seedance-2"));
    fake.inject(Endpoint.CREATE, Fault.answer(400, "application/json", "{\"error\": {\"code\": \"model_not_found\","
        + " \"message\": \"model grok-video-1.5 not found or not available for this key\"}}"), 1);
    on.startOnFake(PREVIEW);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    // 10 s: grok-video-1.5-preview takes it too.
    String job = "{\"model\":\"grok-video-1.5\",\"prompt\":\"A red sneaker on marble.\",\"seconds\":10,"
        + "\"aspect_ratio\":\"16:9\",\"images\":[{\"upload\":\"" + upload + "\"}]}";
    assertThat(on.answer("/api/generate", job).status()).isEqualTo(422);

    Map<String, Object> checked = json(on.post("/api/check", job));
    Answer generated = on.answer("/api/generate", job);

    assertThat(checked.get("violations").toString()).contains("the closest listed: " + PREVIEW);
    assertThat(generated.body()).contains("the closest listed: " + PREVIEW);
    assertThat(fake.creates()).as("only the create the provider refused").hasSize(1);
  }

  private static String withoutImage(String model, int seconds) {
    return "{\"model\":\"" + model + "\",\"mode\":null,\"prompt\":\"A red sneaker on marble.\",\"seconds\":" + seconds
        + ",\"aspect_ratio\":\"16:9\",\"resolution\":null,\"images\":[],\"videos\":[],\"params\":{}}";
  }
}
