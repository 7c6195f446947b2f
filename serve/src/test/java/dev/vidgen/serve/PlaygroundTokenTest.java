package dev.vidgen.serve;

import static dev.vidgen.serve.PlaygroundFixture.JSON;
import static dev.vidgen.serve.PlaygroundFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.serve.PlaygroundFixture.Answer;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only the person vidgen serve printed its address to may use the playground: another user of the machine, who can
 * reach its port, gets 401 and nothing of it (no create on the key, no history, no video, no upload).
 */
class PlaygroundTokenTest {
  private static final String MODEL = "grok-video-1.5-preview";
  private static final String WORDS = "open the address vidgen serve printed (it holds the playground's token)";

  @TempDir Path folder;

  private final FakeToApisServer fake = FakeToApisServer.builder().lifecycle(Duration.ZERO, Duration.ofMinutes(5))
      .start();
  @RegisterExtension final PlaygroundFixture on = new PlaygroundFixture(() -> folder, fake);
  /** A client that follows no redirect and keeps no cookie: each answer as the server gave it. */
  private final OkHttpClient plain = new OkHttpClient.Builder().followRedirects(false).callTimeout(Duration.ofSeconds(20))
      .build();

  @Test
  void anotherLocalUserWithoutTheTokenSpendsNothingAndReadsNothing() throws IOException {
    on.startOnFake(MODEL);
    String upload = on.uploadId(Files.readAllBytes(PlaygroundServerTest.productPng()), "product.png");
    String owners = "{\"model\":\"" + MODEL + "\",\"prompt\":\"the owner's own take\",\"seconds\":10,"
        + "\"images\":[{\"upload\":\"" + upload + "\"}]}";
    assertThat(on.answer("/api/generate", owners).status()).isEqualTo(201);
    assertThat(fake.creates()).hasSize(1);
    Files.write(folder.resolve("videos/video_owner.mp4"), new byte[] {0, 0, 0, 24});
    String token = on.playground().token().reveal();
    String spend = "{\"model\":\"" + MODEL + "\",\"prompt\":\"spent by another user\",\"seconds\":10,"
        + "\"images\":[{\"upload\":\"" + upload + "\"}],\"again\":true}";

    for (String header : List.of("", "wrong-token-0123456789abcdefghij", token.substring(0, token.length() - 1))) {
      List<Request> asked = List.of(
          withToken(on.withoutToken("/api/generate").post(RequestBody.create(spend, JSON)), header),
          withToken(on.withoutToken("/api/history"), header),
          withToken(on.withoutToken("/api/balance"), header),
          withToken(on.withoutToken("/videos/video_owner.mp4"), header),
          withToken(on.withoutToken("/uploads/" + upload), header),
          withToken(on.withoutToken("/api/events").header("Accept", "text/event-stream"), header));
      for (Request request : asked) {
        Answer answer = on.answer(request);
        assertThat(answer.status()).as(request.url() + " with token '" + header + "'").isEqualTo(401);
        assertThat(answer.body()).as(request.url().toString()).contains("\"code\":\"token_required\"", WORDS)
            .doesNotContain("the owner's own take", token);
      }
    }
    assertThat(fake.creates()).as("no create reached the key").hasSize(1);
    assertThat(on.answer(on.withoutToken("/api/generate").post(RequestBody.create(spend, JSON)).build()).body())
        .as("a refused Generate says that nothing was sent").contains("\"sent\":\"no\"");
  }

  @Test
  void thePrintedAddressSetsTheCookieAndTakesTheTokenOutOfTheAddressBar() throws IOException {
    Playground playground = on.startOnFake(MODEL);
    String token = playground.token().reveal();
    assertThat(playground.url().toString()).isEqualTo("http://127.0.0.1:" + playground.port() + "/?token=" + token);

    try (Response opened = plain.newCall(new Request.Builder().url(playground.url().toString()).build()).execute()) {
      assertThat(opened.code()).isEqualTo(303);
      assertThat(opened.header("Location")).isEqualTo("/");
      assertThat(opened.header("Set-Cookie")).isEqualTo("vidgen_token_" + playground.port() + "=" + token
          + "; Path=/; HttpOnly; SameSite=Lax");
    }
    String cookie = "vidgen_token_" + playground.port() + "=" + token;
    for (String path : List.of("/", "/app.js", "/api/history", "/api/models")) {
      try (Response page = plain.newCall(on.withoutToken(path).header("Cookie", cookie).build()).execute()) {
        assertThat(page.code()).as(path).isEqualTo(200);
      }
    }
    try (Response page = plain.newCall(on.withoutToken("/").build()).execute()) {
      assertThat(page.code()).as("the page without its cookie").isEqualTo(401);
      assertThat(page.header("Content-Type")).startsWith("text/html");
      assertThat(page.body().string()).contains("open the address vidgen serve printed").doesNotContain(token);
    }
    try (Response stale = plain.newCall(on.withoutToken("/?token=an-earlier-runs-token-0123456789")
        .header("Cookie", cookie).build()).execute()) {
      assertThat(stale.code()).as("an address with another token").isEqualTo(401);
      assertThat(stale.header("Set-Cookie")).isNull();
    }
    try (Response other = plain.newCall(on.withoutToken("/api/history")
        .header("Cookie", "vidgen_token_" + (playground.port() + 1) + "=" + token).build()).execute()) {
      assertThat(other.code()).as("the cookie of a playground on another port").isEqualTo(401);
    }
  }

  @Test
  void aScriptSendsTheTokenInItsHeader() {
    on.startOnFake(MODEL);
    assertThat(json(on.get("/api/history")).get("tasks")).isEqualTo(List.of());
    assertThat(on.answer(on.request("/api/models").build()).status()).isEqualTo(200);
  }

  @Test
  void aTokenGivenByTheCallerIsTheOneAskedAndNeverShown() {
    PlaygroundToken given = PlaygroundToken.of("given-by-the-caller-0123456789");
    on.client(on.toApisClient().build());
    PlaygroundSettings settings = new PlaygroundSettings(on.client(), "127.0.0.1", 0, folder, on.history(), MODEL,
        List.of(), null, null, null, given);
    Playground playground = on.start(settings);

    assertThat(playground.url().toString()).endsWith("/?token=given-by-the-caller-0123456789");
    assertThat(on.answer(on.withoutToken("/api/history").header(PlaygroundToken.HEADER,
        "given-by-the-caller-0123456789").build()).status()).isEqualTo(200);
    assertThat(settings.toString()).doesNotContain("given-by-the-caller-0123456789");
    assertThat(PlaygroundToken.random().reveal()).as("256 bits, URL-safe").matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(PlaygroundToken.random().reveal());
    assertThatThrownBy(() -> PlaygroundToken.of("short-secret")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 22 characters").message().doesNotContain("short-secret");
    assertThatThrownBy(() -> PlaygroundToken.of("has spaces and / slashes 0123456789"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Request withToken(Request.Builder request, String token) {
    return (token.isEmpty() ? request : request.header(PlaygroundToken.HEADER, token)).build();
  }
}
