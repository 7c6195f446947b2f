package dev.vidgen.core.port;

/** Registered in the test services file as provider {@code alpha}. */
public final class AlphaTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "alpha";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    return new TestProvider(id(), config);
  }
}
