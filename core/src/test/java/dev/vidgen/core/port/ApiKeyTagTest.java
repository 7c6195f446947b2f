package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The tag the task history keeps of a key: the same for the same key, another for another, nothing of the key. */
class ApiKeyTagTest {
  private static final String KEY = "sk-" + "Ab3".repeat(16);

  @Test
  void theTagIsEightHexDigitsThatStayTheSameForTheKeyAndGiveNothingOfIt() {
    String tag = ApiKey.of(KEY).tag();

    assertThat(tag).matches("[0-9a-f]{8}");
    assertThat(ApiKey.of("  " + KEY + "\n").tag()).as("the key as read from a file").isEqualTo(tag);
    assertThat(ApiKey.of(KEY.substring(0, KEY.length() - 1) + "4").tag()).as("one character apart").isNotEqualTo(tag);
    for (int start = 0; start + 4 <= KEY.length(); start++) {
      assertThat(tag).doesNotContain(KEY.substring(start, start + 4));
    }
    assertThat(ApiKey.of(KEY).toString()).doesNotContain(tag).doesNotContain(KEY.substring(3));
  }
}
