package dev.vidgen.provider.toapis.internal;

import java.net.ProtocolException;

/**
 * A proxy that answered HTTP 407 (it wants a user name and password) to credentials that are missing, refused, or
 * of a scheme vidgen cannot answer: the same on every try, so never retried (OkHttp does not retry a
 * {@link ProtocolException}), and nothing reached the provider.
 */
public final class ProxyRefused extends ProtocolException {
  private static final long serialVersionUID = 1L;

  /** The refusal of the proxy at {@code address} ({@code host:port}), saying {@code why} and how to give credentials. */
  public ProxyRefused(String address, String why) {
    super("the proxy at " + address + " refused the connection with HTTP 407 (Proxy Authentication Required): " + why
        + "; nothing reached the provider");
  }

  /** The refusal in {@code failure} or among its causes and suppressed exceptions, else null. */
  public static ProxyRefused in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof ProxyRefused refused) {
        return refused;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (suppressed instanceof ProxyRefused refused) {
          return refused;
        }
      }
    }
    return null;
  }
}
