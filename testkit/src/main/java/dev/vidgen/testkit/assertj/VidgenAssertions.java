package dev.vidgen.testkit.assertj;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import org.assertj.core.api.Assertions;

/**
 * The entry point for vidgen's AssertJ assertions; it extends {@link Assertions}, so one static
 * import covers vidgen values and everything else.
 */
public class VidgenAssertions extends Assertions {
  protected VidgenAssertions() {}

  public static PriceQuoteAssert assertThat(PriceQuote actual) {
    return new PriceQuoteAssert(actual);
  }

  public static JobHandleAssert assertThat(JobHandle actual) {
    return new JobHandleAssert(actual);
  }

  public static TaskSnapshotAssert assertThat(TaskSnapshot actual) {
    return new TaskSnapshotAssert(actual);
  }

  public static ValidationReportAssert assertThat(ValidationReport actual) {
    return new ValidationReportAssert(actual);
  }
}
