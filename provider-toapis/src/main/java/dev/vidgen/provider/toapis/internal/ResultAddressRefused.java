package dev.vidgen.provider.toapis.internal;

import java.net.UnknownHostException;

/**
 * A result link, or a redirect of one, on a machine vidgen does not fetch from (see {@link ResultAddresses}):
 * thrown before any connection is made, so nothing was sent there. An {@link UnknownHostException}, as a
 * resolver may throw only those.
 */
public final class ResultAddressRefused extends UnknownHostException {
  private static final long serialVersionUID = 1L;

  private final String host;
  private final String problem;
  private final boolean redirect;

  ResultAddressRefused(String host, String problem, boolean redirect) {
    super((redirect ? "the address it redirects to, " + host + "," : "its host " + host) + " " + problem
        + "; nothing was sent there");
    this.host = host;
    this.problem = problem;
    this.redirect = redirect;
  }

  /** The same refusal, said of a redirect of the result link. */
  ResultAddressRefused ofRedirect() {
    return redirect ? this : new ResultAddressRefused(host, problem, true);
  }

  /** The refusal in {@code failure} or among its causes and suppressed exceptions, else null. */
  public static ResultAddressRefused in(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ResultAddressRefused refused) {
        return refused;
      }
      for (Throwable suppressed : cause.getSuppressed()) {
        if (suppressed instanceof ResultAddressRefused refused) {
          return refused;
        }
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return null;
  }
}
