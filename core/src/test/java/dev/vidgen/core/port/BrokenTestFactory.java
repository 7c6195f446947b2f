package dev.vidgen.core.port;

/** Registered in the test services file; its constructor fails like a factory missing a dependency. */
public final class BrokenTestFactory implements VideoProviderFactory {
  public BrokenTestFactory() {
    throw new IllegalStateException("needs a library that is not on the class path");
  }

  @Override
  public String id() {
    return "broken";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    throw new UnsupportedOperationException();
  }
}
