package dev.vidgen.benchmarks.micro;

import dev.vidgen.benchmarks.Workloads;
import dev.vidgen.benchmarks.baseline.SimpleJson;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.provider.toapis.internal.CreateBody;
import dev.vidgen.provider.toapis.internal.ReadableBodies;
import dev.vidgen.provider.toapis.internal.TaskDto;
import dev.vidgen.provider.toapis.internal.TaskSnapshots;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.concurrent.TimeUnit;
import okhttp3.MediaType;
import okhttp3.ResponseBody;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import retrofit2.Converter;
import retrofit2.Retrofit;

/**
 * Encoding a create request and decoding a status answer, each next to the simple way: vidgen
 * spells the body from the route's wire format and reads the answer through the provider's
 * converter (the whole body read, then parsed leniently, then mapped to a snapshot); the baseline
 * serialises a hand-made map and reads a small record straight from the body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WireBenchmarks {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final TaskId ID = TaskId.of("video_abc123def456");

  private SubmitRequest request;
  private Converter<ResponseBody, ?> taskConverter;

  @Setup
  public void setUp() {
    request = Workloads.submitRequest();
    Retrofit retrofit = new Retrofit.Builder().baseUrl("http://127.0.0.1:9/").build();
    taskConverter = new ReadableBodies().responseBodyConverter(TaskDto.class, new Annotation[0], retrofit);
  }

  @Benchmark
  public String encodeCreateVidgen() {
    return CreateBody.json(request);
  }

  @Benchmark
  public String encodeCreateBaseline() {
    return SimpleJson.createBody(Workloads.MODEL, Workloads.PROMPT, Workloads.IMAGE_URL, 10, "16:9");
  }

  @Benchmark
  public TaskSnapshot decodeStatusVidgen() throws IOException {
    return decode(Workloads.STATUS_IN_PROGRESS);
  }

  @Benchmark
  public SimpleJson.SimpleTask decodeStatusBaseline() throws IOException {
    return SimpleJson.task(ResponseBody.create(Workloads.STATUS_IN_PROGRESS, JSON).source());
  }

  @Benchmark
  public TaskSnapshot decodeCompletedVidgen() throws IOException {
    return decode(Workloads.STATUS_COMPLETED);
  }

  @Benchmark
  public SimpleJson.SimpleTask decodeCompletedBaseline() throws IOException {
    return SimpleJson.task(ResponseBody.create(Workloads.STATUS_COMPLETED, JSON).source());
  }

  private TaskSnapshot decode(String text) throws IOException {
    TaskDto task = (TaskDto) taskConverter.convert(ResponseBody.create(text, JSON));
    return TaskSnapshots.fromTask(task, ID);
  }
}
