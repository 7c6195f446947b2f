package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProviderConfigTest {
  private static final String KEY = "sk-" + "k".repeat(48);
  private static final String OTHER = "sk-" + "o".repeat(48);

  @Test
  void toStringShowsNeitherTheKeyNorASecretSettingNorAKeyShapedValue() {
    ProviderConfig config = ProviderConfig.builder().apiKey(KEY).set("base_url", "https://api.example.com")
        .set("webhook.secret", "whsec-plain-words").set("x.note", "copy of " + OTHER).set("timeout.read", "30s").build();

    assertThat(config.toString()).contains("base_url=https://api.example.com", "timeout.read=30s", "webhook.secret=…")
        .doesNotContain(KEY, OTHER, "whsec-plain-words");
  }

  @Test
  void toStringHidesAUrlsUserInfoQueryAndFragment() {
    ProviderConfig config = ProviderConfig.builder().baseUrl("https://bob:hunter2@toapis.example/v1?sig=abc123#frag")
        .set("proxy", "http://proxy.example:3128").build();

    assertThat(config.toString()).contains("base_url=https://…@toapis.example/v1?…", "proxy=http://proxy.example:3128")
        .doesNotContain("bob", "hunter2", "abc123", "frag");
  }
}
