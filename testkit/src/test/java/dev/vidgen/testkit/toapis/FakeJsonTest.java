package dev.vidgen.testkit.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FakeJsonTest {
  @Test
  void keepsStringsAndNumbersApart() {
    Map<?, ?> body = (Map<?, ?>) FakeJson.parse("{\"seconds\":\"10\",\"duration\":10,\"ratio\":1.5,\"on\":true,\"none\":null}");

    assertThat(body.get("seconds")).isEqualTo("10");
    assertThat(body.get("duration")).isEqualTo(10L);
    assertThat(body.get("ratio")).isEqualTo(new BigDecimal("1.5"));
    assertThat(body.get("on")).isEqualTo(Boolean.TRUE);
    assertThat(body.get("none")).isSameAs(FakeJson.NULL);
  }

  @Test
  void writesWhatItReadsInTheSameOrder() {
    String text = "{\"model\":\"m\",\"images\":[\"a\",\"b\\\"c\"],\"nested\":{\"x\":[1,2.5,false,null]},\"t\":\"line\\nbreak\"}";

    assertThat(FakeJson.write(FakeJson.parse(text))).isEqualTo(text);
    assertThat(FakeJson.write(List.of("\u0001"))).isEqualTo("[\"\\u0001\"]");
  }

  @Test
  void refusesBrokenJsonSayingWhere() {
    assertThatThrownBy(() -> FakeJson.parse("{\"id\":\"video_broken\",\"status\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed JSON at character");
    assertThatThrownBy(() -> FakeJson.parse("{} extra")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FakeJson.parse("{\"a\":tru}")).isInstanceOf(IllegalArgumentException.class);
  }
}
