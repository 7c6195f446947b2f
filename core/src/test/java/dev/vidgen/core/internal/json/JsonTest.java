package dev.vidgen.core.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTest {
  @Test
  void readsEveryKindOfValue() {
    Object parsed = Json.parse(
        " {\"s\":\"10\",\"i\":10,\"neg\":-3,\"d\":1.5,\"e\":2e3,\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"x\"],\"o\":{}} ");

    assertThat(parsed).isInstanceOf(LinkedHashMap.class);
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) parsed;
    assertThat(map.keySet()).containsExactly("s", "i", "neg", "d", "e", "t", "f", "n", "a", "o");
    assertThat(map.get("s")).isEqualTo("10");
    assertThat(map.get("i")).isEqualTo(10L);
    assertThat(map.get("neg")).isEqualTo(-3L);
    assertThat(map.get("d")).isEqualTo(new BigDecimal("1.5"));
    assertThat(map.get("e")).isEqualTo(new BigDecimal("2e3"));
    assertThat(map.get("t")).isEqualTo(true);
    assertThat(map.get("f")).isEqualTo(false);
    assertThat(map.containsKey("n")).isTrue();
    assertThat(map.get("n")).isNull();
    assertThat(map.get("a")).isEqualTo(List.of(1L, "x"));
    assertThat(map.get("o")).isEqualTo(Map.of());
  }

  @Test
  void keepsAStringOfDigitsApartFromAnInteger() {
    Map<?, ?> body = (Map<?, ?>) Json.parse("{\"seconds\":\"10\",\"duration\":10,\"ratio\":10.0}");

    assertThat(body.get("seconds")).isEqualTo("10");
    assertThat(body.get("duration")).isEqualTo(10L);
    assertThat(body.get("ratio")).isEqualTo(new BigDecimal("10.0"));
    assertThat(Json.write(body)).isEqualTo("{\"seconds\":\"10\",\"duration\":10,\"ratio\":10.0}");
  }

  @Test
  void writesWhatItReadsInTheSameOrderAndSpelling() {
    String text = "{\"model\":\"m\",\"images\":[\"a\",\"b\\\"c\"],\"nested\":{\"x\":[1,2.50,-0.0005,1E+3,false,null]},"
        + "\"t\":\"line\\nbreak \\u0001\"}";

    assertThat(Json.write(Json.parse(text))).isEqualTo(text);
  }

  @Test
  void readsIntegersBeyondLongAsBigDecimals() {
    assertThat(Json.parse("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(Json.parse("-9223372036854775808")).isEqualTo(Long.MIN_VALUE);
    assertThat(Json.parse("9223372036854775808")).isEqualTo(new BigDecimal("9223372036854775808"));
    assertThat(Json.parse("-0")).isEqualTo(0L);
  }

  @Test
  void readsTopLevelScalars() {
    assertThat(Json.parse("\"a\"")).isEqualTo("a");
    assertThat(Json.parse("null")).isNull();
    assertThat(Json.parse("\t\r\n true \n")).isEqualTo(true);
    assertThat(Json.parse("[]")).isEqualTo(List.of());
  }

  @Test
  void readsEveryEscapeIncludingSurrogatePairs() {
    assertThat(Json.parse("\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e9 \\u00C9 \\ud83c\\udfac\""))
        .isEqualTo("\" \\ / \b \f \n \r \t é É 🎬");
  }

  @Test
  void writesCompactJsonInMapOrder() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("z", 1);
    body.put("a", List.of("x", 2.5, false));
    body.put("m", null);
    body.put("nested", Map.of("k", new BigDecimal("0.10")));

    assertThat(Json.write(body)).isEqualTo("{\"z\":1,\"a\":[\"x\",2.5,false],\"m\":null,\"nested\":{\"k\":0.10}}");
  }

  @Test
  void writesOtherObjectsAsTheirStringAndKeysWithStringValueOf() {
    Map<Object, Object> map = new LinkedHashMap<>();
    map.put(7, java.time.Duration.ofSeconds(5));
    map.put(null, new LinkedHashSet<>(List.of("only")));

    assertThat(Json.write(map)).isEqualTo("{\"7\":\"PT5S\",\"null\":[\"only\"]}");
  }

  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertThat(Json.write("a\"b\\c\nd\re\tf\u0000g\u0001h\u0008i\u000cj\u001f k\u007f"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\u0000g\\u0001h\\u0008i\\u000cj\\u001f k\u007f\"");
  }

  @Test
  void writesUnicodeAsIsButEscapesLoneSurrogates() {
    assertThat(Json.write("é 🎬 日本")).isEqualTo("\"é 🎬 日本\"");
    assertThat(Json.write("a\ud83cb")).isEqualTo("\"a\\ud83cb\"");
    assertThat(Json.write("\udfac\ud83c")).isEqualTo("\"\\udfac\\ud83c\"");
    assertThat(Json.parse(Json.write("x\udfac"))).isEqualTo("x\udfac");
  }

  @Test
  void refusesNumbersJsonCannotSpell() {
    assertThatThrownBy(() -> Json.write(Map.of("ratio", Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NaN").hasMessageContaining("finite");
    assertThatThrownBy(() -> Json.write(List.of(Float.POSITIVE_INFINITY)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Infinity");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "``                        | 1  | the text ends where a value should be",
      "`   `                     | 4  | the text ends where a value should be",
      "`{\"a\":1,}`              | 8  | expected a field name in double quotes",
      "`[1,]`                    | 4  | unexpected character ']'",
      "`{\"a\" 1}`               | 6  | expected ':', not '1'",
      "`{\"a\":1 \"b\":2}`       | 8  | expected ',' or '}', not '\"'",
      "`[1 2]`                   | 4  | expected ',' or ']', not '2'",
      "`{\"a\":1`                | 7  | expected ',' or '}'",
      "`{'a':1}`                 | 2  | expected a field name in double quotes",
      "`{\"a\":tru}`             | 6  | did you mean true?",
      "`{\"a\":True}`            | 6  | unexpected character 'T'",
      "`{\"a\":1,\"a\":2}`       | 8  | field \"a\" appears twice",
      "`{} extra`                | 4  | unexpected text after the JSON value",
      "`\"open`                  | 6  | a string is not closed",
      "`\"bad \\x\"`             | 6  | bad escape \\x",
      "`\"bad \\u12g4\"`         | 6  | bad \\u escape",
      "`\"bad \\u12`             | 6  | bad \\u escape",
      "`01`                      | 2  | leading zero",
      "`-`                       | 2  | expected a digit",
      "`+1`                      | 1  | unexpected character '+'",
      "`.5`                      | 1  | unexpected character '.'",
      "`1.`                      | 3  | expected a digit after the decimal point",
      "`1e`                      | 3  | expected a digit in the exponent",
      "`1e+`                     | 4  | expected a digit in the exponent",
      "`1e99999999999`           | 1  | out of range",
      "`NaN`                     | 1  | unexpected character 'N'",
  })
  void refusesMalformedJsonNamingTheColumn(String text, int column, String problem) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not valid JSON at column " + column + ": ")
        .hasMessageContaining(problem);
  }

  @Test
  void refusesRawControlCharactersInStrings() {
    assertThatThrownBy(() -> Json.parse("\"a\tb\""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not valid JSON at column 3: control character U+0009 in a string;"
            + " write it as an escape such as \\n or \\u001f");
  }

  @Test
  void acceptsOnlyJsonWhiteSpace() {
    assertThatThrownBy(() -> Json.parse("\u00a01"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 1: unexpected character U+00A0");
    assertThatThrownBy(() -> Json.parse("1\u000b"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column 2: unexpected text");
  }

  @Test
  void namesLineAndColumnInTextOfManyLines() {
    assertThatThrownBy(() -> Json.parse("{\n  \"id\": \"video_1\",\n  \"status\": \n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not valid JSON at line 4, column 1: the text ends where a value should be");
    assertThatThrownBy(() -> Json.parse("[1,\n  2 x]"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("not valid JSON at line 2, column 5: ");
  }

  @Test
  void refusesNullTextAndNestingDeeperThanTheLimit() {
    assertThatThrownBy(() -> Json.parse(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
    int limit = JsonReader.MAX_DEPTH;
    assertThat(Json.parse("[".repeat(limit) + "]".repeat(limit))).isInstanceOf(List.class);
    assertThatThrownBy(() -> Json.parse("[".repeat(limit + 1) + "]".repeat(limit + 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not valid JSON at column " + (limit + 1) + ": objects and arrays are nested deeper than "
            + limit + " levels");
    assertThatThrownBy(() -> Json.parse("{\"a\":".repeat(100_000)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested deeper");
  }

  @Test
  void roundTripsRandomValuesExactly() {
    long seed = System.nanoTime();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    for (int i = 0; i < 2_000; i++) {
      Object value = randomValue(random, 0);
      String text = Json.write(value);
      Object back;
      try {
        back = Json.parse(text);
      } catch (IllegalArgumentException e) {
        throw new AssertionError("seed " + seed + ", case " + i + ": could not read back " + text, e);
      }
      assertThat(back).as("seed %d, case %d: %s", seed, i, text).isEqualTo(value);
      assertThat(Json.write(back)).as("seed %d, case %d", seed, i).isEqualTo(text);
      assertThat(new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
          .as("seed %d, case %d: the text survives UTF-8", seed, i).isEqualTo(text);
    }
  }

  @Test
  void readsDamagedTextOnlyToAValueOrAPositionedError() {
    long seed = System.nanoTime();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    String alphabet = "{}[]\",:\\ 0123456789.-+eEtrufalsn\u0001é";
    for (int i = 0; i < 2_000; i++) {
      char[] text = Json.write(randomValue(random, 0)).toCharArray();
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits && text.length > 0; e++) {
        text[random.nextInt(text.length)] = alphabet.charAt(random.nextInt(alphabet.length()));
      }
      String damaged = random.nextBoolean() ? new String(text) : new String(Arrays.copyOf(text, random.nextInt(text.length + 1)));
      try {
        Object value = Json.parse(damaged);
        String written = Json.write(value);
        assertThat(Json.write(Json.parse(written))).as("seed %d, case %d: %s", seed, i, damaged).isEqualTo(written);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).as("seed %d, case %d: %s", seed, i, damaged).matches("not valid JSON at column \\d+: .+");
      } catch (RuntimeException e) {
        fail("seed " + seed + ", case " + i + ": " + damaged + " threw " + e);
      }
    }
  }

  private static Object randomValue(RandomGenerator random, int depth) {
    int kind = random.nextInt(depth > 3 ? 6 : 8);
    return switch (kind) {
      case 0 -> null;
      case 1 -> random.nextBoolean();
      case 2 -> random.nextInt(4) == 0 ? random.nextLong() : (long) random.nextInt(-1000, 1000);
      case 3 -> BigDecimal.valueOf(random.nextLong(), 1 + random.nextInt(12)).negate();
      case 4, 5 -> randomString(random);
      case 6 -> {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          list.add(randomValue(random, depth + 1));
        }
        yield list;
      }
      default -> {
        Map<String, Object> map = new LinkedHashMap<>();
        int size = random.nextInt(5);
        for (int i = 0; i < size; i++) {
          map.put(randomString(random), randomValue(random, depth + 1));
        }
        yield map;
      }
    };
  }

  private static String randomString(RandomGenerator random) {
    StringBuilder out = new StringBuilder();
    int length = random.nextInt(12);
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0 -> out.append((char) random.nextInt(0x20));
        case 1 -> out.append("\"\\/".charAt(random.nextInt(3)));
        case 2 -> out.appendCodePoint(random.nextInt(0x1F300, 0x1F600));
        case 3 -> out.append((char) random.nextInt(0xD800, 0xE000));
        case 4 -> out.append((char) random.nextInt(0x80, 0xD800));
        default -> out.append((char) random.nextInt(0x20, 0x7f));
      }
    }
    return out.toString();
  }
}
