package dev.vidgen.benchmarks.micro;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ProviderConfig;

/** A client on the ToAPIs provider that never sends anything (the benchmarks only call local work). */
final class OfflineClient {
  /** A made-up key of the right shape; nothing is ever sent with it. */
  static final String KEY = "sk-" + "b".repeat(48);

  private OfflineClient() {}

  static VidgenClient create() {
    ProviderConfig config = ProviderConfig.builder().baseUrl("http://127.0.0.1:9").apiKey(KEY).build();
    return VidgenClient.builder().provider("toapis", config).build();
  }
}
