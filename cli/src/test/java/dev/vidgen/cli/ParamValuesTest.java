package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValuesTest {

  @Test
  void readsNumbersAndBooleansLikeJson() {
    assertThat(ParamValues.read("42")).isEqualTo(42L);
    assertThat(ParamValues.read("-7")).isEqualTo(-7L);
    assertThat(ParamValues.read("0.5")).isEqualTo(new java.math.BigDecimal("0.5"));
    assertThat(ParamValues.read("0.05")).isEqualTo(new java.math.BigDecimal("0.05"));
    assertThat(ParamValues.read("true")).isEqualTo(true);
    assertThat(ParamValues.read("false")).isEqualTo(false);
  }

  @Test
  void readsJsonObjectsArraysAndQuotedStrings() {
    assertThat(ParamValues.read("{\"a\":\"b\"}")).isEqualTo(Map.of("a", "b"));
    assertThat(ParamValues.read("[\"x\",\"y\"]")).isEqualTo(List.of("x", "y"));
    assertThat(ParamValues.read("{\"x\":1,\"y\":0.05}")).isEqualTo(Map.of("x", 1L, "y", new java.math.BigDecimal("0.05")));
    assertThat(ParamValues.read("\"42\"")).isEqualTo("42");
  }

  @Test
  void keepsEverythingElseAsText() {
    assertThat(ParamValues.read("cinematic")).isEqualTo("cinematic");
    assertThat(ParamValues.read("007")).isEqualTo("007");
    assertThat(ParamValues.read("{not json")).isEqualTo("{not json");
    assertThat(ParamValues.read("")).isEqualTo("");
  }
}
