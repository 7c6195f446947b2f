package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A job is immutable down to the lists and maps inside its parameters. */
class VideoJobParamsTest {
  @Test
  void changingTheCallersNestedListOrMapAfterBuildChangesNeitherTheJobNorItsEquality() {
    List<Object> tags = new ArrayList<>(List.of("fox", "snow"));
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("tags", tags);
    metadata.put("seed", 7);
    VideoJob job = VideoJob.builder("acme-video-2").prompt("a fox").param("metadata", metadata).build();
    VideoJob twin = VideoJob.builder("acme-video-2").prompt("a fox")
        .param("metadata", Map.of("tags", List.of("fox", "snow"), "seed", 7)).build();
    int hash = job.hashCode();

    tags.add("night");
    metadata.put("seed", 8);
    metadata.put("extra", true);

    assertThat(job.params()).isEqualTo(Map.of("metadata", Map.of("tags", List.of("fox", "snow"), "seed", 7)));
    assertThat(job).isEqualTo(twin);
    assertThat(job.hashCode()).isEqualTo(hash).isEqualTo(twin.hashCode());
  }

  @Test
  void theJobsNestedListsAndMapsCannotBeChanged() {
    VideoJob job = VideoJob.builder("acme-video-2")
        .param("metadata", new LinkedHashMap<>(Map.of("tags", new ArrayList<>(List.of("fox")))))
        .param("frames", new Object[] {1, List.of(2)}).build();
    @SuppressWarnings("unchecked")
    Map<String, Object> metadata = (Map<String, Object>) job.params().get("metadata");
    @SuppressWarnings("unchecked")
    List<Object> tags = (List<Object>) metadata.get("tags");
    @SuppressWarnings("unchecked")
    List<Object> frames = (List<Object>) job.params().get("frames");

    assertThatThrownBy(() -> metadata.put("seed", 1)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> tags.add("night")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> frames.set(0, 9)).isInstanceOf(UnsupportedOperationException.class);
    assertThat(frames).containsExactly(1, List.of(2));
  }

  @Test
  void nestedValuesKeepTheirOrderAndNullsInsideListsAndMaps() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", 1);
    nested.put("a", null);
    nested.put("m", List.of("x"));
    List<Object> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add("b");

    VideoJob job = VideoJob.builder("acme-video-2").param("nested", nested).param("list", withNull).build();

    assertThat(List.copyOf(((Map<?, ?>) job.params().get("nested")).keySet())).isEqualTo(List.of("z", "a", "m"));
    assertThat((List<?>) job.params().get("list")).isEqualTo(withNull);
  }

  @Test
  void aMutableTextOrNumberIsKeptAsWhatItHeldWhenTheJobWasBuilt() {
    StringBuilder style = new StringBuilder("noir");
    AtomicLong seed = new AtomicLong(42);

    VideoJob job = VideoJob.builder("acme-video-2").param("style", style).param("seed", seed).build();
    style.append("-ish");
    seed.set(43);

    assertThat(job.params()).containsEntry("style", "noir").containsEntry("seed", 42L);
  }

  @Test
  void aValueThatIsNotJsonLikeIsRefusedNamingWhereItIs() {
    assertThatThrownBy(() -> VideoJob.builder("acme-video-2")
        .param("metadata", Map.of("when", List.of(Instant.EPOCH))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params[metadata][when][0] is a java.time.Instant, which JSON cannot hold; a parameter's value may"
            + " be a string, number, boolean, list or map (null inside lists and maps)");
    assertThatThrownBy(() -> VideoJob.builder("acme-video-2").param("file", Path.of("a.mp4")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("params[file] is a ")
        .hasMessageEndingWith("; give the path's text (or upload the file and give its URL)");
    assertThatThrownBy(() -> VideoJob.builder("acme-video-2").param("cfg", Double.NaN))
        .hasMessage("params[cfg] is NaN, which JSON cannot hold; give a finite number");
  }

  @Test
  void aListThatHoldsItselfIsRefusedInsteadOfOverflowingTheStack() {
    List<Object> loop = new ArrayList<>();
    loop.add(loop);

    assertThatThrownBy(() -> VideoJob.builder("acme-video-2").param("loop", loop))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("params[loop] is nested more than 255 lists and maps deep; does a list or map hold itself?");
  }

  @Test
  void aJobMadeWithTheConstructorIsCopiedDeeplyToo() {
    List<Object> tags = new ArrayList<>(List.of("fox"));
    VideoJob job = new VideoJob("acme-video-2", null, null, null, null, null, null, null, Map.of("tags", tags));

    tags.add("snow");

    assertThat(job.params()).isEqualTo(Map.of("tags", List.of("fox")));
  }
}
