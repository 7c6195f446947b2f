/**
 * The ToAPIs provider ({@code toapis}): its factory, found by {@link java.util.ServiceLoader}, its
 * configuration and webhook verification. {@code dev.vidgen.provider.toapis.internal} (the wire) is
 * not exported.
 */
@SuppressWarnings("requires-automatic")
module dev.vidgen.provider.toapis {
  requires transitive dev.vidgen.core;
  requires transitive okhttp3;
  // Okio, Moshi, Retrofit and its Moshi converter are automatic modules with stable names.
  requires okio;
  requires com.squareup.moshi;
  requires retrofit2;
  requires retrofit2.converter.moshi;
  requires org.slf4j;

  exports dev.vidgen.provider.toapis;

  // Moshi reads and writes the wire records reflectively.
  opens dev.vidgen.provider.toapis.internal to com.squareup.moshi;

  provides dev.vidgen.core.port.VideoProviderFactory with dev.vidgen.provider.toapis.ToApisProviderFactory;
}
