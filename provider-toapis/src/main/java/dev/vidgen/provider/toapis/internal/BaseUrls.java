package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.text.SafeText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Checks a base URL before any key is attached to it: http or https only, no user info, no query,
 * and plain http only to a loopback host: {@code localhost} (which the provider resolves to
 * loopback addresses only) or a loopback address literal; {@code *.localhost} names count as
 * remote, since the system resolver may send them anywhere. A trailing {@code /v1} is dropped,
 * since every path already starts with it. Does no I/O (host names are never resolved). Messages
 * show the text with user info hidden and anything shaped like a key masked.
 */
public final class BaseUrls {
  private BaseUrls() {}

  /**
   * The usable base URL, ending in {@code /}.
   *
   * @param source where the text came from, for the message ({@code TOAPIS_BASE_URL}, …)
   * @throws ProviderConfigurationException saying what is wrong and what is allowed
   */
  public static HttpUrl parse(String text, String source) {
    String trimmed = text == null ? "" : text.strip();
    // Shown without user info, query or fragment: any of them may hold a password or a token.
    String shown = SafeText.clean(hideUserInfo(trimmed).replaceAll("[?#].*", "?…"));
    HttpUrl url = HttpUrl.parse(trimmed);
    if (url == null) {
      throw new ProviderConfigurationException(
          source + " '" + shown + "' is not an http(s) URL; use https://toapis.com or https://toapis.cn");
    }
    if (!url.username().isEmpty() || !url.password().isEmpty()) {
      throw new ProviderConfigurationException(
          source + " must not contain user info (name:password@); give the API key through "
              + "TOAPIS_API_KEY or the provider configuration instead: " + shown);
    }
    if (url.query() != null || url.fragment() != null) {
      throw new ProviderConfigurationException(source + " must not have a query or fragment: " + shown);
    }
    if (url.scheme().equals("http") && !isLoopback(url.host())) {
      throw new ProviderConfigurationException(
          "refusing to send the API key over plain http to " + url.host() + " (" + source
              + "); use https://, plain http is allowed only for loopback hosts such as 127.0.0.1 or localhost");
    }
    String path = url.encodedPath();
    if (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.toLowerCase(Locale.ROOT).endsWith("/v1")) {
      path = path.substring(0, path.length() - 3);
    }
    return url.newBuilder().encodedPath(path + "/").build();
  }

  /** Whether {@code host} is {@code localhost} or a loopback address literal ({@code foo.localhost} is not). */
  public static boolean isLoopback(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    if (name.equals("localhost")) {
      return true;
    }
    boolean literal = name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
    if (!literal) {
      return false;
    }
    try {
      return InetAddress.getByName(name).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static String hideUserInfo(String text) {
    return text.replaceAll("(?<=//)[^/?#]*@", "…@");
  }
}
