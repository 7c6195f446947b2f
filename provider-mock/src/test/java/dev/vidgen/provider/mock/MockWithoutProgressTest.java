package dev.vidgen.provider.mock;

import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mock task can leave the progress number out, as ToAPIs may: {@code progress()} is then null until it ends. */
class MockWithoutProgressTest {
  @TempDir Path dir;

  private final VirtualTime time = VirtualTime.create();
  private final List<Integer> seen = new CopyOnWriteArrayList<>();

  private VidgenClient clientOn(MockVideoProvider mock) {
    return VidgenClient.builder().provider(mock).environmentRoutes(false).clock(time.clock())
        .scheduler(time.scheduler()).ioExecutor(Runnable::run).random(new SplittableRandom(1)).build();
  }

  private VidgenClient client;

  @AfterEach
  void close() {
    client.close();
  }

  private CompletableFuture<GenerationResult> generate(String name) {
    return client.generateAsync(VideoJobs.validFor("grok-video-1.5-preview"), dir.resolve(name),
        AwaitOptions.defaults().withListener((snapshot, elapsed) -> seen.add(snapshot.progress())));
  }

  @Test
  void aMockBuiltWithoutProgressReportsNoneUntilTheTaskCompletes() throws Exception {
    MockVideoProvider mock = MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofMinutes(4))
        .reportsNoProgress().build();
    client = clientOn(mock);

    CompletableFuture<GenerationResult> result = generate("a.mp4");
    time.runUntilIdle();

    assertThat(result).isCompleted();
    assertThat(Files.size(result.join().file())).isPositive();
    assertThat(seen).hasSizeGreaterThan(2).last().isEqualTo(100);
    assertThat(seen.subList(0, seen.size() - 1)).as("queued and in progress").containsOnlyNulls();
    assertThat(mock.calls(MockCall.Method.STATUS)).extracting(call -> ((TaskSnapshot) call.result()).status().id())
        .contains("queued", "in_progress");
  }

  @Test
  void aScriptedTaskWithoutProgressLeavesTheNextOneAsUsual() {
    MockVideoProvider mock = MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofMinutes(4)).build();
    client = clientOn(mock);
    mock.script().nextTaskReportsNoProgress();

    CompletableFuture<GenerationResult> first = generate("first.mp4");
    time.runUntilIdle();
    List<Integer> firstSeen = new ArrayList<>(seen);
    seen.clear();
    CompletableFuture<GenerationResult> second = generate("second.mp4");
    time.runUntilIdle();

    assertThat(first).isCompleted();
    assertThat(second).isCompleted();
    assertThat(firstSeen.subList(0, firstSeen.size() - 1)).isNotEmpty().containsOnlyNulls();
    assertThat(seen).doesNotContainNull().last().isEqualTo(100);
    assertThat(mock.script().pending()).isZero();
  }
}
