package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.text.SafeText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A server's text that splits the key with a line break, a tab or a terminal's escape sequence, or cuts it off, still
 * shows it masked: raw, as {@link SafeText#escape} shows it, and as JSON writes it.
 */
class SplitAndCutKeyMaskingTest {
  private static final String KEY = "sk-trial-cba0yRI1t1d2bB8NTkfC0S3WLIKVI1uysFdoXK8DIv";
  private static final ApiKey API_KEY = ApiKey.of(KEY);
  private static final String HEAD = "sk-trial-cba0y";
  private static final String TAIL = "RI1t1d2bB8NTkfC0S3WLIKVI1uysFdoXK8DIv";
  /** Shaped as trial GO's key: no run of 20 letters and digits, so only the key's own mask can hide a piece of it. */
  private static final String WORD_KEY = "sk-trialGO-Wz6n9e4gKwjAQF67mXL-p4Tq8vR2sY6u-W1xZ3cA";
  private static final ApiKey WORD_API_KEY = ApiKey.of(WORD_KEY);

  /** What a user sees: the server's words made safe as the provider does it, the key masked, controls escaped. */
  private static String shown(String text) {
    return SafeText.clean(text, List.of(KEY), API_KEY::maskIn);
  }

  /** {@link #shown} for {@link #WORD_KEY}. */
  private static String shownOfWordKey(String text) {
    return SafeText.clean(text, List.of(WORD_KEY), WORD_API_KEY::maskIn);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\t", "\u001b[0m", "\u0000", "\u001b[1;31m\n", "\u0085", "\u200b"})
  void aKeySplitByAControlCharacterOrEscapeSequenceIsMasked(String between) {
    String said = "bad token " + HEAD + between + TAIL + " given";

    assertThat(shown(said)).isEqualTo("bad token sk-… given");
    assertThat(API_KEY.maskIn(said)).isEqualTo("bad token sk-… given");
    assertThat(API_KEY.isIn(said)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"\n", "\r\n", "\t", "\u001b[0m", "\u0000"})
  void aKeySplitSoIsMaskedInTheEscapedFormsTooWhateverTheOrder(String between) {
    String escaped = SafeText.escape("token=" + HEAD + between + TAIL + " end");
    assertThat(escaped).doesNotContain(between);

    assertThat(API_KEY.maskIn(escaped)).isEqualTo("token=sk-… end");
    assertThat(shown(escaped)).isEqualTo("token=sk-… end");
  }

  @Test
  void aKeySplitByJsonEscapesOfAControlIsMasked() {
    assertThat(API_KEY.maskIn("{\"message\":\"bad token " + HEAD + "\\n" + TAIL + " given\"}"))
        .isEqualTo("{\"message\":\"bad token sk-… given\"}");
    assertThat(API_KEY.maskIn("{\"message\":\"" + HEAD + "\\u001b[0m" + TAIL + "\"}"))
        .isEqualTo("{\"message\":\"sk-…\"}");
    assertThat(API_KEY.maskIn("\"error\":\"token " + HEAD + "\\\\n" + TAIL + "\"")).as("escaped, then in JSON")
        .isEqualTo("\"error\":\"token sk-…\"");
  }

  @Test
  void theSecretPartAloneSplitByALineBreakIsMasked() {
    assertThat(shown("token trial-cba0y\n" + TAIL + " given")).isEqualTo("token … given");
  }

  @Test
  void aPercentEncodedKeyCutByAClipIsMasked() {
    String percent = percentEncodedAll(KEY);
    String page = "502 Bad Gateway upstream auth Bearer sk-… / " + percent;
    String excerpt = page.substring(0, 153) + "…";
    assertThat(excerpt).contains("%73%6B%2D%74%72%69%61%6C");

    assertThat(shown(excerpt)).isEqualTo("502 Bad Gateway upstream auth Bearer sk-… / sk-…");
    assertThat(shown(SafeText.clip(page, 150))).startsWith("502 Bad Gateway upstream auth Bearer sk-… / sk-…")
        .doesNotContain("%73%6B%2D");
    assertThat(shown(page.substring(0, 153))).as("cut at the text's end").endsWith("/ sk-…");
  }

  @Test
  void aCutKeyInClearIsMaskedFromTwelveCharactersOn() {
    assertThat(shown("the answer began: token " + KEY.substring(0, 12) + "…")).isEqualTo("the answer began: token sk-…");
    assertThat(shown("the answer began: token " + KEY.substring(0, 11) + "…"))
        .as("fewer than 12 characters of the key's start stay").isEqualTo("the answer began: token sk-trial-cb…");
    assertThat(API_KEY.maskIn("token " + KEY.substring(0, 30) + " and more")).as("the text going on after it")
        .isEqualTo("token sk-… and more");
  }

  @Test
  void aKeyCutInHexAtTheTextsEndOrBeforeAnEllipsisIsMasked() {
    assertThat(shown("Bad gateway for token " + hex(KEY.substring(0, 20)))).isEqualTo("Bad gateway for token sk-…");
    assertThat(shown("Bad gateway for token " + hex(KEY.substring(0, 14)).toUpperCase(Locale.ROOT) + "  "))
        .as("upper case, white space after").isEqualTo("Bad gateway for token sk-…  ");
    assertThat(shown("token " + hex(KEY.substring(0, 30)) + "…")).isEqualTo("token sk-…");
    assertThat(shown("token " + hex(KEY.substring(0, 45)) + "… (task video_1)")).isEqualTo("token sk-… (task video_1)");
    assertThat(shown("token " + hex(KEY.substring(0, 20)) + "7…")).as("cut inside a byte").isEqualTo("token sk-…");
    assertThat(API_KEY.isIn("token " + hex(KEY.substring(0, 20)))).isTrue();
  }

  @Test
  void aKeyCutBeforeThreeDotsIsMaskedInClearPercentEncodedJsonEscapedAndHex() {
    assertThat(API_KEY.maskIn("token " + KEY.substring(0, 30) + "...")).isEqualTo("token sk-…");
    assertThat(shown("token " + KEY.substring(0, 20) + "... (task video_1)")).isEqualTo("token sk-… (task video_1)");
    assertThat(shown("token " + percentEncodedAll(KEY.substring(0, 25)) + "...")).isEqualTo("token sk-…");
    assertThat(API_KEY.maskIn("{\"message\":\"token " + KEY.substring(0, 12).replace("-", "\\u002d") + "...\"}"))
        .as("JSON-escaped").isEqualTo("{\"message\":\"token sk-…\"}");
    assertThat(shown("token " + hex(KEY.substring(0, 30)) + "...")).isEqualTo("token sk-…");
    assertThat(API_KEY.maskIn("bad token " + KEY.substring(0, 25) + "... and more")).isEqualTo("bad token sk-… and more");
  }

  @Test
  void twoDotsOrSpacedDotsAreACutTooWhileFewerThanTwelveCharactersStay() {
    assertThat(shown("token " + KEY.substring(0, 20) + "..")).isEqualTo("token sk-…");
    assertThat(shown("token " + KEY.substring(0, 20) + " . . .")).isEqualTo("token sk-… . . .");
    assertThat(shown("token " + KEY.substring(0, 11) + "...")).as("fewer than 12 characters")
        .isEqualTo("token " + KEY.substring(0, 11) + "...");
    assertThat(shown("token " + hex(KEY.substring(0, 11)) + "...")).as("fewer than 12 characters in hex")
        .isEqualTo("token " + hex(KEY.substring(0, 11)) + "...");
    assertThat(API_KEY.maskIn("token " + hex(KEY.substring(0, 20)) + " and more")).as("the text going on after it")
        .isEqualTo("token sk-… and more");
    String ordinary = "Loading... please wait. . . done.. ok";
    assertThat(API_KEY.maskIn(ordinary)).isSameAs(ordinary);
  }

  /** Trial GO's table: a piece of the key's start printed as a word, then a space, a comma, a bracket or stars. */
  @ParameterizedTest
  @ValueSource(ints = {12, 16, 20, 30})
  void aPieceOfTheKeysStartIsMaskedWhateverFollowsIt(int length) {
    String piece = WORD_KEY.substring(0, length);
    for (String after : List.of(" (revoked)", ", please rotate", ") for this model", "***", "*** (revoked)", "/v1")) {
      assertThat(shownOfWordKey("bad token " + piece + after)).as("then %s", after).isEqualTo("bad token sk-…" + after);
    }
    assertThat(shownOfWordKey("upstream rejected token (" + piece + "); ask support"))
        .isEqualTo("upstream rejected token (sk-…); ask support");
    assertThat(WORD_API_KEY.isIn("bad token " + piece + " (revoked)")).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {12, 16, 20, 30})
  void aPieceOfTheKeysStartInHexPercentEncodedOrJsonEscapedIsMaskedWhateverFollowsIt(int length) {
    String piece = WORD_KEY.substring(0, length);

    assertThat(shownOfWordKey("bad token " + hex(piece) + " end")).isEqualTo("bad token sk-… end");
    assertThat(shownOfWordKey("bad token " + hex(piece).toUpperCase(Locale.ROOT) + ", end")).as("upper-case hex")
        .isEqualTo("bad token sk-…, end");
    assertThat(shownOfWordKey("bad token " + hex(piece) + "*** end")).isEqualTo("bad token sk-…*** end");
    assertThat(shownOfWordKey("bad token " + percentEncodedAll(piece) + " end")).isEqualTo("bad token sk-… end");
    assertThat(shownOfWordKey("?token=" + percentEncodedAll(piece) + "%20%28revoked%29"))
        .isEqualTo("?token=sk-…%20%28revoked%29");
    assertThat(WORD_API_KEY.maskIn("{\"message\":\"token " + piece.replace("-", "\\u002d") + " (revoked)\"}"))
        .as("JSON-escaped").isEqualTo("{\"message\":\"token sk-… (revoked)\"}");
  }

  @Test
  void elevenCharactersOfTheKeysStartAndOrdinarySkWordsStayAsTheyAre() {
    String eleven = "bad token " + WORD_KEY.substring(0, 11) + " (revoked), " + WORD_KEY.substring(0, 11) + "*** and "
        + hex(WORD_KEY.substring(0, 11)) + " end";
    assertThat(WORD_API_KEY.maskIn(eleven)).as("too short to tell from other text").isSameAs(eleven);
    String ordinary = "models sk-video-2-pro, sk-trialGO-X and sk-trialGO-wz6n (stand-ins), sk- (revoked)";
    assertThat(WORD_API_KEY.maskIn(ordinary)).as("12 characters that are not the key's start").isSameAs(ordinary);
    assertThat(shownOfWordKey(ordinary)).isEqualTo(ordinary);
  }

  @Test
  void theKeyInHexIsMaskedAndFoundInEitherCase() {
    String hex = HexFormat.of().formatHex(KEY.getBytes(StandardCharsets.UTF_8));

    assertThat(API_KEY.maskIn("prompt " + hex + " end")).isEqualTo("prompt sk-… end");
    assertThat(API_KEY.maskIn("prompt " + hex.toUpperCase(Locale.ROOT))).isEqualTo("prompt sk-…");
    assertThat(API_KEY.isIn("a kite, " + hex)).isTrue();
  }

  @Test
  void ordinaryMultiLineTextStaysAsItIs() {
    String text = "line one\nline two\tsk-video-2-pro\u001b[0m done…";

    assertThat(API_KEY.maskIn(text)).isSameAs(text);
    assertThat(URLEncoder.encode(text, StandardCharsets.UTF_8)).isEqualTo(API_KEY.maskIn(
        URLEncoder.encode(text, StandardCharsets.UTF_8)));
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String percentEncodedAll(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      encoded.append(String.format("%%%02X", b & 0xFF));
    }
    return encoded.toString();
  }
}
