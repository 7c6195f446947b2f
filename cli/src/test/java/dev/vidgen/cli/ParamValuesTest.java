package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamValuesTest {

  @Test
  void readsNumbersAndBooleansLikeJson() {
    assertThat(ParamValues.read("k", "42")).isEqualTo(42L);
    assertThat(ParamValues.read("k", "-7")).isEqualTo(-7L);
    assertThat(ParamValues.read("k", "0.5")).isEqualTo(new java.math.BigDecimal("0.5"));
    assertThat(ParamValues.read("k", "0.05")).isEqualTo(new java.math.BigDecimal("0.05"));
    assertThat(ParamValues.read("k", "true")).isEqualTo(true);
    assertThat(ParamValues.read("k", "false")).isEqualTo(false);
  }

  @Test
  void readsJsonObjectsArraysAndQuotedStrings() {
    assertThat(ParamValues.read("k", "{\"a\":\"b\"}")).isEqualTo(Map.of("a", "b"));
    assertThat(ParamValues.read("k", "[\"x\",\"y\"]")).isEqualTo(List.of("x", "y"));
    assertThat(ParamValues.read("k", "{\"x\":1,\"y\":0.05}")).isEqualTo(Map.of("x", 1L, "y", new java.math.BigDecimal("0.05")));
    assertThat(ParamValues.read("k", "\"42\"")).isEqualTo("42");
  }

  @Test
  void keepsEverythingElseAsText() {
    assertThat(ParamValues.read("k", "cinematic")).isEqualTo("cinematic");
    assertThat(ParamValues.read("k", "007")).isEqualTo("007");
    assertThat(ParamValues.read("k", "")).isEqualTo("");
  }

  @Test
  void refusesAValueThatStartsAsJsonButIsNotSayingHowToQuoteIt() {
    // What bash leaves of --param tools=[{"type":"web_search"}] typed unquoted.
    assertThatThrownBy(() -> ParamValues.read("tools", "[{type:web_search}]"))
        .isInstanceOfSatisfying(CliException.class, e -> {
          assertThat(e.exitCode()).isEqualTo(2);
          assertThat(e.getMessage()).startsWith("--param tools: [{type:web_search}] starts with [ as JSON does, but is"
              + " not JSON: ").contains("column");
          assertThat(e.next()).contains("quote the whole argument, such as --param 'tools=[{\"type\":\"web_search\"}]'");
        });
    assertThatThrownBy(() -> ParamValues.read("metadata", "{enable_gif:true}"))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.next())
            .contains("--param 'metadata={\"enable_gif\":true}'"));
    assertThatThrownBy(() -> ParamValues.read("k", "{not json")).isInstanceOf(CliException.class);
  }

  @Test
  void adviceForAValueThatCannotBeMadeJsonNeverOffersTheRefusedArgumentAsTheFix() {
    // Run again, --param 'a={bad' is refused the same way: the advice shows JSON of that kind and the text quoted.
    assertThatThrownBy(() -> ParamValues.read("a", "{bad"))
        .isInstanceOfSatisfying(CliException.class, e -> {
          assertThat(e.next()).doesNotContain("--param 'a={bad'")
              .contains("such as --param 'a={\"name\":\"text\",\"count\":2}'")
              .contains("a text that starts with { goes in JSON quotes: --param 'a=\"{bad\"'");
          assertThat(ParamValues.read("a", "\"{bad\"")).isEqualTo("{bad");
        });
    assertThatThrownBy(() -> ParamValues.read("ids", "[1,,2]"))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.next()).doesNotContain("'ids=[1,,2]'")
            .contains("such as --param 'ids=[\"text\",2]'")
            .contains("goes in JSON quotes: --param 'ids=\"[1,,2]\"'"));
    // A text holding quotes of both kinds is still one shell word that reads back as that text.
    assertThatThrownBy(() -> ParamValues.read("say", "{it's \"x\""))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.next())
            .contains("--param 'say=\"{it'\\''s \\\"x\\\"\"'"));
    // A value whose bare words quoted make JSON keeps that repair, and offers its own text quoted too.
    assertThatThrownBy(() -> ParamValues.read("tools", "[{type:web_search}]"))
        .isInstanceOfSatisfying(CliException.class, e -> assertThat(e.next())
            .contains("goes in JSON quotes: --param 'tools=\"[{type:web_search}]\"'"));
  }
}
