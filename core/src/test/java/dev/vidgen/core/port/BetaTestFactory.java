package dev.vidgen.core.port;

/** Registered in the test services file as provider {@code beta}. */
public final class BetaTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "beta";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    return new TestProvider(id(), config);
  }
}
