package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.pricing.PriceQuote;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This run's creates as they go out: each job's create, each take sent again blind after a server
 * error and each sent again after a look-up by client reference found none, every one of which may
 * have made a paid task. Told when {@code --max-credits} stops a batch
 * part-way, so that its last words say what the run did send.
 */
final class RunCreates implements VidgenListener {
  private final AtomicInteger sent = new AtomicInteger();

  @Override
  public void onCreating(String model, String clientReference) {
    sent.incrementAndGet();
  }

  @Override
  public void onResentBlind(String model, PriceQuote take, String submitReference) {
    sent.incrementAndGet();
  }

  @Override
  public void onCreateResent(String clientReference) {
    sent.incrementAndGet();
  }

  /** How many creates went out so far. */
  int sent() {
    return sent.get();
  }
}
