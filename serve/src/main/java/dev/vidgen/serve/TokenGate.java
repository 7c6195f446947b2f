package dev.vidgen.serve;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import java.util.Map;

/**
 * Lets a request through only with the playground's token, in its cookie or in the {@code X-Vidgen-Token} header:
 * another user of the machine (or of the network, with {@code --bind}) reaches the port but not the playground. The
 * address vidgen serve prints ({@code /?token=T}) sets the cookie and sends the browser on to {@code /}, so that the
 * token leaves the address bar.
 */
final class TokenGate {
  /** The {@code code} of a refusal for a missing or wrong token. */
  static final String CODE = "token_required";
  static final String NEXT = "open the address vidgen serve printed (it holds the playground's token); a script sends"
      + " the token in the " + PlaygroundToken.HEADER + " header";
  private static final String PAGE = """
      <!doctype html>
      <html lang="en"><head><meta charset="utf-8"><title>vidgen playground: token required</title></head>
      <body><h1>This playground needs its token</h1>
      <p>Only the person who started <code>vidgen serve</code> may use it: open the address vidgen serve printed
      (it holds the playground's token).</p></body></html>
      """;

  private final PlaygroundToken token;

  TokenGate(PlaygroundToken token) {
    this.token = token;
  }

  /**
   * Lets {@code ctx} through when it carries the token; for the printed address, sets the cookie and redirects (303)
   * to {@code /}; otherwise answers 401 (a short page for the page, else the JSON error), reading nothing.
   */
  void check(Context ctx, int port) {
    String cookie = PlaygroundToken.cookieName(port);
    String given = ctx.queryParam("token");
    boolean page = ctx.method() == HandlerType.GET && ctx.path().equals("/");
    if (page && given != null && token.matches(given)) {
      // Lax, not Strict: the address opened from a page of the user's own (vidgen serve --open's, a file://
      // page) is a navigation another site started, and a Strict cookie would not come with its redirect to /. A
      // Lax cookie comes with top-level GETs only, and HostGuard lets another site's request through only when it
      // opens the page itself; no POST or read of the API from another site carries it.
      ctx.header("Set-Cookie", cookie + "=" + token.reveal() + "; Path=/; HttpOnly; SameSite=Lax");
      ctx.redirect("/", HttpStatus.SEE_OTHER);
      ctx.skipRemainingHandlers();
      return;
    }
    // An address with another token (an earlier run's) is refused even beside the cookie: it is not this playground's.
    boolean staleAddress = page && given != null;
    if (!staleAddress && (token.matches(ctx.cookie(cookie)) || token.matches(ctx.header(PlaygroundToken.HEADER)))) {
      return;
    }
    if (page) {
      ctx.status(401).contentType("text/html; charset=utf-8").result(PAGE);
      ctx.skipRemainingHandlers();
      return;
    }
    throw new Refusal(401, null, "refused: this playground answers only requests that carry its token, and this one"
        + " came without it (or with another)", NEXT, CODE, Map.of());
  }
}
