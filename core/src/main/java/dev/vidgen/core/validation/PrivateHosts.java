package dev.vidgen.core.validation;

import java.util.Locale;

/**
 * Whether a URL's host names this machine or a private network, by its name alone (no DNS lookup: validation sends
 * nothing): {@code localhost}, {@code *.localhost}, {@code *.local}, {@code *.internal}, and IP literals of loopback,
 * private, link-local and unspecified ranges. A provider fetching the URL from its own servers cannot reach such a
 * host.
 */
final class PrivateHosts {
  private PrivateHosts() {}

  /** Whether {@code host} (as {@link java.net.URI#getHost} gives it, IPv6 in brackets) is not a public address. */
  static boolean namesThisMachineOrAPrivateNetwork(String host) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String name = host.strip().toLowerCase(Locale.ROOT);
    if (name.startsWith("[") && name.endsWith("]")) {
      return privateIpv6(name.substring(1, name.length() - 1));
    }
    while (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.equals("localhost") || name.endsWith(".localhost") || name.endsWith(".local")
        || name.endsWith(".internal")) {
      return true;
    }
    int[] parts = ipv4(name);
    return parts != null && privateIpv4(parts);
  }

  private static boolean privateIpv4(int[] octets) {
    int a = octets[0];
    int b = octets[1];
    return a == 127 || a == 10 || a == 0 || (a == 192 && b == 168) || (a == 172 && b >= 16 && b <= 31)
        || (a == 169 && b == 254);
  }

  /** The four octets of a dotted-decimal IPv4 address, or null when {@code name} is not one. */
  private static int[] ipv4(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4) {
      return null;
    }
    int[] octets = new int[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].isEmpty() || parts[i].length() > 3 || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
        return null;
      }
      octets[i] = Integer.parseInt(parts[i]);
      if (octets[i] > 255) {
        return null;
      }
    }
    return octets;
  }

  /** Loopback ({@code ::1}), unspecified ({@code ::}), unique local ({@code fc00::/7}), link-local ({@code fe80::/10}).
   */
  private static boolean privateIpv6(String address) {
    String text = address;
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    int lastColon = text.lastIndexOf(':');
    if (lastColon >= 0 && text.indexOf('.', lastColon) > 0) { // ::ffff:127.0.0.1, an IPv4 address in IPv6
      int[] v4 = ipv4(text.substring(lastColon + 1));
      return v4 != null && privateIpv4(v4);
    }
    if (text.replace(":", "").replace("0", "").isEmpty()) {
      return true; // :: (all zeros)
    }
    if (text.matches("[0:]*:0*1")) {
      return true; // ::1 in any spelling
    }
    int colon = text.indexOf(':');
    String first = text.startsWith(":") ? "0" : text.substring(0, colon < 0 ? text.length() : colon);
    if (first.isEmpty() || first.length() > 4 || !first.matches("[0-9a-f]+")) {
      return false;
    }
    int group = Integer.parseInt(first, 16);
    return (group & 0xfe00) == 0xfc00 || (group & 0xffc0) == 0xfe80;
  }
}
