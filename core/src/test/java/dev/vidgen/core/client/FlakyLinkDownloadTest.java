package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.error.ResultUnavailableException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.VideoRange;
import dev.vidgen.core.port.VideoStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paid video over a flaky link: a try that brought new bytes is progress, so a link that keeps delivering
 * delivers the whole file; a link that brings nothing for a while (no connection) is ridden out, as a wait rides
 * out failing status reads.
 */
class FlakyLinkDownloadTest {
  /** 64 KiB: what each connection of the flaky link brings before it is reset. */
  private static final int CHUNK = 64 * 1024;
  /** A whole MP4 of 307,356 bytes (the trial's size): ftyp, an empty moov, and an mdat holding the rest. */
  private static final byte[] VIDEO = video(307_356);

  private final ClientFixture fixture = new ClientFixture();
  private final JobHandle handle = fixture.handle("task-1");

  @TempDir Path folder;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aLinkThatDropsEvery64KibStillDeliversTheWholeVideoAskingForTheRestEachTime() throws IOException {
    List<Object> answers = new ArrayList<>();
    for (int from = 0; from < VIDEO.length; from += CHUNK) {
      answers.add(cutAfter(Math.min(from + CHUNK, VIDEO.length), ranged(from)));
    }
    answers.set(answers.size() - 1, answer(answers.size() * CHUNK - CHUNK, ranged(answers.size() * CHUNK - CHUNK)));
    fixture.provider.openAnswers(answers.toArray());
    Path target = folder.resolve("paid.mp4");

    CompletableFuture<Path> download = download(target, Duration.ofMinutes(2));

    assertThat(download).as("five connections, each bringing 64 KiB more, make the whole video")
        .isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).containsExactly("open", "open from 65536", "open from 131072", "open from 196608",
        "open from 262144");
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
    assertThat(filesIn(folder)).containsExactly("paid.mp4");
  }

  @Test
  void aServerWithoutRangesThatSendsMoreEachTimeIsProgressToo() throws IOException {
    fixture.provider.openAnswers(cutAfter(CHUNK, VideoRange.whole(VIDEO.length)),
        cutAfter(2 * CHUNK, VideoRange.whole(VIDEO.length)), cutAfter(3 * CHUNK, VideoRange.whole(VIDEO.length)),
        cutAfter(4 * CHUNK, VideoRange.whole(VIDEO.length)), cutAfter(4 * CHUNK + 100, VideoRange.whole(VIDEO.length)),
        answer(0, VideoRange.whole(VIDEO.length)));
    Path target = folder.resolve("paid.mp4");

    CompletableFuture<Path> download = download(target, Duration.ofMinutes(2));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).as("each try started over, yet got further than any before").hasSize(6);
    assertThat(Files.readAllBytes(target)).isEqualTo(VIDEO);
  }

  @Test
  void aServerThatSendsTheSameFirstBytesOverAndOverIsGivenUpAfterFourTries() {
    Object[] same = new Object[8];
    for (int i = 0; i < same.length; i++) {
      same[i] = cutAfter(CHUNK, VideoRange.whole(VIDEO.length));
    }
    fixture.provider.openAnswers(same);

    CompletableFuture<Path> download = download(folder.resolve("paid.mp4"), Duration.ofMinutes(30));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("after 4 tries");
    assertThat(opens()).as("the first 64 KiB again is no progress").hasSize(4);
    assertThat(fixture.listener.warnings()).as("bytes came: no outage to ride out").isEmpty();
  }

  @Test
  void noConnectionForFourMinutesAfterTheTaskCompletedIsRiddenOutAndTheVideoSaved() throws IOException {
    Object[] refused = new Object[17];
    Arrays.fill(refused, ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    refused[16] = ScriptedProvider.MP4; // the link answers again
    fixture.provider.openAnswers(refused);
    Path target = folder.resolve("paid.mp4");

    CompletableFuture<Path> download = download(target, Duration.ofSeconds(20));
    assertThat(download).as("past the policy's 0.5, 1, 2 s, the download waits for the link").isNotDone();
    assertThat(fixture.listener.warnings()).first().asString()
        .contains("the video of task task-1 could not be fetched")
        .contains("fetched again in 15 s (a download rides out 10 min of failures)");

    fixture.advance(Duration.ofMinutes(5));

    assertThat(download).isCompletedWithValue(target.toAbsolutePath());
    assertThat(opens()).as("16 refused, then the 17th answered").hasSize(17);
    assertThat(Files.readAllBytes(target)).isEqualTo(ScriptedProvider.MP4);
  }

  @Test
  void anOutageLongerThanTenMinutesEndsTheDownloadNamingThePaidTask() throws IOException {
    Object[] refused = new Object[100];
    Arrays.fill(refused, ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    fixture.provider.openAnswers(refused);

    CompletableFuture<Path> download = download(folder.resolve("paid.mp4"), Duration.ofMinutes(15));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DownloadFailedException.class)
        .hasMessageContaining("task-1");
    assertThat(opens().size()).as("one try every 15 to 20 s for 10 min, not 100").isBetween(30, 40);
    assertThat(filesIn(folder)).isEmpty();
  }

  @Test
  void aDownloadRidingOutAnOutageStopsAtOnceWhenCancelled() {
    Object[] refused = new Object[20];
    Arrays.fill(refused, ScriptedProvider.failure(FailureKind.CONNECT_FAILED));
    fixture.provider.openAnswers(refused);

    CompletableFuture<Path> download = download(folder.resolve("paid.mp4"), Duration.ofSeconds(20));
    int before = opens().size();
    download.cancel(true);
    fixture.advance(Duration.ofMinutes(5));

    assertThat(download).isCancelled();
    assertThat(opens()).as("nothing fetched after the stop").hasSize(before);
  }

  @Test
  void aFileHostThatAnswers503KeepsThePolicysTriesAsBefore() {
    Object[] unavailable = new Object[10];
    Arrays.fill(unavailable, ScriptedProvider.failure(FailureKind.UNAVAILABLE));
    fixture.provider.openAnswers(unavailable);

    CompletableFuture<Path> download = download(folder.resolve("paid.mp4"), Duration.ofMinutes(1));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(DownloadFailedException.class);
    assertThat(opens()).as("the server answered: no outage to ride out").hasSize(4);
    assertThat(fixture.listener.warnings()).isEmpty();
  }

  @Test
  void anExpiredLinkIsStillToldAtOnceNotRiddenOut() {
    fixture.provider.openAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));

    CompletableFuture<Path> download = download(folder.resolve("paid.mp4"), Duration.ofMinutes(1));

    assertThat(ClientFixture.failureOf(download)).isInstanceOf(ResultUnavailableException.class);
    assertThat(opens()).hasSize(1);
    assertThat(fixture.listener.warnings()).isEmpty();
  }

  private CompletableFuture<Path> download(Path target, Duration advance) {
    CompletableFuture<Path> download =
        fixture.client.downloadAsync(handle, ScriptedProvider.completed("task-1"), target);
    fixture.advance(advance);
    return download;
  }

  /** The open calls, without the link. */
  private List<String> opens() {
    return fixture.provider.calls().stream().filter(call -> call.startsWith("open "))
        .map(call -> call.contains(" from ") ? "open from " + call.substring(call.indexOf(" from ") + 6) : "open")
        .toList();
  }

  private static VideoRange ranged(long firstByte) {
    return new VideoRange(firstByte, VIDEO.length, true, "\"v1\"");
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

      @Override
      public int read(byte[] into, int offset, int length) throws IOException {
        int n = start.read(into, offset, length);
        if (n < 0) {
          throw new IOException("connection reset");
        }
        return n;
      }
    }, VIDEO.length - range.firstByte(), range);
  }

  private static byte[] video(int size) {
    byte[] video = Arrays.copyOf(Arrays.copyOf(ScriptedProvider.MP4, 32), size); // ftyp and the empty moov
    int mdat = size - 32;
    video[32] = (byte) (mdat >>> 24);
    video[33] = (byte) (mdat >>> 16);
    video[34] = (byte) (mdat >>> 8);
    video[35] = (byte) mdat;
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
