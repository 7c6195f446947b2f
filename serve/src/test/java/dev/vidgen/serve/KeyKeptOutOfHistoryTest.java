package dev.vidgen.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The playground's history keeps a provider's words that echo the key with the key masked, as the page shows them. */
class KeyKeptOutOfHistoryTest {
  private static final String KEY = "acme-SECRET-key-0123456789";
  private static final String MODEL = "grok-video-1.5-preview";

  @TempDir Path folder;

  private final VidgenClient client = VidgenClient.builder().provider(MockVideoProvider.builder().build()).build();

  @AfterEach
  void close() {
    client.close();
  }

  @Test
  void aFailureWhoseWordsEchoTheKeyIsWrittenWithTheKeyMasked() throws IOException {
    PlaygroundSettings settings = new PlaygroundSettings(client, "127.0.0.1", 0, folder,
        TaskHistory.in(folder.resolve("home")), MODEL, List.of("--provider", "acme"), "ACME_API_KEY", ApiKey.of(KEY));
    Instant at = Instant.parse("2026-11-29T10:00:00Z");
    JobHandle handle = new JobHandle("acme", TaskId.of("acme_5"), MODEL,
        PriceQuote.ofUsd(MODEL, new BigDecimal("0.10"), "per request, 10 s"), at, null);
    VideoJob job = VideoJob.builder(MODEL).prompt("a kite").seconds(10).image("https://example.com/a.png").build();

    settings.history().record(HistoryEntry.submitted(handle, job, "serve")
        .failed("acme: HTTP 401 http_401: bad key " + KEY, at.plusSeconds(60)));

    String written = Files.readString(settings.history().file());
    assertThat(written).doesNotContain(KEY).contains("bad key " + ApiKey.of(KEY).masked());
    assertThat(settings.history().find("acme_5")).get().extracting(HistoryEntry::status).isEqualTo("failed");
  }
}
