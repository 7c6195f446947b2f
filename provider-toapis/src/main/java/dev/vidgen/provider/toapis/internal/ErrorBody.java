package dev.vidgen.provider.toapis.internal;

import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code and message of an error answer, in any of its shapes: {@code {"error":{"code":401,…}}}
 * (numeric code; when it only repeats the HTTP status, the gateway's {@code type} such as
 * {@code authentication_error} is the code), {@code {"error":{"code":"rate_limit_exceeded",…}}}
 * (string code),
 * {@code {"success":false,"message":…}}, or a page of HTML from a proxy.
 *
 * @param code the provider's code as text, or null
 */
record ErrorBody(String code, String message) {
  private static final Pattern TITLE = Pattern.compile("(?is)<title[^>]*>(.*?)</title>");

  static ErrorBody parse(String body, String contentType, int status, String reason) {
    return parse(body, contentType, status, reason, UnaryOperator.identity());
  }

  /**
   * {@link #parse(String, String, int, String)} that applies {@code mask} (such as one hiding the API key) to the
   * body before an excerpt of it is cut, so that a cut never leaves part of a key in the excerpt.
   */
  static ErrorBody parse(String body, String contentType, int status, String reason, UnaryOperator<String> mask) {
    Object json = Json.readAny(body).orElse(null);
    if (json instanceof Map<?, ?> root) {
      return fromObject(root, body, status, mask);
    }
    if (json instanceof String text) {
      return new ErrorBody(null, text);
    }
    if (body == null || body.isBlank()) {
      return new ErrorBody(null, reason == null || reason.isBlank() ? "empty answer" : reason);
    }
    String type = contentType == null ? "no content type" : contentType;
    if (type.toLowerCase(Locale.ROOT).contains("html") || body.stripLeading().startsWith("<")) {
      return new ErrorBody(null, "non-JSON answer (" + type + "): " + htmlSummary(mask.apply(body)));
    }
    return new ErrorBody(null, "non-JSON answer (" + type + "): "
        + UnreadableResponseException.shorten(mask.apply(body)));
  }

  private static ErrorBody fromObject(Map<?, ?> root, String body, int status, UnaryOperator<String> mask) {
    Object error = root.get("error");
    if (error instanceof Map<?, ?> inner) {
      String code = Lenient.text(inner.get("code"));
      String type = Lenient.text(inner.get("type"));
      boolean codeIsTheStatus = code != null && code.equals(Integer.toString(status));
      return new ErrorBody(code == null || (codeIsTheStatus && type != null) ? type : code,
          messageOf(inner, body, mask));
    }
    if (error instanceof String text && !text.isBlank()) {
      return new ErrorBody(Lenient.text(root.get("code")), text);
    }
    return new ErrorBody(Lenient.text(root.get("code")), messageOf(root, body, mask));
  }

  private static String messageOf(Map<?, ?> object, String body, UnaryOperator<String> mask) {
    for (String name : new String[] {"message", "msg", "detail", "error_description"}) {
      String text = Lenient.text(object.get(name));
      if (text != null && !text.isBlank()) {
        return text;
      }
    }
    return UnreadableResponseException.shorten(mask.apply(body));
  }

  private static String htmlSummary(String html) {
    Matcher title = TITLE.matcher(html);
    if (title.find() && !title.group(1).isBlank()) {
      return title.group(1).replaceAll("\\s+", " ").strip();
    }
    return UnreadableResponseException.shorten(html.replaceAll("(?s)<[^>]*>", " "));
  }
}
