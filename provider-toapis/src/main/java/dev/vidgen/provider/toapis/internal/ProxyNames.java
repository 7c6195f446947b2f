package dev.vidgen.provider.toapis.internal;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.util.List;
import java.util.Locale;

/**
 * A proxy named for people: its {@code host:port}, and where it is set when that can be told (a Java
 * system property such as {@code https.proxyHost}, or a variable such as {@code HTTPS_PROXY}).
 */
final class ProxyNames {
  private ProxyNames() {}

  /** {@code proxy} as {@code host:port (https.proxyHost)}, for a URL of {@code scheme}; null for no proxy. */
  static String named(Proxy proxy, String scheme) {
    if (proxy == null || proxy.type() == Proxy.Type.DIRECT) {
      return null;
    }
    if (!(proxy.address() instanceof InetSocketAddress address)) {
      return "the proxy";
    }
    String host = address.getHostString();
    String where = host + ":" + address.getPort();
    String source = source(proxy.type(), host, scheme);
    return source.isEmpty() ? where : where + " (" + source + ")";
  }

  /** Where a proxy on {@code host} is set, or empty when not known. */
  private static String source(Proxy.Type type, String host, String scheme) {
    String prefix = type == Proxy.Type.SOCKS ? "socks" : scheme.toLowerCase(Locale.ROOT);
    String property = prefix + (type == Proxy.Type.SOCKS ? "ProxyHost" : ".proxyHost");
    if (host.equalsIgnoreCase(System.getProperty(property, ""))) {
      return property;
    }
    String upper = scheme.toUpperCase(Locale.ROOT) + "_PROXY";
    for (String variable : List.of(upper, upper.toLowerCase(Locale.ROOT), "ALL_PROXY", "all_proxy")) {
      String value = System.getenv(variable);
      if (value != null && value.toLowerCase(Locale.ROOT).contains(host.toLowerCase(Locale.ROOT))) {
        return variable;
      }
    }
    return "";
  }
}
