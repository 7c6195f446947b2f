package dev.vidgen.provider.toapis.internal;

import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.text.KeyMask;
import dev.vidgen.core.text.SafeText;
import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each call at SLF4J debug level on {@value #LOGGER_NAME}: the request line (without its
 * query) and headers, the status, time taken and request id. Bodies are never logged; the {@code Authorization}
 * header is shown masked, and any line that would contain the key has it replaced.
 */
public final class HttpLog implements Interceptor {
  /** The SLF4J logger name; set it to debug to see the traffic. */
  public static final String LOGGER_NAME = "dev.vidgen.provider.toapis.http";

  /** Where log lines go; the SLF4J sink is the only one outside tests. */
  public interface Sink {
    boolean enabled();

    void line(String text);
  }

  private final Sink sink;
  private final ApiKey apiKey;

  public HttpLog(Sink sink, ApiKey apiKey) {
    this.sink = Objects.requireNonNull(sink, "sink == null");
    this.apiKey = Objects.requireNonNull(apiKey, "apiKey == null");
  }

  /** Logs to SLF4J at debug level. */
  public static HttpLog toSlf4j(ApiKey apiKey) {
    Logger logger = LoggerFactory.getLogger(LOGGER_NAME);
    return new HttpLog(new Sink() {
      @Override
      public boolean enabled() {
        return logger.isDebugEnabled();
      }

      @Override
      public void line(String text) {
        logger.debug(text);
      }
    }, apiKey);
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    if (!sink.enabled()) {
      return chain.proceed(chain.request());
    }
    Request request = chain.request();
    String call = request.method() + " " + shown(request.url());
    emit("--> " + call + headers(request.headers()));
    long start = System.nanoTime();
    try {
      Response response = chain.proceed(request);
      String requestId = ResponseHeaders.requestId(response.headers());
      emit("<-- " + response.code() + " " + call + " (" + millisSince(start) + " ms"
          + (requestId == null ? "" : ", request " + requestId) + ")");
      return response;
    } catch (IOException | RuntimeException e) {
      emit("<-- failed " + call + " (" + millisSince(start) + " ms): " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      throw e;
    }
  }

  private void emit(String line) {
    // The key, anything shaped like a key, and control characters a server put in a header or message.
    // A key too short to be a real one is masked only as a whole word, not letter by letter through the line.
    String masked = KeyMask.isShort(apiKey.reveal()) ? apiKey.maskIn(line)
        : line.replace(apiKey.reveal(), apiKey.masked());
    sink.line(SafeText.clean(masked));
  }

  private String headers(Headers headers) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      String value = name.toLowerCase(Locale.ROOT).equals("authorization")
          ? "Bearer " + apiKey.masked()
          : headers.value(i);
      text.append(i == 0 ? " [" : ", ").append(name).append(": ").append(value);
    }
    return text.length() == 0 ? "" : text.append(']').toString();
  }

  /** The URL without its user info and query, which may hold a password or a signed link's credentials. */
  private static String shown(HttpUrl url) {
    String whole = url.query() == null ? url.toString() : url.newBuilder().query(null).build() + "?…";
    return SafeText.withoutUserInfo(whole);
  }

  private static long millisSince(long start) {
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
  }
}
