package dev.vidgen.serve;

import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.text.KeptResults;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the playground's advice names of the provider it runs: its id, the environment variable
 * its key is read from ({@code TOAPIS_API_KEY}, {@code ACME_API_KEY}) and how long it keeps results
 * (its own figure, or none); ToAPIs' own addresses only for ToAPIs.
 */
record ProviderTerms(String providerId, String keyVariable, KeptResults keptResults) {
  /** The provider a playground runs without being told otherwise: ToAPIs keeps results 24 hours. */
  static final ProviderTerms TOAPIS = new ProviderTerms("toapis", PlaygroundSettings.DEFAULT_KEY_VARIABLE,
      KeptResults.of(Optional.of(Duration.ofHours(24))));

  ProviderTerms {
    Objects.requireNonNull(keptResults, "keptResults == null");
  }

  /** Terms that name no figure for how long results are kept. */
  ProviderTerms(String providerId, String keyVariable) {
    this(providerId, keyVariable, KeptResults.unstated());
  }

  /** The terms of {@code provider}, whose key is read from {@code <ID>_API_KEY} as vidgen reads it. */
  static ProviderTerms of(VideoProvider provider) {
    return new ProviderTerms(provider.id(), provider.id().strip().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
        + "_API_KEY", KeptResults.of(provider.keepsResultsFor()));
  }

  boolean isToApis() {
    return "toapis".equals(providerId);
  }

  /** Where the provider's keys and their quotas are managed, in words. */
  String console() {
    return isToApis() ? "the ToAPIs console (https://toapis.com/console/token)" : "the provider's console";
  }
}
