package dev.vidgen.provider.toapis;

import dev.vidgen.core.error.ProviderConfigurationException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * An HTTP proxy as curl's {@code HTTPS_PROXY} and {@code HTTP_PROXY} give it, {@code http://[USER:PASSWORD@]HOST[:PORT]}
 * (port 1080 when left out, as curl takes it). The user and password are percent-decoded; {@code toString} never
 * shows them.
 */
public final class ToApisProxy {
  private static final int CURL_DEFAULT_PORT = 1080;
  private final String host;
  private final int port;
  private final String user;
  private final String password;

  private ToApisProxy(String host, int port, String user, String password) {
    this.host = host;
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /** A proxy at {@code host:port}, with the Basic credentials {@code user} and {@code password} (both may be null). */
  public static ToApisProxy of(String host, int port, String user, String password) {
    Objects.requireNonNull(host, "host == null");
    if (port < 1 || port > 65535) {
      throw new ProviderConfigurationException("a proxy's port must be from 1 to 65535, not " + port);
    }
    return new ToApisProxy(host, port, user, user == null ? null : password == null ? "" : password);
  }

  /**
   * The proxy {@code text} names, such as {@code http://proxy.corp:3128} or {@code http://me:p%40ss@proxy.corp:3128}.
   *
   * @param source what the text came from, such as {@code HTTPS_PROXY}, which an error names (never the text, which
   *     may hold a password)
   * @throws ProviderConfigurationException when it is no http proxy address
   */
  public static ToApisProxy parse(String text, String source) {
    String address = text.strip();
    int schemeEnd = address.indexOf("://");
    String scheme = schemeEnd < 0 ? "http" : address.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http")) {
      throw malformed(source, "it must start with http:// (a proxy reached over https:// or SOCKS is not read from"
          + " it; a SOCKS proxy is given with -DsocksProxyHost and -DsocksProxyPort)");
    }
    String rest = schemeEnd < 0 ? address : address.substring(schemeEnd + 3);
    int end = rest.length();
    for (char stop : new char[] {'/', '?', '#'}) {
      int at = rest.indexOf(stop);
      end = at >= 0 ? Math.min(end, at) : end;
    }
    String authority = rest.substring(0, end);
    int userEnd = authority.lastIndexOf('@');
    String hostPort = authority.substring(userEnd + 1);
    int colon = hostPort.lastIndexOf(':');
    boolean hasPort = colon >= 0 && hostPort.indexOf(']', colon) < 0;
    HttpUrl url = HttpUrl.parse("http://" + authority + (hasPort ? "" : ":" + CURL_DEFAULT_PORT) + "/");
    if (hostPort.isEmpty() || url == null) {
      throw malformed(source, "its host or port cannot be read (the port must be a number from 1 to 65535;"
          + " a password with @, : or / in it is written percent-encoded, such as %40 for @)");
    }
    String user = null;
    String password = null;
    if (userEnd >= 0) {
      String info = authority.substring(0, userEnd);
      int split = info.indexOf(':');
      user = decoded(split < 0 ? info : info.substring(0, split));
      password = split < 0 ? "" : decoded(info.substring(split + 1));
    }
    return new ToApisProxy(url.host(), url.port(), user, password);
  }

  private static String decoded(String text) {
    try {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException badEscape) {
      return text;
    }
  }

  private static ProviderConfigurationException malformed(String source, String why) {
    return new ProviderConfigurationException(source + " is not a proxy address such as http://proxy.example.com:3128"
        + " or http://USER:PASSWORD@proxy.example.com:3128: " + why);
  }

  /** The proxy's host name or IP address. */
  public String host() {
    return host;
  }

  /** The proxy's port. */
  public int port() {
    return port;
  }

  /** The user name sent to the proxy when it asks for one, if any. */
  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password; only for the Basic answer to the proxy. */
  String password() {
    return password;
  }

  /** {@code host:port}, as messages name the proxy. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ToApisProxy proxy && proxy.host.equals(host) && proxy.port == port
        && Objects.equals(proxy.user, user) && Objects.equals(proxy.password, password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, user);
  }

  @Override
  public String toString() {
    return "http://" + address() + (user == null ? "" : " (with a user name and password)");
  }
}
