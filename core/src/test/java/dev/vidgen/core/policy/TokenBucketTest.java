package dev.vidgen.core.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void grantsTheWholeBurstAtOnceThenOneTokenPerFifthOfASecondAtFivePerSecond() {
    TokenBucket bucket = TokenBucket.full(new RateLimit(5, 50), T0);
    for (int i = 0; i < 50; i++) {
      TokenBucket.Reservation r = bucket.reserve(T0);
      assertThat(r.delay()).as("call %d of the burst", i + 1).isZero();
      bucket = r.next();
    }
    TokenBucket.Reservation first = bucket.reserve(T0);
    TokenBucket.Reservation second = first.next().reserve(T0);

    assertThat(first.delay()).isEqualTo(Duration.ofMillis(200));
    assertThat(second.delay()).isEqualTo(Duration.ofMillis(400));
  }

  @Test
  void refillsWhileIdleButNeverAboveTheBurst() {
    TokenBucket bucket = TokenBucket.full(new RateLimit(5, 50), T0);
    for (int i = 0; i < 50; i++) {
      bucket = bucket.reserve(T0).next();
    }

    assertThat(bucket.available(T0.plusSeconds(2))).isEqualTo(10.0);
    assertThat(bucket.available(T0.plusSeconds(60))).isEqualTo(50.0);
  }

  @Test
  void pausesEveryCallerForRetryAfterAndHalvesTheRateAfterA429() {
    TokenBucket bucket = TokenBucket.full(new RateLimit(5, 50), T0).throttled(T0, Duration.ofSeconds(7));

    TokenBucket.Reservation r = bucket.reserve(T0.plusSeconds(1));

    assertThat(bucket.pauseLeft(T0.plusSeconds(1))).isEqualTo(Duration.ofSeconds(6));
    assertThat(r.delay()).isEqualTo(Duration.ofSeconds(6).plus(Duration.ofMillis(400)));
    assertThat(bucket.rate()).isEqualTo(2.5);
  }

  @Test
  void pausesOneSecondWhenThe429NamedNoRetryAfter() {
    TokenBucket bucket = TokenBucket.full(new RateLimit(5, 50), T0).throttled(T0, null);

    assertThat(bucket.pauseLeft(T0)).isEqualTo(TokenBucket.DEFAULT_PAUSE);
  }

  @Test
  void comesBackToTheFullRateAfterEnoughSuccesses() {
    TokenBucket bucket = TokenBucket.full(new RateLimit(5, 50), T0);
    for (int i = 0; i < 5; i++) {
      bucket = bucket.throttled(T0, Duration.ofSeconds(1));
    }
    assertThat(bucket.rate()).isEqualTo(0.5);

    for (int i = 0; i < 18; i++) {
      bucket = bucket.succeeded();
    }

    assertThat(bucket.rate()).isEqualTo(5.0);
  }

  @Test
  void neverGrantsMoreThanTheBurstPlusTheRateOverAnyStretchOfTime() {
    long seed = System.nanoTime();
    RandomGenerator random = java.util.random.RandomGeneratorFactory.<RandomGenerator>of("L64X128MixRandom").create(seed);
    RateLimit limit = new RateLimit(5, 50);
    TokenBucket bucket = TokenBucket.full(limit, T0);
    Instant now = T0;
    List<Instant> grants = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      now = now.plusMillis(random.nextInt(0, 400));
      TokenBucket.Reservation r = bucket.reserve(now);
      bucket = r.next();
      grants.add(now.plus(r.delay()));
    }
    grants.sort(null);
    for (int i = 0; i < grants.size(); i++) {
      for (int j = i; j < grants.size(); j++) {
        double window = Duration.between(grants.get(i), grants.get(j)).toNanos() / 1e9;
        assertThat(j - i + 1)
            .as("grants %d..%d within %.3f s (seed %d)", i, j, window, seed)
            .isLessThanOrEqualTo((int) Math.floor(limit.burst() + limit.perSecond() * window + 1e-6));
        if (window > 30) {
          break;
        }
      }
    }
  }
}
