package dev.vidgen.serve;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Refuses requests that are not meant for this server: a {@code Host} that is not one of its own
 * names (DNS rebinding: a web page whose name now points at 127.0.0.1), an {@code Origin} of
 * another site, or a browser's {@code Sec-Fetch-Site} saying the request comes from another site
 * (cross-site form posts, embedded videos), except a link that opens the page itself. Requests
 * without these headers (curl) pass on {@code Host} alone.
 */
final class HostGuard {
  private final Set<String> hosts;

  private HostGuard(Set<String> hosts) {
    this.hosts = Set.copyOf(hosts);
  }

  /** The guard for a server bound to {@code bindAddress} on {@code port}. */
  static HostGuard forBinding(String bindAddress, int port) {
    Set<String> names = new LinkedHashSet<>(Set.of("127.0.0.1", "localhost", "[::1]"));
    InetAddress bound = resolve(bindAddress);
    if (bound != null && bound.isAnyLocalAddress()) {
      names.addAll(interfaceAddresses());
      try {
        names.add(InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT));
      } catch (UnknownHostException e) {
        // Then only addresses reach it.
      }
    } else if (bound != null) {
      names.add(literal(bound)); // the address it prints, 127.0.0.2 as much as a LAN one
    }
    Set<String> hosts = new LinkedHashSet<>();
    for (String name : names) {
      hosts.add(name + ":" + port);
      if (port == 80) {
        hosts.add(name);
      }
    }
    return new HostGuard(hosts);
  }

  /** Whether {@code bindAddress} is a loopback address (only this machine can connect). */
  static boolean isLoopback(String bindAddress) {
    InetAddress address = resolve(bindAddress);
    return address != null && address.isLoopbackAddress();
  }

  /**
   * Checks one request's headers.
   *
   * @throws Refusal (403) saying which header was refused
   */
  void check(String host, String origin, String fetchSite) {
    check(host, origin, fetchSite, false);
  }

  /**
   * Checks one request's headers; {@code openingThePage} when it is a browser opening the page
   * itself ({@code GET /} as a top-level navigation), which a link on another site may start: the
   * page then talks to this server from its own origin, and frames stay refused.
   *
   * @throws Refusal (403) saying which header was refused
   */
  void check(String host, String origin, String fetchSite, boolean openingThePage) {
    String hostName = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
    if (!hosts.contains(hostName)) {
      throw new Refusal(403, null, "refused: the Host " + (hostName.isEmpty() ? "(none)" : hostName)
          + " is not this playground's", "open the address vidgen serve printed");
    }
    if (origin != null && !hosts.contains(originHost(origin))) {
      throw new Refusal(403, null, "refused: a request from another site (" + origin + ")",
          "use the playground's own page");
    }
    if (!openingThePage && fetchSite != null
        && (fetchSite.equalsIgnoreCase("cross-site") || fetchSite.equalsIgnoreCase("same-site"))) {
      throw new Refusal(403, null, "refused: a request from another site", "use the playground's own page");
    }
  }

  private static String originHost(String origin) {
    String value = origin.strip().toLowerCase(Locale.ROOT);
    return value.startsWith("http://") ? value.substring("http://".length()) : "\u0000";
  }

  private static InetAddress resolve(String bindAddress) {
    try {
      return InetAddress.getByName(bindAddress);
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static Set<String> interfaceAddresses() {
    Set<String> addresses = new LinkedHashSet<>();
    try {
      for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          addresses.add(literal(address));
        }
      }
    } catch (SocketException e) {
      // Then only the names above reach it.
    }
    return addresses;
  }

  private static String literal(InetAddress address) {
    String text = address.getHostAddress();
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    return text.contains(":") ? "[" + text.toLowerCase(Locale.ROOT) + "]" : text;
  }
}
