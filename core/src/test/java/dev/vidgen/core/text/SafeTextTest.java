package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeTextTest {
  @Test
  void escapesEveryControlCharacterAndBidiOverride() {
    String hostile = "ok\u001b[2J\rvidgen: done\n\t\u0007\u0085\u009b31m\u202eevil\u2066\u200f";

    String safe = SafeText.escape(hostile);

    assertThat(safe).isEqualTo("ok\\x1B[2J\\rvidgen: done\\n\\t\\x07\\x85\\x9B31m\\u202Eevil\\u2066\\u200F");
  }

  @Test
  void escapesInvisibleCharactersAndFindsAKeyTheyStandIn() {
    assertThat(SafeText.escape("a\u200bb\u00adc\u2060d\ufeffe\u2028f")).isEqualTo("a\\u200Bb\\xADc\\u2060d\\uFEFFe\\u2028f");

    String key = "sk-" + "Q7w".repeat(16);
    String hidden = "token " + key.substring(0, 10) + "\u200b" + key.substring(10, 30) + "\u00ad" + key.substring(30);
    assertThat(SafeText.clean(hidden)).isEqualTo("token sk-…");
    assertThat(SafeText.clean(hidden, java.util.List.of(key))).isEqualTo("token sk-…");
    assertThat(SafeText.clean("no key\u200bhere")).as("nothing hidden: kept, escaped").isEqualTo("no key\\u200Bhere");
    String spelled = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67";
    assertThat(SafeText.clean(spelled)).as("Persian and an emoji family keep their joiners").isEqualTo(spelled);
    assertThat(SafeText.clean("token " + key.substring(0, 10) + "\u200d" + key.substring(10)))
        .as("a key split by a joiner is masked all the same").isEqualTo("token sk-…");
    assertThat(SafeText.clean("quota \u001b[0m" + key)).as("a colour code glued to a key").isEqualTo("quota \\x1B[0msk-…");
  }

  @Test
  void randomTextNeverKeepsACharacterATerminalActsOn() {
    long seed = System.nanoTime();
    RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
    for (int round = 0; round < 2_000; round++) {
      StringBuilder text = new StringBuilder();
      for (int i = random.nextInt(40); i > 0; i--) {
        text.append((char) (random.nextBoolean() ? random.nextInt(0x100) : random.nextInt(0x2100)));
      }
      String safe = SafeText.clean(text.toString());
      assertThat(safe.chars().noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029
          || (Character.getType(c) == Character.FORMAT && c != 0x200c && c != 0x200d)))
          .as("seed %d: %s", seed, safe).isTrue();
    }
  }

  @Test
  void masksAnythingShapedLikeAKeyAndTheGivenSecrets() {
    assertThat(SafeText.mask("Bearer sk-abc123DEF456ghi789JKL0_x-y and sk-short")).isEqualTo("Bearer sk-… and sk-short");
    assertThat(SafeText.mask("https://h/?key=sk-abcdefgh123abcdefgh123#f")).isEqualTo("https://h/?key=sk-…#f");
    assertThat(SafeText.mask("x/SK-" + "Q".repeat(40) + " and sk-proj-" + "a1".repeat(15)))
        .as("in any case, and a prefix before the long run").isEqualTo("x/sk-… and sk-…");
    // Ordinary names that start with sk-: no run of twenty letters and digits, as every real key has.
    assertThat(SafeText.mask("models sk-video-2, sk-video-2-pro-turbo-1080p, skater-1"))
        .isEqualTo("models sk-video-2, sk-video-2-pro-turbo-1080p, skater-1");
    assertThat(SafeText.holdsKeyShape("sk-video-2-pro-turbo-1080p")).isFalse();
    assertThat(SafeText.mask("Bearer%20sk-" + "Zz9".repeat(10) + " and task-" + "0a".repeat(12)))
        .as("after a percent-encoded space, not inside a word").isEqualTo("Bearer%20sk-… and task-" + "0a".repeat(12));
    assertThat(SafeText.holdsKeyShape("seedance-sk-" + "z9".repeat(12))).isTrue();
    assertThat(SafeText.mask("token tk-9876543210 here", List.of("tk-9876543210"))).isEqualTo("token sk-… here");
    assertThat(SafeText.mask("task-abcdefghijk")).isEqualTo("task-abcdefghijk");
    assertThat(SafeText.mask("r-SK-" + "U8J".repeat(16))).as("after a dash that comes before the key's own")
        .isEqualTo("r-sk-…");
    assertThat(SafeText.mask("-sk-" + "a1".repeat(12))).isEqualTo("-sk-…");
    String key = "sk-" + "u8jZ".repeat(12);
    assertThat(SafeText.mask("rid" + key.toUpperCase(java.util.Locale.ROOT) + " and req" + key.toLowerCase(java.util.Locale.ROOT),
        List.of(key))).as("the configured key in another case, glued to a word").isEqualTo("ridsk-… and reqsk-…");
  }

  @Test
  void masksAKeysSecretPartThatAServerEchoedWithoutItsPrefix() {
    String key = "sk-" + "Q7w".repeat(16);
    String echoed = "Invalid token " + key + " (key=" + key.substring(3) + ")";

    assertThat(SafeText.clean(echoed, List.of(key))).isEqualTo("Invalid token sk-… (key=…)")
        .doesNotContain(key.substring(3, 20));
    assertThat(SafeText.mask("code sk-abc and abc", List.of("sk-abc")))
        .as("a secret part too short to tell from words is left").isEqualTo("code sk-… and abc");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "https://user:pass@host/v.mp4|https://…@host/v.mp4",
      "https://user:p%40ss@cdn.example:8443/v.mp4?sig=abc&exp=1|https://…@cdn.example:8443/v.mp4?sig=abc&exp=1",
      "HTTP://a@b@host/v.mp4|HTTP://…@host/v.mp4",
      "//user:pass@host/v.mp4|//…@host/v.mp4",
      "ftp://user:pass@files/v.mp4|ftp://…@files/v.mp4",
      "https://host/v.mp4?by=me@example|https://host/v.mp4?by=me@example",
      "https://host/people/@me/v.mp4|https://host/people/@me/v.mp4",
      "https://host#@x|https://host#@x",
      "/relative/v.mp4|/relative/v.mp4",
      "mailto:me@example|mailto:me@example"})
  void hidesALinksUserInfoAndKeepsEverythingElse(String link, String shown) {
    assertThat(SafeText.withoutUserInfo(link)).isEqualTo(shown);
    assertThat(SafeText.withoutUserInfo(null)).isNull();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "video_abc123|video_abc123",
      "a b|'a b'",
      "it's|'it'\\''s'",
      "$(rm -rf ~)|'$(rm -rf ~)'",
      "out/late.mp4|out/late.mp4",
      "-|-"})
  void quotesWordsForAPosixShell(String word, String quoted) {
    assertThat(SafeText.shellQuote(word)).isEqualTo(quoted);
  }

  @Test
  void aCommandIsQuotedAndEscaped() {
    assertThat(SafeText.command("vidgen", "wait", "id;\nrm x", "--out", "my video.mp4"))
        .isEqualTo("vidgen wait $'id;\\nrm x' --out 'my video.mp4'");
  }

  @Test
  void aPrintedCommandPastedIntoBashGivesBackEveryWordAsItWas() throws Exception {
    Path bash = Path.of("/bin/bash");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(bash), "bash is needed to read the command back");
    List<String> words = List.of("a\tb\nc.mp4", "it's \\ $HOME `x`", "\u001b[31mred", "right\u202eleft", "plain");
    String line = SafeText.command(java.util.stream.Stream.concat(java.util.stream.Stream.of("printf", "%s\\0"),
        words.stream()).toArray(String[]::new));
    assertThat(line).doesNotContain("\t", "\n", "\u001b", "\u202e");

    ProcessBuilder builder = new ProcessBuilder(bash.toString(), "--noprofile", "--norc", "-c", line);
    builder.environment().put("LC_ALL", "C.UTF-8");
    Process process = builder.redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    assertThat(new String(out, java.nio.charset.StandardCharsets.UTF_8).split("\0", -1))
        .containsExactly("a\tb\nc.mp4", "it's \\ $HOME `x`", "\u001b[31mred", "right\u202eleft", "plain", "");
  }

  @Test
  void onlySafeIdsNameFilesAsTheyAre() {
    assertThat(SafeText.isSafeId("video_mock_mwu62so9_6fhc")).isTrue();
    assertThat(SafeText.isSafeId("../../etc/passwd")).isFalse();
    assertThat(SafeText.isSafeId("a/b")).isFalse();
    assertThat(SafeText.isSafeId(".hidden")).isFalse();
    assertThat(SafeText.fileStem("video_1")).isEqualTo("video_1");
    assertThat(SafeText.fileStem("../../x")).doesNotContain("/", "..").isNotEqualTo(SafeText.fileStem("../..\\x"));
    assertThat(SafeText.fileStem("\u001b]0;x")).matches("[A-Za-z0-9._-]+");
    assertThat(SafeText.fileStem("dup:A")).as("a colon made _ would meet the id dup_A").startsWith("dup_A-")
        .isNotEqualTo(SafeText.fileStem("dup_A")).isNotEqualTo(SafeText.fileStem("dup/A"));
    assertThat("t#%".hashCode()).isEqualTo("t$\u0006".hashCode());
    assertThat(SafeText.fileStem("t#%")).as("two ids of one String.hashCode, made safe alike")
        .isNotEqualTo(SafeText.fileStem("t$\u0006"));
  }

  @Test
  void clipsLongTextWithACountOfWhatWasLeftOutAndNeverSplitsAPair() {
    assertThat(SafeText.clip("short", 10)).isEqualTo("short");
    assertThat(SafeText.clip(null, 10)).isNull();
    assertThat(SafeText.clip("abcdefghijkl", 10)).isEqualTo("abcdefghij… (2 more characters)");
    String pairAtTheCut = "123456789\uD83C\uDFAC tail";

    assertThat(SafeText.clip(pairAtTheCut, 10)).isEqualTo("123456789… (7 more characters)");
  }
}
