package dev.vidgen.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BatchPlanTest {
  private static final Path OUT = Path.of("videos");

  @Test
  void linesAskingForTheSameJobAreGroupedInLineOrderAndOthersNeverAre() {
    BatchPlan plan = planOf(List.of("a", "b", "a", "c", "b", "a"));

    List<List<PlannedJob>> same = plan.sameJobs(VideoJob::prompt);

    assertThat(same).extracting(group -> group.stream().map(PlannedJob::line).toList())
        .containsExactly(List.of(1, 3, 6), List.of(2, 5));
  }

  @Test
  void jobsWhoseIdentitiesShareAHashButDifferAreNotTheSameJob() {
    // Two identities with one hash: "Aa" and "BB" hash alike as strings, and so do these wrappers.
    BatchPlan plan = planOf(List.of("Aa", "BB", "Aa"));

    List<List<PlannedJob>> same = plan.sameJobs(job -> new Identity(job.prompt()));

    assertThat(same).extracting(group -> group.stream().map(PlannedJob::line).toList())
        .containsExactly(List.of(1, 3));
  }

  @Test
  void aLargePlanKeepsNoIdentityBeyondItsHashWorkingOutAgainOnlyTheLinesThatShareOne() {
    // A request previewed as a tree takes kilobytes; holding one for each of 200,000 lines ran out of memory. Each
    // identity here is worked out once, and a second time only for the two lines that share their hash.
    List<String> prompts = new ArrayList<>(IntStream.range(0, 10_000).mapToObj(String::valueOf).toList());
    prompts.add("17");
    AtomicInteger made = new AtomicInteger();
    Function<VideoJob, Object> identity = job -> {
      made.incrementAndGet();
      return Integer.valueOf(job.prompt()); // hashes all differ, but for the two "17"
    };

    List<List<PlannedJob>> same = planOf(prompts).sameJobs(identity);

    assertThat(same).extracting(group -> group.stream().map(PlannedJob::line).toList())
        .containsExactly(List.of(18, 10_001));
    assertThat(made).hasValue(10_001 + 2);
  }

  private static BatchPlan planOf(List<String> prompts) {
    List<PlannedJob> jobs = new ArrayList<>();
    for (int i = 0; i < prompts.size(); i++) {
      VideoJob job = VideoJob.builder("grok-video-1.5-preview").prompt(prompts.get(i)).seconds(10).build();
      jobs.add(new PlannedJob("job-" + (i + 1), i + 1, job, OUT.resolve("job-" + (i + 1) + ".mp4"),
          PriceQuote.unknown(job.model(), "not priced here"), "fingerprint-" + (i + 1)));
    }
    return new BatchPlan("batch", List.of(), jobs, List.of(), OUT);
  }

  /** A value that is equal by its text and hashes as its text does, so that "Aa" and "BB" collide. */
  private record Identity(String text) {
    @Override
    public int hashCode() {
      return text.hashCode();
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Identity that && that.text.equals(text);
    }
  }
}
