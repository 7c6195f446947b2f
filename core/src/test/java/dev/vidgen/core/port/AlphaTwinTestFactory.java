package dev.vidgen.core.port;

/** A second factory claiming {@code alpha}; listed only by the tests that want the clash. */
public final class AlphaTwinTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "alpha";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    return new TestProvider(id(), config);
  }
}
