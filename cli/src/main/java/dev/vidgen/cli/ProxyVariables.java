package dev.vidgen.cli;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.provider.toapis.ProxyUse;
import dev.vidgen.provider.toapis.ToApisConfig;
import dev.vidgen.provider.toapis.ToApisProxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The proxy variables curl and most tools read, given to ToAPIs as its proxy settings: {@code https_proxy} or
 * {@code HTTPS_PROXY} for https, {@code http_proxy} or {@code HTTP_PROXY} for http, {@code no_proxy} or {@code
 * NO_PROXY} for the hosts reached directly (the lowercase one first when both are set). A {@code --set} of the same
 * setting wins; Java's {@code -Dhttps.proxyHost} and the like win over both (the provider decides that, and
 * {@link #told} asks it which proxy the base URL goes through).
 */
final class ProxyVariables {
  private record Variable(String setting, String lower, String upper) {
    /** The variable's name and value: the lowercase one when set, else the uppercase one. */
    Optional<String[]> in(CliContext context) {
      return context.variable(lower).map(value -> new String[] {lower, value})
          .or(() -> context.variable(upper).map(value -> new String[] {upper, value}));
    }
  }

  private static final List<Variable> VARIABLES = List.of(
      new Variable(ToApisConfig.HTTPS_PROXY, "https_proxy", "HTTPS_PROXY"),
      new Variable(ToApisConfig.HTTP_PROXY, "http_proxy", "HTTP_PROXY"),
      new Variable(ToApisConfig.NO_PROXY, "no_proxy", "NO_PROXY"));

  /** Each setting given by a variable: the variable's name and its text. */
  private final Map<String, String[]> found;

  private ProxyVariables(Map<String, String[]> found) {
    this.found = found;
  }

  /**
   * Sets each proxy setting from its variable, when set.
   *
   * @throws CliException naming the variable when one holds no proxy address (its text is not shown)
   */
  static ProxyVariables apply(CliContext context, ProviderConfig.Builder config) {
    Map<String, String[]> found = new LinkedHashMap<>();
    for (Variable variable : VARIABLES) {
      Optional<String[]> set = variable.in(context);
      if (set.isEmpty()) {
        continue;
      }
      String name = set.get()[0];
      String value = set.get()[1];
      if (!variable.setting().equals(ToApisConfig.NO_PROXY)) {
        try {
          ToApisProxy.parse(value, name);
        } catch (ProviderConfigurationException malformed) {
          throw CliException.usage(malformed.getMessage(), "fix " + name + ", or unset it to connect without a proxy");
        }
      }
      config.set(variable.setting(), value);
      found.put(variable.setting(), set.get());
    }
    return new ProxyVariables(found);
  }

  /**
   * What {@code --verbose} tells of the proxies of {@code config} (the settings as the command ends up with them),
   * never a password: for the base URL's scheme, the proxy the provider really uses for the base URL and where it is
   * set, and a configured proxy that is not used for it and why; the other scheme's proxy and {@code no_proxy} as set.
   */
  List<String> told(ProviderConfig config) {
    ToApisConfig resolved;
    try {
      resolved = ToApisConfig.from(config);
    } catch (RuntimeException unusable) {
      resolved = null; // the client refuses the same settings next, saying why
    }
    List<String> told = new ArrayList<>();
    String baseScheme = resolved == null ? null : resolved.baseUrl().getScheme();
    for (String scheme : List.of("https", "http")) {
      String setting = scheme.equals("https") ? ToApisConfig.HTTPS_PROXY : ToApisConfig.HTTP_PROXY;
      ToApisProxy configured = resolved == null ? parsed(config, setting)
          : (scheme.equals("https") ? resolved.httpsProxy() : resolved.httpProxy()).orElse(null);
      String source = sourceOf(config, setting);
      String line = scheme.equals(baseScheme)
          ? forBaseUrl(ProxyUse.of(resolved, resolved.baseUrl()), scheme, configured, source, config)
          : configured == null ? null : scheme + " proxy " + configured + " (" + source + ")";
      if (line != null) {
        told.add(line);
      }
    }
    config.get(ToApisConfig.NO_PROXY).filter(hosts -> !hosts.isBlank()).ifPresent(hosts ->
        told.add("no proxy for " + hosts + " (" + sourceOf(config, ToApisConfig.NO_PROXY) + ")"));
    return told;
  }

  /** The base URL's proxy as the provider routes it, or null when none is set for its scheme. */
  private String forBaseUrl(ProxyUse use, String scheme, ToApisProxy configured, String source,
      ProviderConfig config) {
    String notUsed = configured == null ? "" : source + "'s proxy " + configured + " is not used";
    return switch (use.by()) {
      case JAVA -> use.address() == null
          ? "no " + scheme + " proxy for the base URL (Java's " + use.property() + " setting, which wins, reaches it"
              + " directly" + (notUsed.isEmpty() ? "" : "; " + notUsed) + ")"
          : scheme + " proxy " + use.address() + " (Java's " + use.property() + " setting, which wins"
              + (notUsed.isEmpty() ? "" : " over " + source + ": its proxy " + configured + " is not used") + ")";
      case NO_PROXY -> scheme + " proxy " + configured + " (" + source + "), but not for the base URL: "
          + sourceOf(config, ToApisConfig.NO_PROXY) + " names its host";
      case LOOPBACK -> configured == null ? null : scheme + " proxy " + configured + " (" + source + "), but not for"
          + " the base URL: a loopback host is always reached directly";
      case CONFIGURED, CLIENT, NONE -> configured == null ? null
          : scheme + " proxy " + configured + " (" + source + ")";
    };
  }

  /** The variable {@code setting}'s text came from, or the setting itself when a {@code --set} changed it. */
  private String sourceOf(ProviderConfig config, String setting) {
    String[] variable = found.get(setting);
    boolean fromVariable = variable != null && Objects.equals(config.get(setting).orElse(null), variable[1]);
    return fromVariable ? variable[0] : "toapis setting " + setting;
  }

  private static ToApisProxy parsed(ProviderConfig config, String setting) {
    try {
      return config.get(setting).filter(text -> !text.isBlank()).map(text -> ToApisProxy.parse(text, setting))
          .orElse(null);
    } catch (ProviderConfigurationException malformed) {
      return null;
    }
  }
}
