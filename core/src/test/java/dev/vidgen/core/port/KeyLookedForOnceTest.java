package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The key-in-job check hands its masked text on to {@link ApiKey#isIn}, which then answers as it does alone. */
class KeyLookedForOnceTest {
  private static final String REAL = "sk-" + "Ab3".repeat(16);

  @Test
  void isInGivenTheMaskedTextAnswersAsIsInAloneForEveryFormOfTheKey() {
    List<ApiKey> keys =
        List.of(ApiKey.of(REAL), ApiKey.of("q7Zk2pLm"), ApiKey.of("e"), ApiKey.of("zk_live_0123456789ab"));
    for (ApiKey key : keys) {
      String value = key.reveal();
      String once = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("-", "%2D").replace("_", "%5F");
      List<String> texts = List.of("a kite over the sea", "", "token " + value, "id" + value + "tail",
          "TOKEN " + value.toUpperCase(Locale.ROOT), "https://h/v1?key=" + once,
          "https://h/v1?key=" + URLEncoder.encode(URLEncoder.encode(once, StandardCharsets.UTF_8),
              StandardCharsets.UTF_8),
          "Basic " + Base64.getEncoder().encodeToString(("user:" + value).getBytes(StandardCharsets.UTF_8)),
          "secret part " + value.substring(Math.min(3, value.length() - 1)), "a cat in a hat, key e.", "100% sure");
      for (String text : texts) {
        assertThat(key.isIn(text, key.maskIn(text))).as("%s in %s", key, text).isEqualTo(key.isIn(text));
        assertThat(key.isIn(text, null)).as("%s in %s, nothing given", key, text).isEqualTo(key.isIn(text));
      }
    }
    assertThat(ApiKey.of(REAL).isIn(null, null)).isFalse();
  }
}
