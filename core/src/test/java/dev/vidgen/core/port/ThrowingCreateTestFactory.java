package dev.vidgen.core.port;

/** Listed by a test class loader only: factory {@code boomc}, whose {@code create(config)} throws (a bug of its jar). */
public final class ThrowingCreateTestFactory implements VideoProviderFactory {
  @Override
  public String id() {
    return "boomc";
  }

  @Override
  public VideoProvider create(ProviderConfig config) {
    throw new IllegalStateException("boomc create failed (test)");
  }
}
