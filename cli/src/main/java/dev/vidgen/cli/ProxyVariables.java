package dev.vidgen.cli;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.provider.toapis.ToApisConfig;
import dev.vidgen.provider.toapis.ToApisProxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy variables curl and most tools read, given to ToAPIs as its proxy settings: {@code https_proxy} or
 * {@code HTTPS_PROXY} for https, {@code http_proxy} or {@code HTTP_PROXY} for http, {@code no_proxy} or {@code
 * NO_PROXY} for the hosts reached directly (the lowercase one first when both are set). A {@code --set} of the same
 * setting wins; Java's {@code -Dhttps.proxyHost} and the like win over both (the provider decides that).
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

  private ProxyVariables() {}

  /**
   * Sets each proxy setting from its variable, when set; returns what {@code --verbose} tells of them (never a
   * password).
   *
   * @throws CliException naming the variable when one holds no proxy address (its text is not shown)
   */
  static List<String> apply(CliContext context, ProviderConfig.Builder config) {
    List<String> told = new ArrayList<>();
    for (Variable variable : VARIABLES) {
      Optional<String[]> found = variable.in(context);
      if (found.isEmpty()) {
        continue;
      }
      String name = found.get()[0];
      String value = found.get()[1];
      if (variable.setting().equals(ToApisConfig.NO_PROXY)) {
        told.add("no proxy for " + value + " (" + name + ")");
      } else {
        try {
          told.add((variable.setting().equals(ToApisConfig.HTTPS_PROXY) ? "https" : "http") + " proxy "
              + ToApisProxy.parse(value, name) + " (" + name + ")");
        } catch (ProviderConfigurationException malformed) {
          throw CliException.usage(malformed.getMessage(), "fix " + name + ", or unset it to connect without a proxy");
        }
      }
      config.set(variable.setting(), value);
    }
    return told;
  }
}
