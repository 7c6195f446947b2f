package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.RequestPreview;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandsTest {
  @Test
  void quotesEveryWordForAPosixShell() {
    assertThat(Commands.quote("16:9")).isEqualTo("16:9");
    assertThat(Commands.quote("it's $HOME")).isEqualTo("'it'\\''s $HOME'");
    assertThat(Commands.quote("")).isEqualTo("''");
  }

  @Test
  void writesTheJobAsAVidgenCommandThatReadsItBack() {
    VideoJob job = VideoJob.builder("wan-2.6").prompt("a kite; rises").image(Path.of("/tmp/up/a b.png"))
        .seconds(5).aspectRatio("16:9").param("seed", 42L).param("tag", "123").param("style", "calm").build();
    assertThat(Commands.vidgen(job, List.of("--provider", "mock"))).isEqualTo(
        "vidgen generate --model wan-2.6 --prompt 'a kite; rises' --image '/tmp/up/a b.png' --seconds 5"
            + " --aspect-ratio 16:9 --param seed=42 --param 'tag=\"123\"' --param style=calm --provider mock");
  }

  @Test
  void writesALocalVideoThisSystemCannotNameByItsNameInsteadOfFailing() {
    // Under LC_ALL=C, Java 17 cannot make a path of "ürün.mp4"; a NUL makes the same refusal in any locale.
    VideoJob job = VideoJob.builder("seedance-2-5").prompt("a kite").video(java.net.URI.create("file:///clips/u%00.mp4"))
        .build();

    assertThat(Commands.vidgen(job, List.of())).contains("--video", "/clips/u");
  }

  @Test
  void writesCurlWithTheKeyLeftToTheShell() {
    RequestPreview preview = new RequestPreview("POST", "https://toapis.com/v1/videos/generations",
        Map.of("Authorization", "Bearer sk-…", "Content-Type", "application/json"), "{\"model\":\"m\"}");
    String curl = Commands.curl(preview, VideoJob.builder("m").image("https://cdn.example.com/a.png").build(),
        "TOAPIS_API_KEY");
    assertThat(curl).isEqualTo("curl -X POST https://toapis.com/v1/videos/generations \\\n"
        + "  -H \"Authorization: Bearer $TOAPIS_API_KEY\" \\\n"
        + "  -H 'Content-Type: application/json' \\\n"
        + "  --data-raw '{\"model\":\"m\"}'");
  }

  @Test
  void writesCurlWithTheChosenProvidersOwnKeyVariable() {
    RequestPreview preview = new RequestPreview("POST", "https://api.acme.example/v1/videos",
        Map.of("Authorization", "Bearer …"), "{}");
    assertThat(Commands.curl(preview, VideoJob.builder("m").build(), "ACME_API_KEY"))
        .contains("-H \"Authorization: Bearer $ACME_API_KEY\"").doesNotContain("TOAPIS");
  }

  @Test
  void writesTheProvidersVariableWhereverThePreviewShowsItsMaskedKeyAndSaysWhyNotWithoutOne() {
    RequestPreview preview = new RequestPreview("POST", "https://gw.house.example/api/submit?k=hq-…",
        Map.of("X-House-Key", "hq-…", "X-Auth", "Key=hq-…; v=1", "Content-Type", "application/json"), "{}");
    VideoJob job = VideoJob.builder("m").build();

    KeyPlaces places = new KeyPlaces("hq-…", java.util.Set.of("X-House-Key", "X-Auth"), true);

    assertThat(Commands.curl(preview, job, "HOUSE_API_KEY", BasicCredentials.OTHER, places))
        .contains("curl -X POST \"https://gw.house.example/api/submit?k=$HOUSE_API_KEY\"",
            "-H \"X-House-Key: $HOUSE_API_KEY\"", "-H \"X-Auth: Key=$HOUSE_API_KEY; v=1\"")
        .doesNotContain("hq-…", "Authorization", "#");
    assertThat(Commands.curl(preview, job, null, BasicCredentials.OTHER, places))
        .startsWith("# Not runnable as copied: the X-Auth header, the X-House-Key header and the URL show the key"
            + " masked, and the provider names no variable to read it from;\n")
        .doesNotContain("$null");
  }

  @Test
  void keepsTheSchemeOfThePreviewsKeyHeader() {
    VideoJob job = VideoJob.builder("m").build();
    RequestPreview token = new RequestPreview("POST", "https://api.acme.example/v1/videos",
        Map.of("Authorization", "Token …"), "{}");
    RequestPreview bare = new RequestPreview("POST", "https://api.acme.example/v1/videos",
        Map.of("authorization", "…"), "{}");

    assertThat(Commands.curl(token, job, "ACME_API_KEY")).contains("-H \"Authorization: Token $ACME_API_KEY\"")
        .doesNotContain("Bearer");
    assertThat(Commands.curl(bare, job, "ACME_API_KEY")).contains("-H \"authorization: $ACME_API_KEY\"")
        .doesNotContain("Bearer");
  }

  @Test
  void writesBasicCredentialsThatAreTheKeyAsTheShellEncodesThem() {
    RequestPreview preview = new RequestPreview("POST", "https://api.acme.example/v1/videos",
        Map.of("Authorization", "BASIC …"), "{}");
    VideoJob job = VideoJob.builder("m").build();

    assertThat(Commands.curl(preview, job, "ACME_API_KEY", BasicCredentials.KEY))
        .contains("-H \"Authorization: BASIC $(printf '%s' \"$ACME_API_KEY\" | base64 | tr -d '\\n')\"")
        .doesNotContain("Bearer", "#");
    assertThat(Commands.curl(preview, job, "ACME_API_KEY", BasicCredentials.KEY_AND_EMPTY_PASSWORD))
        .contains("-H \"Authorization: BASIC $(printf '%s:' \"$ACME_API_KEY\" | base64 | tr -d '\\n')\"");
    assertThat(Commands.curl(preview, job, "ACME_API_KEY", BasicCredentials.OTHER)).startsWith(
            "# The Authorization header stands as the preview showed it, masked:\n"
                + "# put in its credentials as the provider documents them, with the key from $ACME_API_KEY.\n"
                + "curl -X POST")
        .contains("-H 'Authorization: BASIC …'").doesNotContain("Bearer", "printf");
  }

  @Test
  void tellsBasicCredentialsThatAreTheKeyFromOthers() {
    dev.vidgen.core.port.ApiKey key = dev.vidgen.core.port.ApiKey.of("k/ey+9f8e7d6c5b4a3210==");
    java.util.function.Function<String, RequestPreview> basic = credentials -> new RequestPreview("POST",
        "https://a.example", Map.of("authorization", "basic " + java.util.Base64.getUrlEncoder().withoutPadding()
            .encodeToString(credentials.getBytes(java.nio.charset.StandardCharsets.UTF_8))), "{}");

    assertThat(BasicCredentials.of(basic.apply(key.reveal()), key)).isEqualTo(BasicCredentials.KEY);
    assertThat(BasicCredentials.of(basic.apply(key.reveal() + ":"), key))
        .isEqualTo(BasicCredentials.KEY_AND_EMPTY_PASSWORD);
    assertThat(BasicCredentials.of(basic.apply("user:" + key.reveal()), key)).isEqualTo(BasicCredentials.OTHER);
    assertThat(BasicCredentials.of(basic.apply(key.reveal()), null)).as("no key to compare with")
        .isEqualTo(BasicCredentials.OTHER);
    assertThat(BasicCredentials.of(new RequestPreview("POST", "https://a.example",
        Map.of("Authorization", "Basic …"), "{}"), key)).as("masked by the provider").isEqualTo(BasicCredentials.OTHER);
  }

  @Test
  void givesEachCopiedCreateAClientReferenceOfItsOwnInsteadOfThePreviewsStandIn() {
    RequestPreview preview = new RequestPreview("POST", "https://toapis.com/v1/videos/generations",
        Map.of("Content-Type", "application/json"),
        "{\"model\":\"seedance-2\",\"client_business_id\":\"" + RequestPreview.STAND_IN_REFERENCE + "\"}");

    String curl = Commands.curl(preview, VideoJob.builder("seedance-2").build(), "TOAPIS_API_KEY");

    assertThat(curl).startsWith("# A client reference of this create's own, to look its task up by later\n"
            + "REF=vg-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \\n')\ncurl -X POST")
        .endsWith("--data-raw '{\"model\":\"seedance-2\",\"client_business_id\":\"'\"$REF\"'\"}'")
        .doesNotContain(RequestPreview.STAND_IN_REFERENCE);
  }

  @Test
  void writesTheUploadOfEachLocalImageBeforeTheCreateThatSendsItsUrl() {
    RequestPreview preview = new RequestPreview("POST", "http://127.0.0.1:9/v1/videos/generations",
        Map.of("Authorization", "Bearer sk-…", "Content-Type", "application/json"),
        "{\"images\":[\"upload://a b.png\",\"https://cdn.example.com/c.png\",\"upload://d.png\"]}");
    VideoJob job = VideoJob.builder("m").image(Path.of("/tmp/up/a b.png")).image("https://cdn.example.com/c.png")
        .image(Path.of("/tmp/up/d.png")).build();

    String curl = Commands.curl(preview, job, "TOAPIS_API_KEY");

    assertThat(curl).contains(
        "IMAGE_1=$(curl -sS --fail -X POST http://127.0.0.1:9/v1/uploads/images \\\n"
            + "  -H \"Authorization: Bearer $TOAPIS_API_KEY\" \\\n  -F 'file=@/tmp/up/a b.png' \\\n  | sed ",
        "IMAGE_2=$(curl -sS --fail -X POST http://127.0.0.1:9/v1/uploads/images \\\n",
        "-F file=@/tmp/up/d.png",
        "[ -n \"$IMAGE_1\" ] && [ -n \"$IMAGE_2\" ] && curl -X POST http://127.0.0.1:9/v1/videos/generations",
        "--data-raw '{\"images\":[\"'\"$IMAGE_1\"'\",\"https://cdn.example.com/c.png\",\"'\"$IMAGE_2\"'\"]}'")
        .doesNotContain("upload://", "sk-");
  }

  @Test
  void saysWhatToUploadFirstWhereTheProviderHasNoAddress() {
    RequestPreview preview = new RequestPreview("POST", "mock://videos/generations", Map.of(),
        "{\"images\":[\"upload://product.png\"]}");
    String curl = Commands.curl(preview, VideoJob.builder("m").image(Path.of("/x/product.png")).build(),
        "ACME_API_KEY");
    assertThat(curl).contains("# The mock provider answers only inside vidgen", "# Upload product.png first and put its"
        + " URL where the body says upload://product.png").doesNotContain("IMAGE_1");
  }
}
