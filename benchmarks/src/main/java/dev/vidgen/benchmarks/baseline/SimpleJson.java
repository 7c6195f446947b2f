package dev.vidgen.benchmarks.baseline;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okio.BufferedSource;

/**
 * JSON the simple way: one Moshi, a map for the create body, a small record for a task. What a
 * developer writes in an afternoon without a client library; the baseline every figure is
 * compared with.
 */
public final class SimpleJson {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Map<String, Object>> BODY =
      MOSHI.adapter(Types.newParameterizedType(Map.class, String.class, Object.class));
  private static final JsonAdapter<SimpleTask> TASK = MOSHI.adapter(SimpleTask.class);

  private SimpleJson() {}

  /** A task as the baseline reads it: only the fields it looks at. */
  public record SimpleTask(String id, String status, Integer progress, Result result) {
    /** True once the task is completed or failed. */
    public boolean done() {
      return "completed".equals(status) || "failed".equals(status);
    }

    /** The video URL of a completed task, or null. */
    public String videoUrl() {
      return result == null || result.data() == null || result.data().isEmpty() ? null : result.data().get(0).url();
    }
  }

  /** The {@code result} object of a task. */
  public record Result(String type, List<Item> data) {}

  /** One result file. */
  public record Item(String url, String format) {}

  /** The create body for an image-to-video job on grok-video-1.5-preview. */
  public static String createBody(String model, String prompt, String imageUrl, int seconds, String aspectRatio) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    body.put("prompt", prompt);
    body.put("images", List.of(imageUrl));
    body.put("seconds", Integer.toString(seconds));
    body.put("aspect_ratio", aspectRatio);
    return BODY.toJson(body);
  }

  /** Reads a task from a response body. */
  public static SimpleTask task(BufferedSource source) throws IOException {
    return TASK.fromJson(source);
  }
}
