package dev.vidgen.benchmarks.load;

import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleJson;
import dev.vidgen.benchmarks.baseline.SimpleToApisClient;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.ratelimit.RateLimitedProvider;
import dev.vidgen.provider.toapis.ToApisConfig;
import dev.vidgen.provider.toapis.ToApisProviderFactory;
import dev.vidgen.provider.toapis.ToApisRateTier;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Dispatcher;
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

  /**
   * vidgen on an app {@code OkHttpClient} (passed through {@link ToApisConfig.Builder#httpClient})
   * whose calls run on {@code threads} threads: a fixed pool behind a queue, at most that many calls
   * at once, connects on the calling thread (no fast fallback). Shows what bounding OkHttp's
   * threads does; the provider's own client is not bounded so.
   */
  static Bounded vidgenBounded(String url, String key, int threads) {
    ThreadPoolExecutor calls = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), DaemonThreads.named("app-okhttp"));
    Dispatcher dispatcher = new Dispatcher(calls);
    dispatcher.setMaxRequests(threads);
    dispatcher.setMaxRequestsPerHost(threads);
    OkHttpClient app = new OkHttpClient.Builder().dispatcher(dispatcher).fastFallback(false).build();
    VideoProvider provider = new ToApisProviderFactory().create(
        ToApisConfig.builder().baseUrl(url).apiKey(key).httpClient(app).build());
    return new Bounded(VidgenClient.builder().provider(provider).build(), provider, calls);
  }

  /** A client on a bounded app client and what it needs closed after it. */
  record Bounded(VidgenClient client, VideoProvider provider, ThreadPoolExecutor calls) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
      provider.close();
      calls.shutdownNow();
    }
  }

  /** vidgen behind the client-side limiter for ToAPIs' default group (5 submits in any second, 50 in any 10 s, 300 a minute). */
  static Limited vidgenLimited(String url, String key) {
    VideoProvider provider = new ToApisProviderFactory().create(ToApisConfig.builder().baseUrl(url).apiKey(key).build());
    ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("bench-rate-limit"));
    RateLimitedProvider limited = RateLimitedProvider.wrap(provider, ToApisRateTier.DEFAULT.limits(), waits, Clock.systemUTC());
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
