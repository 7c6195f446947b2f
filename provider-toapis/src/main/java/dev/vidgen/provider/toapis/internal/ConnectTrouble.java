package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.ProviderErrorDetails;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Why a call made no connection, with the code that marks a failure no retry mends: a TLS certificate this
 * Java does not trust or that names other hosts, and the proxy's own failures named as the proxy's.
 *
 * @param words what happened, in words for people
 * @param code the {@link ProviderErrorDetails#code()} it carries, or null
 */
record ConnectTrouble(String words, String code) {
  private static final Pattern UNVERIFIED = Pattern.compile("Hostname (\\S+) not verified");
  private static final Pattern ALT_NAMES = Pattern.compile("subjectAltNames: \\[([^\\]]*)\\]");
  private static final Pattern COMMON_NAME = Pattern.compile("CN=([^,\\s]+)");
  private static final Pattern CONNECT_ANSWER = Pattern.compile("Unexpected response code for CONNECT: (\\d{3})");

  /** Why {@code failure} left {@code trace}'s call unconnected; {@code address} is named when the trace names none. */
  static ConnectTrouble of(Throwable failure, CallTrace trace, String address) {
    String where = trace.target().orElse(address);
    Optional<String> untrusted = untrusted(failure, where == null ? "the server" : where);
    if (untrusted.isPresent()) {
      return new ConnectTrouble(untrusted.get(), ProviderErrorDetails.TLS_UNTRUSTED);
    }
    String target = where == null ? "the server" : where;
    Optional<java.time.Duration> overran = trace.connectOverran();
    Optional<String> proxy = trace.proxy();
    if (proxy.isPresent() && !trace.handshakeBegan() && !said(failure).toLowerCase(Locale.ROOT).contains("authenticate with proxy")) {
      String what = "the proxy " + proxy.get();
      if (overran.isPresent()) {
        return new ConnectTrouble(what + " took the connection but did not open the way (CONNECT) to " + target
            + " within " + NoAnswer.seconds(overran.get()) + " (timeout.connect); nothing was sent to " + target,
            ProviderErrorDetails.PROXY_FAILED);
      }
      Matcher answer = CONNECT_ANSWER.matcher(said(failure));
      if (answer.find()) {
        return new ConnectTrouble(what + " answered HTTP " + answer.group(1) + " to the CONNECT for " + target
            + ", so no connection to it was made", ProviderErrorDetails.PROXY_FAILED);
      }
      return new ConnectTrouble(what + " failed before reaching " + target + ": "
          + NoConnection.why(failure, proxyAddress(proxy.get())), ProviderErrorDetails.PROXY_FAILED);
    }
    if (overran.isPresent()) {
      return new ConnectTrouble("no connection to " + target + " was set up within "
          + NoAnswer.seconds(overran.get()) + " (timeout.connect)", null);
    }
    return new ConnectTrouble(NoConnection.why(failure, where), null);
  }

  /**
   * The words for a certificate this Java does not trust, or one made out for other hosts, when
   * {@code failure} is one: {@code where} names the server.
   */
  private static Optional<String> untrusted(Throwable failure, String where) {
    for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
      if (each instanceof SSLPeerUnverifiedException && each.getMessage() != null) {
        Matcher host = UNVERIFIED.matcher(each.getMessage());
        if (host.find()) {
          String message = each.getMessage();
          String named = host.group(1);
          return Optional.of("the TLS certificate of " + where + onlyInCommonName(message, named)
              .orElseGet(() -> " is for " + namesIn(message) + ", not " + named));
        }
      }
      if (each instanceof CertPathBuilderException || each instanceof CertPathValidatorException) {
        String said = each.getMessage() == null ? "" : NoConnection.oneLine(each.getMessage());
        return Optional.of("the TLS certificate of " + where + " is not trusted by this Java (no certificate"
            + " authority in its trust store vouches for it" + (said.isEmpty() ? "" : ": " + said) + ")");
      }
    }
    return Optional.empty();
  }

  /**
   * The words for a certificate that names {@code host} only in its common name (CN), with no subjectAltName, as
   * {@code message} lists it; empty for any other certificate. Java checks a host against the subjectAltNames alone.
   */
  private static Optional<String> onlyInCommonName(String message, String host) {
    Matcher names = ALT_NAMES.matcher(message);
    Matcher common = COMMON_NAME.matcher(message);
    if ((names.find() && !names.group(1).isBlank()) || !common.find() || !common.group(1).equalsIgnoreCase(host)) {
      return Optional.empty();
    }
    boolean ip = host.contains(":") || host.matches("[0-9.]+");
    return Optional.of(" names " + host + " only in its common name (CN), which Java does not accept for "
        + (ip ? "an IP address: it needs an IP subjectAltName (such as subjectAltName=IP:" + host + ")"
        : "a host name: it needs a DNS subjectAltName (such as subjectAltName=DNS:" + host + ")"));
  }

  /** The host names a certificate is for, as the failure lists them. */
  private static String namesIn(String message) {
    Matcher names = ALT_NAMES.matcher(message);
    if (names.find() && !names.group(1).isBlank()) {
      return NoConnection.oneLine(names.group(1));
    }
    Matcher common = COMMON_NAME.matcher(message);
    return common.find() ? common.group(1) : "other hosts";
  }

  /** The {@code host:port} of a proxy named as {@code host:port (where it is set)}. */
  private static String proxyAddress(String named) {
    int space = named.indexOf(' ');
    return space < 0 ? named : named.substring(0, space);
  }

  /** The messages of {@code failure} and its causes, one after another. */
  private static String said(Throwable failure) {
    StringBuilder said = new StringBuilder();
    for (Throwable each = failure; each != null; each = each.getCause() == each ? null : each.getCause()) {
      said.append(each.getMessage()).append(' ');
    }
    return said.toString();
  }
}
