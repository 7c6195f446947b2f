package dev.vidgen.provider.toapis.internal;

import java.io.IOException;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.Response;

/**
 * What happened to one call on the wire: whether the request left (a connection was made and
 * sending began) and whether a response head came back. It tells a connection that failed before
 * sending (always safe to repeat) from a request sent but not answered (ambiguous for a create).
 * Attached to the request as a tag; filled in by {@link #networkInterceptor()}.
 */
public final class CallTrace {
  private volatile boolean sent;
  private volatile int status;
  private volatile Headers headers;

  /** Whether sending began on an open connection. */
  public boolean sent() {
    return sent;
  }

  /** Whether a response head arrived. */
  public boolean answered() {
    return status > 0;
  }

  /** The HTTP status of the response head, or 0. */
  public int status() {
    return status;
  }

  /** The response headers, or null when none arrived. */
  public Headers headers() {
    return headers;
  }

  /** The interceptor that fills in the trace; add it as a network interceptor. */
  public static Interceptor networkInterceptor() {
    return CallTrace::intercept;
  }

  private static Response intercept(Interceptor.Chain chain) throws IOException {
    CallTrace trace = chain.request().tag(CallTrace.class);
    if (trace != null) {
      trace.sent = true;
    }
    Response response = chain.proceed(chain.request());
    if (trace != null) {
      trace.headers = response.headers();
      trace.status = response.code();
    }
    return response;
  }
}
