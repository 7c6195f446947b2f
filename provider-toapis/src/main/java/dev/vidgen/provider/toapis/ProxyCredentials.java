package dev.vidgen.provider.toapis;

import dev.vidgen.core.text.SafeText;
import dev.vidgen.provider.toapis.internal.ProxyRefused;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import okhttp3.Authenticator;
import okhttp3.Challenge;
import okhttp3.Credentials;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a proxy's HTTP 407 with Basic {@code Proxy-Authorization}: the user and password of the configured proxy
 * at that address ({@code https_proxy}/{@code http_proxy}, which the CLI fills from {@code HTTPS_PROXY} and the
 * like), else Java's {@code https.proxyUser}/{@code https.proxyPassword} (or {@code http.*}) for the proxy its
 * properties name. Without credentials, or refused again, the call fails with a {@link ProxyRefused} saying so.
 */
final class ProxyCredentials implements Authenticator {
  /** The {@code Proxy-Authenticate} OkHttp puts on the made-up 407 it asks about before a CONNECT. */
  private static final String PREEMPTIVE = "OkHttp-Preemptive";
  static final String HOW = "give them in the proxy's address, http://USER:PASSWORD@HOST:PORT, in HTTPS_PROXY (or"
      + " HTTP_PROXY for http links; a password's @, : or / percent-encoded, such as %40), or as -Dhttps.proxyUser=USER"
      + " -Dhttps.proxyPassword=PASSWORD through VIDGEN_JAVA_OPTS";

  private record Login(String user, String password, String source) {
    @Override
    public String toString() {
      return "Login[" + user + ", from " + source + "]";
    }
  }

  private final ToApisProxy https;
  private final ToApisProxy http;
  private final Function<String, String> properties;

  ProxyCredentials(ToApisProxy https, ToApisProxy http, Function<String, String> properties) {
    this.https = https;
    this.http = http;
    this.properties = properties;
  }

  @Override
  public Request authenticate(Route route, Response response) throws ProxyRefused {
    if (route == null || route.proxy().type() != Proxy.Type.HTTP
        || !(route.proxy().address() instanceof InetSocketAddress proxy)) {
      return null;
    }
    boolean preemptive = PREEMPTIVE.equalsIgnoreCase(response.header("Proxy-Authenticate"));
    String address = (proxy.getHostString().contains(":") ? "[" + proxy.getHostString() + "]" : proxy.getHostString())
        + ":" + proxy.getPort();
    Login login = loginFor(proxy.getHostString(), proxy.getPort());
    if (preemptive) {
      return login == null ? null : withLogin(response.request(), login);
    }
    if (login == null) {
      throw new ProxyRefused(address, "it wants a user name and password and none was given; " + HOW);
    }
    if (response.request().header("Proxy-Authorization") != null) {
      throw new ProxyRefused(address, "it refused the user name " + SafeText.clip(SafeText.clean(login.user()), 60)
          + " and its password (from " + login.source() + "); check them, then " + HOW);
    }
    boolean basic = response.challenges().isEmpty() || response.challenges().stream()
        .map(Challenge::scheme).anyMatch(scheme -> scheme.equalsIgnoreCase("Basic"));
    if (!basic) {
      String schemes = String.join(", ", response.challenges().stream().map(Challenge::scheme).distinct()
          .map(scheme -> SafeText.clip(SafeText.clean(scheme), 30)).toList());
      throw new ProxyRefused(address, "it asks for " + schemes + ", and vidgen answers a proxy only with Basic (a user"
          + " name and password); ask for a proxy that takes Basic, or for access without one");
    }
    return withLogin(response.request(), login);
  }

  private static Request withLogin(Request request, Login login) {
    return request.newBuilder()
        .header("Proxy-Authorization", Credentials.basic(login.user(), login.password(), StandardCharsets.UTF_8))
        .build();
  }

  /** The credentials for the proxy at {@code host:port}, or null. */
  private Login loginFor(String host, int port) {
    for (ToApisProxy configured : new ToApisProxy[] {https, http}) {
      if (configured != null && configured.user().isPresent() && configured.host().equalsIgnoreCase(host)
          && configured.port() == port) {
        return new Login(configured.user().get(), configured.password(), "the proxy's address");
      }
    }
    for (String scheme : new String[] {"https", "http"}) {
      String named = properties.apply(scheme + ".proxyHost");
      String user = properties.apply(scheme + ".proxyUser");
      if (named == null || user == null || !named.strip().equalsIgnoreCase(host)) {
        continue;
      }
      String portText = properties.apply(scheme + ".proxyPort");
      int namedPort = scheme.equals("https") ? 443 : 80;
      try {
        namedPort = portText == null || portText.isBlank() ? namedPort : Integer.parseInt(portText.strip());
      } catch (NumberFormatException unreadable) {
        continue;
      }
      if (namedPort == port) {
        String password = properties.apply(scheme + ".proxyPassword");
        return new Login(user, password == null ? "" : password, "-D" + scheme + ".proxyUser and -D"
            + scheme + ".proxyPassword");
      }
    }
    return null;
  }
}
