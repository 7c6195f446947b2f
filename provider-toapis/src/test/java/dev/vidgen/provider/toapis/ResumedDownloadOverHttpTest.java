package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.pricing.PriceQuote;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A result cut midway is fetched on with {@code Range}, not from byte 0 again. */
class ResumedDownloadOverHttpTest {
  private static final byte[] VIDEO = video(20_000);
  private static final String ETAG = "\"v1\"";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().client(client -> client.retryPolicy(tinyBackoffs().build())).start();

  private final MockWebServer files = new MockWebServer();

  @TempDir Path dir;

  @BeforeEach
  void start() throws Exception {
    files.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    files.close();
  }

  @Test
  void aBodyCutMidwayIsFetchedOnFromWhereItStoppedWithRange() throws Exception {
    files.setDispatcher(new Server(true));

    Path saved = download();

    RecordedRequest first = files.takeRequest();
    RecordedRequest second = files.takeRequest();
    assertThat(first.getHeaders().get("Range")).isNull();
    assertThat(second.getHeaders().get("Range")).as("the rest of the file, from where the cut left it")
        .matches("bytes=[1-9][0-9]*-");
    assertThat(second.getHeaders().get("If-Range")).isEqualTo(ETAG);
    assertThat(files.getRequestCount()).isEqualTo(2);
    assertThat(Files.readAllBytes(saved)).isEqualTo(VIDEO);
    assertThat(dir.toFile().list()).containsExactly("video.mp4");
  }

  @Test
  void aServerThatIgnoresRangeAndSendsTheWholeFileAgainIsSavedWhole() throws Exception {
    files.setDispatcher(new Server(false));

    Path saved = download();

    files.takeRequest();
    assertThat(files.takeRequest().getHeaders().get("Range")).isNotNull();
    assertThat(files.getRequestCount()).isEqualTo(2);
    assertThat(Files.readAllBytes(saved)).as("the whole file once, not the part and then the file").isEqualTo(VIDEO);
    assertThat(dir.toFile().list()).containsExactly("video.mp4");
  }

  /** Cuts its first answer midway; then answers a Range with a 206 when {@code ranges}, else with the whole file. */
  private static final class Server extends mockwebserver3.Dispatcher {
    private final boolean ranges;
    private boolean cut;

    Server(boolean ranges) {
      this.ranges = ranges;
    }

    @Override
    public synchronized MockResponse dispatch(RecordedRequest request) {
      String range = request.getHeaders().get("Range");
      if (!cut) {
        cut = true;
        return whole().onResponseBody(new SocketEffect.CloseSocket()).build();
      }
      if (range == null || !ranges) {
        return whole().build();
      }
      int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
      return new MockResponse.Builder().code(206).setHeader("Accept-Ranges", "bytes").setHeader("ETag", ETAG)
          .setHeader("Content-Range", "bytes " + from + "-" + (VIDEO.length - 1) + "/" + VIDEO.length)
          .body(new Buffer().write(Arrays.copyOfRange(VIDEO, from, VIDEO.length))).build();
    }
  }

  private static MockResponse.Builder whole() {
    return new MockResponse.Builder().setHeader("Accept-Ranges", "bytes").setHeader("ETag", ETAG)
        .setHeader("Content-Type", "video/mp4").body(new Buffer().write(VIDEO));
  }

  private Path download() {
    TaskSnapshot done = TaskSnapshot.completed(TaskId.of("task_1"),
        new VideoAsset(URI.create("http://127.0.0.1:" + files.getPort() + "/video.mp4"), "mp4", null));
    JobHandle handle = new JobHandle("toapis", TaskId.of("task_1"), "grok-video-1.0",
        PriceQuote.unknown("grok-video-1.0", "test"), Instant.now(), null);
    return http.client().download(handle, done, dir.resolve("video.mp4"));
  }

  /** A whole MP4 of {@code size} bytes: ftyp, an empty moov, and an mdat filling the rest. */
  static byte[] video(int size) {
    byte[] video = new byte[size];
    byte[] head = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4',
        '1', 0, 0, 0, 8, 'm', 'o', 'o', 'v'};
    System.arraycopy(head, 0, video, 0, head.length);
    int mdat = size - 32;
    video[32] = (byte) (mdat >>> 24);
    video[33] = (byte) (mdat >>> 16);
    video[34] = (byte) (mdat >>> 8);
    video[35] = (byte) mdat;
    video[36] = 'm';
    video[37] = 'd';
    video[38] = 'a';
    video[39] = 't';
    for (int i = 40; i < size; i++) {
      video[i] = (byte) i;
    }
    return video;
  }
}
