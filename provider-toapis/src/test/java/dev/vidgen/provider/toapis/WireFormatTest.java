package dev.vidgen.provider.toapis;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.provider.toapis.internal.WireFormat;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireFormatTest {
  private static final String CAT = "https://images.example/cat.png";
  private static final String DOG = "https://images.example/dog.png";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void grokPreviewSendsOneImageInAnArrayAndSecondsAsAString() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image(CAT).seconds(15).aspectRatio("9:16").build();

    assertThat(sent(request(job, null))).isEqualTo(
        "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"the cat turns its head\",\"images\":[\"" + CAT
            + "\"],\"seconds\":\"15\",\"aspect_ratio\":\"9:16\"}");
  }

  @Test
  void grokPreviewSendsTheDefaultTenSecondsAsAString() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).build();

    assertThat(json(sent(request(job, null)))).containsEntry("seconds", "10").doesNotContainKey("duration");
  }

  @Test
  void grok15SendsOneImageAsAStringAndAnIntegerDuration() {
    VideoJob job = VideoJob.builder("grok-video-1.5")
        .prompt("p").image(CAT).seconds(6).aspectRatio("16:9").resolution("480P").build();

    assertThat(sent(request(job, null))).isEqualTo(
        "{\"model\":\"grok-video-1.5\",\"prompt\":\"p\",\"image\":\"" + CAT
            + "\",\"duration\":6,\"aspect_ratio\":\"16:9\",\"resolution\":\"480p\"}");
  }

  @Test
  void aBuiltInStandardRouteSendsImageUrlsAndAnIntegerDuration() {
    VideoJob job = VideoJob.builder("sora-2-vvip").prompt("p").image(CAT).seconds(8).aspectRatio("9:16").build();

    assertThat(sent(request(job, null))).isEqualTo(
        "{\"model\":\"sora-2-vvip\",\"prompt\":\"p\",\"image_urls\":[\"" + CAT
            + "\"],\"duration\":8,\"aspect_ratio\":\"9:16\"}");
  }

  @Test
  void standardRoutesSendImageUrlsAndAnIntegerDuration() {
    ModelRoute route = route("demo-standard", WireFormat.standard());
    VideoJob job = VideoJob.builder(route.id()).prompt("p").image(CAT).image(DOG).seconds(8).build();

    assertThat(sent(new SubmitRequest(job, route, null))).isEqualTo(
        "{\"model\":\"demo-standard\",\"prompt\":\"p\",\"image_urls\":[\"" + CAT + "\",\"" + DOG
            + "\"],\"duration\":8,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\"}");
  }

  @Test
  void dottedFieldsNestAndMergeWithParameters() {
    ModelRoute route = route("demo-veo", WireFormat.standard().withResolutionField("metadata.resolution"));
    VideoJob job = VideoJob.builder(route.id()).prompt("p").resolution("1080p")
        .param("metadata", Map.of("generation_type", "frame")).build();

    assertThat(sent(new SubmitRequest(job, route, null))).isEqualTo(
        "{\"model\":\"demo-veo\",\"prompt\":\"p\",\"duration\":8,\"aspect_ratio\":\"16:9\","
            + "\"metadata\":{\"resolution\":\"1080p\",\"generation_type\":\"frame\"}}");
  }

  @Test
  void renamedFieldsAreUsedForRatioAndResolution() {
    ModelRoute route = route("demo-official",
        WireFormat.standard().withAspectRatioField("size").withResolutionField("quality"));
    VideoJob job = VideoJob.builder(route.id()).prompt("p").aspectRatio("9:16").build();

    assertThat(sent(new SubmitRequest(job, route, null))).isEqualTo(
        "{\"model\":\"demo-official\",\"prompt\":\"p\",\"duration\":8,\"size\":\"9:16\",\"quality\":\"720p\"}");
  }

  @Test
  void imagesWithRolesAndModeValuesAndResolutionSpellingsFollowTheWireFormat() {
    ModelRoute route = route("demo-roles", WireFormat.standard()
        .withImages(IMAGE_TO_VIDEO, WireFormat.InputField.withRoles("image_with_roles", "first_frame", "last_frame"))
        .withModeField("action", Map.of(IMAGE_TO_VIDEO, "image-to-video"))
        .withResolutionField("mode")
        .withResolutionValues(Map.of("720p", "std", "1080p", "pro")));
    VideoJob job = VideoJob.builder(route.id()).prompt("p").image(CAT).image(DOG).build();

    assertThat(sent(new SubmitRequest(job, route, null))).isEqualTo(
        "{\"model\":\"demo-roles\",\"action\":\"image-to-video\",\"prompt\":\"p\",\"image_with_roles\":["
            + "{\"url\":\"" + CAT + "\",\"role\":\"first_frame\"},{\"url\":\"" + DOG + "\",\"role\":\"last_frame\"}],"
            + "\"duration\":8,\"aspect_ratio\":\"16:9\",\"mode\":\"std\"}");
  }

  @Test
  void clientReferenceIsSentOnlyWhereTheRouteTakesIt() {
    ModelRoute takes = route("demo-ref", WireFormat.standard().withClientReference(true));
    ModelRoute refuses = route("demo-no-ref", WireFormat.standard());

    String with = sent(new SubmitRequest(VideoJob.builder(takes.id()).prompt("p").build(), takes, "job-42"));
    String without = sent(new SubmitRequest(VideoJob.builder(refuses.id()).prompt("p").build(), refuses, "job-43"));

    assertThat(json(with)).containsEntry("client_business_id", "job-42");
    assertThat(json(without)).doesNotContainKey("client_business_id");
    assertThat(toapis.creates()).extracting(CreateRecord::clientBusinessId).containsExactly("job-42", null);
  }

  @Test
  void extraParametersPassThroughUntouchedAfterTheSettings() {
    ModelRoute route = route("demo-params", WireFormat.standard());
    VideoJob job = VideoJob.builder(route.id()).prompt("p").seconds(5)
        .param("seed", 42).param("generate_audio", false)
        .param("tools", List.of(Map.of("type", "web_search"))).param("weight", new java.math.BigDecimal("0.75"))
        .build();

    assertThat(sent(new SubmitRequest(job, route, null))).isEqualTo(
        "{\"model\":\"demo-params\",\"prompt\":\"p\",\"duration\":5,\"aspect_ratio\":\"16:9\",\"resolution\":\"720p\","
            + "\"seed\":42,\"generate_audio\":false,\"tools\":[{\"type\":\"web_search\"}],\"weight\":0.75}");
  }

  @Test
  void aParameterThatWouldReplaceASettingIsRefusedEvenWhenTheCreateIsCalledDirectly() {
    ModelRoute route = route("demo-params", WireFormat.standard());
    VideoJob job = VideoJob.builder(route.id()).prompt("p").seconds(5).param("duration", 12).build();

    assertThat(failure(provider.create(new SubmitRequest(job, route, null))))
        .isInstanceOf(dev.vidgen.core.error.InvalidJobException.class).hasMessageContaining("would replace duration");
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void aParameterOfAnUnsendableTypeFailsBeforeAnythingIsSent() {
    ModelRoute route = route("demo-bad", WireFormat.standard());

    // Refused as the job is built, so no create can carry it.
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> VideoJob.builder(route.id()).prompt("p").param("when", new Object()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("params[when]").hasMessageContaining("string, number, boolean, list or map");
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void secondsAsANumberForTheGrokPreviewCannotBeSentThroughAParameter() {
    // The page wants seconds as a string ("10"); a parameter giving the number 10 would be refused by the
    // server, and vidgen refuses it first: the job's own seconds fill that field.
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).param("seconds", 10).build();

    Throwable error = failure(provider.create(request(job, null)));

    assertThat(error).isInstanceOf(dev.vidgen.core.error.InvalidJobException.class)
        .hasMessageContaining("would replace seconds");
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void previewIsExactlyTheRequestCreateSends() {
    VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt("p").image(CAT).seconds(10).build();
    SubmitRequest request = request(job, null);

    RequestPreview preview = provider.preview(request);
    await(provider.create(request));

    assertThat(preview.method()).isEqualTo("POST");
    assertThat(preview.url()).isEqualTo(toapis.baseUrl() + "/v1/videos/generations");
    assertThat(preview.body()).isEqualTo(toapis.lastCreate().orElseThrow().body());
    assertThat(preview.headers()).containsEntry("Authorization", "Bearer sk-…")
        .containsEntry("Content-Type", "application/json; charset=utf-8");
    assertThat(toapis.requests().get(0).header("content-type")).contains("application/json; charset=utf-8");
  }

  static Stream<ModelRoute> builtInRoutes() {
    return RouteCatalog.builtIn().routes().stream();
  }

  @ParameterizedTest
  @MethodSource("builtInRoutes")
  void everyBuiltInRouteSendsABodyTheFakeAcceptsAndThePreviewShows(ModelRoute route) {
    SubmitRequest request = new SubmitRequest(VideoJobs.validFor(route), route, "ref-" + route.id());

    String body = sent(request);

    assertThat(body).isEqualTo(provider.preview(request).body());
    Map<String, Object> fields = json(body);
    assertThat(fields).containsEntry("model", route.id());
    assertThat(fields.containsKey("client_business_id")).isEqualTo(WireFormat.of(route).acceptsClientReference());
  }

  private String sent(SubmitRequest request) {
    await(provider.create(request));
    CreateRecord create = toapis.lastCreate().orElseThrow();
    assertThat(create.outcome()).as(create.body()).isEqualTo(CreateRecord.Outcome.CREATED);
    return create.body();
  }

  private Map<String, Object> json(String body) {
    return toapis.creates().stream().filter(create -> create.body().equals(body)).findFirst().orElseThrow().json();
  }

  /** A hand-made route with the common rules, so that only the wire format varies. */
  private static ModelRoute route(String id, WireFormat wire) {
    return ModelRoute.builder(id)
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .durations(DurationRule.between(1, 15, 8))
        .aspectRatios("16:9", "9:16")
        .resolutions("720p", "1080p")
        .hints("toapis", wire.toHints())
        .build();
  }
}
