package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.FailedUpload;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * How the uploads of a job's local files fail: a provider's failure names the file, and a file
 * that is gone, unreadable or changed since validation is the job's problem, not vidgen's.
 */
final class UploadFailures {
  private UploadFailures() {}

  /** Fails with an {@link InvalidJobException} when a local input of {@code job} no longer passes its checks. */
  static void requireUsable(VideoJob job) {
    List<Violation> found = JobValidator.recheckLocalInputs(job);
    // A warning (a JPEG without its end marker, as a phone's motion photo has) was told when the job was checked
    // and lets the job go, as validate and the dry run say; only a problem found now holds the upload back.
    if (found.stream().anyMatch(Violation::isError)) {
      throw new InvalidJobException(new ValidationReport(job.model(), job.mode(), found));
    }
  }

  /**
   * The failure of the upload of {@code upload} by provider {@code providerId}: a provider's, said as
   * that file's upload; an exception or {@link Error} of the provider's own code (see {@link
   * SubmitPipeline#isUnexpected}) as that upload refused by its fault, since no create went out; any
   * other (a stop, vidgen's own word, a failing JVM, an upload the provider does not offer) as it is.
   */
  static Throwable of(String providerId, FailedUpload upload, Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof ProviderException provider) {
      return provider.forUpload(upload);
    }
    if (SubmitPipeline.isUnexpected(cause)) {
      ProviderErrorDetails details = ProviderErrorDetails.of(providerId, 0, ProviderErrorDetails.PROVIDER_FAULT,
          ProviderFaultException.failed("the upload", cause));
      return ProviderException.of(FailureKind.REJECTED, details, cause).forUpload(upload);
    }
    return cause;
  }

  /**
   * The failure of {@code job}'s uploads: an {@link InvalidJobException} when one of its local files
   * no longer passes its checks (the likely reason, such as a file deleted while it was read),
   * else {@code failure} itself.
   */
  static Throwable afterFailure(VideoJob job, Throwable failure) {
    Throwable cause = AsyncFailures.unwrap(failure);
    if (cause instanceof CancellationException || cause instanceof InvalidJobException) {
      return cause;
    }
    List<Violation> found = JobValidator.recheckLocalInputs(job);
    if (found.isEmpty()) {
      return cause;
    }
    InvalidJobException invalid = new InvalidJobException(new ValidationReport(job.model(), job.mode(), found));
    invalid.addSuppressed(cause);
    return invalid;
  }
}
