package dev.vidgen.provider.toapis;

import dev.vidgen.provider.toapis.internal.ResultAddresses;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Which proxy a URL goes through. Loopback ({@code localhost}, {@code *.localhost}, {@code 127.0.0.0/8}, {@code ::1})
 * is always reached directly. Else Java's own proxy properties ({@code https.proxyHost} for https, {@code
 * http.proxyHost} for http, {@code socksProxyHost}), when set, win, through {@code fallback}; else the configured
 * proxy for the URL's scheme, unless {@code no_proxy} names the host; else {@code fallback}.
 */
final class ProxyRoutes extends ProxySelector {
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|\\[?[0-9a-fA-F:.]*:[0-9a-fA-F:.]*]?");

  private final ToApisProxy https;
  private final ToApisProxy http;
  private final List<String> noProxy;
  private final ProxySelector fallback;
  private final Function<String, String> properties;

  ProxyRoutes(ToApisProxy https, ToApisProxy http, String noProxy, ProxySelector fallback,
      Function<String, String> properties) {
    this.https = https;
    this.http = http;
    this.noProxy = noProxy == null ? List.of() : Arrays.stream(noProxy.split("[,\\s]+"))
        .map(entry -> entry.strip().toLowerCase(Locale.ROOT)).filter(entry -> !entry.isEmpty()).toList();
    this.fallback = fallback;
    this.properties = properties;
  }

  /** The routes of {@code config}'s proxies; {@code fallback} gives Java's (its properties read at each call). */
  static ProxyRoutes of(ToApisConfig config, ProxySelector fallback) {
    return new ProxyRoutes(config.httpsProxy().orElse(null), config.httpProxy().orElse(null), config.noProxy(),
        fallback, System::getProperty);
  }

  /** What decided a URL's route, and the proxies it gives, first the one tried first. */
  record Way(ProxyUse.Decided by, List<Proxy> proxies) {
    Way(ProxyUse.Decided by, Proxy proxy) {
      this(by, List.of(proxy));
    }

    /** The way told: the first proxy's {@code host:port} (null when direct), and Java's property when it decided. */
    ProxyUse use(String scheme) {
      Proxy first = proxies.isEmpty() ? Proxy.NO_PROXY : proxies.get(0);
      if (first.type() == Proxy.Type.DIRECT || !(first.address() instanceof InetSocketAddress address)) {
        return new ProxyUse(by, null, by == ProxyUse.Decided.JAVA ? property(Proxy.Type.HTTP, scheme) : null);
      }
      String host = address.getHostString();
      return new ProxyUse(by, (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort(),
          by == ProxyUse.Decided.JAVA ? property(first.type(), scheme) : null);
    }

    private static String property(Proxy.Type type, String scheme) {
      return type == Proxy.Type.SOCKS ? "socksProxyHost"
          : (scheme == null ? "https" : scheme.toLowerCase(Locale.ROOT)) + ".proxyHost";
    }
  }

  @Override
  public List<Proxy> select(URI uri) {
    return way(uri).proxies();
  }

  /** How {@code uri} is reached, and what decided it. */
  ProxyUse use(URI uri) {
    return way(uri).use(uri.getScheme());
  }

  private Way way(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    if (isLoopback(host)) {
      return new Way(ProxyUse.Decided.LOOPBACK, Proxy.NO_PROXY);
    }
    boolean secure = "https".equalsIgnoreCase(uri.getScheme());
    ToApisProxy configured = secure ? https : http;
    if (configured == null || javaProxySet(secure)) {
      return new Way(configured == null && !javaProxySet(secure) ? ProxyUse.Decided.NONE : ProxyUse.Decided.JAVA,
          fallback == null ? List.of(Proxy.NO_PROXY) : fallback.select(uri));
    }
    int port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    if (bypassed(host.toLowerCase(Locale.ROOT), port)) {
      return new Way(ProxyUse.Decided.NO_PROXY, Proxy.NO_PROXY);
    }
    return new Way(ProxyUse.Decided.CONFIGURED,
        new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(configured.host(), configured.port())));
  }

  @Override
  public void connectFailed(URI uri, SocketAddress address, IOException failure) {
    if (fallback != null) {
      fallback.connectFailed(uri, address, failure);
    }
  }

  /** Whether Java's own proxy properties give a proxy for https ({@code secure}) or http URLs. */
  private boolean javaProxySet(boolean secure) {
    return isSet(secure ? "https.proxyHost" : "http.proxyHost") || isSet("socksProxyHost");
  }

  private boolean isSet(String property) {
    String value = properties.apply(property);
    return value != null && !value.isBlank();
  }

  /** Whether {@code no_proxy} names {@code host}: {@code *}, the host, a domain it is in ({@code .corp} or {@code corp}), or {@code host:port}. */
  private boolean bypassed(String host, int port) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    for (String entry : noProxy) {
      if (entry.equals("*")) {
        return true;
      }
      String name = entry;
      int colon = entry.lastIndexOf(':');
      if (colon > 0 && entry.indexOf(':') == colon && entry.substring(colon + 1).chars().allMatch(Character::isDigit)) {
        if (!entry.substring(colon + 1).equals(Integer.toString(port))) {
          continue;
        }
        name = entry.substring(0, colon);
      }
      name = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
      String domain = name.startsWith("*.") ? name.substring(2) : name.startsWith(".") ? name.substring(1) : name;
      if (bare.equals(domain) || (!IP_LITERAL.matcher(bare).matches() && bare.endsWith("." + domain))) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code host} is a loopback name or address, which no proxy is used for. */
  static boolean isLoopback(String host) {
    if (ResultAddresses.isLoopbackName(host)) {
      return true;
    }
    if (!IP_LITERAL.matcher(host).matches()) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
    } catch (UnknownHostException | RuntimeException notAnAddress) {
      return false;
    }
  }
}
