package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleJson;
import dev.vidgen.benchmarks.baseline.SimpleToApisClient;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.ratelimit.RateLimitedProvider;
import dev.vidgen.provider.toapis.ToApisConfig;
import dev.vidgen.provider.toapis.ToApisProviderFactory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import okhttp3.OkHttpClient;

/** The two sides every load driver compares, set up as their users would. */
final class Sides {
  /** The create body the baseline sends: the same job as {@link Workloads#validJob()}. */
  static final String BASELINE_BODY =
      SimpleJson.createBody(Workloads.MODEL, Workloads.PROMPT, Workloads.IMAGE_URL, 10, "16:9");

  private Sides() {}

  /** vidgen with every default: the ToAPIs provider found by id, the client's own scheduler. */
  static VidgenClient vidgen(String url, String key) {
    ProviderConfig config = ProviderConfig.builder().baseUrl(url).apiKey(key).build();
    return VidgenClient.builder().provider(ToApisProviderFactory.ID, config).build();
  }

  /** vidgen behind the client-side limiter for ToAPIs' default group (5 submits/s, burst 50). */
  static Limited vidgenLimited(String url, String key) {
    VideoProvider provider = new ToApisProviderFactory().create(ToApisConfig.builder().baseUrl(url).apiKey(key).build());
    ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "bench-rate-limit");
      thread.setDaemon(true);
      return thread;
    });
    RateLimitedProvider limited = RateLimitedProvider.wrap(provider, RateLimit.Tier.DEFAULT, waits, Clock.systemUTC());
    return new Limited(VidgenClient.builder().provider(limited).build(), limited, waits);
  }

  /** A rate-limited client and what it needs closed after it. */
  record Limited(VidgenClient client, RateLimitedProvider provider, ScheduledExecutorService waits)
      implements AutoCloseable {
    @Override
    public void close() {
      client.close();
      provider.close();
      waits.shutdownNow();
    }
  }

  /** The simple way: one shared default {@code OkHttpClient}. */
  static SimpleToApisClient baseline(String url, String key) {
    return new SimpleToApisClient(new OkHttpClient(), url, key);
  }
}
