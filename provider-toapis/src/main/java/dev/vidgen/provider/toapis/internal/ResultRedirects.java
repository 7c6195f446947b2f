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
 * that is not http(s), that goes from https to http, or that carries the API key, is not followed,
 * and too many hops end the chain. The redirect answer not followed is passed on, marked with
 * {@link #REFUSED} saying why (one of {@link #REASONS}), for the error it becomes to say so. The link and
 * each address it redirects to must also be on a machine {@link ResultAddresses} allows: one that is not
 * fails the call with a {@link ResultAddressRefused} before anything is sent there.
 */
public final class ResultRedirects implements Interceptor {
  /** The header set on a redirect answer vidgen did not follow, holding why. */
  public static final String REFUSED = "X-Vidgen-Redirect-Refused";
  /** The most redirects a result link may take, as OkHttp's own limit. */
  static final int MAX_HOPS = 20;
  private static final String NOT_HTTP = "it is not an http(s) address";
  private static final String DOWNGRADE = "it would go from https to plain http";
  private static final String CARRIES_KEY = "it carries the API key, which must not leave for another address";
  private static final String TOO_MANY = "the link took more than " + MAX_HOPS + " redirects";
  /** Every reason {@link #REFUSED} may hold: a server's own header of that name holds none of them as it is. */
  public static final java.util.Set<String> REASONS = java.util.Set.of(NOT_HTTP, DOWNGRADE, CARRIES_KEY, TOO_MANY);

  private final Predicate<String> carriesKey;
  private final ResultAddresses addresses;

  /**
   * Redirects checked with {@code carriesKey}, which says whether an address holds the API key, and the link
   * and its redirects with {@code addresses}.
   */
  public ResultRedirects(Predicate<String> carriesKey, ResultAddresses addresses) {
    this.carriesKey = Objects.requireNonNull(carriesKey, "carriesKey == null");
    this.addresses = Objects.requireNonNull(addresses, "addresses == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    addresses.checkLiteral(request.url(), false);
    Response response = withoutOwnHeader(chain.proceed(request));
    for (int hops = 0; response.isRedirect(); hops++) {
      String location = response.header("Location");
      if (location == null) {
        return response;
      }
      HttpUrl next = response.request().url().resolve(location);
      String refused = next == null ? NOT_HTTP
          : response.request().url().isHttps() && !next.isHttps() ? DOWNGRADE
          : carriesKey.test(next.toString()) ? CARRIES_KEY
          : hops >= MAX_HOPS ? TOO_MANY // this one would be redirect number hops + 1
          : null;
      if (refused != null) {
        return response.newBuilder().header(REFUSED, refused).build();
      }
      response.close();
      addresses.checkLiteral(next, true);
      request = request.newBuilder().url(next).build();
      try {
        response = withoutOwnHeader(chain.proceed(request));
      } catch (ResultAddressRefused refusedHost) {
        throw refusedHost.ofRedirect();
      }
    }
    return response;
  }

  /** {@code response} without a {@link #REFUSED} header of the server's own, which would speak for vidgen. */
  private static Response withoutOwnHeader(Response response) {
    return response.header(REFUSED) == null ? response : response.newBuilder().removeHeader(REFUSED).build();
  }
}
