package dev.vidgen.benchmarks.baseline;

import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * ToAPIs the simple way: plain OkHttp calls that block, Moshi for the JSON, no validation, no
 * retries beyond what the caller writes. The baseline the load figures compare vidgen with.
 */
public final class SimpleToApisClient {
  private static final MediaType JSON = MediaType.get("application/json");

  private final OkHttpClient http;
  private final HttpUrl create;
  private final HttpUrl tasks;
  private final String authorization;

  /** An answer: the HTTP status, and the task when it was 2xx. */
  public record Answer(int code, SimpleJson.SimpleTask task) {
    public boolean ok() {
      return code / 100 == 2 && task != null;
    }
  }

  public SimpleToApisClient(OkHttpClient http, String baseUrl, String apiKey) {
    this.http = http;
    HttpUrl base = HttpUrl.get(baseUrl);
    this.create = base.resolve("/v1/videos/generations");
    this.tasks = base.resolve("/v1/videos/generations/");
    this.authorization = "Bearer " + apiKey;
  }

  /** {@code POST /v1/videos/generations} with {@code body}. */
  public Answer create(String body) throws IOException {
    return call(new Request.Builder().url(create).header("Authorization", authorization)
        .post(RequestBody.create(body, JSON)).build());
  }

  /** {@code GET /v1/videos/generations/{id}}. */
  public Answer status(String id) throws IOException {
    return call(new Request.Builder().url(tasks.newBuilder().addPathSegment(id).build())
        .header("Authorization", authorization).get().build());
  }

  private Answer call(Request request) throws IOException {
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful()) {
        return new Answer(response.code(), null);
      }
      return new Answer(response.code(), SimpleJson.task(body.source()));
    }
  }
}
