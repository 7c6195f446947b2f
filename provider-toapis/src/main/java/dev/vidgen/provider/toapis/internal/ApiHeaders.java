package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.port.ApiKey;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Makes sure of the headers every ToAPIs call carries. The key goes only into {@code
 * Authorization}, and only on requests to the configured base URL's scheme, host and port: a
 * result file on another host never sees it. {@link ToApisApi} sets the headers when it builds a
 * request, so a request that already carries them passes unchanged; any other is completed here.
 */
public final class ApiHeaders implements Interceptor {
  /** The type of every JSON request body. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  static final String ACCEPT = "application/json";
  static final String USER_AGENT = "vidgen-toapis";

  private final String authorization;
  private final HttpUrl baseUrl;

  public ApiHeaders(ApiKey apiKey, HttpUrl baseUrl) {
    this.authorization = authorization(Objects.requireNonNull(apiKey, "apiKey == null"));
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
  }

  /** The value of the {@code Authorization} header for {@code apiKey}; never log it. */
  public static String authorization(ApiKey apiKey) {
    return "Bearer " + apiKey.reveal();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!sameOrigin(request.url(), baseUrl)) {
      return chain.proceed(authorization.equals(request.header("Authorization"))
          ? request.newBuilder().removeHeader("Authorization").build()
          : request);
    }
    if (authorization.equals(request.header("Authorization"))
        && ACCEPT.equals(request.header("Accept"))
        && USER_AGENT.equals(request.header("User-Agent"))) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder()
        .header("Authorization", authorization)
        .header("Accept", ACCEPT)
        .header("User-Agent", USER_AGENT)
        .build());
  }

  /** The headers of a JSON request as a person may see them: the key masked. */
  public static Map<String, String> preview(ApiKey apiKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + apiKey.masked());
    headers.put("Content-Type", JSON.toString());
    headers.put("Accept", ACCEPT);
    headers.put("User-Agent", USER_AGENT);
    return headers;
  }

  static boolean sameOrigin(HttpUrl url, HttpUrl base) {
    return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
  }
}
