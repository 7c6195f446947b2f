package dev.vidgen.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The quick look {@link KeyMask#apply} takes before its patterns never lets a form of the secret through: over
 * seeded random text made of the secret's forms, pieces of them and ordinary words, it masks exactly what the
 * patterns alone mask.
 */
class KeyMaskQuickLookTest {
  private static final List<String> SECRETS = List.of(
      "sk-Tq8wZ3xY7pL2mN9vB4cR6dF1gH5jK0sA", "Tq8wZ3xY7pL2mN9vB4cR6dF1gH5jK0sA", "k/ey+9f8e7d6c5b4a3210==",
      "clé-secrète-très-longue-é", "pass phrase with spaces", "abcdefgh", "k\"e\\y/1234567");
  private static final String[] WORDS = {"A", "red", "car", "drives", "along", "the", "coast", "at", "sunset,",
      "image.png", "/tmp/in/photo 1.jpg", "https://cdn.example/v/1.mp4", "x", "%", "\\", "Basic", "Bearer", "=",
      "9f8e7d6c5b4a", "QmFzaWM", "sk-", "…", "日本", "+", "_", "-", "...", "..", ". . .", ".", "***", ")", ",",
      "(revoked)"};

  @Test
  void masksWhatThePatternsMaskOverSeededRandomText() {
    Random random = new Random(20261207L);
    int masked = 0;
    for (String secret : SECRETS) {
      KeyMask mask = KeyMask.of(secret, "…");
      List<String> forms = formsOf(secret);
      for (int round = 0; round < 400; round++) {
        String text = randomText(random, secret, forms);
        String expected = mask.applyPatterns(text);
        assertThat(mask.apply(text)).as("secret %s in %s", secret, text).isEqualTo(expected);
        masked += expected.equals(text) ? 0 : 1;
      }
    }
    assertThat(masked).as("texts in which the secret was masked").isGreaterThan(500);
  }

  /** Trial GO's table: the key's first 12 to 30 characters as a word, in clear, hex or percent-encoded. */
  @Test
  void looksAtAPieceOfTheKeysStartWhateverFollowsIt() {
    String secret = "sk-trialGO-Wz6n9e4gKwjAQF67mXL-p4Tq8vR2sY6u-W1xZ3cA";
    KeyMask mask = KeyMask.of(secret, "sk-…");
    for (int length : new int[] {12, 16, 20, 30}) {
      String piece = secret.substring(0, length);
      String hex = HexFormat.of().formatHex(piece.getBytes(StandardCharsets.UTF_8));
      for (String form : List.of(piece, hex, hex.toUpperCase(Locale.ROOT), URLEncoder.encode(piece,
          StandardCharsets.UTF_8).replace("-", "%2D"))) {
        for (String after : List.of(" (revoked)", ", please rotate", ")", "***")) {
          String text = "bad token " + form + after;
          assertThat(mask.apply(text)).as(text).isEqualTo("bad token sk-…" + after).isEqualTo(mask.applyPatterns(text));
        }
      }
    }
  }

  @Test
  void leavesOrdinaryTextAsItIs() {
    KeyMask mask = KeyMask.of("sk-Tq8wZ3xY7pL2mN9vB4cR6dF1gH5jK0sA", "sk-…");
    String prompt = "A red car drives along the coast at sunset, camera slowly pushing in";

    assertThat(mask.apply(prompt)).isSameAs(prompt);
    assertThat(mask.apply("/tmp/in/photo.png")).isSameAs("/tmp/in/photo.png");
    String skWords = "models sk-video-2-pro, sk-Tq8wZ3xY (11 characters) and sk-Tq8wZ3xYX, sk- ***";
    assertThat(mask.apply(skWords)).isSameAs(skWords);
  }

  private static List<String> formsOf(String secret) {
    byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
    List<String> forms = new ArrayList<>();
    forms.add(secret);
    forms.add(HexFormat.of().formatHex(bytes));
    forms.add(HexFormat.of().withUpperCase().formatHex(bytes));
    forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    forms.add(URLEncoder.encode(URLEncoder.encode(secret, StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    forms.add(secret.replace("/", "\\/"));
    int middle = secret.length() / 2;
    forms.add(secret.substring(0, middle) + "\n" + secret.substring(middle));
    forms.add(secret.substring(0, middle) + "\r\n\u001b[0m" + secret.substring(middle));
    forms.add(SafeText.escape(secret.substring(0, middle) + "\t" + secret.substring(middle)));
    StringBuilder escaped = new StringBuilder();
    secret.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
    forms.add(escaped.toString());
    for (String before : new String[] {"", "a", "ab", "Bearer ", "user:"}) {
      byte[] placed = (before + secret).getBytes(StandardCharsets.UTF_8);
      forms.add(Base64.getEncoder().encodeToString(placed));
      forms.add(Base64.getUrlEncoder().withoutPadding().encodeToString(placed));
    }
    forms.add("Basic " + Base64.getEncoder().encodeToString(("user:" + secret).getBytes(StandardCharsets.UTF_8)));
    forms.add("Basic+" + URLEncoder.encode(Base64.getEncoder().encodeToString(bytes), StandardCharsets.UTF_8));
    return forms;
  }

  /** Words, the secret's forms whole or cut short, and Base64-like noise, with or without spaces between. */
  private static String randomText(Random random, String secret, List<String> forms) {
    StringBuilder text = new StringBuilder();
    int pieces = 1 + random.nextInt(6);
    for (int i = 0; i < pieces; i++) {
      int kind = random.nextInt(5);
      String piece = switch (kind) {
        case 0 -> forms.get(random.nextInt(forms.size()));
        case 1 -> {
          String form = forms.get(random.nextInt(forms.size()));
          yield form.substring(0, random.nextInt(form.length()));
        }
        case 2 -> noise(random, 1 + random.nextInt(60));
        default -> WORDS[random.nextInt(WORDS.length)];
      };
      text.append(piece);
      if (random.nextBoolean()) {
        text.append(' ');
      }
    }
    return text.toString();
  }

  private static String noise(Random random, int length) {
    String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_";
    StringBuilder noise = new StringBuilder();
    for (int i = 0; i < length; i++) {
      noise.append(letters.charAt(random.nextInt(letters.length())));
    }
    return noise.toString();
  }
}
