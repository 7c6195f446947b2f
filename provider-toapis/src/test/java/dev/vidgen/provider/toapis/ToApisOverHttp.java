package dev.vidgen.provider.toapis;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RetryPolicy;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's ToAPIs over HTTP: a fake server, a provider aimed at it and, when asked for, a client on
 * that provider, all closed after the test. Held in a {@code @RegisterExtension} field (made anew for
 * each test, as the test instance is); test classes differ only in the builder's settings.
 */
final class ToApisOverHttp implements AfterEachCallback, AutoCloseable {
  /** The backoffs and poll waits of a client that never waits on real time. */
  static final Duration TINY = Duration.ofMillis(1);

  private final FakeToApisServer server;
  private final ToApisVideoProvider provider;
  private final VidgenClient client;

  /** Makes the provider and the client on a started {@code server}; the provider is closed if the client fails. */
  private ToApisOverHttp(FakeToApisServer server, Builder settings) {
    this.server = server;
    this.provider = settings.provider.apply(settings.config.apply(ToApisTesting.config(server)).build());
    try {
      this.client = settings.client == null ? null
          : settings.client.apply(VidgenClient.builder().provider(provider)).build();
    } catch (RuntimeException | Error e) {
      provider.close();
      throw e;
    }
  }

  static Builder builder() {
    return new Builder();
  }

  /** Retries after a rate limit or a transient failure wait {@link #TINY}; a Retry-After is taken as said. */
  static RetryPolicy.Builder tinyBackoffs() {
    return RetryPolicy.builder().rateLimitBackoff(TINY, TINY).transientBackoff(TINY, TINY)
        .retryAfterJitter(Duration.ZERO);
  }

  /** The first poll {@link #TINY} after the create, the next ones at most 5 ms apart. */
  static PollSchedule.Builder tinyPolls() {
    return PollSchedule.builder().firstDelay(TINY).minInterval(TINY).maxInterval(Duration.ofMillis(5));
  }

  FakeToApisServer server() {
    return server;
  }

  ToApisVideoProvider provider() {
    return provider;
  }

  /** The client on {@link #provider()}, when the builder asked for one. */
  VidgenClient client() {
    if (client == null) {
      throw new IllegalStateException("this fixture has no client: ask for one with Builder.client(), "
          + "or use provider() alone");
    }
    return client;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
  }

  /** Closes the client, then the provider, then the server, each even when an earlier close failed. */
  @Override
  public void close() {
    try (server; provider) {
      if (client != null) {
        client.close();
      }
    }
  }

  /**
   * What a fixture starts: by default a plain fake, a provider with {@link ToApisTesting#config}'s short
   * timeouts and no client. Each settings call adds to the ones before it.
   */
  static final class Builder {
    private Function<FakeToApisServer.Builder, FakeToApisServer.Builder> server = UnaryOperator.identity();
    private Function<ToApisConfig.Builder, ToApisConfig.Builder> config = UnaryOperator.identity();
    private Function<ToApisConfig, ToApisVideoProvider> provider = ToApisVideoProvider::new;
    private Function<VidgenClient.Builder, VidgenClient.Builder> client;

    private Builder() {}

    /** Settings of the fake (its models, lifecycle, clock, keys). */
    Builder server(UnaryOperator<FakeToApisServer.Builder> settings) {
      server = server.andThen(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** A fake whose account has no limit, the setting most tests here want. */
    Builder unlimitedBalance() {
      return server(FakeToApisServer.Builder::unlimitedBalance);
    }

    /** Settings of the provider beyond the fake's address and key and the short timeouts. */
    Builder config(UnaryOperator<ToApisConfig.Builder> settings) {
      config = config.andThen(Objects.requireNonNull(settings, "settings == null"));
      return this;
    }

    /** How the provider is made from its configuration (one with its own HTTP log, say). */
    Builder provider(Function<ToApisConfig, ToApisVideoProvider> maker) {
      provider = Objects.requireNonNull(maker, "maker == null");
      return this;
    }

    /** Asks for a client on the provider, with the client's default settings. */
    Builder client() {
      return client(UnaryOperator.identity());
    }

    /** Asks for a client on the provider, with these settings. */
    Builder client(UnaryOperator<VidgenClient.Builder> settings) {
      Objects.requireNonNull(settings, "settings == null");
      client = client == null ? settings : client.andThen(settings);
      return this;
    }

    /** Starts the fake and makes the provider and the client on it; the fake is closed if they fail. */
    ToApisOverHttp start() {
      FakeToApisServer fake = server.apply(FakeToApisServer.builder()).start();
      try {
        return new ToApisOverHttp(fake, this);
      } catch (RuntimeException | Error e) {
        fake.close();
        throw e;
      }
    }
  }
}
