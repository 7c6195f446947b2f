package dev.vidgen.provider.mock;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.testkit.ProviderScript;
import dev.vidgen.testkit.VideoProviderContract;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;

class MockVideoProviderContractTest extends VideoProviderContract implements ProviderScript {
  private final VirtualTime time = VirtualTime.create();
  private final MockVideoProvider mock =
      MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofMinutes(2)).apiKey(ApiKey.of(API_KEY))
          .credits(java.math.BigDecimal.valueOf(1_000_000))
          .liveModels(java.util.Set.of("grok-video-1.5-preview", "grok-video-1.0", "seedance-2")).build();

  @Override protected MockVideoProvider provider() { return mock; }
  @Override protected ProviderScript script() { return this; }
  @Override protected boolean supportsClientReference() { return true; }
  @Override protected boolean supportsBalance() { return true; }
  @Override protected boolean supportsLiveModels() { return true; }
  @Override protected boolean supportsVideoUpload() { return true; }
  @Override protected boolean supportsFollowOns() { return true; }

  @Override public void nextTaskFails(String code, String message) { mock.script().failNextTask(code, message); }
  @Override public void nextTaskNeverFinishes() { mock.script().nextTaskNeverFinishes(); }
  @Override public void nextCreateRateLimited(Duration wait) { mock.script().rateLimitCreates(1, wait); }
  @Override public void nextCallFails(Operation op, FailureKind kind) { mock.script().fail(op, 1, kind); }
  @Override public void nextUploadRejected(String message) { mock.script().rejectUploads(1, message); }
  @Override public void nextCreateUnanswered(boolean made) { mock.script().unansweredCreate(made); }
  @Override public void timePasses(Duration amount) { time.advance(amount); }
}
