package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

  @Test
  void writesDecimalsInPlainNotation() {
    BigDecimal credits = new BigDecimal("0.10").multiply(BigDecimal.valueOf(200)).stripTrailingZeros();

    assertThat(credits.toString()).isEqualTo("2E+1");
    assertThat(Json.write(Map.of("credits", credits))).isEqualTo("{\"credits\":20}");
  }

  @Test
  void keepsKeyOrderAndWritesNulls() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("task_id", "t_1");
    object.put("video_url", null);
    object.put("violations", List.of());
    object.put("ok", true);

    assertThat(Json.write(object)).isEqualTo("{\"task_id\":\"t_1\",\"video_url\":null,\"violations\":[],\"ok\":true}");
  }

  @Test
  void copiesRawJsonOntoOneLineWithNumbersAsGiven() {
    String body = "{\n  \"model\": \"m\",\n  \"seconds\": 10,\n  \"ratio\": 1.50,\n  \"images\": [\"a\", null]\n}";

    String written = Json.write(Map.of("body", Json.rawOrString(body)));

    assertThat(written).isEqualTo("{\"body\":{\"model\":\"m\",\"seconds\":10,\"ratio\":1.50,\"images\":[\"a\",null]}}");
  }

  @Test
  void keepsTextThatIsNotJsonAsAString() {
    assertThat(Json.rawOrString("model=m&seconds=10")).isEqualTo("model=m&seconds=10");
    assertThat(Json.rawOrString("{\"a\":1} trailing")).isEqualTo("{\"a\":1} trailing");
    assertThat(Json.write(Map.of("body", Json.rawOrString("")))).isEqualTo("{\"body\":\"\"}");
  }

  @Test
  void escapesStrings() {
    assertThat(Json.write(Map.of("message", "say \"hi\"\nnow"))).isEqualTo("{\"message\":\"say \\\"hi\\\"\\nnow\"}");
    assertThat(Json.write(Map.of("list", Arrays.asList(1, "two", null)))).isEqualTo("{\"list\":[1,\"two\",null]}");
  }
}
