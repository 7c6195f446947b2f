package dev.vidgen.serve;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.text.SafeText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

/**
 * The web server's own refusals (a path with encoded dots or a NUL, a malformed request) answered in the
 * playground's JSON shape, {@code {"error": {"message", "field", "next"}}}, rather than as Jetty's HTML page.
 */
final class JsonErrorPages extends ErrorHandler {
  private static final String NEXT = "send a well-formed request; a file is named by its plain name, such as"
      + " /videos/TASK.mp4 (encoded dots, slashes and NUL characters are refused), and the calls are those"
      + " docs/playground.md lists";

  @Override
  protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
      HttpServletResponse response, int code, String message) throws IOException {
    byte[] body = body(code, message);
    response.setContentType("application/json; charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    baseRequest.setHandled(true);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    return ByteBuffer.wrap(body(status, reason));
  }

  /** The JSON of a refusal the server made itself, with its status and Jetty's reason (clipped), if any. */
  static byte[] body(int status, String reason) {
    String said = reason == null || reason.isBlank() ? "" : " (" + SafeText.clip(SafeText.clean(reason), 120) + ")";
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", "the web server refused the request before the playground read it: HTTP " + status + said);
    error.put("field", null);
    error.put("next", NEXT);
    return JsonTrees.write(Map.of("error", error)).getBytes(StandardCharsets.UTF_8);
  }
}
