package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.SafeText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Checks a base URL before any key is attached to it: http or https only, no user info, no query,
 * nothing in host or path that is the API key or shaped like one ({@code sk-…}: a key pasted into the
 * wrong setting would otherwise be shown wherever the URL is), and plain http only to a loopback host: {@code localhost} (which the provider resolves to
 * loopback addresses only) or a loopback address literal; {@code *.localhost} names count as
 * remote, since the system resolver may send them anywhere. A trailing {@code /v1} is dropped,
 * since every path already starts with it. Does no I/O (host names are never resolved). Messages
 * show the text with user info hidden and anything shaped like a key masked.
 */
public final class BaseUrls {
  private BaseUrls() {}

  /**
   * A configured key shorter than this is looked for in the URL only when shaped like a key: a short
   * stand-in (a test's {@code k}) would turn up in ordinary host names and paths.
   */
  private static final int SHORTEST_KEY_LOOKED_FOR = 8;

  /**
   * The usable base URL, ending in {@code /}.
   *
   * @param source where the text came from, for the message ({@code TOAPIS_BASE_URL}, …)
   * @param key the API key the URL will be used with, which must not stand in it
   * @throws ProviderConfigurationException saying what is wrong and what is allowed
   */
  public static HttpUrl parse(String text, String source, ApiKey key) {
    String trimmed = text == null ? "" : text.strip();
    // Shown without user info, query or fragment: any of them may hold a password or a token.
    String shown = SafeText.clean(hideUserInfo(trimmed).replaceAll("[?#].*", "?…"), List.of(), key::maskIn);
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
    if (holdsKey(url, key)) {
      throw new ProviderConfigurationException(
          source + " must not contain the API key or anything shaped like one (sk-…): " + shown
              + "; give a base URL such as https://toapis.com, and the key through TOAPIS_API_KEY "
              + "or the provider configuration's API key instead");
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

  /**
   * Whether the URL's host or path (raw or decoded) holds {@code key}, in clear or encoded, or a word
   * shaped like a key.
   */
  private static boolean holdsKey(HttpUrl url, ApiKey key) {
    String decodedPath = String.join("/", url.pathSegments());
    for (String part : List.of(url.host(), url.encodedPath(), decodedPath)) {
      if (SafeText.holdsKeyShape(part)
          || (key.reveal().length() >= SHORTEST_KEY_LOOKED_FOR && !key.maskIn(part).equals(part))) {
        return true;
      }
    }
    return false;
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
