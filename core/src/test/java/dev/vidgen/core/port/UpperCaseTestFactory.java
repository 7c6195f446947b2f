package dev.vidgen.core.port;

/** Not in the test services file: a factory whose id is not lower case, listed by the tests that need it. */
public final class UpperCaseTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "Gamma";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    return new TestProvider("gamma", config);
  }
}
