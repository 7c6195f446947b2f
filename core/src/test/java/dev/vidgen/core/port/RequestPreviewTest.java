package dev.vidgen.core.port;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestPreviewTest {
  @Test
  void theHeadersKeepTheOrderTheProviderGaveSoAPreviewPrintsTheSameEveryTime() {
    Map<String, String> given = new LinkedHashMap<>();
    for (String name : new String[] {"Authorization", "Content-Type", "Accept", "User-Agent", "X-One", "X-Two"}) {
      given.put(name, name.toLowerCase());
    }

    RequestPreview preview = new RequestPreview("POST", "https://example.test/v1", given, "{}");

    assertThat(preview.headers().keySet()).containsExactly("Authorization", "Content-Type", "Accept", "User-Agent",
        "X-One", "X-Two");
    assertThat(preview.toString()).contains("Authorization=authorization, Content-Type=content-type, Accept=accept");
    given.put("X-Three", "later");
    assertThat(preview.headers()).as("a copy, not a view").doesNotContainKey("X-Three");
    assertThatThrownBy(() -> preview.headers().put("X", "y")).isInstanceOf(UnsupportedOperationException.class);
  }
}
