package dev.vidgen.benchmarks.baseline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSink;
import okio.Okio;

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

  /** Copies the file at {@code url} (no authorization: another origin) to {@code target}; the HTTP status. */
  public int download(String url, Path target) throws IOException {
    try (Response response = http.newCall(new Request.Builder().url(url).get().build()).execute()) {
      if (response.isSuccessful()) {
        try (BufferedSink sink = Okio.buffer(Okio.sink(target))) {
          sink.writeAll(response.body().source());
        }
      }
      return response.code();
    }
  }

  /** {@link #create} on OkHttp's dispatcher threads ({@code enqueue}) instead of the caller's. */
  public CompletableFuture<Answer> createAsync(String body) {
    return enqueue(new Request.Builder().url(create).header("Authorization", authorization)
        .post(RequestBody.create(body, JSON)).build());
  }

  /** {@link #status} on OkHttp's dispatcher threads. */
  public CompletableFuture<Answer> statusAsync(String id) {
    return enqueue(new Request.Builder().url(tasks.newBuilder().addPathSegment(id).build())
        .header("Authorization", authorization).get().build());
  }

  private CompletableFuture<Answer> enqueue(Request request) {
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    http.newCall(request).enqueue(new Callback() {
      @Override
      public void onFailure(Call call, IOException e) {
        answer.completeExceptionally(e);
      }

      @Override
      public void onResponse(Call call, Response response) {
        try (response) {
          answer.complete(response.isSuccessful()
              ? new Answer(response.code(), SimpleJson.task(response.body().source()))
              : new Answer(response.code(), null));
        } catch (IOException | RuntimeException e) {
          answer.completeExceptionally(e);
        }
      }
    });
    return answer;
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
