package dev.vidgen.provider.toapis.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import okhttp3.Dns;

/**
 * The system resolver, except that {@code localhost} (the one name allowed plain http) is answered
 * with loopback addresses only, whatever the hosts file or resolver says.
 */
public final class LoopbackDns implements Dns {
  private final Dns delegate;

  public LoopbackDns(Dns delegate) {
    this.delegate = delegate;
  }

  @Override
  public List<InetAddress> lookup(String hostname) throws UnknownHostException {
    if (!hostname.toLowerCase(Locale.ROOT).equals("localhost")) {
      return delegate.lookup(hostname);
    }
    List<InetAddress> loopback;
    try {
      loopback = delegate.lookup(hostname).stream().filter(InetAddress::isLoopbackAddress).toList();
    } catch (UnknownHostException e) {
      loopback = List.of();
    }
    return loopback.isEmpty() ? List.of(InetAddress.getLoopbackAddress()) : loopback;
  }
}
