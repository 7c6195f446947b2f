package dev.vidgen.cli;

import dev.vidgen.core.port.VideoProvider;

/**
 * Whether a provider offers a live model list: one that keeps the SPI's default {@code liveModels()} lists none, so
 * nothing checks that a key may use a model and nothing is read for it.
 */
final class LiveListOffer {
  private LiveListOffer() {}

  /** Whether {@code provider} implements {@code liveModels()} itself; asked of its class, so nothing is sent. */
  static boolean of(VideoProvider provider) {
    try {
      return provider.getClass().getMethod("liveModels").getDeclaringClass() != VideoProvider.class;
    } catch (NoSuchMethodException | SecurityException unknown) {
      return true; // as before: the list is taken to be offered
    }
  }
}
