package dev.vidgen.benchmarks.micro;

import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.validation.ValidationReport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the client does before anything reaches the network, through its public API: validate a
 * job (valid, and one with several mistakes), quote it, and preview it (validate, quote and
 * encode the create request). The simple way does none of this, so there is no baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class JobBenchmarks {
  private VidgenClient client;
  private VideoJob valid;
  private VideoJob invalid;

  @Setup
  public void setUp() {
    client = OfflineClient.create();
    valid = Workloads.validJob();
    invalid = Workloads.invalidJob();
  }

  @TearDown
  public void tearDown() {
    client.close();
  }

  @Benchmark
  public ValidationReport validateValidJob() {
    return client.validate(valid);
  }

  @Benchmark
  public ValidationReport validateInvalidJob() {
    return client.validate(invalid);
  }

  @Benchmark
  public PriceQuote quote() {
    return client.quote(valid);
  }

  @Benchmark
  public RequestPreview previewCreateRequest() {
    return client.preview(valid);
  }
}
