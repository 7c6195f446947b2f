package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.core.port.RateLimits.Bucket;
import dev.vidgen.core.port.RateLimits.Throttle;
import java.util.Optional;

/**
 * Reads ToAPIs' throttling answers for the client-side limiter: a 429 names its bucket in
 * {@code X-RateLimit-Category} ({@code async_submit} or {@code async_query}); a 503 {@code
 * rate_limit_unavailable} pauses creates.
 */
public final class ThrottleSignals implements RateLimits.Signals {
  /** The one instance; it holds no state. */
  public static final ThrottleSignals INSTANCE = new ThrottleSignals();

  static final String CATEGORY_HEADER = "x-ratelimit-category";
  static final String SUBMIT_CATEGORY = "async_submit";
  static final String QUERY_CATEGORY = "async_query";
  static final String SUBMITS_UNAVAILABLE = "rate_limit_unavailable";

  private ThrottleSignals() {}

  @Override
  public Optional<Throttle> read(ProviderException failure) {
    if (failure instanceof RateLimitedException limited) {
      String category = Lenient.word(limited.details().rateLimit().get(CATEGORY_HEADER));
      Bucket bucket = switch (category) {
        case SUBMIT_CATEGORY -> Bucket.SUBMIT;
        case QUERY_CATEGORY -> Bucket.QUERY;
        default -> Bucket.OF_THE_CALL;
      };
      return Optional.of(new Throttle(bucket, limited.retryAfter()));
    }
    if (failure instanceof ProviderUnavailableException unavailable
        && SUBMITS_UNAVAILABLE.equals(Lenient.word(unavailable.providerCode().orElse(null)))) {
      return Optional.of(new Throttle(Bucket.SUBMIT, unavailable.retryAfter()));
    }
    return Optional.empty();
  }
}
