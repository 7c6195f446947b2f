package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.policy.FailureKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download with a deadline (a batch's or a command's --timeout): past it no try starts, no retry and no outage
 * wait; a try under way is given 30 s more. The video is left unsaved with the completed task, to be saved later.
 */
class DownloadDeadlineTest {
  private final ClientFixture fixture = new ClientFixture();
  private final JobHandle handle = fixture.handle("task-1");
  private final CompletableFuture<Void> deadline = new CompletableFuture<>();

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void anOutageBeingRiddenOutEndsAtTheDeadlineAndNoTryFollows() throws IOException {
    Object[] refused = new Object[100];
    Arrays.fill(refused, ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    fixture.provider.openAnswers(refused);
    CompletableFuture<Path> download = download();
    fixture.advance(Duration.ofSeconds(20));
    assertThat(download).as("riding out the outage").isNotDone();
    int before = opens();

    deadline.complete(null);
    fixture.advance(Duration.ofMinutes(15));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("task task-1").hasMessageContaining("its video was not saved by the deadline")
        .satisfies(failure -> assertThat(((DeadlineExceededException) failure).lastSnapshot().status())
            .as("the completed task, its link kept").isEqualTo(TaskStatus.COMPLETED));
    assertThat(opens()).as("no try after the deadline, not 10 min of them").isEqualTo(before);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aTryUnderWayAtTheDeadlineIsGivenThirtySecondsThenStopped() throws IOException {
    fixture.provider.openAnswers(new CompletableFuture<InputStream>()); // a link that never answers
    CompletableFuture<Path> download = download();

    deadline.complete(null);
    fixture.advance(Duration.ofSeconds(29));
    assertThat(download).as("the try under way may still end").isNotDone();
    fixture.advance(Duration.ofSeconds(2));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("a try under way is given at most 30 s more");
    assertThat(opens()).isEqualTo(1);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aTryUnderWayThatEndsWithinThoseThirtySecondsSavesTheVideo() throws IOException {
    CompletableFuture<InputStream> answer = new CompletableFuture<>();
    fixture.provider.openAnswers(answer);
    Path target = folder.resolve("paid.mp4");
    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"),
        target, ExistingTarget.REPLACE, deadline);

    deadline.complete(null);
    fixture.advance(Duration.ofSeconds(10));
    answer.complete(new ByteArrayInputStream(ScriptedProvider.MP4));
    fixture.advance(Duration.ofSeconds(1));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
  }

  @Test
  void aTryThatFailsAfterTheDeadlineIsNotTriedAgain() {
    CompletableFuture<InputStream> answer = new CompletableFuture<>();
    fixture.provider.openAnswers(answer, ScriptedProvider.MP4);
    CompletableFuture<Path> download = download();

    deadline.complete(null);
    answer.completeExceptionally(ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    fixture.advance(Duration.ofMinutes(1));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DeadlineExceededException.class);
    assertThat(opens()).as("no retry after the deadline").isEqualTo(1);
    assertThat(fixture.listener.warnings()).as("no outage wait either").isEmpty();
  }

  @Test
  void aDownloadAskedForAfterTheDeadlineMakesNoTry() {
    deadline.complete(null);

    CompletableFuture<Path> download = download();

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DeadlineExceededException.class);
    assertThat(opens()).isZero();
  }

  @Test
  void withoutADeadlineTheOutageIsRiddenOutAsBefore() {
    Object[] refused = new Object[100];
    Arrays.fill(refused, ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    fixture.provider.openAnswers(refused);

    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"),
        folder.resolve("paid.mp4"));
    fixture.advance(Duration.ofMinutes(5));

    assertThat(download).isNotDone();
  }

  private CompletableFuture<Path> download() {
    return fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), folder.resolve("paid.mp4"),
        ExistingTarget.REPLACE, deadline);
  }

  private int opens() {
    return (int) fixture.provider.calls().stream().filter(call -> call.startsWith("open ")).count();
  }

  private static List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
