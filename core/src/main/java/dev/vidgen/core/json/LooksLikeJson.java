package dev.vidgen.core.json;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text that starts as a JSON object or array does but is not JSON, such as what a shell leaves of
 * {@code [{"type":"web_search"}]} once it has removed the double quotes: {@code [{type:web_search}]}.
 * Sent as it is, such a value would reach the provider as a string.
 */
public final class LooksLikeJson {
  private static final Pattern BARE_WORD = Pattern.compile("(?<![\\w.\\-])[A-Za-z_][\\w.\\-]*");

  private LooksLikeJson() {}

  /**
   * Why {@code text}, which starts with {@code {} or {@code [}, is not JSON (what is wrong and where reading
   * stopped); empty when it is JSON or does not start so.
   */
  public static Optional<String> whyNot(String text) {
    String value = text == null ? "" : text.strip();
    if (!value.startsWith("{") && !value.startsWith("[")) {
      return Optional.empty();
    }
    try {
      JsonTrees.parse(value);
      return Optional.empty();
    } catch (MalformedJsonException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * {@code text} with its bare words in double quotes ({@code {type:web_search}} becomes {@code {"type":"web_search"}};
   * {@code true}, {@code false} and {@code null} stay), when that makes it JSON; empty otherwise.
   */
  public static Optional<String> quoted(String text) {
    String value = text == null ? "" : text.strip();
    if (value.indexOf('"') >= 0 || whyNot(value).isEmpty()) {
      return Optional.empty();
    }
    Matcher word = BARE_WORD.matcher(value);
    StringBuilder quoted = new StringBuilder();
    while (word.find()) {
      String bare = word.group();
      boolean literal = bare.equals("true") || bare.equals("false") || bare.equals("null");
      word.appendReplacement(quoted, Matcher.quoteReplacement(literal ? bare : "\"" + bare + "\""));
    }
    word.appendTail(quoted);
    String candidate = quoted.toString();
    return JsonTrees.tryParse(candidate).isPresent() ? Optional.of(candidate) : Optional.empty();
  }
}
