package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.core.port.RateLimits.Bucket;
import dev.vidgen.core.port.VideoProvider;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ToAPIs account tiers and throttling answers, which the core's limiter only knows through the SPI. */
class ToApisRateTierTest {

  @Test
  void knowsTheThreeToApisGroupsWithEveryWindowOfTheFactSheet() {
    assertThat(ToApisRateTier.DEFAULT.submit()).isEqualTo(windows(5, 50, 300));
    assertThat(ToApisRateTier.DEFAULT.query()).isEqualTo(windows(50, 500, 3000));
    assertThat(ToApisRateTier.VIP.submit()).as("16.7 a second, rounded down").isEqualTo(windows(16, 167, 1000));
    assertThat(ToApisRateTier.VIP.query()).isEqualTo(windows(166, 1667, 10000));
    assertThat(ToApisRateTier.SVIP.submit()).isEqualTo(windows(33, 334, 2000));
    assertThat(ToApisRateTier.SVIP.query()).isEqualTo(windows(500, 5000, 30000));
    assertThat(ToApisRateTier.parse("VIP")).contains(ToApisRateTier.VIP);
    assertThat(ToApisRateTier.parse("gold")).isEmpty();
  }

  private static RateLimit windows(int perSecond, int perTenSeconds, int perMinute) {
    return RateLimit.of(RateLimit.Window.of(perMinute, Duration.ofMinutes(1)),
        RateLimit.Window.of(perSecond, Duration.ofSeconds(1)), RateLimit.Window.of(perTenSeconds, Duration.ofSeconds(10)));
  }

  @Test
  void theProviderReportsTheLimitsOfTheTierItWasGiven() {
    ProviderConfig config = ProviderConfig.builder().apiKey("sk-test-0123456789").set("rate_tier", "svip").build();
    try (VideoProvider provider = new ToApisProviderFactory().create(config)) {
      RateLimits limits = provider.rateLimits().orElseThrow();
      assertThat(limits.submit()).isEqualTo(ToApisRateTier.SVIP.submit());
      assertThat(limits.query()).isEqualTo(ToApisRateTier.SVIP.query());
    }
    try (VideoProvider provider = new ToApisProviderFactory().create(
        ProviderConfig.builder().apiKey("sk-test-0123456789").build())) {
      assertThat(provider.rateLimits().orElseThrow().submit()).isEqualTo(ToApisRateTier.DEFAULT.submit());
    }
  }

  @Test
  void anUnknownTierIsRefusedNamingTheTiers() {
    ProviderConfig config = ProviderConfig.builder().apiKey("sk-test-0123456789").set("rate_tier", "gold").build();
    assertThatThrownBy(() -> new ToApisProviderFactory().create(config))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("rate_tier").hasMessageContaining("default, vip or svip").hasMessageContaining("gold");
  }

  @Test
  void a429NamesItsBucketInTheCategoryHeader() {
    RateLimits.Signals signals = ToApisRateTier.DEFAULT.limits().signals();
    assertThat(signals.read(limited("async_query")))
        .hasValueSatisfying(t -> assertThat(t.bucket()).isEqualTo(Bucket.QUERY))
        .hasValueSatisfying(t -> assertThat(t.pause()).contains(Duration.ofSeconds(7)));
    assertThat(signals.read(limited("async_submit"))).hasValueSatisfying(t -> assertThat(t.bucket()).isEqualTo(Bucket.SUBMIT));
    assertThat(signals.read(limited(null))).hasValueSatisfying(t -> assertThat(t.bucket()).isEqualTo(Bucket.OF_THE_CALL));
  }

  @Test
  void a503RateLimitUnavailablePausesCreatesAndOther503sDoNot() {
    RateLimits.Signals signals = ToApisRateTier.DEFAULT.limits().signals();
    ProviderException submitsDown = ProviderException.of(FailureKind.UNAVAILABLE,
        ProviderErrorDetails.of("toapis", 503, "rate_limit_unavailable", "busy"), null);
    ProviderException otherDown = ProviderException.of(FailureKind.UNAVAILABLE,
        ProviderErrorDetails.of("toapis", 503, "maintenance", "down"), null);
    assertThat(signals.read(submitsDown)).hasValueSatisfying(t -> assertThat(t.bucket()).isEqualTo(Bucket.SUBMIT));
    assertThat(signals.read(otherDown)).isEqualTo(Optional.empty());
  }

  private static ProviderException limited(String category) {
    ProviderErrorDetails details = ProviderErrorDetails.of("toapis", 429, "rate_limit_exceeded", "slow down")
        .withRetryAfter(Duration.ofSeconds(7))
        .withRateLimit(category == null ? Map.of() : Map.of("x-ratelimit-category", category));
    return ProviderException.of(FailureKind.RATE_LIMITED, details, null);
  }
}
