package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureCase;
import dev.vidgen.core.policy.FailureKind;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class FailureCasesTest {

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void aProviderFailureIsTheCaseOfItsKindThroughAnyWrapper(FailureKind kind) {
    ProviderException failure = ProviderException.of(kind, ProviderErrorDetails.of("p", 0, null, "x"), null);
    assertThat(FailureCases.of(failure)).isEqualTo(FailureCase.of(kind));
    assertThat(FailureCases.of(new CompletionException(new ExecutionException(failure)))).isEqualTo(FailureCase.of(kind));
  }

  @Test
  void aDownloadWhoseRetriesRanOutIsTheCaseOfItsProviderErrorAndAnUnsavedVideoIsInternal() {
    ProviderException brokeOff = ProviderException.of(FailureKind.NO_RESPONSE,
        ProviderErrorDetails.of("p", 0, ProviderErrorDetails.DOWNLOAD_BROKE_OFF, "x"), null);
    dev.vidgen.core.domain.TaskId task = dev.vidgen.core.domain.TaskId.of("t-1");
    java.nio.file.Path target = java.nio.file.Path.of("v.mp4");

    assertThat(FailureCases.of(DownloadFailedException.providerFailed(task, target, brokeOff)))
        .isEqualTo(FailureCase.NO_RESPONSE);
    assertThat(FailureCases.of(DownloadFailedException.providerFailed(task, target, brokeOff).savedTo("standard output")))
        .isEqualTo(FailureCase.NO_RESPONSE);
    assertThat(FailureCases.of(new DownloadFailedException(task, target, "disk full", null)))
        .isEqualTo(FailureCase.INTERNAL);
  }

  @Test
  void theOtherOutcomesHaveTheirOwnCases() {
    assertThat(FailureCases.of(new AmbiguousSubmitException(ProviderErrorDetails.of("p", 0, null, "x"), null, null)))
        .isEqualTo(FailureCase.AMBIGUOUS_CREATE);
    assertThat(FailureCases.of(new ProviderConfigurationException("bad"))).isEqualTo(FailureCase.SETTINGS);
    assertThat(FailureCases.of(new IllegalStateException("bug"))).isEqualTo(FailureCase.INTERNAL);
    assertThat(FailureCases.of(null)).isEqualTo(FailureCase.INTERNAL);
  }
}
