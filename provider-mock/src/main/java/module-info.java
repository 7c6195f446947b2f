/**
 * The offline, deterministic, fault-scriptable provider ({@code mock}), found by {@link
 * java.util.ServiceLoader} like any other.
 */
module dev.vidgen.provider.mock {
  requires transitive dev.vidgen.core;

  exports dev.vidgen.provider.mock;

  provides dev.vidgen.core.port.VideoProviderFactory with dev.vidgen.provider.mock.MockProviderFactory;
}
