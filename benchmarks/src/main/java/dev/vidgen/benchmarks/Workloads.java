package dev.vidgen.benchmarks;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;

/** The jobs and wire texts every benchmark uses, so that both sides of a comparison do the same work. */
public final class Workloads {
  /** The model every load driver submits to: image-to-video, one image, 10 or 15 s. */
  public static final String MODEL = "grok-video-1.5-preview";
  /** The one input image (never fetched: the fake server takes it as it is). */
  public static final String IMAGE_URL = "https://files.example.com/inputs/kite.png";
  public static final String PROMPT = "A red kite rises over green hills at dawn, slow push in, soft morning light";

  /** A status answer for a task in progress, as ToAPIs sends it. */
  public static final String STATUS_IN_PROGRESS = "{\"id\":\"video_abc123def456\",\"object\":\"generation.task\","
      + "\"model\":\"grok-video-1.5-preview\",\"status\":\"in_progress\",\"progress\":42,"
      + "\"created_at\":1768380224,\"metadata\":{}}";

  /** A status answer for a completed task, as ToAPIs sends it. */
  public static final String STATUS_COMPLETED = "{\"id\":\"video_abc123def456\",\"object\":\"generation.task\","
      + "\"model\":\"grok-video-1.5-preview\",\"status\":\"completed\",\"progress\":100,"
      + "\"created_at\":1768380224,\"completed_at\":1768380524,\"expires_at\":1768466924,"
      + "\"result\":{\"type\":\"video\",\"data\":[{\"url\":\"https://files.toapis.com/videos/abc/x.mp4\","
      + "\"format\":\"mp4\"}]}}";

  private Workloads() {}

  /** The valid job every driver submits. */
  public static VideoJob validJob() {
    return VideoJob.builder(MODEL).prompt(PROMPT).image(IMAGE_URL).seconds(10).aspectRatio("16:9").build();
  }

  /** A job with several mistakes at once (wrong duration, ratio, resolution, no image), for validation. */
  public static VideoJob invalidJob() {
    return VideoJob.builder(MODEL).prompt(PROMPT).seconds(12).aspectRatio("4:3").resolution("1080p").build();
  }

  /** The create request of {@link #validJob()}, as the client hands it to the provider. */
  public static SubmitRequest submitRequest() {
    return new SubmitRequest(validJob(), RouteCatalog.builtIn().require(MODEL), null);
  }
}
