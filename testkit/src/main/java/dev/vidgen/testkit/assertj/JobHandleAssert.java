package dev.vidgen.testkit.assertj;

import dev.vidgen.core.client.JobHandle;
import java.util.Objects;
import org.assertj.core.api.AbstractAssert;

/** Assertions on a {@link JobHandle}. */
public final class JobHandleAssert extends AbstractAssert<JobHandleAssert, JobHandle> {
  JobHandleAssert(JobHandle actual) {
    super(actual, JobHandleAssert.class);
  }

  public JobHandleAssert hasProvider(String providerId) {
    isNotNull();
    if (!actual.providerId().equals(providerId)) {
      failWithMessage("expected provider %s but got %s", providerId, actual.providerId());
    }
    return this;
  }

  public JobHandleAssert hasTaskId(String taskId) {
    isNotNull();
    if (!actual.taskId().value().equals(taskId)) {
      failWithMessage("expected task %s but got %s", taskId, actual.taskId());
    }
    return this;
  }

  public JobHandleAssert hasModel(String model) {
    isNotNull();
    if (!actual.model().equals(model)) {
      failWithMessage("expected model %s but got %s", model, actual.model());
    }
    return this;
  }

  /** The handle carries {@code reference}; pass null to require that it carries none. */
  public JobHandleAssert hasClientReference(String reference) {
    isNotNull();
    if (!Objects.equals(actual.clientReference(), reference)) {
      failWithMessage("expected client reference %s but got %s", reference, actual.clientReference());
    }
    return this;
  }

  /** {@code encode()} then {@code decode()} gives back an equal handle. */
  public JobHandleAssert survivesEncoding() {
    isNotNull();
    String encoded = actual.encode();
    JobHandle decoded = JobHandle.decode(encoded);
    if (!decoded.equals(actual)) {
      failWithMessage("expected %s to decode to%n  %s%nbut got%n  %s", encoded, actual, decoded);
    }
    return this;
  }
}
