package dev.vidgen.core.port;

/** Listed by a test class loader only: factory {@code mm}, whose provider calls itself {@code alpha}. */
public final class MismatchedTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "mm";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    return new TestProvider("alpha", config);
  }
}
