package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyMaskTest {
  private static final String KEY = "k/ey+9f8e7d6c5b4a3210==";
  private static final KeyMask MASK = KeyMask.of(KEY, "…");

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void masksTheKeyInClearAndPercentEncodedInEitherCase() {
    String encoded = URLEncoder.encode(KEY, StandardCharsets.UTF_8);
    assertThat(encoded).isEqualTo("k%2Fey%2B9f8e7d6c5b4a3210%3D%3D");

    assertThat(MASK.apply("?key=" + KEY + "&x=1")).isEqualTo("?key=…&x=1");
    assertThat(MASK.apply("?key=" + encoded + "&x=1")).isEqualTo("?key=…&x=1");
    assertThat(MASK.apply("?key=k%2fey%2b9f8e7d6c5b4a3210%3d%3d")).isEqualTo("?key=…");
    assertThat(MASK.apply("?key=k%2Fey+9f8e7d6c5b4a3210==")).as("encoded in part").isEqualTo("?key=…");
  }

  @Test
  void masksTheKeyJsonEscaped() {
    assertThat(MASK.apply("{\"key\":\"k\\/ey+9f8e7d6c5b4a3210==\"}")).isEqualTo("{\"key\":\"…\"}");
    assertThat(MASK.apply("{\"key\":\"k\\u002fey\\u002B9f8e7d6c5b4a3210\\u003d\\u003d\"}"))
        .isEqualTo("{\"key\":\"…\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ":", "user:", "probe-user:"})
  void masksABasicValueWhoseBase64HoldsTheKey(String before) {
    String credentials = before.equals(":") ? KEY + ":" : before + KEY;
    String header = "Authorization: Basic " + base64(credentials);

    assertThat(MASK.apply(header)).isEqualTo("Authorization: Basic …");
    assertThat(MASK.shows(header)).isTrue();
  }

  @Test
  void masksABasicValueUrlSafeJsonEscapedOrPercentEncodedToo() {
    String standard = base64("user:" + KEY);
    String urlSafe = Base64.getUrlEncoder().withoutPadding()
        .encodeToString(("user:" + KEY).getBytes(StandardCharsets.UTF_8));

    assertThat(MASK.apply("-H 'Authorization: basic " + urlSafe + "'")).isEqualTo("-H 'Authorization: basic …'");
    assertThat(MASK.apply("{\"auth\":\"Basic " + standard.replace("/", "\\/") + "\"}"))
        .isEqualTo("{\"auth\":\"Basic …\"}");
    assertThat(MASK.apply("?auth=Basic+" + URLEncoder.encode(standard, StandardCharsets.UTF_8)))
        .isEqualTo("?auth=Basic+…");
  }

  @ParameterizedTest
  @ValueSource(strings = {"k/ey+9f8e7d6c5b4a3210==", "k/ey+9f8e7d6c5b4a3210=", "k/ey+9f8e7d6c5b4a3210", "sk-0123456789ab"})
  void masksTheBase64OfTheKeyAnywhereInEitherAlphabetPaddedOrNot(String key) {
    KeyMask mask = KeyMask.of(key, "…");
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    String standard = Base64.getEncoder().encodeToString(bytes);
    String urlSafe = Base64.getUrlEncoder().encodeToString(bytes);

    for (String encoded : List.of(standard, standard.replace("=", ""), urlSafe, urlSafe.replace("=", ""))) {
      assertThat(mask.apply("Authorization: Bearer " + encoded)).as(encoded).isEqualTo("Authorization: Bearer …");
      assertThat(mask.apply("{\"b64\":\"" + encoded.replace("/", "\\/") + "\",\"n\":1}")).as(encoded)
          .isEqualTo("{\"b64\":\"…\",\"n\":1}");
      assertThat(mask.apply("?t=" + URLEncoder.encode(encoded, StandardCharsets.UTF_8))).as(encoded).isEqualTo("?t=…");
    }
  }

  @Test
  void masksTheBase64OfTextHoldingTheKeyWhereverItsFirstByteFalls() {
    KeyMask mask = KeyMask.of(KEY, "sk-…");
    for (String before : java.util.List.of("", "B", "Be", "Bearer ", "token=")) {
      String encoded = base64(before + KEY + " tail");
      assertThat(mask.shows(encoded)).as("the key after %s", before.isEmpty() ? "nothing" : before).isTrue();
      assertThat(mask.apply(encoded)).as(before).doesNotContain(encoded.substring(12, 28));
    }
    assertThat(mask.shows(base64("no secret here, only words long enough to be a key's Base64"))).isFalse();
  }

  @Test
  void masksTheBase64OfTextBeginningWithTheKeyAsFarAsItHoldsTheKey() {
    // 23 bytes: the last character of the key's own Base64 ('0' of "PT0=") also holds two bits of the '|'
    // that follows here, which make it '1'.
    String encoded = base64(KEY + "|x");
    assertThat(encoded).isEqualTo("ay9leSs5ZjhlN2Q2YzViNGEzMjEwPT18eA==");

    assertThat(MASK.apply("X-Token: " + encoded)).isEqualTo("X-Token: …8eA==");
  }

  @Test
  void masksTheKeyPercentEncodedTwice() {
    String twice = URLEncoder.encode(URLEncoder.encode(KEY, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    assertThat(twice).isEqualTo("k%252Fey%252B9f8e7d6c5b4a3210%253D%253D");

    assertThat(MASK.apply("?next=%2Fv1%3Fkey%3D" + twice)).isEqualTo("?next=%2Fv1%3Fkey%3D…");
    assertThat(MASK.apply("?key=k%252fey%252b9f8e7d6c5b4a3210%253d%253d")).isEqualTo("?key=…");
  }

  @Test
  void masksTheKeyInAHeaderName() {
    assertThat(MASK.apply("X-Key-" + KEY)).isEqualTo("X-Key-…");
    assertThat(MASK.apply("X-Key-" + base64(KEY))).isEqualTo("X-Key-…");
  }

  @Test
  void aShortKeysBase64IsNotLookedForButTheKeyIs() {
    KeyMask shortKey = KeyMask.of("sk-x", "…");

    assertThat(shortKey.apply("c2steA== and sk-x")).isEqualTo("c2steA== and …");
  }

  @Test
  void leavesTextWithoutTheKeyAsItIs() {
    String otherBasic = "Authorization: Basic " + base64("user:another-secret");
    String near = "k/ey+9f8e7d and more"; // 11 of the key's first characters: too short to tell from other text
    String otherBase64 = base64("k/ey+9f8e7d6c5b4a3211==");

    assertThat(MASK.apply(otherBasic)).isEqualTo(otherBasic);
    assertThat(MASK.apply("Basic not*base64")).isEqualTo("Basic not*base64");
    assertThat(MASK.apply(near)).as("fewer than 12 of the key's first characters").isEqualTo(near);
    assertThat(MASK.shows(otherBasic)).isFalse();
    assertThat(MASK.apply("Bearer " + otherBase64)).as("the Base64 of another key").isEqualTo("Bearer " + otherBase64);
    assertThat(MASK.apply(null)).isNull();
    assertThat(MASK.shows(null)).isFalse();
  }

  @Test
  void twelveOrMoreOfTheKeysFirstCharactersAreMaskedWhateverFollowsThem() {
    assertThat(MASK.apply("k/ey+9f8e7d6c5b4a3210= and more")).as("one '=' short, then a space").isEqualTo("… and more");
    assertThat(MASK.apply("(k/ey+9f8e7d6), k/ey+9f8e7d6c5***")).isEqualTo("(…), …***");
  }

  @Test
  void aBlankSecretIsRefused() {
    assertThatThrownBy(() -> KeyMask.of(" ", "…")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
  }
}
