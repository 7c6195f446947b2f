package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloaderTest {
  private static final TaskId TASK = TaskId.of("task-1");

  private final ClientFixture fixture = new ClientFixture();
  private final JobHandle handle = fixture.handle("task-1");

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void writesTheVideoUnderTheTargetNameAndNothingElse() throws IOException {
    Path target = folder.resolve("kite.mp4");

    Path written = fixture.client.download(handle, ScriptedProvider.completed("task-1"), target);

    assertThat(written).isEqualTo(target.toAbsolutePath());
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
    assertThat(fixture.listener.events()).containsExactly("downloaded task-1 kite.mp4");
  }

  @Test
  void aDownloadToldToKeepAnExistingFileNeverReplacesOneAnotherRunWroteThereWhileItDownloaded() throws IOException {
    Path target = folder.resolve("kite.mp4");
    // Another run saves its video under the same name while this one is still being read.
    fixture.provider.openAnswers(racing(target, "another paid video".getBytes(StandardCharsets.UTF_8)),
        ScriptedProvider.MP4);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target,
        ExistingTarget.KEEP))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("(it was there before this download, or another run saved it there meanwhile)").hasMessageContaining("was not saved");

    assertThat(Files.readString(target)).isEqualTo("another paid video");
    assertThat(filesIn(folder)).as("no part left behind").containsExactly("kite.mp4");
    Path replaced = fixture.client.download(handle, ScriptedProvider.completed("task-1"), target, ExistingTarget.REPLACE);
    assertThat(Files.readAllBytes(replaced)).isEqualTo(ScriptedProvider.MP4);
  }

  @Test
  void aDownloadToldToKeepAFileThatWasThereBeforeKeepsItAndSaysSo() throws IOException {
    Path target = Files.writeString(folder.resolve("kite.mp4"), "an earlier paid video");

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target,
        ExistingTarget.KEEP))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("another file stands at " + target.toAbsolutePath())
        .hasMessageContaining("it was there before this download");

    assertThat(target).hasContent("an earlier paid video");
    assertThat(filesIn(folder)).as("no part left behind").containsExactly("kite.mp4");
  }

  @Test
  void aDownloadToldToKeepAnExistingFileKeepsOneHoldingTheSameBytesAndIsNotSaved() throws IOException {
    Path target = folder.resolve("kite.mp4");
    // Another task's video, byte for byte this one (as every mock video is), is saved there meanwhile.
    fixture.provider.openAnswers(racing(target, ScriptedProvider.MP4), ScriptedProvider.MP4);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target,
        ExistingTarget.KEEP))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("(it was there before this download, or another run saved it there meanwhile)")
        .hasMessageContaining("was not saved");

    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
    assertThat(filesIn(folder)).as("no part left behind").containsExactly("kite.mp4");
  }

  @Test
  void aFileOfTheSameSizeButOtherBytesIsStillKeptAndTheDownloadRefused() throws IOException {
    Path target = folder.resolve("kite.mp4");
    byte[] other = ScriptedProvider.MP4.clone();
    other[other.length - 1] ^= 1;
    fixture.provider.openAnswers(racing(target, other), ScriptedProvider.MP4);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target,
        ExistingTarget.KEEP)).isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("(it was there before this download, or another run saved it there meanwhile)");
    assertThat(Files.readAllBytes(target)).isEqualTo(other);
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
  }

  @Test
  void aPartRemovedByAnotherRunWhileItIsWrittenIsSaidSoNotAsNoSuchFile() throws IOException {
    Path target = folder.resolve("kite.mp4");
    List<Path> removed = new ArrayList<>();
    // Another user's run saving to the same name in a shared folder deletes this download's part as it is written.
    fixture.provider.openAnswers(new FilterInputStream(new ByteArrayInputStream(ScriptedProvider.MP4)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0 && removed.isEmpty()) {
          try (Stream<Path> files = Files.list(folder)) {
            for (Path part : files.filter(file -> file.getFileName().toString().endsWith(".part")).toList()) {
              Files.delete(part);
              removed.add(part);
            }
          }
        }
        return n;
      }
    });

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("the partial file " + removed.get(0).toAbsolutePath() + " was removed by another"
            + " program or run while the video was written into it")
        .hasMessageContaining("so the video was not saved; download it again, under another name if another run"
            + " saves to this one")
        .hasMessageNotContaining("no such file or folder");
    assertThat(removed).hasSize(1);
    assertThat(filesIn(folder)).as("nothing stands under the target's name").isEmpty();
  }

  /** The video's bytes, with {@code written} saved at {@code target} by "another run" just as the last is read. */
  private static InputStream racing(Path target, byte[] written) {
    return new java.io.FilterInputStream(new ByteArrayInputStream(ScriptedProvider.MP4)) {
      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0 && !Files.exists(target)) {
          Files.write(target, written);
        }
        return n;
      }
    };
  }

  @Test
  void keepsTheOldFileWhenTheNewDownloadIsNotAnMp4() throws IOException {
    Path target = folder.resolve("kite.mp4");
    Files.writeString(target, "the previous video");
    fixture.provider.openAnswers("<html>error page</html>".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), target))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("not an MP4");

    assertThat(Files.readString(target)).isEqualTo("the previous video");
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
    assertThat(fixture.listener.events()).containsExactly("failed task-1 download-failed");
  }

  @Test
  void anEmptyDownloadFailsAndLeavesNoFile() throws IOException {
    fixture.provider.openAnswers(new byte[0]);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), folder.resolve("a.mp4")))
        .isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("empty");
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void anEmptyDownloadSaysTheTaskIsPaidForAndHowToGetItsVideoWithoutGeneratingItAgain() {
    fixture.provider.openAnswers(new byte[0]);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"),
        folder.resolve("a.mp4")))
        .hasMessageContaining("the provider sent an empty file; the task is finished and paid for, so do not generate"
            + " it again: its link may serve the video later, so download it again then, and if it still fails, get"
            + " the video from the provider's dashboard while its link lasts")
        .isInstanceOfSatisfying(DownloadFailedException.class, refused -> assertThat(refused.servedSomethingElse())
            .as("told apart as a link that served no video").isTrue());
  }

  @Test
  void acceptsOtherFormatsTheAssetNames() throws IOException {
    byte[] webm = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3, 4};
    fixture.provider.openAnswers(webm);
    TaskSnapshot completed = TaskSnapshot.completed(TASK, ScriptedProvider.asset("webm", null));

    Path written = fixture.client.download(handle, completed, folder.resolve("kite.webm"));

    assertThat(Files.readAllBytes(written)).isEqualTo(webm);
  }

  @Test
  void aVideoOfAnotherFormatThanTheOneNamedIsStillTheVideoPaidForAndIsSaved() throws IOException {
    byte[] webm = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2, 3, 4};
    fixture.provider.openAnswers(webm);
    TaskSnapshot namedMp4 = TaskSnapshot.completed(TASK, ScriptedProvider.asset("mp4", null));

    Path written = fixture.client.download(handle, namedMp4, folder.resolve("kite.mp4"));

    assertThat(Files.readAllBytes(written)).as("a WebM video where MP4 was named: the provider's label was wrong")
        .isEqualTo(webm);
    assertThat(fixture.listener.warnings()).as("the name no longer says what the file holds: told, not silent")
        .singleElement().asString().startsWith("download.other_format: the video of task task-1 is a WebM video"
            + " though its result names the format mp4; it is saved as it came, to " + written);
  }

  @Test
  void aVideoFetchedOverPlainHttpFromAnotherMachineIsSavedWithAWarningAndLoopbackWithout() throws IOException {
    VideoAsset plain = new VideoAsset(java.net.URI.create("http://cdn.example.net/v/kite.mp4"), "mp4", null);

    Path written = fixture.client.download(handle, TaskSnapshot.completed(TASK, plain), folder.resolve("kite.mp4"));

    assertThat(Files.readAllBytes(written)).isEqualTo(ScriptedProvider.MP4);
    assertThat(fixture.listener.warnings()).singleElement().asString().isEqualTo("download.plain_http: the video of"
        + " task task-1 came over plain http from cdn.example.net, not https, so it may have been changed on the way"
        + " (no key was sent with it); saved to " + written);
    for (String url : List.of("http://127.0.0.1:8080/v.mp4", "http://localhost/v.mp4", "http://[::1]:9/v.mp4",
        "https://cdn.example.net/v.mp4", "http://[::ffff:127.0.0.1]:9/v.mp4", "http://[::FFFF:7f00:1]:9/v.mp4")) {
      assertThat(Downloader.plainHttpHost(java.net.URI.create(url))).as(url).isEmpty();
    }
  }

  @Test
  void aVideoOfTheFormatItsResultNamesIsSavedWithoutAWarning() throws IOException {
    fixture.client.download(handle, ScriptedProvider.completed("task-1"), folder.resolve("kite.mp4"));

    assertThat(fixture.listener.warnings()).isEmpty();
  }

  @Test
  void aMovResultThatIsAnHtmlPageIsRefusedSayingWhatCameAndCanBeDownloadedAgain() throws IOException {
    // A CDN's error page, answered 200, where the result names a MOV (seedance-2-5's output_format mov).
    byte[] page = "<html><title>Access denied</title></html>".getBytes(StandardCharsets.UTF_8);
    fixture.provider.openAnswers(page, quickTime());
    TaskSnapshot completed = TaskSnapshot.completed(TASK, ScriptedProvider.asset("mov", null));
    Path target = folder.resolve("sea.mov");

    assertThatThrownBy(() -> fixture.client.download(handle, completed, target))
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.taskId()).isEqualTo(TASK))
        .hasMessageContaining("the provider sent 41 bytes that are not a MOV video: they are an HTML page")
        .hasMessageContaining("opens with a box such as ftyp at offset 4");
    assertThat(filesIn(folder)).as("neither the page nor its .part").isEmpty();

    Path saved = fixture.client.download(handle, completed, target);
    assertThat(Files.readAllBytes(saved)).isEqualTo(quickTime());
  }

  @Test
  void aResultThatIsNoVideoSaysTheTaskIsPaidForAndHowToGetItsVideoWithoutGeneratingItAgain() {
    fixture.provider.openAnswers("hello world".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"),
        folder.resolve("kite.mp4")))
        .isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("the provider sent 11 bytes that are not an MP4 video: they are plain text")
        .hasMessageContaining("; the task is finished and paid for, so do not generate it again: its link may serve"
            + " the video later, so download it again then, and if it still fails, get the video from the provider's"
            + " dashboard while its link lasts");
  }

  @Test
  void aWebmResultThatIsJsonIsRefusedAsNoWebm() throws IOException {
    fixture.provider.openAnswers("{\"error\":\"AccessDenied\"}".getBytes(StandardCharsets.UTF_8));
    TaskSnapshot completed = TaskSnapshot.completed(TASK, ScriptedProvider.asset("video/webm", null));

    assertThatThrownBy(() -> fixture.client.download(handle, completed, folder.resolve("kite.webm")))
        .isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("that are not a WebM video: they are JSON text (a WebM file opens with the EBML header");
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aMovOrMp4IsTakenForEitherSinceTheyShareOneBoxFormat() throws IOException {
    TaskSnapshot mov = TaskSnapshot.completed(TASK, ScriptedProvider.asset("video/quicktime", null));
    fixture.provider.openAnswers(ScriptedProvider.MP4, quickTime());

    assertThat(Files.readAllBytes(fixture.client.download(handle, mov, folder.resolve("a.mov"))))
        .isEqualTo(ScriptedProvider.MP4);
    assertThat(Files.readAllBytes(fixture.client.download(handle, ScriptedProvider.completed("task-1"),
        folder.resolve("b.mp4")))).isEqualTo(quickTime());
  }

  @Test
  void aMovCutShortEveryTimeIsRefusedAsACutMp4IsAndNotSaved() throws IOException {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(Arrays.copyOf(quickTime(), quickTime().length - 2));
      TaskSnapshot mov = TaskSnapshot.completed(TASK, ScriptedProvider.asset("mov", null));

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), mov, folder.resolve("sea.mov")))
          .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.providerFailure()).get()
              .extracting(ProviderException::kind).isEqualTo(FailureKind.NO_RESPONSE))
          .hasMessageContaining("the 42 bytes sent are not a whole MOV")
          .hasMessageContaining("mdat box at offset 32 claims 12 bytes but only 10 are there");
      assertThat(filesIn(folder)).isEmpty();
    }
  }

  @Test
  void ofAFormatVidgenDoesNotKnowOnlyWhatIsPlainlyNoVideoIsRefused() throws IOException {
    TaskSnapshot avi = TaskSnapshot.completed(TASK,
        new dev.vidgen.core.domain.VideoAsset(java.net.URI.create("https://cdn.test/video.avi"), "avi\u001b[31m", null));
    byte[] riff = {'R', 'I', 'F', 'F', 0x10, 0, 0, 0, 'A', 'V', 'I', ' ', 'L', 'I', 'S', 'T', 0, 1, 2, 3};
    fixture.provider.openAnswers("<?xml version=\"1.0\"?><Error><Code>AccessDenied</Code></Error>"
        .getBytes(StandardCharsets.UTF_8), riff);

    assertThatThrownBy(() -> fixture.client.download(handle, avi, folder.resolve("kite.avi")))
        .isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("that are not a video: they are an XML document (the result names the format \"avi\\x1B[31m\"")
        .hasMessageNotContaining("\u001b");
    assertThat(filesIn(folder)).isEmpty();

    assertThat(Files.readAllBytes(fixture.client.download(handle, avi, folder.resolve("kite.avi")))).isEqualTo(riff);
  }

  @Test
  void aLinkAnsweringGoneIsCausedByTheLinksFailureNamingTheTaskNotByAMissingTask() {
    fixture.provider.openAnswers(CompletableFuture.failedFuture(ProviderException.of(FailureKind.NOT_FOUND,
        ProviderErrorDetails.of(ScriptedProvider.ID, 404, ProviderErrorDetails.RESULT_LINK_GONE,
            "the result link answered HTTP 404: the file is gone or not reachable"), null)));

    Throwable failure = catchThrowable(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"),
        folder.resolve("kite.mp4")));

    assertThat(failure).isInstanceOf(ResultUnavailableException.class).hasMessageContaining("task-1");
    assertThat(failure.getCause()).as("the cause, as code that walks causes reads it")
        .isNotInstanceOf(TaskNotFoundException.class)
        .isInstanceOfSatisfying(ProviderException.class, link -> {
          assertThat(link.docsAnchor()).isEqualTo("result-unavailable");
          assertThat(link.relatedTaskId()).contains(TASK);
          assertThat(link.kind()).as("still never retried").isEqualTo(FailureKind.NOT_FOUND);
        });
    assertThat(fixture.provider.count("open")).as("one try, never retried").isEqualTo(1);
  }

  @Test
  void aLinkPastItsExpiryIsTriedOnceAndReportedExpiredWhenItFails() {
    TaskSnapshot completed = TaskSnapshot.completed(TASK, ScriptedProvider.asset("mp4", fixture.time.now().minusSeconds(1)));
    fixture.provider.openAnswers(CompletableFuture.failedFuture(ScriptedProvider.failure(FailureKind.NOT_FOUND)));

    assertThatThrownBy(() -> fixture.client.download(handle, completed, folder.resolve("kite.mp4")))
        .isInstanceOf(ResultExpiredException.class)
        .hasMessageContaining("task-1")
        .hasMessageContaining("tried once more")
        .hasMessageContaining("generate it again");
    assertThat(fixture.provider.count("open")).as("one try, never retried").isEqualTo(1);
  }

  @Test
  void aLinkPastItsExpiryThatStillAnswersIsSavedRatherThanPaidForAgain() throws IOException {
    // expires_at is the server's word read against this machine's clock: either may be off.
    TaskSnapshot completed = TaskSnapshot.completed(TASK, ScriptedProvider.asset("mp4", fixture.time.now().minusSeconds(60)));
    Path target = folder.resolve("kite.mp4");

    fixture.client.download(handle, completed, target);

    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
  }

  @Test
  void aStreamThatBreaksOffIsFetchedAgainAndLeavesNoPartFile() throws IOException {
    fixture.provider.openAnswers(new BreakingStream(), ScriptedProvider.MP4);
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), target);
    fixture.advance(Duration.ofSeconds(5));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(fixture.provider.count("open")).isEqualTo(2);
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
    assertThat(fixture.listener.events()).first().asString().startsWith("retry DOWNLOAD 1");
  }

  @Test
  void aDownloadOfAPaidTaskThatKeepsBreakingOffEndsAsADownloadFailureNamingTheTaskNotAsARetriableOne()
      throws IOException {
    fixture.provider.statusAnswers(ScriptedProvider.completed("task-1"));
    fixture.provider.openAnswers(new BreakingStream(), new BreakingStream(), new BreakingStream(), new BreakingStream(),
        new BreakingStream(), new BreakingStream(), new BreakingStream(), new BreakingStream());
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<GenerationResult> generated =
        fixture.client.generateAsync(Jobs.valid(), target, AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(5));

    assertThat(fixture.provider.count("open")).as("its retries were used up").isGreaterThan(1);
    assertThat(failureOf(generated))
        .as("not a RetriableProviderException: \"try again later\" would pay for the video twice")
        .isNotInstanceOf(dev.vidgen.core.error.RetriableProviderException.class)
        .isInstanceOfSatisfying(DownloadFailedException.class, e -> {
          assertThat(e.taskId()).isEqualTo(TASK);
          assertThat(e.target()).isEqualTo(target.toAbsolutePath());
          assertThat(e.getCause()).isInstanceOf(dev.vidgen.core.error.ProviderUnavailableException.class)
              .isSameAs(e.providerFailure().orElseThrow());
          assertThat(e.docsAnchor()).isEqualTo("download-failed");
        })
        .hasMessageContaining("could not save the video of task task-1 to " + target.toAbsolutePath())
        .hasMessageContaining("the connection broke off after 4 bytes of the video: connection reset")
        .hasMessageContaining("the task is finished and paid for, so do not generate it again")
        .hasMessageContaining("download its video again while its link lasts")
        .hasMessageNotContaining("client.download(").hasMessageNotContaining("vidgen download");
    assertThat(FailureCases.of(failureOf(generated))).as("the command line's exit code stays the provider's")
        .isEqualTo(dev.vidgen.core.policy.FailureCase.NO_RESPONSE);
    assertThat(filesIn(folder)).isEmpty();
    assertThat(fixture.provider.count("create")).isOne();
  }

  @Test
  void aCancelledDownloadStopsReadingItsStreamAtOnceAndLeavesNoPartFile() throws Exception {
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    CompletableFuture<CompletableFuture<Path>> download = new CompletableFuture<>();
    try (ClientFixture writing = new ClientFixture(new ScriptedProvider(), builder -> builder.ioExecutor(io)
        .maxVideoBytes(64L * 1024 * 1024))) {
      // A long video coming in: the app cancels its job (a deadline of its own) while the bytes still flow.
      InputStream flowing = new java.io.SequenceInputStream(new ByteArrayInputStream(ScriptedProvider.MP4),
          new InputStream() {
            @Override
            public int read() {
              return 0;
            }

            @Override
            public int read(byte[] bytes, int offset, int length) {
              if (reads.incrementAndGet() == 20) {
                download.join().cancel(true);
              }
              Arrays.fill(bytes, offset, offset + length, (byte) 0);
              return length;
            }

            @Override
            public void close() {
              closed.set(true);
            }
          });
      writing.provider.openAnswers(flowing);
      Path target = folder.resolve("long.mp4");
      download.complete(writing.client.downloadAsync(writing.handle("task-1"), ScriptedProvider.completed("task-1"),
          target));

      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(closed);
      assertThat(download.join()).isCancelled();
      assertThat(reads.get()).as("the transfer ended with the cancel, not at the video's end").isLessThanOrEqualTo(21);
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(filesIn(folder)).as("no part left behind").isEmpty());
    } finally {
      io.shutdownNow();
    }
  }

  @Test
  void aCloseDuringADownloadLeavesNoPartFileOnceItReturnsAndNamesTheTask() throws Exception {
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (ClientFixture writing = new ClientFixture(new ScriptedProvider(), builder -> builder.ioExecutor(io))) {
      // The first bytes of the video, then a read that waits: the download is writing its part file when closed.
      InputStream stalling = new java.io.SequenceInputStream(new ByteArrayInputStream(ScriptedProvider.MP4),
          new InputStream() {
            @Override
            public int read() throws IOException {
              stalled.countDown();
              try {
                release.await(10, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              throw new IOException("released");
            }
          });
      writing.provider.openAnswers(stalling);
      CompletableFuture<Path> download = writing.client.downloadAsync(writing.handle("task-9"),
          ScriptedProvider.completed("task-9"), folder.resolve("kite.mp4"));
      assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(filesIn(folder)).as("its part file, being written").hasSize(1);

      writing.client.close();

      assertThat(filesIn(folder)).as("nothing half-written left, whenever the JVM ends after close").isEmpty();
      assertThat(download).isCompletedExceptionally();
      assertThat(failureOf(download)).hasMessageContaining("this VidgenClient was closed, so the download of task"
          + " task-9 (").hasMessageContaining("the task is done at the provider and its video was not saved: download"
          + " it again on an open client").hasMessageNotContaining("goes on at the provider"); // recheck DO F2
    } finally {
      release.countDown();
      io.shutdownNow();
    }
  }

  @Test
  void aDownloadCancelledWhileItsReadWaitsHasNoPartFileOnceTheCancelReturns() throws Exception {
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (ClientFixture writing = new ClientFixture(new ScriptedProvider(), builder -> builder.ioExecutor(io))) {
      writing.provider.openAnswers(stallingAfterItsHead(stalled, release));
      CompletableFuture<Path> download = writing.client.downloadAsync(writing.handle("task-9"),
          ScriptedProvider.completed("task-9"), folder.resolve("kite.mp4"));
      assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(filesIn(folder)).as("its part file, being written").hasSize(1);

      download.cancel(true);

      assertThat(filesIn(folder)).as("no part file once the caller hears of the cancel, though the read still waits")
          .isEmpty();
      assertThat(download).isCancelled();
    } finally {
      release.countDown();
      io.shutdownNow();
    }
  }

  @Test
  void aBlockingDownloadInterruptedWhileItsReadWaitsNamesTheTaskAndLeavesNoPartFile() throws Exception {
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (ClientFixture writing = new ClientFixture(new ScriptedProvider(), builder -> builder.ioExecutor(io))) {
      writing.provider.openAnswers(stallingAfterItsHead(stalled, release));
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicReference<List<String>> filesWhenThrown =
          new java.util.concurrent.atomic.AtomicReference<>();
      java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
      Thread caller = new Thread(() -> {
        try {
          writing.client.download(writing.handle("task-9"), ScriptedProvider.completed("task-9"),
              folder.resolve("kite.mp4"));
        } catch (RuntimeException e) {
          stillInterrupted.set(Thread.currentThread().isInterrupted());
          filesWhenThrown.set(filesNow(folder));
          thrown.set(e);
        }
      });
      caller.start();
      assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();

      caller.interrupt();
      caller.join(10_000);

      assertThat(filesWhenThrown.get()).as("no part file when the exception reaches the caller").isEmpty();
      assertThat(thrown.get()).isInstanceOfSatisfying(WaitStoppedException.class, stopped -> {
        assertThat(stopped.duringDownload()).isTrue();
        assertThat(stopped.handle().taskId()).isEqualTo(TaskId.of("task-9"));
      }).hasMessageContaining("the calling thread was interrupted").hasMessageContaining("the video was not saved");
      assertThat(stillInterrupted).as("the interrupt flag is kept").isTrue();
    } finally {
      release.countDown();
      io.shutdownNow();
    }
  }

  @Test
  void aGenerateCancelledWhileItsDownloadWaitsForBytesHasNoPartFileWhenItsFutureEnds() throws Exception {
    java.util.concurrent.ExecutorService io = java.util.concurrent.Executors.newSingleThreadExecutor();
    java.util.concurrent.CountDownLatch stalled = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (ClientFixture writing = new ClientFixture(new ScriptedProvider(), builder -> builder.ioExecutor(io))) {
      writing.provider.statusAnswers(ScriptedProvider.completed("task-1"));
      writing.provider.openAnswers(stallingAfterItsHead(stalled, release));
      CompletableFuture<GenerationResult> generated =
          writing.client.generateAsync(Jobs.valid(), folder.resolve("kite.mp4"), AwaitOptions.defaults());
      writing.advance(Duration.ofMinutes(2));
      assertThat(stalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      java.util.concurrent.atomic.AtomicReference<List<String>> filesWhenEnded =
          new java.util.concurrent.atomic.AtomicReference<>();
      generated.whenComplete((result, failure) -> filesWhenEnded.set(filesNow(folder)));

      generated.cancel(true);

      assertThat(filesWhenEnded.get()).as("no part file when the caller hears of the stop").isEmpty();
      assertThat(failureOf(generated)).isInstanceOfSatisfying(WaitStoppedException.class,
          stopped -> assertThat(stopped.duringDownload()).isTrue());
    } finally {
      release.countDown();
      io.shutdownNow();
    }
  }

  /** The whole MP4's bytes, then a read that waits for {@code release} (telling {@code stalled}) and breaks off. */
  private static InputStream stallingAfterItsHead(java.util.concurrent.CountDownLatch stalled,
      java.util.concurrent.CountDownLatch release) {
    return new java.io.SequenceInputStream(new ByteArrayInputStream(ScriptedProvider.MP4), new InputStream() {
      @Override
      public int read() throws IOException {
        stalled.countDown();
        try {
          release.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        throw new IOException("released");
      }
    });
  }

  @Test
  void anMp4CutInsideItsMdatIsFetchedAgainAndOnlyTheWholeOneIsSaved() throws IOException {
    // All the server had: its length header agreed with the cut, so no read failed.
    byte[] cut = Arrays.copyOf(ScriptedProvider.MP4, ScriptedProvider.MP4.length - 2);
    fixture.provider.openAnswers(cut, ScriptedProvider.MP4);
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), target);
    fixture.advance(Duration.ofSeconds(5));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(fixture.provider.count("open")).isEqualTo(2);
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
  }

  @Test
  void anMp4CutShortEveryTimeIsRefusedAndNoFileStandsUnderItsName() throws IOException {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(Arrays.copyOf(ScriptedProvider.MP4, ScriptedProvider.MP4.length - 2));
      Path target = folder.resolve("kite.mp4");

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"), target))
          .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.providerFailure()).get()
              .extracting(ProviderException::kind).isEqualTo(FailureKind.NO_RESPONSE))
          .hasMessageContaining("cut short")
          .hasMessageContaining("mdat box at offset 32 claims 12 bytes but only 10 are there");
      assertThat(filesIn(folder)).as("neither the video nor its .part").isEmpty();
    }
  }

  @Test
  void aDownloadThatBrokeOffAfterItsAnswerCameIsNotCalledNoHttpResponse() {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(new BreakingStream(new java.net.SocketTimeoutException("timeout")));

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")))
          .isInstanceOfSatisfying(DownloadFailedException.class, e -> {
            assertThat(e.providerFailure().orElseThrow().kind()).isEqualTo(FailureKind.NO_RESPONSE);
            assertThat(e.providerFailure().orElseThrow().providerCode()).contains(ProviderErrorDetails.DOWNLOAD_BROKE_OFF);
          })
          .hasMessageContaining(": scripted: the connection broke off after 4 bytes of the video: timeout")
          .hasMessageNotContaining("no HTTP response");
    }
  }

  @Test
  void anMp4ThatCameWholeButIsNoVideoIsNotCalledCutShortOnTheWay() throws IOException {
    // 40 bytes announced and 40 sent: one ftyp box and nothing else, so the transfer was whole but the file is no video.
    byte[] brandsOnly = new byte[40];
    System.arraycopy(ScriptedProvider.MP4, 0, brandsOnly, 0, 24);
    brandsOnly[3] = 40;
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(dev.vidgen.core.port.VideoStream.of(new ByteArrayInputStream(brandsOnly), 40));

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")))
          .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.providerFailure()).get()
              .extracting(ProviderException::kind).isEqualTo(FailureKind.NO_RESPONSE))
          .hasMessageContaining("the video download came in full (all 40 bytes the provider announced) but is not a"
              + " whole MP4 video (it has no moov box")
          .hasMessageContaining("checked: its top-level boxes must fill the file and hold a moov and an mdat box")
          .hasMessageNotContaining("download was cut short");
      assertThat(filesIn(folder)).isEmpty();
    }
  }

  @Test
  void anMp4WithoutItsMoovBoxIsRefused() throws IOException {
    byte[] noIndex = new byte[24 + 12];
    System.arraycopy(ScriptedProvider.MP4, 0, noIndex, 0, 24);
    System.arraycopy(ScriptedProvider.MP4, 32, noIndex, 24, 12);
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(noIndex);

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4"))).hasMessageContaining("cut short").hasMessageContaining("no moov box");
      assertThat(filesIn(folder)).isEmpty();
    }
  }

  @Test
  void aReadThatFailsWithoutAMessageSaysTheConnectionClosedBeforeTheEndNotNull() throws IOException {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      once.provider.openAnswers(new BreakingStream(new java.io.EOFException()));

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")))
          .hasMessageContaining("the connection broke off after 4 bytes of the video: the connection was closed before the end")
          .hasMessageNotContaining("null");
      assertThat(filesIn(folder)).isEmpty();
    }
  }

  @Test
  void anEndlessStreamOfSomethingElseIsRefusedByItsFirstBytesWithoutReadingOn() throws IOException {
    EndlessStream zeros = new EndlessStream(new byte[0], () -> {});
    fixture.provider.openAnswers(zeros);

    assertThatThrownBy(() -> fixture.client.download(handle, ScriptedProvider.completed("task-1"), folder.resolve("k.mp4")))
        .isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("the first 64 bytes the provider sent are not an MP4 video")
        .hasMessageContaining("the rest was not read");
    assertThat(zeros.served).as("stopped after its first piece").isLessThanOrEqualTo(64 * 1024);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aVideoThatNeverEndsIsCutOffAtTheLargestSizeTheClientSavesNotAtAFullDisk() throws IOException {
    try (ClientFixture small = new ClientFixture(new ScriptedProvider(), builder -> builder.maxVideoBytes(1 << 20))) {
      // An MP4's first box, then zeros without end: a video's head, and no end.
      EndlessStream endless = new EndlessStream(Arrays.copyOf(ScriptedProvider.MP4, 24), () -> {});
      small.provider.openAnswers(endless);

      assertThatThrownBy(() -> small.client.download(small.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("k.mp4")))
          .isInstanceOf(DownloadFailedException.class)
          .hasMessageContaining("the provider sent more than 1048576 bytes for this video, the most this client saves")
          .hasMessageContaining("nothing was saved");
      assertThat(endless.served).isLessThanOrEqualTo((1 << 20) + 64 * 1024);
      assertThat(filesIn(folder)).as("its part removed").isEmpty();
    }
    assertThat(VidgenClient.DEFAULT_MAX_VIDEO_BYTES).isEqualTo(2L << 30);
    assertThatThrownBy(() -> VidgenClient.builder().maxVideoBytes(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aVideoWhoseServerAnnouncesMoreThanTheClientSavesIsRefusedBeforeAByteIsWritten() throws IOException {
    try (ClientFixture small = new ClientFixture(new ScriptedProvider(), builder -> builder.maxVideoBytes(1 << 20))) {
      EndlessStream endless = new EndlessStream(Arrays.copyOf(ScriptedProvider.MP4, 24), () -> {});
      small.provider.openAnswers(dev.vidgen.core.port.VideoStream.of(endless, 10L << 30));

      assertThatThrownBy(() -> small.client.download(small.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("k.mp4")))
          .isInstanceOfSatisfying(DownloadFailedException.class, refused -> {
            assertThat(refused.sizeLimit()).hasValue(1 << 20);
            assertThat(refused.announcedSize()).hasValue(10L << 30);
            assertThat(refused.messageNaming("--set max_video_size")).as("a front end names its own setting")
                .contains("bytes this client saves (--set max_video_size sets it); nothing was read or saved")
                .doesNotContain("VidgenClient.Builder")
                .isEqualTo(refused.getMessage().replace("in Java, VidgenClient.Builder.maxVideoBytes",
                    "--set max_video_size"));
          })
          .hasMessageContaining("the provider announced 10737418240 bytes for this video, more than the 1048576"
              + " bytes this client saves (in Java, VidgenClient.Builder.maxVideoBytes sets it)")
          .hasMessageContaining("nothing was read or saved");
      assertThat(endless.served).as("not a byte read").isZero();
      assertThat(filesIn(folder)).as("no part was made").isEmpty();
      assertThat(small.provider.count("open")).as("the same answer every time: not fetched again").isEqualTo(1);
    }
  }

  @Test
  void aVideoAnnouncedAtExactlyTheLimitIsSaved() throws IOException {
    try (ClientFixture exact = new ClientFixture(new ScriptedProvider(),
        builder -> builder.maxVideoBytes(ScriptedProvider.MP4.length))) {
      exact.provider.openAnswers(dev.vidgen.core.port.VideoStream.of(
          new ByteArrayInputStream(ScriptedProvider.MP4), ScriptedProvider.MP4.length));

      Path saved = exact.client.download(exact.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("k.mp4"));

      assertThat(Files.readAllBytes(saved)).isEqualTo(ScriptedProvider.MP4);
    }
  }

  @Test
  void aLinkTheProviderRefusedToFetchCannotBeUsedAndIsNeitherRetriedNorCalledExpired() throws IOException {
    ProviderException refused = ProviderException.of(FailureKind.REJECTED, ProviderErrorDetails.of("scripted", 0,
        ProviderErrorDetails.RESULT_LINK_REFUSED, "its host 127.0.0.1 is a loopback address, not a public one"), null);
    fixture.provider.openAnswers(CompletableFuture.failedFuture(refused), CompletableFuture.failedFuture(refused));
    TaskSnapshot pastExpiry =
        TaskSnapshot.completed(TASK, ScriptedProvider.asset("mp4", fixture.time.now().minusSeconds(1)));

    List<Throwable> failures = Stream.of(ScriptedProvider.completed("task-1"), pastExpiry)
        .map(completed -> (Throwable) org.assertj.core.api.Assertions.catchThrowable(
            () -> fixture.client.download(handle, completed, folder.resolve("kite.mp4"))))
        .toList();

    assertThat(failures).allSatisfy(failure -> assertThat(failure)
        .isInstanceOfSatisfying(dev.vidgen.core.error.ResultUnusableException.class,
            unusable -> assertThat(unusable.taskId()).isEqualTo(TASK))
        .hasMessageContaining("task task-1 is completed, but its result link cannot be used: its host 127.0.0.1 is"
            + " a loopback address"));
    assertThat(fixture.provider.count("open")).as("one try each, never retried").isEqualTo(2);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aVideoThatTricklesInIsTreatedAsADownloadThatBrokeOff() throws IOException {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      // A byte every second, on the client's own clock: 60 bytes a minute where 60 KiB is the least.
      EndlessStream trickle = new EndlessStream(Arrays.copyOf(ScriptedProvider.MP4, 24), () -> once.advance(
          Duration.ofSeconds(1))) {
        @Override
        public int read(byte[] buffer, int offset, int length) {
          return super.read(buffer, offset, Math.min(length, served < 64 ? 64 : 1));
        }
      };
      once.provider.openAnswers(trickle);

      assertThatThrownBy(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")))
          .isInstanceOfSatisfying(DownloadFailedException.class, e -> assertThat(e.providerFailure()).get()
              .extracting(ProviderException::kind).isEqualTo(FailureKind.NO_RESPONSE))
          .hasMessageContaining("bytes came in the last 60 s, slower than 1024 bytes a second");
      assertThat(trickle.served).isLessThan(200);
      assertThat(filesIn(folder)).isEmpty();
    }
  }

  /** {@code head}, then zeros without end; {@code onRead} runs before each read. */
  @Test
  void aSlowDownloadTellsItsBytesSoFarAsTheyComeSoTheLastReadBeforeAStallIsTold() {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()).maxVideoBytes(100L * 64 * 1024))) {
      // 64 KiB a read, a read each 0.4 s on the client's own clock, until the 101st read breaks the size limit.
      EndlessStream slow = new EndlessStream(Arrays.copyOf(ScriptedProvider.MP4, 24), () -> once.advance(
          Duration.ofMillis(400)));
      once.provider.openAnswers(slow);
      List<String> told = new CopyOnWriteArrayList<>();
      once.client.addListener(new VidgenListener() {
        @Override
        public void onDownloadProgress(JobHandle handle, long bytes, long totalBytes) {
          told.add(handle.taskId().value() + " " + bytes + " of " + totalBytes);
        }
      });

      catchThrowable(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")));

      assertThat(told).as("the start, then each read's bytes").startsWith("task-1 0 of -1", "task-1 65536 of -1",
          "task-1 131072 of -1");
      assertThat(told).as("the last read written, however soon after the one before it came")
          .hasSize(101).endsWith("task-1 " + 100L * 64 * 1024 + " of -1");
    }
  }

  @Test
  void theBytesOfAQuickReadJustBeforeAStallAreToldBeforeTheStall() {
    try (ClientFixture once = new ClientFixture(new ScriptedProvider(),
        builder -> builder.retryPolicy(RetryPolicy.never()))) {
      // Two quick reads (no time passes), then the stream stalls: the listener is asked at the stall what it knows.
      List<String> told = new CopyOnWriteArrayList<>();
      List<String> knownAtStall = new CopyOnWriteArrayList<>();
      EndlessStream stalling = new EndlessStream(Arrays.copyOf(ScriptedProvider.MP4, 24), () -> { });
      InputStream twoReadsThenStall = new InputStream() {
        int reads;

        @Override
        public int read() {
          throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          if (++reads > 2) {
            knownAtStall.add((told.isEmpty() ? "nothing" : told.get(told.size() - 1)) + " (served " + stalling.served
                + ")");
            throw new SocketTimeoutException("timeout");
          }
          return stalling.read(buffer, offset, length);
        }
      };
      once.provider.openAnswers(twoReadsThenStall);
      once.client.addListener(new VidgenListener() {
        @Override
        public void onDownloadProgress(JobHandle handle, long bytes, long totalBytes) {
          told.add(bytes + " of " + totalBytes);
        }
      });

      catchThrowable(() -> once.client.download(once.handle("task-1"), ScriptedProvider.completed("task-1"),
          folder.resolve("kite.mp4")));

      assertThat(stalling.served).as("two reads' bytes came before the stall").isGreaterThan(64 * 1024);
      assertThat(knownAtStall).as("what a progress line would show during the stall: every byte that came")
          .containsExactly(stalling.served + " of -1 (served " + stalling.served + ")");
    }
  }

  private static class EndlessStream extends InputStream {
    private final byte[] head;
    private final Runnable onRead;
    long served;

    EndlessStream(byte[] head, Runnable onRead) {
      this.head = head;
      this.onRead = onRead;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      onRead.run();
      for (int i = 0; i < length; i++) {
        long at = served + i;
        buffer[offset + i] = at < head.length ? head[(int) at] : 0;
      }
      served += length;
      return length;
    }
  }

  @Test
  void aReadFailureWithoutAMessageIsNamedByItsKind() {
    assertThat(Downloader.whyBrokeOff(new IOException("connection reset"))).isEqualTo("connection reset");
    assertThat(Downloader.whyBrokeOff(new java.net.SocketTimeoutException())).isEqualTo("no more bytes came in time");
    assertThat(Downloader.whyBrokeOff(new java.net.SocketException())).isEqualTo("the connection failed");
    assertThat(Downloader.whyBrokeOff(new java.util.zip.ZipException()))
        .isEqualTo("the read failed (zip exception, without a message)");
  }

  @Test
  void removesWhatAKilledDownloadToTheSameTargetLeftAndNothingElse() throws IOException {
    Path stale = Files.writeString(folder.resolve(".kite.mp4.3fa2c0de11b7.part"), "half a video");
    Files.writeString(folder.resolve(".other.mp4.3fa2c0de11b7.part"), "not ours");

    fixture.client.download(handle, ScriptedProvider.completed("task-1"), folder.resolve("kite.mp4"));

    assertThat(stale).doesNotExist();
    assertThat(filesIn(folder)).containsExactly(".other.mp4.3fa2c0de11b7.part", "kite.mp4");
  }

  @Test
  void refusesALinkAsTheTargetBeforeFetchingAnythingForSavingWouldReplaceTheLinkNotWriteThroughIt() throws Exception {
    Path kept = java.nio.file.Files.writeString(folder.resolve("kept.mp4"), "another video");
    Path link = java.nio.file.Files.createSymbolicLink(folder.resolve("latest.mp4"), kept);

    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), link,
        ExistingTarget.REPLACE);

    assertThat(failureOf(download)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it is a symbolic link to " + kept + ", which saving would replace");
    assertThat(java.nio.file.Files.isSymbolicLink(link)).isTrue();
    assertThat(java.nio.file.Files.readString(kept)).isEqualTo("another video");
  }

  @Test
  void refusesAFolderAsTheTargetBeforeFetchingAnything() {
    CompletableFuture<Path> download = fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), folder);

    assertThat(failureOf(download)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("it is a folder; give a file path such as " + folder.resolve("task-1.mp4"));
    assertThat(fixture.provider.count("open")).as("the video was not fetched").isZero();
  }

  @Test
  void createsMissingFolders() {
    Path target = folder.resolve("out/2026/kite.mp4");

    fixture.client.download(handle, ScriptedProvider.completed("task-1"), target);

    assertThat(target).exists();
  }

  @Test
  void refusesASnapshotWithoutAVideo() {
    CompletableFuture<Path> download =
        fixture.client.downloadAsync(handle, TaskSnapshot.inProgress(TASK, 50), folder.resolve("kite.mp4"));

    assertThat(failureOf(download)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("await");
    assertThat(fixture.provider.count("open")).isZero();
  }

  /** {@link ScriptedProvider#MP4} with the QuickTime brand ({@code qt  }), as a MOV opens. */
  private static byte[] quickTime() {
    byte[] mov = ScriptedProvider.MP4.clone();
    byte[] brand = {'q', 't', ' ', ' '};
    System.arraycopy(brand, 0, mov, 8, 4);
    System.arraycopy(brand, 0, mov, 16, 4);
    return mov;
  }

  /** {@link #filesIn}, for a callback that may throw no checked exception. */
  private static List<String> filesNow(Path folder) {
    try {
      return filesIn(folder);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(path -> path.getFileName().toString()).sorted().toList();
    }
  }

  /** Gives four bytes of an MP4, then fails like a dropped connection. */
  private static final class BreakingStream extends InputStream {
    private final InputStream start = new ByteArrayInputStream(ScriptedProvider.MP4, 0, 4);
    private final IOException failure;

    BreakingStream() {
      this(new IOException("connection reset"));
    }

    BreakingStream(IOException failure) {
      this.failure = failure;
    }

    @Override
    public int read() throws IOException {
      int next = start.read();
      if (next < 0) {
        throw failure;
      }
      return next;
    }
  }
}
