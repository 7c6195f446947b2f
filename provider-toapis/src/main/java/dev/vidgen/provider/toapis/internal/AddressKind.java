package dev.vidgen.provider.toapis.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * What kind of machine an IP address names, for deciding whether a result link may be fetched from it:
 * anything not listed here is {@link #PUBLIC}. An IPv6 address that carries an IPv4 one (mapped,
 * compatible, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}) is of the IPv4 address's kind.
 */
public enum AddressKind {
  PUBLIC("a public address"),
  /** {@code 127.0.0.0/8}, {@code ::1}: this machine. */
  LOOPBACK("a loopback address (this machine)"),
  /** RFC 1918 ({@code 10/8}, {@code 172.16/12}, {@code 192.168/16}), {@code fc00::/7} and the shared {@code 100.64/10}. */
  PRIVATE("a private network address"),
  /** {@code 169.254.0.0/16} (the cloud metadata address among them), {@code fe80::/10}. */
  LINK_LOCAL("a link-local address (such as the cloud metadata service)"),
  /** {@code 0.0.0.0/8}, {@code ::}: connecting there reaches this machine. */
  UNSPECIFIED("an unspecified address (which reaches this machine)"),
  /** {@code 224.0.0.0/4}, {@code ff00::/8}. */
  MULTICAST("a multicast address"),
  /**
   * {@code 240.0.0.0/4} (the broadcast address among them), the documentation ranges ({@code 192.0.2.0/24},
   * {@code 198.51.100.0/24}, {@code 203.0.113.0/24}, {@code 2001:db8::/32}), benchmarking ({@code 198.18.0.0/15})
   * and IETF protocol assignments ({@code 192.0.0.0/24}): no server of the internet is there.
   */
  RESERVED("a reserved address");

  private final String words;

  AddressKind(String words) {
    this.words = words;
  }

  /** The kind in words, such as "a private network address". */
  public String words() {
    return words;
  }

  /** The kind of {@code address}. */
  public static AddressKind of(InetAddress address) {
    byte[] bytes = address.getAddress();
    return address instanceof Inet6Address ? ofIpv6(bytes) : ofIpv4(bytes);
  }

  private static AddressKind ofIpv4(byte[] ip) {
    int a = ip[0] & 0xff;
    int b = ip[1] & 0xff;
    int c = ip[2] & 0xff;
    if (a == 127) {
      return LOOPBACK;
    }
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168) || (a == 100 && b >= 64 && b <= 127)) {
      return PRIVATE;
    }
    if (a == 169 && b == 254) {
      return LINK_LOCAL;
    }
    if (a == 0) {
      return UNSPECIFIED;
    }
    if (a >= 224 && a <= 239) {
      return MULTICAST;
    }
    return a >= 240 || isSpecialPurpose(a, b, c) ? RESERVED : PUBLIC;
  }

  /** TEST-NET-1, -2 and -3, the benchmarking {@code 198.18.0.0/15} and the IETF's {@code 192.0.0.0/24}. */
  private static boolean isSpecialPurpose(int a, int b, int c) {
    return (a == 192 && b == 0 && (c == 0 || c == 2)) || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113) || (a == 198 && (b == 18 || b == 19));
  }

  private static AddressKind ofIpv6(byte[] ip) {
    if (allZero(ip, 0, 15) && (ip[15] == 0 || ip[15] == 1)) {
      return ip[15] == 0 ? UNSPECIFIED : LOOPBACK;
    }
    byte[] embedded = embeddedIpv4(ip);
    if (embedded != null) {
      return ofIpv4(embedded);
    }
    int first = ip[0] & 0xff;
    if ((first & 0xfe) == 0xfc) {
      return PRIVATE;
    }
    if (first == 0xfe && (ip[1] & 0xc0) == 0x80) {
      return LINK_LOCAL;
    }
    if (first == 0x20 && ip[1] == 0x01 && ip[2] == 0x0d && (ip[3] & 0xff) == 0xb8) {
      return RESERVED; // 2001:db8::/32, for documentation
    }
    return first == 0xff ? MULTICAST : PUBLIC;
  }

  /** The IPv4 address inside an IPv6 one that carries it (compatible, mapped, NAT64, 6to4), else null. */
  private static byte[] embeddedIpv4(byte[] ip) {
    boolean compatible = allZero(ip, 0, 12);
    boolean mapped = allZero(ip, 0, 10) && (ip[10] & 0xff) == 0xff && (ip[11] & 0xff) == 0xff;
    boolean nat64 = ip[0] == 0 && ip[1] == 0x64 && (ip[2] & 0xff) == 0xff && (ip[3] & 0xff) == 0x9b && allZero(ip, 4, 12);
    if (compatible || mapped || nat64) {
      return Arrays.copyOfRange(ip, 12, 16);
    }
    return ip[0] == 0x20 && ip[1] == 0x02 ? Arrays.copyOfRange(ip, 2, 6) : null; // 6to4
  }

  private static boolean allZero(byte[] ip, int from, int to) {
    for (int i = from; i < to; i++) {
      if (ip[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
