package dev.vidgen.testkit.toapis;

import dev.vidgen.core.json.JsonTrees;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code POST /v1/videos/generations} the fake received, and what came of it.
 *
 * @param taskId the task made, or null when none was
 * @param model the {@code model} field, or null
 * @param clientBusinessId the {@code client_business_id} field, or null
 * @param body the body exactly as received
 * @param status the status answered, or 0 when the connection was dropped or stalled
 */
public record CreateRecord(
    long sequence, String taskId, String model, String clientBusinessId, String body,
    Outcome outcome, int status, Instant receivedAt) {

  /** What the server did with the create. */
  public enum Outcome {
    /** A task was made and its id answered. */
    CREATED,
    /** A task was made but the answer was never delivered (dropped, stalled). */
    CREATED_UNANSWERED,
    /** The request broke a rule (auth, wire shape, quota); no task. */
    REJECTED,
    /** An injected fault answered or dropped it; no task. */
    FAULTED
  }

  /** Whether a task exists because of this create. */
  public boolean madeTask() {
    return taskId != null;
  }

  /**
   * The body parsed: maps, lists, strings, exact numbers ({@code Long} or {@code BigInteger} whole
   * numbers, {@code BigDecimal} others), booleans, and Java null for a JSON {@code null} (the key
   * is still present).
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> json() {
    Object value = JsonTrees.parse(body);
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  /** The {@code client_business_id}, if sent. */
  public Optional<String> clientReference() {
    return Optional.ofNullable(clientBusinessId);
  }
}
