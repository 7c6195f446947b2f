package dev.vidgen.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreesTest {

  @Test
  void numbersComeBackOutExactlyAsTheyWentIn() {
    String text = "{\"x\":1,\"price\":0.05,\"big\":12345678901234567890,\"e\":1.5E3,\"neg\":-7}";

    Object tree = JsonTrees.parse(text);

    assertThat(tree).isInstanceOf(Map.class);
    assertThat(((Map<?, ?>) tree).get("x")).isEqualTo(1L);
    assertThat(((Map<?, ?>) tree).get("price")).isEqualTo(new BigDecimal("0.05"));
    assertThat(JsonTrees.write(tree))
        .isEqualTo("{\"x\":1,\"price\":0.05,\"big\":12345678901234567890,\"e\":1500,\"neg\":-7}");
  }

  @Test
  void keysKeepDocumentOrderAndNullsAreWritten() {
    Map<String, Object> object = new LinkedHashMap<>();
    object.put("b", null);
    object.put("a", List.of(true, "x"));

    assertThat(JsonTrees.write(object)).isEqualTo("{\"b\":null,\"a\":[true,\"x\"]}");
    assertThat(JsonTrees.write(JsonTrees.parse("{\"z\":1,\"a\":2}"))).isEqualTo("{\"z\":1,\"a\":2}");
  }

  @Test
  void doublesAreWrittenWithoutATrailingPointZero() {
    assertThat(JsonTrees.write(List.of(1.0, 0.25))).isEqualTo("[1,0.25]");
  }

  @Test
  void decimalsAreWrittenInPlainNotation() {
    BigDecimal credits = new BigDecimal("0.10").multiply(BigDecimal.valueOf(200)).stripTrailingZeros();

    assertThat(credits.toString()).isEqualTo("2E+1");
    assertThat(JsonTrees.write(Map.of("credits", credits))).isEqualTo("{\"credits\":20}");
    assertThat(JsonTrees.write(List.of(new BigDecimal("0.0000001"), new BigDecimal("1.50"))))
        .isEqualTo("[0.0000001,1.50]");
  }

  @Test
  void malformedTextSaysWhereItBreaks() {
    assertThatThrownBy(() -> JsonTrees.parse("{\"a\": [1, }"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("$.a")
        .hasMessageContaining("column");
    assertThatThrownBy(() -> JsonTrees.parse("{\n  \"a\": tru\n}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("near line ")
        .hasMessageNotContaining("setLenient");
    assertThatThrownBy(() -> JsonTrees.parse("{\"a\":1} {}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("more than one");
    assertThatThrownBy(() -> JsonTrees.parse("{\"a\":1,\"a\":2}"))
        .isInstanceOf(MalformedJsonException.class)
        .hasMessageContaining("appears twice");
    assertThat(JsonTrees.tryParse("<html>")).isEmpty();
  }

  @Test
  void aSyntaxErrorIsPlacedAtTheCharacterWhereReadingStoppedNotAtTheEnd() {
    String text = "{\n  \"a\": 1\n  \"b\": 2\n}\n\n";

    assertThatThrownBy(() -> JsonTrees.parse(text))
        .hasMessageEndingWith("(before line 3, column 3, where reading stopped)");
    assertThatThrownBy(() -> JsonTrees.parse("[1, 2\n\n"))
        .hasMessageEndingWith("(near column 5, where reading stopped)");
    assertThatThrownBy(() -> JsonTrees.parse("[1 2]"))
        .hasMessageEndingWith("(before column 4, where reading stopped)");
    assertThatThrownBy(() -> JsonTrees.parse("{\"a\" 1}")).as("a missing colon: at the value")
        .hasMessageEndingWith("(near column 6, where reading stopped)");
    assertThatThrownBy(() -> JsonTrees.parse("{\"a\":1}\n{\"b\":2}")).as("a second value: at its start")
        .hasMessageEndingWith("(near line 2, column 1, where reading stopped)");
    assertThatThrownBy(() -> JsonTrees.parse("\n\n[1 2]")).as("blank lines before count")
        .hasMessageEndingWith("(before line 3, column 4, where reading stopped)");
  }

  @Test
  void anUnwritableValueIsRefusedWithItsPath() {
    assertThatThrownBy(() -> JsonTrees.write(Map.of("when", new Object())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("$.when");
  }
}
