package dev.vidgen.serve.history;

import java.util.Locale;

/**
 * Whether two base URLs, as the history records them, name one server: told apart only by what the provider would
 * send the same way (a trailing slash, the case of the scheme and host, and for toapis a trailing {@code /v1}, which
 * it drops since every path starts with it). No base URL is the provider's own address.
 */
public final class BaseUrls {
  /** The address toapis uses when no base URL is given. */
  static final String TOAPIS_OWN = "https://toapis.com";

  private BaseUrls() {}

  /** Whether {@code one} and {@code other}, base URLs of provider {@code providerId} (null: none given), are one server. */
  public static boolean sameServer(String providerId, String one, String other) {
    return comparable(providerId, one).equals(comparable(providerId, other));
  }

  static String comparable(String providerId, String baseUrl) {
    boolean toApis = "toapis".equals(providerId);
    String url = baseUrl == null || baseUrl.isBlank() ? (toApis ? TOAPIS_OWN : "") : baseUrl.strip();
    url = withoutTrailingSlashes(url).toLowerCase(Locale.ROOT);
    if (toApis && url.endsWith("/v1")) {
      url = withoutTrailingSlashes(url.substring(0, url.length() - "/v1".length()));
    }
    return url;
  }

  private static String withoutTrailingSlashes(String url) {
    String trimmed = url;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
