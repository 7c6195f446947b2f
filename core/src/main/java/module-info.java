/**
 * vidgen's core: the domain, the route catalog and route files, validation, pricing, the retry,
 * poll and rate-limit policies, the provider SPI ({@code dev.vidgen.core.port}), {@code
 * VidgenClient} and the optional Guice module. Providers are found with {@link
 * java.util.ServiceLoader} as {@link dev.vidgen.core.port.VideoProviderFactory} services.
 */
@SuppressWarnings({"module", "requires-automatic"}) // the qualified exports name modules built after this one
module dev.vidgen.core {
  // Moshi, Okio and Guice are automatic modules with stable names (their Automatic-Module-Name).
  requires org.slf4j;
  requires com.squareup.moshi;
  requires okio;
  requires static com.google.guice;

  exports dev.vidgen.core.catalog;
  exports dev.vidgen.core.client;
  exports dev.vidgen.core.domain;
  exports dev.vidgen.core.error;
  exports dev.vidgen.core.policy;
  exports dev.vidgen.core.port;
  exports dev.vidgen.core.pricing;
  exports dev.vidgen.core.ratelimit;
  exports dev.vidgen.core.validation;
  exports dev.vidgen.inject;

  // Internal: shared by vidgen's own modules only; not API.
  exports dev.vidgen.core.json to
      dev.vidgen.provider.mock, dev.vidgen.provider.toapis, dev.vidgen.batch, dev.vidgen.testkit, dev.vidgen.serve;
  exports dev.vidgen.core.concurrent to
      dev.vidgen.provider.toapis, dev.vidgen.batch, dev.vidgen.serve;
  exports dev.vidgen.core.text to
      dev.vidgen.provider.mock, dev.vidgen.provider.toapis, dev.vidgen.batch, dev.vidgen.testkit, dev.vidgen.serve;
  exports dev.vidgen.core.files to
      dev.vidgen.provider.mock, dev.vidgen.provider.toapis, dev.vidgen.batch, dev.vidgen.testkit, dev.vidgen.serve,
      dev.vidgen.journal.jdbc;

  // Guice calls VidgenModule's package-private @Provides methods.
  opens dev.vidgen.inject to com.google.guice;

  uses dev.vidgen.core.port.VideoProviderFactory;
}
