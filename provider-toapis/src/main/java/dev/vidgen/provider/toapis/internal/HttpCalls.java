package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.error.ProviderException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs calls asynchronously (OkHttp's dispatcher, never the caller's thread) and completes a
 * future with the result or with the core's exception for what went wrong. One attempt each.
 */
public final class HttpCalls {
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private final ErrorMapper errors;

  public HttpCalls(ErrorMapper errors) {
    this.errors = Objects.requireNonNull(errors, "errors == null");
  }

  /** Turns a successful body into the result; may throw for a body that does not make sense. */
  @FunctionalInterface
  public interface Reader<T, R> {
    R read(T body, int status, okhttp3.Headers headers) throws UnreadableResponseException;
  }

  /** Enqueues {@code call}; cancelling the future cancels the call. */
  public <T, R> CompletableFuture<R> send(Call<T> call, CallTrace trace, CallContext context, Reader<T, R> reader) {
    CompletableFuture<R> future = new CompletableFuture<>();
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> call, Response<T> response) {
        if (!response.isSuccessful()) {
          future.completeExceptionally(fromErrorAnswer(context, response));
          return;
        }
        try {
          future.complete(reader.read(response.body(), response.code(), response.headers()));
        } catch (UnreadableResponseException e) {
          future.completeExceptionally(errors.fromUnreadable(context, response.code(), response.headers(), e));
        } catch (ProviderException e) {
          future.completeExceptionally(e);
        } catch (RuntimeException e) {
          UnreadableResponseException unreadable =
              new UnreadableResponseException("the answer could not be understood: " + e.getMessage(), null, e);
          future.completeExceptionally(
              errors.fromUnreadable(context, response.code(), response.headers(), unreadable));
        }
      }

      @Override
      public void onFailure(Call<T> call, Throwable failure) {
        future.completeExceptionally(failure instanceof IOException
            ? errors.fromFailure(context, trace, failure)
            : failure);
      }
    });
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) {
        call.cancel();
      }
    });
    return future;
  }

  /** Fetches {@code request} and completes with its body stream once the head has arrived. */
  public CompletableFuture<InputStream> stream(
      OkHttpClient client, Request request, CallTrace trace, CallContext context) {
    CompletableFuture<InputStream> future = new CompletableFuture<>();
    okhttp3.Call call = client.newCall(request.newBuilder().tag(CallTrace.class, trace).build());
    call.enqueue(new okhttp3.Callback() {
      @Override
      public void onResponse(okhttp3.Call call, okhttp3.Response response) {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
          try (response) {
            MediaType type = body.contentType();
            future.completeExceptionally(errors.fromAnswer(context, response.code(), response.message(),
                response.headers(), type == null ? null : type.toString(), readQuietly(body)));
          }
          return;
        }
        if (!future.complete(body.byteStream())) {
          response.close();
        }
      }

      @Override
      public void onFailure(okhttp3.Call call, IOException failure) {
        future.completeExceptionally(errors.fromFailure(context, trace, failure));
      }
    });
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) {
        call.cancel();
      }
    });
    return future;
  }

  private ProviderException fromErrorAnswer(CallContext context, Response<?> response) {
    ResponseBody body = response.errorBody();
    MediaType type = body == null ? null : body.contentType();
    String text = body == null ? null : readQuietly(body);
    return errors.fromAnswer(context, response.code(), response.message(), response.headers(),
        type == null ? null : type.toString(), text);
  }

  /** The start of an error body (at most 64 KiB: an error page is never worth more). */
  private static String readQuietly(ResponseBody body) {
    try {
      okio.BufferedSource source = body.source();
      source.request(MAX_ERROR_BODY);
      okio.Buffer buffer = source.getBuffer();
      return buffer.readUtf8(Math.min(buffer.size(), MAX_ERROR_BODY));
    } catch (IOException e) {
      return null;
    }
  }
}
