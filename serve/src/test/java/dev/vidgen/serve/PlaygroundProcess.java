package dev.vidgen.serve;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A playground on ToAPIs at the base URL {@code args[0]}, its files in {@code args[1]}, its token {@code
 * VIDGEN_PLAYGROUND_TOKEN}'s, in a process of its own (one a test starts under a file-size limit): it prints {@code port=N} and stops when its standard input closes.
 */
final class PlaygroundProcess {
  private PlaygroundProcess() {}

  public static void main(String[] args) throws IOException {
    Path folder = Path.of(args[1]);
    try (VidgenClient client = VidgenClient.builder()
        .provider("toapis", ProviderConfig.builder().apiKey(ApiKey.of(System.getenv("TOAPIS_API_KEY")))
            .baseUrl(args[0]).build())
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(50)).minInterval(Duration.ofMillis(50))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
        Playground playground = Playground.start(new PlaygroundSettings(client, "127.0.0.1", 0, folder,
            TaskHistory.in(folder.resolve("home")), "grok-video-1.5-preview",
            List.of("--provider", "toapis", "--base-url", args[0]), PlaygroundSettings.DEFAULT_KEY_VARIABLE, null,
            null, PlaygroundToken.of(System.getenv("VIDGEN_PLAYGROUND_TOKEN"))))) {
      System.out.println("port=" + playground.port());
      System.out.flush();
      System.in.readAllBytes(); // until the test closes it
    }
  }
}
