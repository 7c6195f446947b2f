package dev.vidgen.core.client;

import dev.vidgen.core.domain.VideoJob;

/** Valid jobs for the client tests. */
final class Jobs {
  static final String MODEL = "grok-video-1.5-preview";

  private Jobs() {}

  /** A valid image-to-video job on grok-video-1.5-preview (10 s, $0.10 = 20 credits). */
  static VideoJob valid() {
    return VideoJob.builder(MODEL)
        .prompt("a red kite over the sea")
        .image("https://images.test/kite.png")
        .seconds(10)
        .aspectRatio("16:9")
        .build();
  }
}
