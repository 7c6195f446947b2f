package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import java.util.Locale;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.Buffer;
import okio.ForwardingSource;
import okio.Okio;

/**
 * Caps what an API answer may make vidgen read, so that no answer can exhaust memory: a
 * successful body larger than the limit fails the call with an {@link UnreadableResponseException}
 * (at once when {@code Content-Length} says so, else as soon as the limit is passed), and an error
 * body is cut to its first 64 KiB (an error page is never worth more). Result files are not API
 * answers and are not capped here; they stream to disk.
 */
public final class AnswerLimit implements Interceptor {
  /** How much of an error body is kept. */
  public static final long MAX_ERROR_BYTES = 64 * 1024;

  private final long maxBytes;
  /** The latest {@code Content-Type} read and its meaning: answers repeat it, and OkHttp parses it with a regex. */
  private volatile ContentType lastType;

  public AnswerLimit(long maxBytes) {
    if (maxBytes < 1) {
      throw new IllegalArgumentException("maxBytes must be at least 1, not " + maxBytes);
    }
    this.maxBytes = maxBytes;
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Response response = chain.proceed(chain.request());
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      ResponseBody start = response.peekBody(MAX_ERROR_BYTES);
      response.close();
      return response.newBuilder().body(start).build();
    }
    long length = body.contentLength();
    if (length > maxBytes) {
      response.close();
      throw tooLarge(length);
    }
    ForwardingSource counted = new ForwardingSource(body.source()) {
      private long total;

      @Override
      public long read(Buffer sink, long byteCount) throws IOException {
        long read = super.read(sink, byteCount);
        if (read > 0) {
          total += read;
          if (total > maxBytes) {
            sink.clear();
            throw tooLarge(-1);
          }
        }
        return read;
      }
    };
    return response.newBuilder()
        .body(ResponseBody.create(Okio.buffer(counted), contentType(response, body), length))
        .build();
  }

  private MediaType contentType(Response response, ResponseBody body) {
    String header = response.header("Content-Type");
    ContentType last = lastType;
    if (header == null || last == null || !header.equals(last.header())) {
      last = new ContentType(header, body.contentType());
      lastType = last;
    }
    return last.type();
  }

  /** A {@code Content-Type} header (null when absent) and the media type it names (null when unreadable). */
  private record ContentType(String header, MediaType type) {}

  private UnreadableResponseException tooLarge(long length) {
    String size = length > 0 ? " (" + describe(length) + " announced)" : "";
    return UnreadableResponseException.tooLarge("the answer is larger than " + describe(maxBytes) + size
        + ", the most vidgen reads from the API; if such answers are expected, raise the toapis setting "
        + "max_answer_size (such as --set max_answer_size=64MB)");
  }

  /** "8 MiB", "512 KiB", "100 bytes". */
  public static String describe(long bytes) {
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
      return bytes / (1024 * 1024) + " MiB";
    }
    if (bytes >= 1024 && bytes % 1024 == 0) {
      return bytes / 1024 + " KiB";
    }
    if (bytes >= 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }
    return bytes + " bytes";
  }
}
