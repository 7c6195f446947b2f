package dev.vidgen.provider.toapis;

import java.net.ProxySelector;
import java.net.URI;
import okhttp3.OkHttpClient;

/**
 * How the provider reaches a URL, by the same rule its calls are routed by: through which proxy ({@code address},
 * {@code host:port}; null for a direct connection) and what decided it ({@code by}; {@code property} names Java's
 * setting when that decided). For telling a person which proxy is used, such as {@code --verbose} does.
 */
public record ProxyUse(Decided by, String address, String property) {
  /** What decided how a URL is reached. */
  public enum Decided {
    /** A loopback host, always reached directly. */
    LOOPBACK,
    /** Java's own setting ({@code https.proxyHost}, {@code http.proxyHost}, {@code socksProxyHost}), which wins. */
    JAVA,
    /** {@code no_proxy} names the host, so the configured proxy is not used for it. */
    NO_PROXY,
    /** The configured proxy for the URL's scheme ({@code https_proxy} or {@code http_proxy}). */
    CONFIGURED,
    /** An app's own OkHttp client with a proxy of its own. */
    CLIENT,
    /** No proxy is set for the URL's scheme. */
    NONE
  }

  /** How a provider of {@code config} reaches {@code url}, with this JVM's proxy settings as they are now. */
  public static ProxyUse of(ToApisConfig config, URI url) {
    OkHttpClient client = config.httpClient().orElse(null);
    if (client != null && client.proxy() != null) {
      return new ProxyRoutes.Way(Decided.CLIENT, client.proxy()).use(url.getScheme());
    }
    ProxySelector fallback = client != null ? client.proxySelector() : ProxySelector.getDefault();
    return ProxyRoutes.of(config, fallback).use(url);
  }
}
