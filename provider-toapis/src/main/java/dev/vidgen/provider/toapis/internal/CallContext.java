package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.policy.Operation;
import java.util.Objects;

/**
 * What a call was for, so that its failure can be reported well.
 *
 * @param taskId the task concerned, or null
 * @param clientReference the {@code client_business_id} sent with a create, or null
 */
public record CallContext(Operation operation, TaskId taskId, String clientReference) {
  public CallContext {
    Objects.requireNonNull(operation, "operation == null");
  }

  /** A create, with the client reference it carries (or null). */
  public static CallContext create(String clientReference) {
    return new CallContext(Operation.CREATE, null, clientReference);
  }

  /** A read of one task. */
  public static CallContext read(TaskId taskId) {
    return new CallContext(Operation.READ, taskId, null);
  }

  /** Any other call of {@code operation}. */
  public static CallContext of(Operation operation) {
    return new CallContext(operation, null, null);
  }
}
