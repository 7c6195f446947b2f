package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Predicate;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Follows the redirects of a result link itself, checking each address before it is fetched: one
 * that is not http(s), that goes from https to http, or that carries the API key, is not followed, and too many hops end the chain.
 * The redirect answer not followed is passed on, marked with {@link #REFUSED} saying why, for the
 * error it becomes to say so.
 */
public final class ResultRedirects implements Interceptor {
  /** The header set on a redirect answer vidgen did not follow, holding why. */
  public static final String REFUSED = "X-Vidgen-Redirect-Refused";
  /** The most redirects a result link may take, as OkHttp's own limit. */
  static final int MAX_HOPS = 20;

  private final Predicate<String> carriesKey;

  /** Redirects checked with {@code carriesKey}, which says whether an address holds the API key. */
  public ResultRedirects(Predicate<String> carriesKey) {
    this.carriesKey = Objects.requireNonNull(carriesKey, "carriesKey == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    Response response = chain.proceed(request);
    for (int hops = 0; response.isRedirect(); hops++) {
      String location = response.header("Location");
      if (location == null) {
        return response;
      }
      HttpUrl next = response.request().url().resolve(location);
      String refused = next == null ? "it is not an http(s) address"
          : response.request().url().isHttps() && !next.isHttps() ? "it would go from https to plain http"
          : carriesKey.test(next.toString()) ? "it carries the API key, which must not leave for another address"
          : hops + 1 >= MAX_HOPS ? "the link took more than " + MAX_HOPS + " redirects"
          : null;
      if (refused != null) {
        return response.newBuilder().header(REFUSED, refused).build();
      }
      response.close();
      request = request.newBuilder().url(next).build();
      response = chain.proceed(request);
    }
    return response;
  }
}
