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
 * Adds the headers every ToAPIs call carries. The key goes only into {@code Authorization}, and
 * only on requests to the configured base URL's scheme, host and port: a result file on another
 * host never sees it.
 */
public final class ApiHeaders implements Interceptor {
  /** The type of every JSON request body. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  static final String USER_AGENT = "vidgen-toapis";

  private final ApiKey apiKey;
  private final HttpUrl baseUrl;

  public ApiHeaders(ApiKey apiKey, HttpUrl baseUrl) {
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
    this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl == null");
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    if (!sameOrigin(request.url(), baseUrl)) {
      return chain.proceed(request);
    }
    return chain.proceed(request.newBuilder()
        .header("Authorization", "Bearer " + apiKey.reveal())
        .header("Accept", "application/json")
        .header("User-Agent", USER_AGENT)
        .build());
  }

  /** The headers of a JSON request as a person may see them: the key masked. */
  public static Map<String, String> preview(ApiKey apiKey) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer " + apiKey.masked());
    headers.put("Content-Type", JSON.toString());
    headers.put("Accept", "application/json");
    headers.put("User-Agent", USER_AGENT);
    return headers;
  }

  static boolean sameOrigin(HttpUrl url, HttpUrl base) {
    return url.scheme().equals(base.scheme()) && url.host().equals(base.host()) && url.port() == base.port();
  }
}
