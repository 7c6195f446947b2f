package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.port.CreateTurns;
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

  /**
   * Enqueues {@code call}; cancelling the future cancels the call. Whatever is thrown while the
   * answer is handled (an {@link Error} such as {@link OutOfMemoryError} included) completes the
   * future, so that no caller waits for an answer that will never be delivered.
   */
  public <T, R> CompletableFuture<R> send(Call<T> call, CallTrace trace, CallContext context, Reader<T, R> reader) {
    CompletableFuture<R> future = new CompletableFuture<>();
    call.enqueue(new Callback<T>() {
      @Override
      public void onResponse(Call<T> call, Response<T> response) {
        try {
          respond(response);
        } catch (Throwable e) {
          future.completeExceptionally(e);
          rethrowIfFatal(e);
        }
      }

      private void respond(Response<T> response) {
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
        try {
          future.completeExceptionally(failureOf(context, trace, failure));
        } catch (Throwable e) {
          future.completeExceptionally(e);
          rethrowIfFatal(e);
        }
      }
    });
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) {
        call.cancel();
      }
    });
    return future;
  }

  /**
   * {@link #send} held back by {@code stopSending}: once it is done, a call that has not begun to
   * leave (waiting for a free connection, say) never will, and the future fails at once with a
   * {@link java.util.concurrent.CancellationException}; a call on its way gets its answer. A null
   * {@code stopSending} never stops it.
   */
  public <T, R> CompletableFuture<R> send(Call<T> call, CallTrace trace, CallContext context, Reader<T, R> reader,
      java.util.concurrent.CompletionStage<?> stopSending) {
    return send(call, trace, context, reader, stopSending, CreateTurns.NONE);
  }

  /**
   * {@link #send(Call, CallTrace, CallContext, Reader, java.util.concurrent.CompletionStage)} telling
   * {@code turns}: before it is handed to the dispatcher the call is told waiting for a connection, and
   * once a connection is free it leaves only after {@link CreateTurns#leaving}'s stage completed; a failed
   * stage ends it unsent, with that stage's failure.
   */
  public <T, R> CompletableFuture<R> send(Call<T> call, CallTrace trace, CallContext context, Reader<T, R> reader,
      java.util.concurrent.CompletionStage<?> stopSending, CreateTurns turns) {
    Objects.requireNonNull(turns, "turns == null");
    if (stopSending == null && turns == CreateTurns.NONE) {
      return send(call, trace, context, reader);
    }
    CompletableFuture<R> heldBack = new CompletableFuture<>();
    if (stopSending != null) {
      stopSending.whenComplete((stopped, failure) -> {
        if (trace.holdBack()) {
          heldBack.completeExceptionally(new java.util.concurrent.CancellationException(
              "not sent: its caller stopped sending before it left; nothing was made"));
        }
      });
    }
    if (heldBack.isDone()) {
      return heldBack; // stopped before: never enqueued
    }
    if (turns != CreateTurns.NONE) {
      // Told before the dispatcher has it, so that the mark is never written after the call left.
      try {
        turns.waitingForConnection();
      } catch (RuntimeException notTold) {
        // Only a mark of the caller's is missing: the call waits and leaves as it would have.
      }
      trace.beforeLeaving(() -> heard(turns, trace, heldBack));
    }
    // Listened to before the call is enqueued: a gate that fails on a dispatcher thread at once ends the create with
    // its own failure, not with the I/O failure the held call then reports.
    CompletableFuture<R> result = new CompletableFuture<>();
    heldBack.whenComplete((never, failure) -> result.completeExceptionally(failure));
    CompletableFuture<R> future = send(call, trace, context, reader);
    future.whenComplete((answer, failure) -> {
      if (failure == null) {
        result.complete(answer);
      } else {
        result.completeExceptionally(failure);
      }
    });
    result.whenComplete((answer, failure) -> {
      if (result.isCancelled()) {
        future.cancel(true);
      }
    });
    return result;
  }

  /**
   * Completes once {@link CreateTurns#leaving}'s stage does; when it fails (or asking for it fails) the
   * call is held back and {@code heldBack} fails first, with that failure: nothing was sent.
   */
  private static CompletableFuture<Object> heard(CreateTurns turns, CallTrace trace, CompletableFuture<?> heldBack) {
    CompletableFuture<Object> heard = new CompletableFuture<>();
    java.util.function.Consumer<Throwable> refused = failure -> {
      Throwable cause = AsyncFailures.unwrap(failure);
      if (trace.holdBack()) {
        heldBack.completeExceptionally(cause);
      }
      heard.completeExceptionally(cause);
    };
    try {
      turns.leaving().whenComplete((any, failure) -> {
        if (failure == null) {
          heard.complete(any);
        } else {
          refused.accept(failure);
        }
      });
    } catch (RuntimeException e) {
      refused.accept(e);
    }
    return heard;
  }

  /**
   * An {@link Error} thrown while an answer was read, carried as an {@link IOException} through
   * Retrofit (which would otherwise let it escape past every callback) and unwrapped again here.
   */
  public static final class ReadingError extends IOException {
    private static final long serialVersionUID = 1L;

    public ReadingError(Error error) {
      super("reading the answer failed: " + error, error);
    }
  }

  /** Fetches {@code request} and completes with its body stream once the head has arrived. */
  public CompletableFuture<InputStream> stream(
      OkHttpClient client, Request request, CallTrace trace, CallContext context) {
    CompletableFuture<InputStream> future = new CompletableFuture<>();
    okhttp3.Call call = client.newCall(request.newBuilder().tag(CallTrace.class, trace).build());
    call.enqueue(new okhttp3.Callback() {
      @Override
      public void onResponse(okhttp3.Call call, okhttp3.Response response) {
        try {
          respond(response);
        } catch (Throwable e) {
          response.close();
          future.completeExceptionally(e);
          rethrowIfFatal(e);
        }
      }

      private void respond(okhttp3.Response response) {
        ResponseBody body = response.body();
        if (!response.isSuccessful()) {
          try (response) {
            MediaType type = body.contentType();
            future.completeExceptionally(errors.fromAnswer(context, response.code(), response.message(),
                response.headers(), type == null ? null : type.toString(), readQuietly(body)));
          }
          return;
        }
        // The count the server announced goes along: a video larger than the client saves is refused unread.
        if (!future.complete(dev.vidgen.core.port.VideoStream.of(body.byteStream(), body.contentLength(),
            VideoRanges.of(response.code(), response.headers(), body.contentLength())))) {
          response.close();
        }
      }

      @Override
      public void onFailure(okhttp3.Call call, IOException failure) {
        try {
          future.completeExceptionally(failureOf(context, trace, failure));
        } catch (Throwable e) {
          future.completeExceptionally(e);
          rethrowIfFatal(e);
        }
      }
    });
    future.whenComplete((result, failure) -> {
      if (future.isCancelled()) {
        call.cancel();
      }
    });
    return future;
  }

  /** The exception a failed call completes with: an {@link Error} as it is, an I/O failure mapped. */
  private Throwable failureOf(CallContext context, CallTrace trace, Throwable failure) {
    if (failure instanceof ReadingError && failure.getCause() instanceof Error error) {
      return error;
    }
    Throwable fatal = suppressedError(failure);
    if (fatal != null) {
      return fatal;
    }
    return failure instanceof IOException ? errors.fromFailure(context, trace, failure) : failure;
  }

  /** OkHttp reports an error thrown by an interceptor as "canceled due to …" with the error suppressed. */
  private static Throwable suppressedError(Throwable failure) {
    for (Throwable suppressed : failure.getSuppressed()) {
      if (suppressed instanceof Error) {
        return suppressed;
      }
    }
    return null;
  }

  /** Lets a virtual-machine error go on to the thread, after the future has been completed. */
  private static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError error) {
      throw error;
    }
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
