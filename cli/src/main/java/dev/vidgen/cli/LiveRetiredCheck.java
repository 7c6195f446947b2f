package dev.vidgen.cli;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.ViolationCodes;

/**
 * For the commands that send nothing ({@code validate}, {@code quote}, {@code generate --dry-run}):
 * a job refused only for its route's retirement, or for a model the catalog lacks, is checked against
 * the key's live model list, as a submit checks it, so that they agree with what {@code generate} would
 * send and say. The list is the free {@code GET /v1/models?type=video}; nothing paid is sent, and no
 * stand-in key ever is.
 */
final class LiveRetiredCheck {
  private LiveRetiredCheck() {}

  /**
   * The job's report when it is valid, the live list read first when only the retirement refuses it.
   *
   * @throws InvalidJobException when it is not valid (with a note on stderr when the list could not be read)
   */
  static ValidationReport requireValid(Session session, VidgenClient client, VideoJob job, Output output) {
    ValidationReport report = client.validate(job);
    if (onlyRetirement(report) && session.checksModels() && !session.usesStandInKey()) {
      report = againstLiveList(client, job, report, output);
    } else if (unknownModel(report) && session.checksModels() && !session.usesStandInKey()) {
      // Refused either way; the list tells a model the key offers with no route from a misspelling, and names
      // only models it holds instead. A list that cannot be read leaves the catalog's words.
      report = client.validateAsync(job).join();
    }
    if (!report.isValid()) {
      throw new InvalidJobException(report);
    }
    if (allowedRetired(report) && session.checksModels() && !session.usesStandInKey()) {
      requireListed(client, job, output); // --allow-retired: generate still refuses a model the key's list lacks
    }
    return report;
  }

  /**
   * Refuses {@code job} as {@code generate} would when the key's live list lacks its model; a list that
   * cannot be read leaves it valid, with a note (generate reads the list again before it sends).
   */
  private static void requireListed(VidgenClient client, VideoJob job, Output output) {
    try {
      client.checkModelAvailableAsync(job.model()).join();
    } catch (RuntimeException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof InvalidJobException refused) {
        throw refused;
      }
      if (cause instanceof UnsupportedOperationException) {
        return; // a provider that lists no models
      }
      output.note("the key's live model list could not be read (" + (cause.getMessage() == null
          ? cause.getClass().getSimpleName() : cause.getMessage()) + "), so whether it offers " + job.model()
          + " is not known; generate reads the list again before it sends anything");
    }
  }

  /**
   * Whether the key's live list had its say on the valid {@code report}'s job: it is read for a retired route
   * only (one the list offers, or one let through with --allow-retired), and only with a key and the check on.
   */
  static boolean readListFor(Session session, ValidationReport report) {
    return allowedRetired(report) && session.checksModels() && !session.usesStandInKey();
  }

  private static boolean allowedRetired(ValidationReport report) {
    return report.warnings().stream().anyMatch(warning -> warning.code().equals(ViolationCodes.MODEL_RETIRED));
  }

  private static ValidationReport againstLiveList(
      VidgenClient client, VideoJob job, ValidationReport report, Output output) {
    try {
      client.liveModels(); // kept by the client, so that the next validation knows it
    } catch (UnsupportedOperationException e) {
      return report; // a provider that lists no models: the catalog's word stands, as before a create
    } catch (RuntimeException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      output.note("the key's live model list could not be read (" + (cause.getMessage() == null
          ? cause.getClass().getSimpleName() : cause.getMessage()) + "), so " + job.model()
          + " is refused as the catalog has it (retired); generate reads the list again before it sends anything");
      return report;
    }
    return client.validate(job);
  }

  private static boolean unknownModel(ValidationReport report) {
    return report.errors().stream().anyMatch(error -> error.code().equals(ViolationCodes.MODEL_UNKNOWN));
  }

  private static boolean onlyRetirement(ValidationReport report) {
    return !report.isValid()
        && report.errors().stream().allMatch(error -> error.code().equals(ViolationCodes.MODEL_RETIRED));
  }
}
