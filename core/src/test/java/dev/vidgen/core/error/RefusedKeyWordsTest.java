package dev.vidgen.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.policy.FailureKind;
import org.junit.jupiter.api.Test;

/** How a refused key reads: before any task, what to check; once a task was made, also that it exists and how to resume it. */
class RefusedKeyWordsTest {
  private static final String CHECK = "the provider refused the API key (missing, wrong, revoked, or without"
      + " permission for this call): check which key is used";

  @Test
  void aRefusedCreateSaysOnlyWhichKeyToCheck() {
    ProviderException refused = ProviderException.of(FailureKind.AUTHENTICATION,
        ProviderErrorDetails.of("acme", 401, "http_401", "bad key"), null);

    assertThat(refused).hasMessage("acme: HTTP 401 http_401: bad key; " + CHECK
        + " (see docs/errors.md#authentication)");
  }

  @Test
  void aKeyRefusedOnceTheTaskWasMadeSaysTheTaskExistsAndHowToResumeIt() {
    ProviderException onStatus = ProviderException.of(FailureKind.AUTHENTICATION,
        ProviderErrorDetails.of("acme", 401, "http_401", "bad key"), null).withTaskId(TaskId.of("acme_5"));

    assertThat(onStatus).isInstanceOf(AuthenticationException.class).hasMessage(
        "acme: HTTP 401 http_401: bad key (task acme_5); " + CHECK + "; task acme_5 was made and may be paid for, so do"
            + " not generate it again: once the key is fixed, resume it with its task id"
            + " (see docs/errors.md#authentication)");
  }
}
