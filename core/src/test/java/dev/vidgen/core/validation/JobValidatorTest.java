package dev.vidgen.core.validation;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every rule of grok-video-1.5-preview, one test each, plus what holds for every job. */
class JobValidatorTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String IMAGE = "https://example.com/product.jpg";

  private final JobValidator validator = JobValidator.of(RouteCatalog.builtIn());

  @TempDir Path dir;

  private static VideoJob.Builder valid() {
    return VideoJob.builder(MODEL).prompt("Slow push-in on the product, soft light").image(IMAGE);
  }

  @Test
  void acceptsAJobWithOneHttpsImageAndTheDefaults() {
    ValidationReport report = validator.validate(valid().build());

    assertThat(report.violations()).isEmpty();
    assertThat(report.isValid()).isTrue();
    assertThat(report.mode()).isEqualTo(IMAGE_TO_VIDEO);
  }

  @Test
  void rejectsTextToVideoSayingTheModelIsImageOnly() {
    ValidationReport report = validator.validate(valid().mode(TEXT_TO_VIDEO).images(java.util.List.of()).build());

    assertThat(report.errors())
        .extracting(Violation::field, Violation::code, Violation::given)
        .containsExactly(tuple("mode", ViolationCodes.MODE_NOT_OFFERED, "text-to-video"));
    assertThat(report.errors().get(0).message())
        .isEqualTo("mode: grok-video-1.5-preview is image-only and does not offer text-to-video;"
            + " give exactly 1 image for image-to-video");
  }

  @Test
  void infersTextToVideoWhenNoImageIsGivenAndSaysTheModelIsImageOnly() {
    ValidationReport report = validator.validate(VideoJob.builder(MODEL).prompt("a cat").build());

    assertThat(report.mode()).isEqualTo(TEXT_TO_VIDEO);
    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.MODE_NOT_OFFERED);
      assertThat(error.message()).contains("image-only", "does not offer text-to-video", "(a job with no images or videos is text-to-video)");
    });
  }

  @Test
  void rejectsImageToVideoWithoutAnImage() {
    ValidationReport report = validator.validate(valid().mode(IMAGE_TO_VIDEO).images(java.util.List.of()).build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("images");
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGES_TOO_FEW);
      assertThat(error.allowed()).isEqualTo("exactly 1");
      assertThat(error.message())
          .isEqualTo("images: 0 given, but image-to-video on grok-video-1.5-preview takes exactly 1 image");
    });
  }

  @Test
  void rejectsASecondImage() {
    ValidationReport report = validator.validate(valid().image("https://example.com/second.jpg").build());

    assertThat(report.errors()).extracting(Violation::field, Violation::code, Violation::given)
        .containsExactly(tuple("images", ViolationCodes.IMAGES_TOO_MANY, "2"));
  }

  @Test
  void acceptsAPlainHttpImageUrl() {
    ValidationReport report = validator.validate(valid().images(java.util.List.of())
        .image("http://example.com/product.jpg").build());

    assertThat(report.isValid()).isTrue();
  }

  @Test
  void rejectsAnImageUrlThatIsNotHttpOrHttps() {
    ValidationReport report = validator.validate(valid().images(java.util.List.of())
        .image("ftp://example.com/product.jpg").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("images[0]");
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_SCHEME);
      assertThat(error.message()).startsWith("images[0]: ftp://example.com/product.jpg is not an http or https URL");
    });
  }

  @Test
  void rejectsABase64DataUrl() {
    ValidationReport report = validator.validate(valid().images(java.util.List.of())
        .image("data:image/png;base64,iVBORw0KGgo=").build());

    assertThat(report.errors()).extracting(Violation::code).containsExactly(ViolationCodes.IMAGE_SCHEME);
    assertThat(report.errors().get(0).message()).as("words that also fit the playground, which takes no file path")
        .endsWith("; give an http(s) URL, or the image as a file, which vidgen uploads")
        .doesNotContain("path");
  }

  @Test
  void acceptsDataUrlsAndStoredAssetsWhereTheRouteTakesThemAndSaysWhichSchemesOtherwise() {
    VideoJob.Builder seedance = VideoJob.builder("seedance-2").prompt("the dancer turns").mode(IMAGE_TO_VIDEO);

    ValidationReport inline = validator.validate(seedance.images(java.util.List.of())
        .image("data:image/png;base64,iVBORw0KGgo=").image("asset://asset-20261201-abc").build());
    ValidationReport ftp = validator.validate(seedance.images(java.util.List.of())
        .image("ftp://example.com/first.png").build());

    assertThat(inline.violations()).isEmpty();
    assertThat(validator.validate(seedance.images(java.util.List.of()).image("data:text/html;base64,PGgxPg==").build())
        .errors()).singleElement().satisfies(error ->
            assertThat(error.message()).contains("is not a data: URL of an image; give data:image/"));
    assertThat(ftp.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.IMAGE_SCHEME);
      assertThat(error.allowed()).isEqualTo("a URL of scheme https, http, data, asset");
      assertThat(error.message()).contains("ftp://example.com/first.png is not a URL of scheme https, http, data, asset");
    });
  }

  @Test
  void refusesAnFtpImageOrVideoOnSeedanceButTakesHttpWhichItsOwnUploadsReturn() {
    VideoJob.Builder seedance = VideoJob.builder("seedance-2").prompt("the dancer turns").mode(IMAGE_TO_VIDEO);

    ValidationReport ftp = validator.validate(seedance.image("ftp://example.com/first.png").build());
    ValidationReport http = validator.validate(seedance.images(java.util.List.of())
        .image("http://127.0.0.1:8080/uploads/first.png").build());
    ValidationReport video = validator.validate(VideoJob.builder("seedance-2-5").prompt("longer")
        .mode(dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT).video(java.net.URI.create("ftp://example.com/a.mp4"))
        .build());

    assertThat(ftp.errors()).singleElement().satisfies(error -> assertThat(error.message())
        .startsWith("images[0]: ftp://example.com/first.png is not a URL of scheme https, http, data, asset"));
    assertThat(http.errors()).as("batch and the playground check a job again with its uploads' URLs").isEmpty();
    assertThat(video.errors()).extracting(Violation::code).contains(ViolationCodes.VIDEO_SCHEME);
  }

  @Test
  void anAssetIsNamedInTheFormAssetSlashSlashIdAndAnOperationGivenAsAListIsCalledAList() {
    ValidationReport noSlashes = validator.validate(VideoJob.builder("seedance-2").prompt("the dancer turns")
        .mode(IMAGE_TO_VIDEO).image("asset:asset-20261201-abc").build());
    ValidationReport list = validator.validate(VideoJob.builder("seedance-2-5").prompt("longer")
        .param("video_operation", List.of("edit")).build());

    assertThat(noSlashes.errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("images[0]: asset:asset-20261201-abc names no asset; give asset://ID, the ID of an asset stored"
            + " with the provider"));
    assertThat(list.errors()).filteredOn(error -> error.field().equals("params.video_operation")).isNotEmpty()
        .allSatisfy(error -> assertThat(error.message()).startsWith("params.video_operation: a list is not offered")
            .doesNotContain("not a text"));
  }

  @Test
  void checksTheUrlsOfRoleParametersAgainstTheSchemesTheRouteTakes() {
    VideoJob.Builder seedance = VideoJob.builder("seedance-2").prompt("the dancer turns")
        .mode(dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO).image("https://example.com/ref.png");

    ValidationReport taken = validator.validate(seedance.param("audio_with_roles", List.of(
        Map.of("url", "https://example.com/a.mp3", "role", "reference_audio"),
        Map.of("url", "asset://asset-20261201-song", "role", "reference_audio"),
        Map.of("url", "data:audio/mpeg;base64,SUQz", "role", "reference_audio"))).build());
    ValidationReport refused = validator.validate(seedance.param("audio_with_roles", List.of(
        Map.of("url", "ftp://example.com/a.mp3", "role", "reference_audio"),
        Map.of("url", "file:///home/me/b.mp3", "role", "reference_audio"),
        Map.of("url", "data:image/png;base64,iVBO", "role", "reference_audio"))).build());
    ValidationReport noAsset = validator.validate(seedance.param("audio_with_roles", List.of(
        Map.of("url", "asset:///", "role", "reference_audio"))).build());
    ValidationReport notUrl = validator.validate(seedance.param("audio_with_roles", List.of(
        Map.of("url", "asset:", "role", "reference_audio"))).build());

    assertThat(taken.errors()).isEmpty();
    assertThat(refused.errors()).extracting(Violation::field, Violation::code).containsExactly(
        tuple("params.audio_with_roles[0].url", ViolationCodes.PARAM_URL_SCHEME),
        tuple("params.audio_with_roles[1].url", ViolationCodes.PARAM_URL_SCHEME),
        tuple("params.audio_with_roles[2].url", ViolationCodes.PARAM_URL_SCHEME));
    assertThat(refused.errors().get(0).message()).isEqualTo("params.audio_with_roles[0].url: ftp://example.com/a.mp3"
        + " is not a URL of scheme https, http, data, asset; give a URL of scheme https, http, data, asset");
    assertThat(refused.errors().get(2).message()).contains("is not a data: URL of audio; give data:audio/");
    assertThat(noAsset.errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("params.audio_with_roles[0].url: asset:/// names no asset; give asset://ID, the ID of an asset"
            + " stored with the provider"));
    assertThat(notUrl.errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("params.audio_with_roles[0].url: asset: is not a URL; give a URL of scheme https, http, data, asset"));
  }

  @Test
  void readsAUrlSchemesRuleFromARouteFile() {
    RouteCatalog catalog = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", """
        {"routes": [{"id": "acme-video", "modes": {"image-to-video": {"images": {"min": 1, "max": 1}}},
          "seconds": {"one_of": [5], "default": 5}, "aspect_ratios": {"one_of": ["16:9"]}, "price": {"unknown": "not public"},
          "rules": [{"kind": "url_schemes", "schemes": ["HTTPS", "asset"], "reason": "stored assets work"}]}]}
        """);
    JobValidator acme = JobValidator.of(catalog);
    VideoJob.Builder job = VideoJob.builder("acme-video").prompt("a kite");

    assertThat(acme.validate(job.images(java.util.List.of()).image("asset://kite-1").build()).violations()).isEmpty();
    assertThat(acme.validate(job.images(java.util.List.of()).image("http://example.com/kite.png").build()).errors())
        .as("the rule's schemes replace http and https").extracting(Violation::code)
        .containsExactly(ViolationCodes.IMAGE_SCHEME);
  }

  @Test
  void aBuiltInRouteReplacedWholeWithoutItsHintsWarnsThatItIsNoLongerSpelledAsBeforeWhileAPatchDoesNot() {
    String grok = """
        {"id": "grok-video-1.5-preview", "modes": {"image-to-video": {"images": {"min": 1, "max": 1}}},
         "seconds": {"one_of": [10, 15], "default": 10}, "price": {"per_request_usd": {"10": "0.12", "15": "0.18"}}}
        """;
    RouteCatalog replaced = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "ovr.json",
        "{\"routes\": [" + grok + "]}");
    RouteCatalog withHints = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "ovr.json",
        "{\"routes\": [" + grok.replace("\"price\"", "\"hints\": {\"toapis\": {}}, \"price\"") + "]}");
    RouteCatalog patched = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "cheap.json",
        "{\"patch\": {\"grok-video-1.5-preview\": {\"price\": {\"per_request_usd\": {\"10\": \"0.12\"}}}}}");
    VideoJob job = valid().build();

    assertThat(JobValidator.of(replaced).validate(job).warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.MODEL_HINTS_DROPPED);
      assertThat(warning.message()).isEqualTo("model: grok-video-1.5-preview is replaced whole by ovr.json, which gives"
          + " no toapis hints though vidgen's built-in route has them, so on toapis the job is sent in the standard"
          + " wire, not as the built-in route spells it; to change only some of its fields (a price, say), give them"
          + " in a \"patch\" instead (docs/routes.md#change-a-price)");
    });
    assertThat(JobValidator.of(replaced).validate(job).isValid()).as("a warning only: the job is sent").isTrue();
    assertThat(JobValidator.of(withHints).validate(job).warnings()).as("empty hints leave out the built-in ones")
        .singleElement().satisfies(warning -> {
          assertThat(warning.code()).isEqualTo(ViolationCodes.MODEL_HINTS_DROPPED);
          assertThat(warning.message()).startsWith("model: grok-video-1.5-preview is replaced whole by ovr.json, and its"
              + " toapis hints leave out ").contains("duration_field", "which vidgen's built-in route has");
        });
    Object builtInHints = RouteCatalog.builtIn().require("grok-video-1.5-preview").hints().get("toapis");
    RouteCatalog allHints = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "ovr.json",
        "{\"routes\": [" + grok.replace("\"price\"", "\"hints\": {\"toapis\": "
            + dev.vidgen.core.json.JsonTrees.write(builtInHints) + "}, \"price\"") + "]}");
    assertThat(JobValidator.of(allHints).validate(job).warnings()).as("every built-in hint kept").isEmpty();
    assertThat(JobValidator.of(patched).validate(job).warnings()).as("a patch keeps the hints").isEmpty();
    assertThat(JobValidator.of(RouteCatalog.builtIn()).validate(job).warnings()).isEmpty();
  }

  @Test
  void aBuiltInRouteReplacedWholeIsWarnedOfOnlyForTheHintsOfTheProviderTheJobGoesTo() {
    RouteCatalog replaced = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "house.json", """
        {"routes": [{"id": "grok-video-1.5-preview", "modes": {"image-to-video": {"images": {"min": 1, "max": 1}}},
         "seconds": {"one_of": [10, 15], "default": 10}, "hints": {"house": {"upstream": "house-grok"}}}]}
        """);
    VideoJob job = valid().build();

    assertThat(JobValidator.of(replaced).forProvider("house").validate(job).warnings())
        .as("the job goes to house, whose hints the file gives").isEmpty();
    assertThat(JobValidator.of(replaced).forProvider("toapis").validate(job).warnings()).singleElement()
        .satisfies(warning -> assertThat(warning.code()).isEqualTo(ViolationCodes.MODEL_HINTS_DROPPED));
  }

  @Test
  void aVideoForAModelThatTakesNoneSaysSoNotOnlyWhichModesItOffers() {
    ValidationReport report = validator.validate(valid().video(java.net.URI.create("https://cdn.example.com/v.mp4"))
        .build());

    assertThat(report.errors()).extracting(Violation::message).anySatisfy(message -> assertThat(message)
        .startsWith("mode: grok-video-1.5-preview takes no videos and does not offer ")
        .endsWith("; drop the video for image-to-video, or choose a model that takes videos (vidgen models lists them)"));
    ValidationReport videoOnly = validator.validate(VideoJob.builder(MODEL).prompt("a kite")
        .video(java.net.URI.create("https://cdn.example.com/v.mp4")).build());
    assertThat(videoOnly.errors()).extracting(Violation::message).anySatisfy(message -> assertThat(message)
        .contains("; drop the video and give exactly 1 image for image-to-video, or choose a model that takes videos"));
  }

  @Test
  void acceptsALocalJpegToBeUploaded() throws IOException {
    Path photo = TestImages.write(dir, "photo.jpg", TestImages.JPEG);

    ValidationReport report = validator.validate(valid().images(java.util.List.of()).image(photo).build());

    assertThat(report.isValid()).isTrue();
  }

  @Test
  void rejectsSixSecondsNamingTenAndFifteen() {
    ValidationReport report = validator.validate(valid().seconds(6).build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("seconds");
      assertThat(error.code()).isEqualTo(ViolationCodes.SECONDS_NOT_OFFERED);
      assertThat(error.given()).isEqualTo("6");
      assertThat(error.allowed()).isEqualTo("10 or 15");
      assertThat(error.message()).isEqualTo("seconds: 6 is not offered by grok-video-1.5-preview; choose 10 or 15");
    });
  }

  @Test
  void acceptsTenAndFifteenSeconds() {
    assertThat(validator.validate(valid().seconds(10).build()).isValid()).isTrue();
    assertThat(validator.validate(valid().seconds(15).build()).isValid()).isTrue();
  }

  @Test
  void acceptsEachOfTheFiveAspectRatios() {
    for (String ratio : new String[] {"16:9", "9:16", "3:2", "2:3", "1:1"}) {
      assertThat(validator.validate(valid().aspectRatio(ratio).build()).violations()).as(ratio).isEmpty();
    }
  }

  @Test
  void rejectsAnotherAspectRatioNamingTheFive() {
    ValidationReport report = validator.validate(valid().aspectRatio("4:3").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("aspect_ratio");
      assertThat(error.code()).isEqualTo(ViolationCodes.ASPECT_RATIO_NOT_OFFERED);
      assertThat(error.message())
          .isEqualTo("aspect_ratio: 4:3 is not offered by grok-video-1.5-preview; choose 16:9, 9:16, 3:2, 2:3 or 1:1");
    });
  }

  @Test
  void rejectsAnyResolutionBecauseTheModelTakesNone() {
    ValidationReport report = validator.validate(valid().resolution("720p").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("resolution");
      assertThat(error.code()).isEqualTo(ViolationCodes.RESOLUTION_NOT_ACCEPTED);
      assertThat(error.message()).contains("takes no resolution");
    });
  }

  @Test
  void rejectsAMissingPrompt() {
    ValidationReport report = validator.validate(VideoJob.builder(MODEL).image(IMAGE).build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("prompt");
      assertThat(error.code()).isEqualTo(ViolationCodes.PROMPT_MISSING);
      assertThat(error.message()).contains("at most 1200 characters");
    });
  }

  @Test
  void aMissingPromptForAModeTheModelDoesNotOfferNamesNoMode() {
    ValidationReport report = validator.validate(VideoJob.builder(MODEL).prompt("").build());

    assertThat(report.errors()).filteredOn(error -> error.field().equals("prompt")).singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("prompt: " + MODEL + " needs a prompt;")
            .doesNotContain("text-to-video"));
    assertThat(validator.validate(VideoJob.builder(MODEL).image(IMAGE).build()).errors()).singleElement()
        .satisfies(error -> assertThat(error.message()).as("a mode it offers is named")
            .contains("needs a prompt for image-to-video"));
  }

  @Test
  void rejectsABlankPrompt() {
    ValidationReport report = validator.validate(valid().prompt(" \t\n ").build());

    assertThat(report.errors()).extracting(Violation::code).containsExactly(ViolationCodes.PROMPT_MISSING);
  }

  @Test
  void aPromptHoldingEscapeCodesOrADirectionOverrideIsWarnedOfButNotRefused() {
    ValidationReport report = validator.validate(valid().prompt("red \u001B[31mbottle\u202E, soft light").build());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.PROMPT_CONTROL_CHARACTERS);
      assertThat(warning.given()).isEqualTo("U+001B");
      assertThat(warning.message()).startsWith("prompt: holds 2 control characters (the first U+001B)")
          .contains("it is sent as it is");
    });
  }

  @Test
  void aPromptHoldingHalfAnEmojiIsRefusedWithWhereItIs() {
    // Cut by UTF-16 index through an emoji: the high half of U+1F3AC is left, which UTF-8 would send as "?".
    String cut = "Kamerafahrt \u00fcber Gr\u00fc\u00dfe \uD83C\uDFAC" + "\uD83C" + " Ende";

    ValidationReport report = validator.validate(valid().prompt(cut).build());

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("prompt");
      assertThat(error.code()).isEqualTo(ViolationCodes.TEXT_BROKEN_CHARACTER);
      assertThat(error.message()).startsWith("prompt: a broken character at position 25 (U+D83C, half of an emoji")
          .contains("cutting text by UTF-16 index", "remove it or cut the text elsewhere");
    });
  }

  @Test
  void aLoneHalfInAParameterOrItsNameIsRefusedTooWholePairsAreNot() {
    VideoJob job = valid().prompt("whole \uD83C\uDFAC emoji")
        .param("metadata", Map.of("negative_prompt", "blur \uDC8E and \uDC8E"))
        .param("tags", List.of("fine", "x\uD83C")).build();

    ValidationReport report = validator.validate(job);

    assertThat(report.errors()).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
        tuple("params.metadata.negative_prompt", ViolationCodes.TEXT_BROKEN_CHARACTER),
        tuple("params.tags[1]", ViolationCodes.TEXT_BROKEN_CHARACTER));
    assertThat(report.errors()).filteredOn(error -> error.field().startsWith("params.metadata")).singleElement()
        .satisfies(error -> assertThat(error.message())
            .startsWith("params.metadata.negative_prompt: 2 broken characters, the first at position 6"));
    assertThat(JobValidator.brokenCharacters("remix \uD83C", Map.of())).singleElement()
        .satisfies(error -> assertThat(error.message()).startsWith("prompt: a broken character at position 7"));
  }

  @Test
  void lineBreaksTabsEmojiJoinersAndRightToLeftTextDrawNoWarning() {
    String prompt = "Line one\n\tline two\r\n👨\u200D👩\u200D👧 family, \u05E9\u05DC\u05D5\u05DD\u200F";

    assertThat(validator.validate(valid().prompt(prompt).build()).violations()).isEmpty();
  }

  @Test
  void acceptsAPromptOfExactly1200CharactersCountingEmojiOnce() {
    String prompt = "🎬".repeat(600) + "a".repeat(600);

    assertThat(prompt.length()).isEqualTo(1800);
    assertThat(validator.validate(valid().prompt(prompt).build()).isValid()).isTrue();
  }

  @Test
  void warnsOfAPromptOver1200CharactersWhichIsAnAssumedLimitAndSendsIt() {
    // The API reference gives grok-video-1.5-preview no prompt limit: vidgen's guess is said, not enforced.
    ValidationReport report = validator.validate(valid().prompt("a".repeat(1201)).build());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.PROMPT_TOO_LONG);
      assertThat(warning.given()).isEqualTo("1201 characters");
      assertThat(warning.message()).isEqualTo(
          "prompt: 1201 characters is over the 1200-character limit vidgen assumes for grok-video-1.5-preview; it is"
              + " sent, but the provider may refuse it (shorten it by 1 to stay within it) (that limit is an"
              + " assumption, not documented by the provider: the API reference gives no prompt limit; 1200"
              + " characters is the counter of ToAPIs' product-page playground; if the provider takes more, a routes"
              + " file can raise it, see docs/routes.md)");
    });
  }

  @Test
  void rejectsAPromptOverADocumentedLimit() {
    ValidationReport report = validator.validate(VideoJob.builder("kling-v2-6").prompt("a".repeat(2501)).build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.PROMPT_TOO_LONG);
      assertThat(error.message()).isEqualTo(
          "prompt: 2501 characters is over the 2500-character limit of kling-v2-6; shorten it by 1");
    });
  }

  @Test
  void refusesAPromptOverTheCeilingWhereTheLimitIsOnlyAssumed() {
    // A 2,000,000-character prompt on grok was sent and paid for, then repeated in every history line.
    ValidationReport atCeiling = validator.validate(valid().prompt("a".repeat(20_000)).build());
    ValidationReport huge = validator.validate(valid().prompt("a".repeat(2_000_000)).build());

    assertThat(atCeiling.isValid()).as("below the ceiling the assumed 1200 only warns").isTrue();
    assertThat(atCeiling.warnings()).extracting(Violation::code).containsExactly(ViolationCodes.PROMPT_TOO_LONG);
    assertThat(huge.warnings()).as("the error alone, not the assumed limit's warning too").isEmpty();
    assertThat(huge.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.PROMPT_TOO_LONG);
      assertThat(error.given()).isEqualTo("2000000 characters");
      assertThat(error.allowed()).isEqualTo("at most 20000 characters (no documented limit)");
      assertThat(error.message()).isEqualTo("prompt: 2000000 characters is over the 20000 characters vidgen accepts"
          + " for a model that documents no prompt limit (grok-video-1.5-preview documents none, vidgen assumes 1200;"
          + " no model vidgen ships documents more than 7000); shorten it, or give the route a documented"
          + " max_prompt_chars in a routes file (see docs/routes.md)");
    });
  }

  @Test
  void refusesAParameterHoldingMoreTextThanAPromptMayButNotAnImageSentInlineAsADataUrl() {
    // A 2,000,000-character negative_prompt on grok only drew param.unknown, and was sent and paid for.
    ValidationReport huge = validator.validate(valid().param("negative_prompt", "n".repeat(2_000_000)).build());
    ValidationReport nested = validator.validate(valid().param("metadata",
        java.util.Map.of("notes", java.util.List.of("x".repeat(15_000), "y".repeat(6_000)))).build());
    ValidationReport inline = validator.validate(VideoJob.builder("seedance-2").prompt("a cat")
        .param("image_with_roles", java.util.List.of(java.util.Map.of("url", "data:image/png;base64,"
            + "A".repeat(400_000), "role", "first_frame"))).build());
    ValidationReport atCeiling = validator.validate(valid().param("negative_prompt", "n".repeat(20_000)).build());

    assertThat(huge.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.PARAM_TOO_LONG);
      assertThat(error.field()).isEqualTo("params.negative_prompt");
      assertThat(error.message()).startsWith("params.negative_prompt: 2000000 characters of text is over the 20000"
          + " characters vidgen takes in one parameter");
    });
    assertThat(nested.errors()).extracting(Violation::code).containsExactly(ViolationCodes.PARAM_TOO_LONG);
    assertThat(inline.errors()).extracting(Violation::code).doesNotContain(ViolationCodes.PARAM_TOO_LONG);
    assertThat(atCeiling.errors()).isEmpty();
  }

  @Test
  void refusesAPromptOverTheCeilingWhereNoLimitIsGivenCountingEmojiOnce() {
    // seedance-2 gives prompt guidance only, so its route has no max_prompt_chars at all.
    String atCeiling = "🎬".repeat(10_000) + "a".repeat(10_000);
    VideoJob.Builder seedance = VideoJob.builder("seedance-2").prompt(atCeiling);

    assertThat(atCeiling.length()).isEqualTo(30_000);
    assertThat(validator.validate(seedance.build()).violations()).isEmpty();
    assertThat(validator.validate(seedance.prompt(atCeiling + "a").build()).errors()).singleElement()
        .satisfies(error -> {
          assertThat(error.code()).isEqualTo(ViolationCodes.PROMPT_TOO_LONG);
          assertThat(error.message()).startsWith("prompt: 20001 characters is over the 20000 characters vidgen"
              + " accepts for a model that documents no prompt limit (seedance-2 documents none; no model");
        });
  }

  @Test
  void aDocumentedLimitAboveTheCeilingRulesAndARoutesFileCanSetOne() {
    RouteCatalog lifted = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "long-prompts.json", """
        {"patch": {"grok-video-1.5-preview": {"max_prompt_chars": 100000}}}""");
    JobValidator liftedValidator = JobValidator.of(lifted);

    assertThat(liftedValidator.validate(valid().prompt("a".repeat(100_000)).build()).violations()).isEmpty();
    assertThat(liftedValidator.validate(valid().prompt("a".repeat(100_001)).build()).errors()).singleElement()
        .satisfies(error -> assertThat(error.message()).isEqualTo(
            "prompt: 100001 characters is over the 100000-character limit of grok-video-1.5-preview; shorten it by 1"));
  }

  @Test
  void warnsAboutAParameterTheModelDoesNotDocumentButStillAccepts() {
    ValidationReport report = validator.validate(valid().param("seed", 42).build());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).extracting(Violation::field, Violation::code)
        .containsExactly(tuple("params.seed", ViolationCodes.PARAM_UNKNOWN));
  }

  @Test
  void aZeroOrNegativeLengthIsToldWhetherTheModelTakesAnAutomaticLength() {
    VideoJob mini = VideoJob.builder("seedance-2-mini").prompt("a fox").seconds(-1).build();
    VideoJob notAutomatic = VideoJob.builder("seedance-2-5").prompt("a fox").seconds(0).build();
    VideoJob below = VideoJob.builder("seedance-2").prompt("a fox").seconds(-2).build();

    assertThat(validator.validate(mini).errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("seconds: -1 is not offered by seedance-2-mini; choose 4 to 15 (seedance-2-mini takes no automatic"
            + " length: give the length in seconds)"));
    assertThat(validator.validate(notAutomatic).errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("seconds: 0 is not offered by seedance-2-5; choose 4 to 30, or -1 for an automatic length"));
    assertThat(validator.validate(below).errors()).singleElement().satisfies(error -> assertThat(error.message())
        .isEqualTo("seconds: -2 is not offered by seedance-2; choose 4 to 15, or 0 or -1 for an automatic length"));
    VideoJob negativeOnMini = VideoJob.builder("seedance-2-mini").prompt("a fox").seconds(-2).build();
    assertThat(validator.validate(negativeOnMini).errors()).singleElement().satisfies(error -> assertThat(
        error.message()).as("-2 is no automatic length anywhere: no word about one")
        .isEqualTo("seconds: -2 is not offered by seedance-2-mini; choose 4 to 15"));
  }

  @Test
  void anAutomaticLengthIsTakenWhereTheModelOffersOne() {
    for (String model : List.of("seedance-2", "seedance-2-fast")) {
      for (int seconds : List.of(0, -1)) {
        assertThat(validator.validate(VideoJob.builder(model).prompt("a fox").seconds(seconds).build()).errors())
            .as("%s %d", model, seconds).isEmpty();
      }
    }
    assertThat(validator.validate(VideoJob.builder("seedance-2-5").prompt("a fox").seconds(-1).build()).errors())
        .isEmpty();
  }

  @Test
  void aDottedParameterInsideADocumentedOneDrawsNoWarningOneInsideAnUndocumentedOneDoes() {
    VideoJob documented = VideoJob.builder("kling-v3").prompt("a fox").param("metadata.negative_prompt", "blurry")
        .build();
    VideoJob undocumented = VideoJob.builder("kling-v3").prompt("a fox").param("extra.negative_prompt", "blurry")
        .build();

    assertThat(validator.validate(documented).violations()).isEmpty();
    assertThat(validator.validate(undocumented).warnings()).extracting(Violation::field, Violation::code)
        .containsExactly(tuple("params.extra.negative_prompt", ViolationCodes.PARAM_UNKNOWN));
  }

  @Test
  void warnsWhenTimedSegmentsRunPastTheDefaultTenSeconds() {
    ValidationReport report = validator.validate(
        valid().prompt("(0-5s) medium shot of the bottle (5-10s) push-in (10-15s) logo on black").build());

    assertThat(report.isValid()).isTrue();
    assertThat(report.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.SEGMENT_PAST_END);
      assertThat(warning.given()).isEqualTo("(10-15s)");
      assertThat(warning.message()).contains("(10-15s)", "10 s video");
    });
  }

  @Test
  void acceptsTimedSegmentsThatFillFifteenSeconds() {
    ValidationReport report = validator.validate(
        valid().seconds(15).prompt("(0-5s) medium shot (5-10s) push-in (10-15s) logo on black").build());

    assertThat(report.violations()).isEmpty();
  }

  @Test
  void reportsEveryViolationAtOnce() {
    VideoJob job = VideoJob.builder(MODEL)
        .prompt("x".repeat(1300))
        .image("ftp://example.com/a.png")
        .image("https://example.com/b.png")
        .seconds(6)
        .aspectRatio("4:3")
        .resolution("720p")
        .build();

    ValidationReport report = validator.validate(job);

    assertThat(report.warnings()).extracting(Violation::code).as("1200 is an assumed limit")
        .contains(ViolationCodes.PROMPT_TOO_LONG);
    assertThat(report.errors()).extracting(Violation::code).containsExactlyInAnyOrder(
        ViolationCodes.IMAGES_TOO_MANY,
        ViolationCodes.IMAGE_SCHEME,
        ViolationCodes.SECONDS_NOT_OFFERED,
        ViolationCodes.ASPECT_RATIO_NOT_OFFERED,
        ViolationCodes.RESOLUTION_NOT_ACCEPTED);
    assertThat(report.errors()).allSatisfy(error -> assertThat(error.message()).startsWith(error.field() + ": "));
  }

  @Test
  void suggestsTheNearestIdsForAnUnknownModel() {
    ValidationReport report = validator.validate(valid().model("grok-vidoe-1.5-preview").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.field()).isEqualTo("model");
      assertThat(error.code()).isEqualTo(ViolationCodes.MODEL_UNKNOWN);
      assertThat(error.message()).contains("did you mean grok-video-1.5-preview");
    });
  }

  @Test
  void suggestsModelsStillOfferedBeforeRetiredOnes() {
    ValidationReport report = validator.validate(valid().model("sora-3").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.MODEL_UNKNOWN);
      assertThat(error.message())
          .as("every Sora route is retired, and no other is spelled near sora-3: none is named as meant")
          .startsWith("model: sora-3 is not a known model; no model a job may use is spelled near it"
              + " (sora-2 was retired on 2026-09-24); vidgen models lists the ")
          .doesNotContain("did you mean")
          .as("the way to a model the catalog lacks").endsWith("vidgen models --live --emit-routes writes a starter one)");
    });
    for (String far : new String[] {"luma", "xyz", "pika", "openai"}) {
      assertThat(validator.validate(valid().model(far).build()).errors()).as(far).singleElement().asString()
          .doesNotContain("retired");
    }
    ValidationReport onlyRetired = JobValidator.of(RouteCatalog.of(
        RouteCatalog.builtIn().require("sora-2-vvip"))).validate(valid().model("sora-3").build());
    assertThat(onlyRetired.errors()).extracting(Violation::message).singleElement().asString()
        .startsWith("model: sora-3 is not a known model; did you mean sora-2-vvip? (");
  }

  @Test
  void didYouMeanNamesOnlyModelsSpelledNearTheGivenName() {
    String far = validator.validate(valid().model("acme-video-9").build()).errors().get(0).message();
    String family = validator.validate(valid().model("grok").build()).errors().get(0).message();
    String typo = validator.validate(valid().model("seedanse-2").build()).errors().get(0).message();

    assertThat(far).startsWith("model: acme-video-9 is not a known model; no model a job may use is spelled near it;"
        + " vidgen models lists the ").doesNotContain("did you mean").doesNotContain("grok-video");
    assertThat(family).contains("did you mean grok-");
    assertThat(typo).contains("did you mean seedance-2");
  }

  @Test
  void aRemovedModelIsAnsweredOnlyWithIdsSpelledNearItThatCanTakeTheJob() {
    RouteCatalog removed = dev.vidgen.core.catalog.RouteFiles.layer(RouteCatalog.builtIn(), "rm.json",
        "{\"remove\": [\"wan2.6\", \"veo3.1-fast\"]}");
    JobValidator checking = JobValidator.of(removed);
    String removedWords = "model: wan2.6 was removed from the catalog by rm.json (its remove list); leave it out of that"
        + " file to use it again";

    Violation textJob = checking.validate(VideoJob.builder("wan2.6").prompt("a fox").build()).errors().get(0);
    Violation imageJob = checking.validate(valid().model("wan2.6").build()).errors().get(0);
    String veo = checking.validate(VideoJob.builder("veo3.1-fast").prompt("a fox").build()).errors().get(0).message();

    assertThat(textJob.message()).as("wan2.6-flash takes images only; no other model is spelled near wan2.6")
        .startsWith(removedWords + "; no model a job may use is spelled near it; vidgen models lists the 35 known ones")
        .doesNotContain("choose").doesNotContain("wan2.6-flash").doesNotContain("viduq3").doesNotContain("kling");
    assertThat(textJob.allowed()).isEqualTo("a model vidgen models lists");
    assertThat(imageJob.message()).isEqualTo(removedWords + ", or choose wan2.6-flash");
    assertThat(veo).endsWith(", or choose Veo3.1-fast-official, veo3.1-lite or veo3.1-quality");

    JobValidator keyed = checking.withLiveModels(java.util.Set.of("seedance-2", "veo3.1-lite", "kling-v3"));
    Violation keyedWan = keyed.validate(VideoJob.builder("wan2.6").prompt("a fox").build()).errors().get(0);
    assertThat(keyed.validate(VideoJob.builder("veo3.1-fast").prompt("a fox").build()).errors().get(0).message())
        .as("only ids the key's list holds").endsWith(", or choose veo3.1-lite");
    assertThat(keyedWan.message()).as("the same rule with a key as without")
        .startsWith(removedWords + "; no model a job may use is spelled near it; vidgen models lists the 35 known ones,"
            + " vidgen models --live those this key may use").doesNotContain("seedance").doesNotContain("kling");
    assertThat(keyedWan.allowed()).isEqualTo("a model vidgen models --live marks as usable");
  }

  @Test
  void aNameNearNoModelAllowsNoUnrelatedNames() {
    Violation far = validator.withLiveModels(java.util.Set.of("seedance-2", "veo3.1-fast"))
        .validate(valid().model("wan2.6x").build()).errors().get(0);

    assertThat(far.message()).contains("no model a job may use is spelled near it");
    assertThat(far.allowed()).as("what /api/check and --json show beside that message")
        .isEqualTo("a model vidgen models --live marks as usable");
  }

  @Test
  void aModelTheKeysLiveListHoldsButTheCatalogLacksIsSaidToBeOfferedWithNoRoute() {
    JobValidator knowing = validator.withLiveModels(java.util.Set.of("seedance-2", "veo3.1-fast", "Acme-Video-9"));

    ValidationReport report = knowing.validate(valid().model("acme-video-9").build());

    assertThat(report.errors()).singleElement().satisfies(error -> {
      assertThat(error.code()).isEqualTo(ViolationCodes.MODEL_UNKNOWN);
      assertThat(error.message()).startsWith("model: acme-video-9 is on this key's live model list, but the catalog"
          + " has no route for it, so vidgen cannot check or price its jobs; write a starter route with vidgen models"
          + " --live --emit-routes").doesNotContain("did you mean").doesNotContain("seedance-2");
    });
  }

  @Test
  void matchesTheModelIdWithoutRegardToCaseAndReportsItInTheCatalogsSpelling() {
    ValidationReport report = validator.validate(valid().model("Grok-Video-1.5-Preview").build());

    assertThat(report.isValid()).isTrue();
    assertThat(report.model()).isEqualTo("grok-video-1.5-preview");
  }

  @Test
  void stillChecksImagesWhenTheModelIsUnknown() {
    ValidationReport report = validator.validate(valid().model("no-such-model").image("ftp://x/y.png").build());

    assertThat(report.errors()).extracting(Violation::code)
        .containsExactly(ViolationCodes.MODEL_UNKNOWN, ViolationCodes.IMAGE_SCHEME);
  }

  @Test
  void reportsAMissingJobInsteadOfThrowing() {
    ValidationReport report = validator.validate(null);

    assertThat(report.isValid()).isFalse();
    assertThat(report.errors()).extracting(Violation::field, Violation::code)
        .containsExactly(tuple("job", ViolationCodes.JOB_MISSING));
  }

  @Test
  void reportsABlankModel() {
    ValidationReport report = validator.validate(VideoJob.builder(" ").prompt("x").build());

    assertThat(report.errors()).extracting(Violation::code).containsExactly(ViolationCodes.MODEL_MISSING);
  }

  @Test
  void anImageUrlNamingThisMachineOrAPrivateNetworkIsWarnedAboutByNameAndStillSent() {
    VideoJob.Builder grok = VideoJob.builder("grok-video-1.5-preview").prompt("the cat walks");

    ValidationReport localhost = validator.validate(grok.images(List.of()).image("http://localhost/x.png").build());

    assertThat(localhost.isValid()).as("a gateway on this machine may serve it: a warning, not an error").isTrue();
    assertThat(localhost.warnings()).singleElement().satisfies(warning -> {
      assertThat(warning.code()).isEqualTo(ViolationCodes.IMAGE_URL_NOT_PUBLIC);
      assertThat(warning.field()).isEqualTo("images[0]");
      assertThat(warning.message()).startsWith("images[0]: http://localhost/x.png names this machine (or a private"
          + " network), which the provider cannot reach").contains("give the file's path and vidgen uploads it");
    });
    for (String url : List.of("http://127.0.0.1:8080/x.png", "https://[::1]/x.png", "http://10.1.2.3/x.png",
        "http://192.168.0.7/x.png", "http://172.16.0.1/x.png", "http://172.31.255.1/x.png", "http://nas.local/x.png",
        "http://files.corp.internal/x.png", "http://169.254.169.254/x.png", "http://LOCALHOST./x.png",
        "http://[fd00::5]/x.png", "http://[fe80::1]/x.png", "http://[::ffff:127.0.0.1]/x.png",
        "http://0.0.0.0/x.png")) {
      assertThat(validator.validate(grok.images(List.of()).image(url).build()).warnings())
          .as(url).extracting(Violation::code).containsExactly(ViolationCodes.IMAGE_URL_NOT_PUBLIC);
    }
    for (String url : List.of("https://example.com/x.png", "http://172.32.0.1/x.png", "http://8.8.8.8/x.png",
        "https://localhost.example.com/x.png", "https://[2001:db8::1]/x.png", "http://11.0.0.1/x.png")) {
      assertThat(validator.validate(grok.images(List.of()).image(url).build()).violations()).as(url).isEmpty();
    }
  }

  @Test
  void aVideoUrlOnThisMachineIsWarnedAboutAsAnImageUrlIs() {
    ValidationReport report = validator.validate(VideoJob.builder("seedance-2-5").prompt("longer")
        .mode(dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT).video(java.net.URI.create("http://192.168.1.20/a.mp4"))
        .build());

    assertThat(report.warnings()).extracting(Violation::code).contains(ViolationCodes.VIDEO_URL_NOT_PUBLIC);
    assertThat(report.errors()).extracting(Violation::code).doesNotContain(ViolationCodes.VIDEO_URL_NOT_PUBLIC);
  }
}
