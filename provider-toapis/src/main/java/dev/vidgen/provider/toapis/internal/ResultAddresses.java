package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.text.SafeText;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import okhttp3.Dns;
import okhttp3.HttpUrl;

/**
 * Which machines a result link and each of its redirects may reach: public addresses, and addresses of a
 * kind the base URL's own host has (loopback for a local fake, a private network for an in-house gateway;
 * see {@link AddressKind}). A host name is checked on every address it resolves to, when the connection is
 * made ({@link #guarding}); an IP address, which OkHttp looks up nowhere, before the request goes
 * ({@link #checkLiteral}).
 */
public final class ResultAddresses {
  /** The hosts OkHttp takes as IP addresses and connects to without asking its resolver, as OkHttp tells them. */
  private static final Pattern LITERAL = Pattern.compile("([0-9a-fA-F]*:[0-9a-fA-F:.]*)|([\\d.]+)");
  private static final Pattern PLAIN_IPV4 = Pattern.compile("(0|[1-9]\\d{0,2})(\\.(0|[1-9]\\d{0,2})){3}");

  private final String baseHost;
  private final Dns baseDns;
  private final BiFunction<String, InetAddress, AddressKind> kinds;

  /** Results checked against the host of {@code baseUrl}, which {@code dns} resolves when its kind matters. */
  public ResultAddresses(HttpUrl baseUrl, Dns dns) {
    this(baseUrl, dns, (host, address) -> AddressKind.of(address));
  }

  /** As {@link #ResultAddresses(HttpUrl, Dns)}, with {@code kinds} telling the kind of a host's address. */
  public ResultAddresses(HttpUrl baseUrl, Dns dns, BiFunction<String, InetAddress, AddressKind> kinds) {
    this.baseHost = Objects.requireNonNull(baseUrl, "baseUrl == null").host();
    this.baseDns = Objects.requireNonNull(dns, "dns == null");
    this.kinds = Objects.requireNonNull(kinds, "kinds == null");
  }

  /** {@code delegate}, refusing a name when any address it resolves to may not be reached. */
  public Dns guarding(Dns delegate) {
    Objects.requireNonNull(delegate, "delegate == null");
    return hostname -> {
      List<InetAddress> found = delegate.lookup(hostname);
      for (InetAddress address : found) {
        check(hostname, address, " (at " + address.getHostAddress() + ")", false);
      }
      return found;
    };
  }

  /**
   * Refuses {@code url} when its host is an IP address that may not be reached, a number that is no
   * plain address (such as {@code 2130706433} or {@code 0x7f000001}: any host that {@link #endsInNumber} but is not
   * four dotted decimals), or a name of this machine ({@link #isLoopbackName}), whether
   * or not a proxy is used; another host name is left to {@link #guarding}.
   */
  public void checkLiteral(HttpUrl url, boolean redirect) throws ResultAddressRefused {
    String host = url.host();
    if (isLoopbackName(host)) {
      // Java's default http.nonProxyHosts sends these around any proxy, to this machine: classed by name, never resolved.
      check(host, AddressKind.LOOPBACK, " (a name of this machine)", redirect);
      return;
    }
    boolean ipv6 = host.contains(":");
    if (!ipv6 && !endsInNumber(host)) {
      return;
    }
    InetAddress address = null;
    if (ipv6 || PLAIN_IPV4.matcher(host).matches()) {
      try {
        address = InetAddress.getByName(host); // a literal: parsed, never looked up
      } catch (UnknownHostException unreadable) {
        address = null;
      }
    }
    if (address == null) {
      throw new ResultAddressRefused(shown(host), "is a number that is no plain IP address (such as 203.0.113.7)",
          redirect);
    }
    check(host, address, "", redirect);
  }

  /**
   * Whether {@code host} ends in a number as the WHATWG URL standard says (its last label, after one final dot,
   * is all digits, or {@code 0x} and hex digits or none): a proxy or resolver may read it as an IPv4 address
   * ({@code 0xa9fea9fe}, {@code 0251.0376.0251.0376}), so it is never sent as a name.
   */
  static boolean endsInNumber(String host) {
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    String last = name.substring(name.lastIndexOf('.') + 1);
    if (last.isEmpty()) {
      return false;
    }
    if (last.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return true;
    }
    return (last.startsWith("0x") || last.startsWith("0X"))
        && last.substring(2).chars().allMatch(c -> Character.digit(c, 16) >= 0 && c < 128);
  }

  /** Whether {@code host} is {@code localhost} or a {@code *.localhost} name, in any case, with or without a final dot. */
  public static boolean isLoopbackName(String host) {
    String name = host.toLowerCase(Locale.ROOT);
    name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    return name.equals("localhost") || name.endsWith(".localhost");
  }

  private void check(String host, InetAddress address, String at, boolean redirect) throws ResultAddressRefused {
    check(host, kinds.apply(host, address), at, redirect);
  }

  private void check(String host, AddressKind kind, String at, boolean redirect) throws ResultAddressRefused {
    if (kind == AddressKind.PUBLIC) {
      return;
    }
    Set<AddressKind> base = baseKinds();
    if (base.contains(kind)) {
      return;
    }
    throw new ResultAddressRefused(shown(host) + at, "is " + kind.words() + ", not a public one; vidgen fetches"
        + " results only from public addresses and from addresses of the base URL's own kind (here "
        + base.stream().map(AddressKind::words).collect(Collectors.joining(" or ")) + ")", redirect);
  }

  /** The kinds of the base URL host's addresses; public when it cannot be resolved now. */
  private Set<AddressKind> baseKinds() {
    Set<AddressKind> found = EnumSet.noneOf(AddressKind.class);
    try {
      List<InetAddress> addresses = LITERAL.matcher(baseHost).matches() ? List.of(InetAddress.getByName(baseHost))
          : baseDns.lookup(baseHost);
      addresses.forEach(address -> found.add(kinds.apply(baseHost, address)));
    } catch (UnknownHostException unresolved) {
      // Then only public addresses are fetched.
    }
    return found.isEmpty() ? EnumSet.of(AddressKind.PUBLIC) : found;
  }

  private static String shown(String host) {
    return SafeText.clip(SafeText.clean(host), 80);
  }
}
