package dev.vidgen.serve;

import java.util.Locale;

/**
 * What the playground's advice names of the provider it runs: its id, and the environment variable
 * its key is read from ({@code TOAPIS_API_KEY}, {@code ACME_API_KEY}); ToAPIs' own addresses only
 * for ToAPIs.
 */
record ProviderTerms(String providerId, String keyVariable) {
  /** The provider a playground runs without being told otherwise. */
  static final ProviderTerms TOAPIS = new ProviderTerms("toapis", PlaygroundSettings.DEFAULT_KEY_VARIABLE);

  /** The terms of provider {@code providerId} whose key is read from {@code <ID>_API_KEY}, as vidgen reads it. */
  static ProviderTerms of(String providerId) {
    return new ProviderTerms(providerId, providerId.strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
        + "_API_KEY");
  }

  boolean isToApis() {
    return "toapis".equals(providerId);
  }

  /** Where the provider's keys and their quotas are managed, in words. */
  String console() {
    return isToApis() ? "the ToAPIs console (https://toapis.com/console/token)" : "the provider's console";
  }
}
