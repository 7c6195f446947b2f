package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How a provider's error reads: its status, its code and its words, each said once. */
class ProviderErrorWordsTest {
  @Test
  void aCodeThatOnlyRepeatsTheStatusIsSaidOnce() {
    assertThat(ProviderErrorDetails.of("toapis", 403, "403", "forbidden").describe())
        .isEqualTo("toapis: HTTP 403: forbidden");
  }

  @Test
  void aCodeOfItsOwnStaysBesideTheStatus() {
    assertThat(ProviderErrorDetails.of("toapis", 401, "authentication_error", "Invalid token").describe())
        .isEqualTo("toapis: HTTP 401 authentication_error: Invalid token");
    assertThat(ProviderErrorDetails.of("toapis", 400, "429", "odd").describe()).as("another status's number")
        .isEqualTo("toapis: HTTP 400 429: odd");
  }
}
