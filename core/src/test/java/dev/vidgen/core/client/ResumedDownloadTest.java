package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.port.VideoRange;
import dev.vidgen.core.port.VideoStream;
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

/** A result download that broke off goes on from where it stopped when its server takes ranges. */
class ResumedDownloadTest {
  /** A whole MP4 of 240 bytes: ftyp, an empty moov, and an mdat of 200 bytes. */
  private static final byte[] VIDEO = video();
  private static final long TOTAL = VIDEO.length;
  private static final int CUT = 150;

  private final ClientFixture fixture = new ClientFixture();
  private final JobHandle handle = fixture.handle("task-1");

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aDownloadCutMidwayAsksForTheRestAndSavesTheWholeVideo() throws IOException {
    fixture.provider.openAnswers(cutAfter(CUT, ranged(0, "\"v1\"")), answer(CUT, ranged(CUT, "\"v1\"")));
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = download(target);

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).as("the second GET asks for the bytes after the part saved")
        .containsExactly("open", "open from " + CUT);
    assertThat(fixture.listener.resumes()).as("told before the retry").containsExactly("task-1 from " + CUT);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    assertThat(filesIn(folder)).as("no part left").containsExactly("kite.mp4");
  }

  @Test
  void aTryThatCouldNotOpenTheRestKeepsThePartAndTheNextIsToldAsResumingToo() throws IOException {
    fixture.provider.openAnswers(cutAfter(CUT, ranged(0, "\"v1\"")),
        ScriptedProvider.failure(dev.vidgen.core.policy.FailureKind.UNAVAILABLE), answer(CUT, ranged(CUT, "\"v1\"")));
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = download(target);
    fixture.advance(Duration.ofMinutes(1));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).containsExactly("open", "open from " + CUT, "open from " + CUT);
    assertThat(fixture.listener.resumes()).containsExactly("task-1 from " + CUT, "task-1 from " + CUT);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
  }

  @Test
  void aServerThatIgnoresTheRangeAndSendsTheWholeFileAgainIsSavedFromByteZero() throws IOException {
    fixture.provider.openAnswers(cutAfter(CUT, ranged(0, "\"v1\"")), answer(0, ranged(0, "\"v1\"")));
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = download(target);

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).containsExactly("open", "open from " + CUT);
    assertThat(Files.readAllBytes(target)).as("the whole file once, not the part and the file").isEqualTo(VIDEO);
    assertThat(filesIn(folder)).containsExactly("kite.mp4");
  }

  @Test
  void anAnswerOfAnotherFileOrAnotherRangeIsNotAppendedButTheWholeFileFetchedAgain() throws IOException {
    fixture.provider.openAnswers(cutAfter(CUT, ranged(0, "\"v1\"")), answer(CUT, ranged(CUT, "\"v2\"")),
        answer(0, ranged(0, "\"v2\"")), cutAfter(CUT, ranged(0, "\"v2\"")), answer(CUT - 10, ranged(CUT - 10, "\"v2\"")),
        answer(0, ranged(0, "\"v2\"")));
    Path first = folder.resolve("kite.mp4");
    Path second = folder.resolve("kite2.mp4");

    assertThat(download(first)).isCompletedWithValue(first.toAbsolutePath());
    assertThat(download(second)).isCompletedWithValue(second.toAbsolutePath());

    assertThat(opens()).as("another ETag, then another first byte: each time the whole file again, without Range")
        .containsExactly("open", "open from " + CUT, "open", "open", "open from " + CUT, "open");
    assertThat(Files.readAllBytes(first)).isEqualTo(VIDEO);
    assertThat(Files.readAllBytes(second)).isEqualTo(VIDEO);
    assertThat(filesIn(folder)).containsExactly("kite.mp4", "kite2.mp4");
  }

  @Test
  void withoutAcceptRangesOrAWayToCheckTheFileABrokenDownloadStartsOverAsBefore() throws IOException {
    fixture.provider.openAnswers(cutAfter(CUT, VideoRange.whole(TOTAL)), answer(0, VideoRange.whole(TOTAL)),
        cutAfter(CUT, new VideoRange(0, -1, true, "")), answer(0, VideoRange.whole(-1)));

    assertThat(download(folder.resolve("a.mp4"))).isCompleted();
    assertThat(download(folder.resolve("b.mp4"))).isCompleted();

    assertThat(opens()).containsExactly("open", "open", "open", "open");
    assertThat(fixture.listener.resumes()).as("each try started over, so none is told as resuming").isEmpty();
    assertThat(Files.readAllBytes(folder.resolve("b.mp4"))).isEqualTo(VIDEO);
  }

  @Test
  void aDownloadThatKeepsBreakingOffLeavesNoPartWhenItsTriesStopBringingNewBytes() throws IOException {
    // Each of the first four tries brings 10 bytes more (progress); the next three send the first 180 bytes again.
    fixture.provider.openAnswers(cutAfter(CUT, ranged(0, "\"v1\"")), cutAfter(CUT + 10, ranged(CUT, "\"v1\"")),
        cutAfter(CUT + 20, ranged(CUT + 10, "\"v1\"")), cutAfter(CUT + 30, ranged(CUT + 20, "\"v1\"")),
        cutAfter(CUT + 30, ranged(0, "\"v1\"")), cutAfter(CUT + 30, ranged(0, "\"v1\"")),
        cutAfter(CUT + 30, ranged(0, "\"v1\"")));
    Path target = folder.resolve("kite.mp4");

    CompletableFuture<Path> download = download(target);
    fixture.advance(Duration.ofMinutes(5));

    assertThat(download).isCompletedExceptionally();
    assertThat(opens()).as("three tries without new bytes after the last that brought some")
        .startsWith("open", "open from " + CUT, "open from " + (CUT + 10)).hasSize(7);
    assertThat(filesIn(folder)).as("the part kept between tries is gone at the end").isEmpty();
  }

  private CompletableFuture<Path> download(Path target) {
    CompletableFuture<Path> download =
        fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), target);
    fixture.advance(Duration.ofSeconds(30));
    return download;
  }

  /** The open calls, without the link. */
  private List<String> opens() {
    return fixture.provider.calls().stream().filter(call -> call.startsWith("open "))
        .map(call -> call.contains(" from ") ? "open from " + call.substring(call.indexOf(" from ") + 6) : "open")
        .toList();
  }

  private static VideoRange ranged(long firstByte, String etag) {
    return new VideoRange(firstByte, TOTAL, true, etag);
  }

  /** The file's bytes from {@code firstByte}, as {@code range} says. */
  private static InputStream answer(int firstByte, VideoRange range) {
    return VideoStream.of(new ByteArrayInputStream(VIDEO, firstByte, VIDEO.length - firstByte),
        VIDEO.length - firstByte, range);
  }

  /** The bytes {@code range} starts at, up to byte {@code end}, then a connection reset. */
  private static InputStream cutAfter(int end, VideoRange range) {
    InputStream start = new ByteArrayInputStream(VIDEO, (int) range.firstByte(), end - (int) range.firstByte());
    return VideoStream.of(new InputStream() {
      @Override
      public int read() throws IOException {
        int next = start.read();
        if (next < 0) {
          throw new IOException("connection reset");
        }
        return next;
      }
    }, VIDEO.length - range.firstByte(), range);
  }

  private static byte[] video() {
    byte[] head = Arrays.copyOf(ScriptedProvider.MP4, 32); // ftyp and the empty moov
    byte[] video = Arrays.copyOf(head, 240);
    video[32 + 3] = (byte) 208;
    video[36] = 'm';
    video[37] = 'd';
    video[38] = 'a';
    video[39] = 't';
    for (int i = 40; i < video.length; i++) {
      video[i] = (byte) i;
    }
    return video;
  }

  private static List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).sorted().toList();
    }
  }
}
