package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.core.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShortKeyMaskingTest {
  private static final String FACTORY_FAULT = "the provider factory boom (com.example.x.ThrowFactory) failed to make its"
      + " provider: its create(config) threw java.lang.IllegalStateException: boom; fix that factory's jar";
  private static final String BODY = "{\"model\":\"acme-house-1\",\"prompt\":\"a kite\",\"seconds\":5,\"ratio\":\"16:9\"}";

  @Test
  void aKeyTooShortToBeRealLeavesOtherWordsClassNamesAndJsonWhole() {
    assertThat(ApiKey.of("x").maskIn(FACTORY_FAULT)).isEqualTo(FACTORY_FAULT);
    assertThat(ApiKey.of("e").maskIn(BODY)).isEqualTo(BODY);
    assertThat(ApiKey.of("e").maskIn("Content-Type: application/json")).isEqualTo("Content-Type: application/json");
    assertThat(SafeText.clean(FACTORY_FAULT, List.of("x"))).isEqualTo(FACTORY_FAULT);
  }

  @Test
  void aKeyTooShortToBeRealIsStillMaskedWhereItStandsWhole() {
    ApiKey key = ApiKey.of("e");

    assertThat(key.maskIn("X-Acme-Key: e")).isEqualTo("X-Acme-Key: …");
    assertThat(key.maskIn("{\"key\":\"E\",\"prompt\":\"a kite\"}")).isEqualTo("{\"key\":\"…\",\"prompt\":\"a kite\"}");
    assertThat(key.maskIn("https://h/v1?key=e&x=1")).isEqualTo("https://h/v1?key=…&x=1");
    assertThat(key.maskIn("my key is e.")).isEqualTo("my key is ….");
    assertThat(SafeText.mask("token x, again X", List.of("x"))).isEqualTo("token sk-…, again sk-…");
  }

  @Test
  void theKeyInJobCheckFindsAShortKeyExactlyWhereMaskingHidesIt() {
    ApiKey key = ApiKey.of("e");

    assertThat(KeyInJob.find(job("a kite"), key)).as("masking leaves 'a kite' whole").isEmpty();
    List<Violation> found = KeyInJob.find(job("a kite, key e"), key);
    assertThat(found).extracting(Violation::field).containsExactly("prompt");
    assertThat(key.maskIn("a kite, key e")).isEqualTo("a kite, key …");
    assertThat(KeyInJob.find(job("a cathedral"), ApiKey.of("cat"))).isEmpty();
    assertThat(KeyInJob.find(job("a cat in a hat"), ApiKey.of("cat"))).hasSize(1);
  }

  @Test
  void aRealKeyIsStillMaskedInsideOtherWords() {
    String real = "sk-" + "Ab3".repeat(16);
    String eight = "q7Zk2pLm";

    assertThat(ApiKey.of(real).maskIn("id" + real + "tail")).isEqualTo("idsk-…tail");
    assertThat(ApiKey.of(eight).maskIn("com.example." + eight + "x.Factory")).isEqualTo("com.example.…x.Factory");
    assertThat(SafeText.mask("a" + eight + "b", List.of(eight))).isEqualTo("ask-…b");
    assertThat(KeyInJob.find(job("word" + eight + "word"), ApiKey.of(eight))).hasSize(1);
  }

  private static VideoJob job(String prompt) {
    return VideoJob.builder("m").prompt(prompt).build();
  }
}
