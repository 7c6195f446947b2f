package dev.vidgen.serve;

import dev.vidgen.core.text.SafeText;
import io.javalin.http.Context;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The refusal of a request no route takes: a path the playground does not serve (404), or a path it
 * serves asked with another method (405, with {@code Allow}), worded as its other refusals are.
 */
final class Unrouted {
  /** The calls of the JSON API, as docs/playground.md lists them. */
  static final String CALLS = "GET /api/models, POST /api/check, GET /api/balance, POST /api/uploads,"
      + " POST /api/generate, GET /api/history and GET /api/events";

  private Unrouted() {}

  /** A path no route serves, with any method. */
  static Refusal notFound(Context ctx) {
    return new Refusal(404, null, "the playground has no " + call(ctx), "its JSON API is " + CALLS
        + " (docs/playground.md); videos are GET /videos/NAME and uploads GET /uploads/ID");
  }

  /**
   * A path served with other methods ({@code allowed}, as Javalin names them, such as "GET, POST"): sets the
   * {@code Allow} header to them (HEAD where it has a route of its own: videos and uploads).
   */
  static Refusal methodNotAllowed(Context ctx, Collection<String> allowed) {
    Set<String> methods = new LinkedHashSet<>();
    for (String said : allowed) {
      for (String method : said.split("[,\\s]+")) {
        if (!method.isBlank()) {
          methods.add(method.strip().toUpperCase(Locale.ROOT));
        }
      }
    }
    String allow = String.join(", ", methods);
    ctx.header("Allow", allow);
    String path = shown(ctx.path());
    String first = methods.isEmpty() ? "GET" : methods.iterator().next();
    return new Refusal(405, null, path + " does not take " + shown(ctx.method().name()) + "; it takes "
        + String.join(" or ", methods), "send " + first + " " + path + ", as docs/playground.md shows");
  }

  private static String call(Context ctx) {
    return shown(ctx.method().name()) + " " + shown(ctx.path());
  }

  private static String shown(String text) {
    return SafeText.clip(SafeText.clean(text), 120);
  }
}
