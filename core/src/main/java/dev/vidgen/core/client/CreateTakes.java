package dev.vidgen.core.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Told about the takes of one create, for a caller that journals its jobs: when every take so far
 * was refused without making a task (a 429, say) and the next one waits, or a take waits its turn
 * under a client-side rate limit, and just before that next take leaves. A journal can so record that no create is on its way while the wait lasts. Every
 * method has a default that tells nothing and holds no take back, so an implementation overrides
 * only what it needs.
 */
public interface CreateTakes {
  /** Tells nothing and holds no take back. */
  CreateTakes NONE = new CreateTakes() {};

  /**
   * The create carries {@code clientReference}, by which its task can be looked up: told once, before
   * its first take leaves, and only on a route that takes a reference. The default ignores it.
   */
  default void carrying(String clientReference) {}

  /**
   * Every take of the create so far was refused without making a task and none is on its way; the
   * next one leaves after {@code delay}, unless the submit is stopped first. It must not block. The
   * default ignores it.
   */
  default void waiting(Duration delay) {}

  /**
   * No take of the create is on its way, none so far can have made a task, and the next one (the
   * first, or one after takes refused as {@link #waiting} tells) waits its turn under a client-side
   * rate limit, about {@code delay}; not told when its turn is free at once. It must not block. The
   * default tells {@link #waiting}, so that a caller marking one wait marks both.
   */
  default void waitingTurn(Duration delay) {
    waiting(delay);
  }

  /**
   * As {@link #waitingTurn}, but the next take waits for one of the provider's connections (all in use
   * by other calls) for as long as they stay busy. It must not block. The default tells
   * {@link #waitingTurn} with no delay, so that a caller marking one wait marks this one too.
   */
  default void waitingForConnection() {
    waitingTurn(Duration.ZERO);
  }

  /**
   * The next take, after a {@link #waiting}, a {@link #waitingTurn} or a {@link #waitingForConnection}
   * told, is about to leave: it leaves once the returned stage completes, and not at all if the stage
   * fails (the submit then ends with a {@link SubmitNotSentException}). It must not block. The default
   * lets it leave at once.
   */
  default CompletionStage<?> sendingAgain() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * A take answered with a server error is about to be sent again on a route that takes no client
   * reference, so that once it leaves {@code possibleTasks} takes may each have made a task (those
   * answered so, and this one): it leaves once the returned stage completes, and not at all if the
   * stage fails. It must not block. The default lets it leave at once.
   */
  default CompletionStage<?> sendingAgainBlind(int possibleTasks) {
    return CompletableFuture.completedFuture(null);
  }
}
