package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureCase;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.FailureTable;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The command line's exit codes are the ones core's failure table gives; nothing in the CLI decides them again. */
class FailureTableAgreementTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(FailureKind.class)
  void everyProviderFailureExitsWithTheCodeOfItsRow(FailureKind kind) {
    ProviderException failure = ProviderException.of(kind, ProviderErrorDetails.of("p", 0, null, "x"), null);
    assertThat(Failures.exitCode(new CompletionException(failure))).isEqualTo(FailureTable.row(kind).exitCode());
  }

  @Test
  void theOtherOutcomesExitWithTheCodesOfTheirRows() {
    assertThat(Failures.exitCode(new AmbiguousSubmitException(ProviderErrorDetails.of("p", 0, null, "x"), null, null)))
        .isEqualTo(FailureTable.row(FailureCase.AMBIGUOUS_CREATE).exitCode());
    assertThat(Failures.exitCode(new InvalidJobException(new ValidationReport("m", null, List.of()))))
        .isEqualTo(FailureTable.row(FailureCase.INVALID_JOB).exitCode());
    assertThat(Failures.exitCode(new ProviderConfigurationException("bad")))
        .isEqualTo(FailureTable.row(FailureCase.SETTINGS).exitCode());
    assertThat(Failures.exitCode(new IllegalStateException("bug")))
        .isEqualTo(FailureTable.row(FailureCase.INTERNAL).exitCode());
  }

  @Test
  void theNamedExitCodesAreTheTablesNumbers() {
    assertThat(List.of(ExitCodes.OTHER, ExitCodes.INVALID_JOB, ExitCodes.AUTHENTICATION, ExitCodes.RATE_LIMITED,
        ExitCodes.PROVIDER_ERROR, ExitCodes.TASK_FAILED, ExitCodes.DEADLINE, ExitCodes.OVER_BUDGET))
        .containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
  }

  @Test
  void aRequestTheProviderRejectsAsInvalidExitsTwoWithTheProvidersWords() {
    try (FakeToApisServer fake = FakeToApisServer.builder().apiKeys(KEY).start()) {
      Images.png(640, 360).writeTo(dir.resolve("product.png"));
      fake.inject(Endpoint.CREATE, Fault.error(400, "invalid_request", "seconds must be 6 or 10 for this model"));

      CliRun.Result result = CliRun.in(dir).env("TOAPIS_API_KEY", KEY).run("generate", "--json", "--image",
          "product.png", "--prompt", "slow push-in", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

      assertThat(result.exitCode()).as(result.all()).isEqualTo(2);
      assertThat(result.err()).contains("seconds must be 6 or 10 for this model");
      @SuppressWarnings("unchecked")
      Map<String, Object> error = (Map<String, Object>) result.json().get("error");
      assertThat(error).containsEntry("exit_code", 2.0).containsEntry("code", "invalid_request");
      assertThat(fake.requests(Endpoint.CREATE)).as("not sent again").hasSize(1);
    }
  }
}
