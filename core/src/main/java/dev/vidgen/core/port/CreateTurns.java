package dev.vidgen.core.port;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Told by a provider that holds a create back until its turn comes (a client-side rate limit, a free
 * connection): that the create waits with nothing of it on its way, and asked just before it then
 * leaves. A caller that journals its jobs can so record that no create is on its way while the wait
 * lasts. Every method has a default that tells nothing and holds nothing back.
 */
public interface CreateTurns {
  /** Tells nothing and holds nothing back. */
  CreateTurns NONE = new CreateTurns() {};

  /**
   * The create waits its turn, about {@code delay} (an estimate), and nothing of it is on its way;
   * not told when its turn is free at once. It must not block. The default ignores it.
   */
  default void waitingTurn(Duration delay) {}

  /**
   * The create waits for one of the provider's connections (all in use by other calls), and nothing of
   * it is on its way; it leaves once {@link #leaving}'s stage completes. It must not block. The default
   * ignores it.
   */
  default void waitingForConnection() {}

  /**
   * The create, after a {@link #waitingTurn} or a {@link #waitingForConnection} told, is about to
   * leave: it leaves once the returned stage completes, and not at all if the stage fails (the create
   * then fails with that failure, nothing sent). It must not block. The default lets it leave at once.
   */
  default CompletionStage<?> leaving() {
    return CompletableFuture.completedFuture(null);
  }
}
